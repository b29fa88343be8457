"""Learners' files of every course version and style get the right verdict.

Each file in tests/gradcheck/learners/ says in its header what it is and
what it must get; the table below is that verdict: passed, the root causes
(lowest level first), the dA convention and the contract differences.
"""

import json
from pathlib import Path

import pytest

from reference.checks.checker import check
from reference.seed_functions import HELPERS

LEARNERS = Path(__file__).parent / "learners"
SMALL = dict(layer_dims=[5, 4, 3, 1], examples=6)

# file: (verdict, root causes, dA convention, contract differences). Most files here hold part of the
# Step-by-Step notebook (their style is what they test): right but INCOMPLETE, or FAIL.
VERDICTS = {
    "correct_notebook.py": ("PASS", [], "dA{l-1}", []),
    "pre_v4_dA_l.py": ("INCOMPLETE", [], "dA{l}", []),
    "v8_public_tests.py": ("INCOMPLETE", [], "dA{l-1}", []),
    "class_static_methods.py": ("INCOMPLETE", [], "dA{l-1}", []),
    "instance_methods.py": ("INCOMPLETE", [], "dA{l}", []),
    "module_object.py": ("INCOMPLETE", [], "dA{l-1}", []),
    "fragment_without_imports.py": ("INCOMPLETE", [], None, []),
    "partial_without_helpers.py": ("INCOMPLETE", [], None, []),
    "own_sigmoid_returns_A.py": ("INCOMPLETE", [], "dA{l-1}", ["sigmoid", "relu"]),
    "own_sigmoid_relu_backward_writes_cache.py": ("FAIL", ["relu_backward"], "dA{l-1}", ["sigmoid", "relu"]),
    "own_cache_holds_A.py": ("FAIL", ["sigmoid", "sigmoid_backward"], None, ["sigmoid", "sigmoid_backward"]),
    "own_sigmoid_returns_A_template_unpacks.py": ("FAIL", ["sigmoid"], None, ["sigmoid"]),
    "fragment_without_numpy_db_bug.py": ("FAIL", ["linear_backward"], None, []),
    "independent_problems.py": ("FAIL", ["update_parameters", "L_model_backward"], None, []),
    "cost_not_squeezed.py": ("FAIL", ["compute_cost"], None, []),
    "assertion_with_message.py": ("FAIL", ["linear_backward"], None, []),
    "eval_activation_backward.py": ("FAIL", ["relu_backward"], None, []),
    "unfilled_template_inlined_backward.py": ("FAIL", ["relu_backward", "linear_activation_backward"], "dA{l-1}", []),
    "dA_keys_of_neither_convention.py": ("FAIL", ["L_model_backward"], None, []),
    "application_current.py": ("PASS", [], None, []),
}
RIGHT = sorted(name for name, (verdict, *_) in VERDICTS.items() if verdict != "FAIL")


def test_every_learner_file_has_a_verdict():
    assert set(VERDICTS) == {p.name for p in LEARNERS.glob("*.py")}


@pytest.fixture(scope="module")
def reports():
    return {}


def _report(reports, name):
    if name not in reports:
        reports[name] = check(LEARNERS / name, **SMALL)
    return reports[name]


@pytest.mark.parametrize("name", sorted(VERDICTS))
def test_the_learner_file_gets_its_verdict(reports, name):
    verdict, causes, convention, differences = VERDICTS[name]
    report = _report(reports, name)
    assert (report.verdict, report.root_causes, report.dA_convention, report.contract_differences) == \
        (verdict, causes, convention, differences), report.to_text()
    assert report.passed is (verdict == "PASS")
    if verdict != "FAIL":  # a failing file may lack functions too: FAIL says it first
        assert report.complete is (verdict == "PASS")
    assert report.root_cause == (causes[0] if causes else None)
    line = report.verdict_line()
    assert line.startswith(verdict + ":") and line in " ".join(report.to_text().split()), line
    if len(causes) > 1:
        assert f"{len(causes)} independent problems: " in line and all(c in line for c in causes)
    elif causes:
        assert f"Root cause: {causes[0]}" in line
    data = json.loads(report.to_json())
    assert (data["verdict"], data["passed"], data["root_causes"], data["root_cause"], data["dA_convention"],
            data["contract_differences"]) == (verdict, verdict == "PASS", causes, report.root_cause, convention,
                                              differences)


@pytest.mark.parametrize("name", RIGHT)
def test_a_right_file_passes_every_check_it_gets_with_a_1000x_margin(reports, name):
    report = _report(reports, name)
    assert not [c for c in report.checks if c.passed is not True and not c.differs]
    for c in report.checks:
        if c.rel_error is not None and c.oracle != "taylor":
            assert c.rel_error * 1000 <= c.tolerance, (c.function, c.target, c.oracle, c.rel_error)


@pytest.mark.parametrize("name", [n for n in RIGHT if VERDICTS[n][0] == "INCOMPLETE"])
def test_a_right_fragment_checked_with_only_what_it_defines_passes(reports, name):
    report = check(LEARNERS / name, only=_report(reports, name).found, **SMALL)
    assert report.passed and report.verdict == "PASS" and not report.missing, report.to_text()


@pytest.mark.parametrize("name", ["pre_v4_dA_l.py", "instance_methods.py"])
def test_the_pre_v4_convention_checks_dA1_to_dAL_and_names_it(reports, name):
    report = _report(reports, name)
    dA = {c.target for c in report.checks if c.function == "L_model_backward" and c.target.startswith("dA")}
    assert dA == {"dA1", "dA2", "dA3"}
    for target in dA:  # every oracle, not only JAX
        oracles = {c.oracle for c in report.checks if c.target == target}
        assert {"jax-grad", "directional-fd", "complex-step"} <= oracles
    text = report.to_text(verbose=True)
    assert "dA keys: dA{l} holds the gradient for A[l-1]" in text and "before v4" in text
    assert "no 'dA0'" not in text and "FAIL" not in text


def test_the_v4_convention_is_named_too(reports):
    text = _report(reports, "correct_notebook.py").to_text(verbose=True)
    assert "dA keys: dA{l-1} holds the gradient for A[l-1]" in text and "since v4" in text


@pytest.mark.parametrize("name, where", [
    ("class_static_methods.py", "static methods of class NN"),
    ("instance_methods.py", "methods of instance model of class DeepNetwork"),
    ("module_object.py", "class methods of class Forward"),
    ("module_object.py", "attributes of object backprop"),
])
def test_functions_inside_objects_are_found_and_said_where(reports, name, where):
    report = _report(reports, name)
    assert any(note.startswith(f"found as {where}: ") for note in report.notes), report.notes
    assert not set(report.missing) & set(HELPERS)  # the helpers these files import from dnn_utils are supplied
    assert report.supplied == ([] if name == "class_static_methods.py" else
                               ["sigmoid", "relu", "sigmoid_backward", "relu_backward"])


def test_a_class_without_an_instance_says_why_its_methods_are_not_checked(tmp_path):
    path = tmp_path / "no_instance.py"
    path.write_text("import numpy as np\n\nclass Net:\n    def __init__(self, dims):\n        self.dims = dims\n\n"
                    "    def linear_forward(self, A, W, b):\n        return W @ A + b, (A, W, b)\n")
    report = check(path, **SMALL)
    assert not report.checks and "linear_forward" in report.missing
    assert any("class Net defines linear_forward as methods, but the file creates no instance" in n
               for n in report.notes)


def test_numpy_and_copy_are_supplied_with_a_note_only_when_not_imported(reports):
    notes = " ".join(_report(reports, "fragment_without_imports.py").notes)
    assert "uses np, copy without importing it" in notes and "import numpy as np; import copy" in notes
    for name in ("correct_notebook.py", "v8_public_tests.py"):
        assert not any("without importing" in n for n in _report(reports, name).notes)


def test_a_missing_numpy_import_never_hides_the_real_bug(reports):
    report = _report(reports, "fragment_without_numpy_db_bug.py")
    assert not any("NameError" in c.detail for c in report.checks)
    assert {c.target for c in report.checks if c.passed is False} == {"db"}


def test_the_cost_of_shape_1_1_fails_in_the_courses_words(reports):
    report = _report(reports, "cost_not_squeezed.py")
    (failure,) = [c for c in report.checks if c.passed is False]
    assert failure.target == "cost" and "cost has shape (1, 1)" in failure.detail
    assert "np.squeeze" in failure.detail and "cost.shape == ()" in failure.detail
    assert "its value is right" in failure.detail


def test_what_loading_printed_and_what_the_functions_printed_are_separate_notes(reports):
    notes = _report(reports, "v8_public_tests.py").notes
    assert any(n.startswith("while loading, the file's top-level code printed 3 line(s)") for n in notes), notes
    assert not any("while being checked" in n for n in notes)  # its functions print nothing
    notes = _report(reports, "correct_notebook.py").notes  # prints once at load, and in compute_cost
    assert any(n.startswith("while loading, the file's top-level code printed 1 line(s)") for n in notes)
    assert any(n.startswith("the functions printed") and "while being checked" in n for n in notes)


def test_an_own_helper_returning_A_alone_is_a_difference_shown_plainly(reports):
    report = _report(reports, "own_sigmoid_returns_A.py")
    differences = [c for c in report.checks if c.differs]
    assert {(c.function, c.target) for c in differences} == {("sigmoid", "returns"), ("relu", "returns")}
    assert all(c.verdict == "DIFFERS" and c.passed is None for c in differences)
    assert {c.function for c in report.checks if c.target == "A" and c.passed} >= {"sigmoid", "relu"}
    text = report.to_text(verbose=True)
    assert "DIFFERS sigmoid returns (contract): returns A alone, not (A, cache)" in text
    line = check(LEARNERS / "own_sigmoid_returns_A.py", only=report.found, **SMALL).verdict_line()
    assert line.startswith("PASS") and "contract differences, consistent with your own code: sigmoid, relu" in line
    page = " ".join(report.to_text().split())  # the page says what differs, one line per helper
    assert "Differences from the course's contract, consistent with your code (not failures):" in page
    assert "sigmoid: returns A alone, not (A, cache)" in page and "relu: returns A alone" in page


def test_an_own_backward_helper_right_on_its_own_cache_differs_rather_than_fails(reports):
    report = _report(reports, "own_cache_holds_A.py")
    sigmoid_backward = [c for c in report.checks if c.function == "sigmoid_backward"]
    assert not [c for c in sigmoid_backward if c.passed is False]
    assert [c.target for c in sigmoid_backward if c.differs] == ["cache"]
    assert {c.function for c in report.checks if c.passed is False} == \
        {"linear_activation_forward", "linear_activation_backward"}


def test_a_wrong_own_backward_helper_still_fails(tmp_path):
    """The bug zoo's sigmoid_backward that treats the cache Z as A fails even
    when the file's own sigmoid keeps A in its cache: the course's linear
    pieces around it pass, so it is not a difference the file follows."""
    source = (LEARNERS / "own_cache_holds_A.py").read_text().replace("return dA * A * (1 - A)",
                                                                     "return dA * A")
    path = tmp_path / "wrong.py"
    path.write_text(source)
    report = check(path, **SMALL)
    assert "sigmoid_backward" in report.failing_functions and "sigmoid_backward" in report.root_causes


def test_an_own_cache_of_another_shape_is_a_difference_too(tmp_path):
    """relu caches (Z,) and relu_backward unpacks it: consistent, not the
    course's; linear_activation_* fail on the course's caches, because of it."""
    path = tmp_path / "tuple_cache.py"
    path.write_text("import numpy as np\nfrom dnn_utils import sigmoid, sigmoid_backward\n\n\n"
                    "def relu(Z):\n    return np.maximum(0, Z), (Z,)\n\n\n"
                    "def relu_backward(dA, cache):\n    Z, = cache\n    return dA * (Z > 0)\n\n\n"
                    "def linear_activation_forward(A_prev, W, b, activation):\n"
                    "    Z = W @ A_prev + b\n"
                    "    A, activation_cache = relu(Z) if activation == 'relu' else sigmoid(Z)\n"
                    "    return A, ((A_prev, W, b), activation_cache)\n")
    report = check(path, **SMALL)
    assert report.contract_differences == ["relu", "relu_backward"]
    assert report.failing_functions == ["linear_activation_forward"]
    assert report.root_causes == ["relu"]
    assert [c.detail for c in report.checks if c.function == "relu_backward" and c.differs] == [
        "takes the cache the file's own relu forward makes, not Z as the course's relu_backward does: "
        "a difference the course's caches ((A_prev, W, b), Z) do not follow"]


def test_an_unfilled_template_says_what_is_none(tmp_path):
    path = tmp_path / "template.py"
    path.write_text("def linear_forward(A, W, b):\n    Z = None  # YOUR CODE HERE\n    cache = (A, W, b)\n"
                    "    return Z, cache\n")
    (failure,) = [c for c in check(path, **SMALL).checks if c.passed is False]
    assert failure.detail == "Z is None"

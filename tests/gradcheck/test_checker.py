"""The checker on manual_dnn, on learners' files, and on broken implementations."""

from pathlib import Path

import numpy as np
import pytest

import manual_dnn
from reference.bug_zoo import seed_namespace
from reference.checks.checker import check
from reference.learner.loading import ImplementationError, load_implementation
from reference.seed_functions import SEED_FUNCTIONS

LEARNERS = Path(__file__).parent / "learners"
SMALL = dict(layer_dims=[5, 4, 3, 1], examples=6)


def _failures(report):
    return [c for c in report.checks if c.passed is False]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_manual_dnn_passes_every_check_with_a_1000x_margin(seed):
    report = check(manual_dnn, seed=seed, **SMALL)
    assert report.passed and report.root_cause is None
    assert not [c for c in report.checks if c.passed is None]
    for c in report.checks:
        if c.rel_error is not None:
            assert c.rel_error * 1000 <= c.tolerance, (c.function, c.target, c.oracle, c.rel_error)


def test_manual_dnn_passes_at_the_real_size_of_the_cat_network():
    report = check(manual_dnn)  # [12288, 20, 7, 5, 1], 209 examples
    assert report.network == [12288, 20, 7, 5, 1] and report.examples == 209
    assert report.passed, report.to_text()
    targets = {c.target for c in report.checks if c.function == "L_model_backward"}
    assert {"dW1", "db1", "dA0", "dW4", "db4", "dA3"} <= targets
    oracles = {c.oracle for c in report.checks}
    assert {"jax-vjp", "jax-grad", "central-fd", "directional-fd", "complex-step", "taylor"} <= oracles


def test_every_seed_function_is_checked():
    report = check(manual_dnn, **SMALL)
    assert {c.function for c in report.checks} == set(SEED_FUNCTIONS)


def test_a_correct_learner_notebook_passes_with_its_prints_captured_and_in_place_update_noted(capsys):
    report = check(LEARNERS / "correct_notebook.py", **SMALL)
    assert report.passed, report.to_text()
    assert sorted(report.supplied) == ["relu", "relu_backward", "sigmoid", "sigmoid_backward"]
    assert any("changes the parameters dict it is given" in note for note in report.notes)
    assert any("printed" in note for note in report.notes)
    assert capsys.readouterr().out == ""  # the learner's prints never reach the terminal
    assert "cost =" not in report.to_text() and "cost =" not in report.to_json()


def test_helpers_left_to_the_notebook_are_supplied_and_missing_functions_listed():
    report = check(LEARNERS / "partial_without_helpers.py", **SMALL)
    assert report.verdict == "INCOMPLETE" and not _failures(report), report.to_text()  # right, but not all there
    assert {c.function for c in report.checks} == {"linear_forward", "linear_backward", "linear_activation_forward"}
    assert "L_model_backward" in report.missing and "relu" in report.supplied


def test_a_notebooks_globals_mapping_can_be_checked_and_is_named_so():
    namespace = {**seed_namespace(), "__name__": "__main__"}  # what globals() holds in a notebook
    report = check(namespace, **SMALL)
    assert report.passed and report.implementation == "globals()"
    assert report.to_text().startswith("manual-dnn gradcheck: globals() on layers")
    assert check(seed_namespace(), **SMALL).implementation == "a dict of functions"


def _learner(tmp_path, body, name="learner.py"):
    """The correct notebook with one function replaced by ``body``."""
    source = (LEARNERS / "correct_notebook.py").read_text()
    path = tmp_path / name
    path.write_text(source + "\n\n" + body)
    return path


def _only_failure(report, function):
    failures = _failures(report)
    assert failures, report.to_text()
    assert report.root_cause == function
    return failures


def test_an_exception_is_a_failure_with_its_reason_not_a_crash(tmp_path):
    path = _learner(tmp_path, "def sigmoid_backward(dA, cache):\n    raise NotImplementedError('todo')\n")
    report = check(path, **SMALL)
    failures = _only_failure(report, "sigmoid_backward")
    assert any("raised NotImplementedError: todo" in c.detail for c in failures)


def test_a_wrong_return_arity_is_a_failure(tmp_path):
    body = "def linear_backward(dZ, cache):\n    A, W, b = cache\n    return W.T @ dZ, dZ @ A.T / A.shape[1]\n"
    path = _learner(tmp_path, body)
    failures = _only_failure(check(path, **SMALL), "linear_backward")
    assert any("returned 2 values, expected (dA_prev, dW, db)" in c.detail for c in failures)


def test_a_wrong_shape_is_a_failure(tmp_path):
    path = _learner(tmp_path, "def relu_backward(dA, cache):\n    return (dA * (cache > 0)).T\n")
    failures = _only_failure(check(path, **SMALL), "relu_backward")
    assert any("dZ has shape (5, 3), expected (3, 5)" in c.detail for c in failures)


def test_nan_is_a_failure(tmp_path):
    path = _learner(tmp_path, "def sigmoid_backward(dA, cache):\n    return dA * np.nan\n")
    failures = _only_failure(check(path, **SMALL), "sigmoid_backward")
    assert any("is NaN" in c.detail for c in failures)


def test_writing_into_an_input_is_a_failure(tmp_path):
    body = "def relu_backward(dA, cache):\n    dZ = dA\n    dZ[cache <= 0] = 0\n    return dZ\n"
    failures = _only_failure(check(_learner(tmp_path, body), **SMALL), "relu_backward")
    assert any(c.target == "dA" and "writes into its argument dA" in c.detail for c in failures)


def test_a_forward_function_writing_into_its_input_is_a_failure(tmp_path):
    body = "def relu(Z):\n    Z[Z < 0] = 0\n    return Z, Z\n"
    failures = _only_failure(check(_learner(tmp_path, body), **SMALL), "relu")
    assert any("writes into its argument Z" in c.detail for c in failures)


def test_a_wrong_value_names_the_worst_entry_with_both_values(tmp_path):
    body = ("def linear_backward(dZ, cache):\n    A, W, b = cache\n"
            "    return W.T @ dZ, dZ @ A.T, dZ.sum(axis=1, keepdims=True) / A.shape[1]\n")
    report = check(_learner(tmp_path, body), **SMALL)
    failures = _only_failure(report, "linear_backward")
    jax = next(c for c in failures if c.function == "linear_backward" and c.target == "dW" and c.oracle == "jax-vjp")
    index = tuple(jax.worst["index"])
    assert jax.worst["actual"] == pytest.approx(5 * jax.worst["expected"])  # the layer point has m = 5
    assert f"dW[{index[0]}, {index[1]}]: hand-written" in jax.detail and "JAX" in jax.detail


def test_the_root_cause_is_the_lowest_failing_function(tmp_path):
    body = "def relu_backward(dA, cache):\n    return np.array(dA, copy=True)\n"  # forgets the mask
    report = check(_learner(tmp_path, body), **SMALL)
    assert report.root_cause == "relu_backward"
    assert report.failing_functions == ["relu_backward", "linear_activation_backward", "L_model_backward"]


@pytest.mark.parametrize("text, message", [
    ("def f(:\n", "bad.py: line 1: invalid syntax"),
    ("x = 1\0\n", "not a Python source file"),
])
def test_a_file_that_cannot_be_parsed_is_an_implementation_error(tmp_path, text, message):
    path = tmp_path / "bad.py"
    path.write_text(text)
    with pytest.raises(ImplementationError, match=message):
        check(path, **SMALL)


EXPORTED_NOTEBOOK_TOP = """\
import numpy as np
from testCases import *
from public_tests import *
get_ipython().run_line_magic('matplotlib', 'inline')
np.random.seed(1)
"""
TEST_CELL = """\
t_dZ, t_linear_cache = linear_backward_test_case()
t_dA_prev, t_dW, t_db = linear_backward(t_dZ, t_linear_cache)
linear_backward_test(linear_backward)
"""


def test_an_exported_notebook_is_checked_despite_its_test_case_calls(tmp_path):
    body = (LEARNERS / "partial_without_helpers.py").read_text()
    path = tmp_path / "Step_by_Step.py"
    path.write_text(EXPORTED_NOTEBOOK_TOP + body + TEST_CELL + "raise SystemExit('done')\n")
    report = check(path, **SMALL)
    assert report.verdict == "INCOMPLETE" and not _failures(report), report.to_text()
    assert {c.function for c in report.checks} == {"linear_forward", "linear_backward", "linear_activation_forward"}
    note = next(n for n in report.notes if "could not run here" in n)
    assert note.startswith("6 top-level statement(s)") and "line 2: ModuleNotFoundError" in note
    assert "get_ipython" not in note  # the exported magic does nothing here, as it does no harm


def test_a_jupyter_notebook_is_read_cell_by_cell_with_magics_skipped_line_by_line(tmp_path):
    import nbformat

    body = (LEARNERS / "partial_without_helpers.py").read_text()
    v4 = nbformat.v4
    cells = [
        v4.new_markdown_cell("# Building your Deep Neural Network"),
        v4.new_code_cell("%matplotlib inline\n!pip list\nimport numpy as np\n"),
        v4.new_code_cell(body),
        v4.new_code_cell("def L_model_backward(AL, Y, caches):\n    # YOUR CODE HERE\n"),
        v4.new_code_cell(TEST_CELL),
    ]
    path = tmp_path / "Step_by_Step.ipynb"
    nbformat.write(v4.new_notebook(cells=cells), path)
    report = check(path, **SMALL)
    assert report.verdict == "INCOMPLETE" and not _failures(report), report.to_text()
    assert "linear_backward" in {c.function for c in report.checks} and "L_model_backward" in report.missing
    assert any(n.startswith("4 top-level statement(s) could not run here") for n in report.notes)
    skipped = load_implementation(path).skipped
    # The magics are IPython calls now, which do nothing here: only the unfinished cell and the test cell fail.
    # Code cells are counted as Jupyter users count them: code cells only, from 1.
    assert not any("get_ipython" in s or s.startswith("code cell 1") for s in skipped)
    assert any(s.startswith("code cell 3, line 2: SyntaxError") for s in skipped)
    assert any(s.startswith("code cell 4, line 1: NameError") for s in skipped)


def test_a_file_that_is_not_a_notebook_is_an_implementation_error(tmp_path):
    path = tmp_path / "broken.ipynb"
    path.write_text("{not json")
    with pytest.raises(ImplementationError, match="not valid JSON at line 1, column 2"):
        check(path, **SMALL)


def test_a_missing_file_is_an_implementation_error(tmp_path):
    with pytest.raises(ImplementationError, match="no such file"):
        check(tmp_path / "absent.py", **SMALL)


def test_the_check_point_is_reproducible_from_the_seed():
    a = check(manual_dnn, seed=4, **SMALL)
    b = check(manual_dnn, seed=4, **SMALL)
    assert [c.rel_error for c in a.checks] == [c.rel_error for c in b.checks]


def test_full_fd_checks_every_parameter_or_the_chosen_ones():
    report = check(manual_dnn, full_fd=True, **SMALL)
    full = {c.target for c in report.checks if c.oracle == "full-fd"}
    assert full == {"dW1", "db1", "dW2", "db2", "dW3", "db3"}
    report = check(manual_dnn, full_fd=True, params=["W1", "b3"], **SMALL)
    assert {c.target for c in report.checks if c.oracle == "full-fd"} == {"dW1", "db3"}
    assert report.passed


def test_checking_on_the_cat_images(cat_data):
    X, Y, *_ = cat_data
    report = check(manual_dnn, layer_dims=[12288, 7, 1], X=X[:, :50], Y=Y[:, :50].astype(float))
    assert report.data == "cat-image" and report.examples == 50
    assert report.passed, report.to_text()
    assert np.isfinite([c.rel_error for c in report.checks if c.rel_error is not None]).all()


def test_a_function_without_return_is_told_so(tmp_path):
    body = ("def update_parameters(parameters, grads, learning_rate):\n"
            "    for key in parameters:\n        parameters[key] -= learning_rate * grads['d' + key]\n")
    failures = _only_failure(check(_learner(tmp_path, body), **SMALL), "update_parameters")
    assert any("returned None (is a return statement missing?)" in c.detail for c in failures)


@pytest.mark.parametrize("data, message", [
    (dict(X=np.ones((5, 6))), "give X and Y together"),
    (dict(Y=np.ones((1, 6))), "give X and Y together"),
    (dict(X=np.ones((5, 6)), Y=np.ones((1, 5))), r"Y has shape \(1, 5\) but X has 6 examples"),
    (dict(X=np.ones((4, 6)), Y=np.ones((1, 6))), "X has 4 rows but layer_dims starts with 5"),
    (dict(X=np.full((5, 6), np.nan), Y=np.ones((1, 6))), "must be finite"),
])
def test_data_that_does_not_fit_the_network_is_refused_before_anything_runs(data, message):
    with pytest.raises(ValueError, match=message):
        check(manual_dnn, layer_dims=[5, 4, 1], **data)


def test_functions_in_a_time_cell_count_and_other_cell_magics_are_skipped(tmp_path):
    import nbformat

    v4 = nbformat.v4
    cells = [v4.new_code_cell("import numpy as np"),
             v4.new_code_cell("%%time\ndef relu(Z):\n    return np.maximum(0, Z), Z\n"),
             v4.new_code_cell("%%bash\necho hello\n")]
    path = tmp_path / "magics.ipynb"
    nbformat.write(v4.new_notebook(cells=cells), path)
    impl = load_implementation(path)
    try:
        assert "relu" in impl.names and "relu" not in impl.supplied
        assert impl.skipped == ["code cell 3, line 1: NotImplementedError: a %%bash cell is not run here"]
    finally:
        impl.close()


CORPUS = Path(__file__).resolve().parent.parent / "learners"


def test_an_import_inside_the_function_is_an_import_no_note_says_otherwise():
    from reference.learner.loading import from_path

    impl = from_path(CORPUS / "step_by_step" / "split_backward_activation.py")
    assert impl.supplied_imports == []
    assert not [n for n in impl.notes if "without importing" in n]
    fragment = from_path(CORPUS / "step_by_step" / "fragment_linear_backward_no_import.py")
    assert fragment.supplied_imports == ["import numpy as np"]


def test_an_application_fragment_gets_the_step_by_step_functions_it_calls_as_supplied():
    from reference.learner.loading import from_path

    impl = from_path(CORPUS / "application" / "app_fragment_two_layer_no_imports.py")
    assert list(impl.functions) == ["two_layer_model"]
    assert {"initialize_parameters", "linear_activation_forward", "compute_cost", "linear_activation_backward",
            "update_parameters"} <= set(impl.supplied)
    misspelt = from_path(CORPUS / "step_by_step" / "bug_misspelt_definition.py")
    assert "linear_activation_backward" not in misspelt.supplied  # its own notebook's: the learner's NameError

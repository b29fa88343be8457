"""The assignments as data: every table reads without JAX (the learner's sandbox reads them), and a
file is recognised from the names and signatures it defines."""

import subprocess
import sys

import pytest

from reference.assignments import NAMES, all_assignments, assignment
from reference.assignments.detection import defined_in_source, recognise
from reference.engine.assignment import Assignment
from reference.engine.declarations import Function


def test_every_assignment_table_and_course_module_imports_without_jax():
    code = (
        "import sys\n"
        "sys.modules['jax'] = None\n"
        "from reference.assignments import all_assignments\n"
        "for each in all_assignments():\n"
        "    each.course_modules and each.course_modules()\n"
        "assert not [m for m in sys.modules if m.startswith('jax') and sys.modules[m] is not None]\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_every_table_names_its_functions_once_and_its_calls_inside_it():
    for each in all_assignments():
        names = [row.name for row in each.functions]
        assert len(names) == len(set(names)), each.name
        for row in each.functions:
            assert set(row.calls) | set(row.needs) <= set(names), (each.name, row.name)
            assert set(row.judge) <= set(row.outputs), (each.name, row.name)
        assert each.graded and assignment(each.name) is each


def _toy(name, *rows):
    return Assignment(name, name.title(), "a course", tuple(Function(n, tuple(args), "out") for n, args in rows),
                      points=None)


TOYS = [
    _toy("alpha", ("forward", ["X", "parameters"]), ("predict", ["parameters", "X"]), ("only_alpha", ["x"])),
    _toy("beta", ("forward", ["x", "theta"]), ("predict", ["X", "y", "parameters"]), ("only_beta", ["x"]),
         ("also_beta", ["y"])),
]


@pytest.mark.parametrize("source, expected", [
    ("def only_alpha(x): pass\ndef forward(X, parameters): pass", "alpha"),
    ("def forward(x, theta): pass", "beta"),  # a shared name, told apart by its signature
    ("def predict(X, y, parameters): pass\ndef only_beta(x): pass", "beta"),
    ("def only_beta(x): pass\ndef also_beta(y): pass\ndef predict(parameters, X): pass\n", "beta"),  # a stray
    ("class Net:\n    def only_alpha(self, x): pass\n", "alpha"),
    ("only_alpha = lambda x: x\n", "alpha"),
])
def test_a_file_is_recognised_by_the_names_and_signatures_it_defines(source, expected):
    found = recognise(defined_in_source([source]), TOYS)
    assert found.assignment is not None and found.assignment.name == expected, found.message


def test_a_stray_name_of_another_assignment_is_said_not_graded():
    found = recognise(defined_in_source(["def only_beta(x): pass\ndef also_beta(y): pass\n"
                                         "def only_alpha(x): pass\n"]), TOYS)
    assert found.assignment.name == "beta" and found.evidence["alpha"] == ["only_alpha"]
    assert "also defines only_alpha (alpha's): checked as beta, where they are not graded" in found.message
    # predict in alpha's signature speaks for alpha, but beta has a predict too: it is checked there, not stray
    found = recognise(defined_in_source(["def only_beta(x): pass\ndef also_beta(y): pass\n"
                                         "def predict(parameters, X): pass\n"]), TOYS)
    assert found.assignment.name == "beta" and found.evidence["alpha"] == ["predict"]
    assert "also defines" not in found.message


def test_a_name_the_chosen_assignment_has_too_is_not_said_to_be_another_assignments():
    """sigmoid is logistic_regression's graded function and a helper of the cat network: in a cat-network
    file it is checked, so no note may call it another assignment's, not graded."""
    import manual_dnn
    from reference.learner.loading import load_implementation

    impl = load_implementation(manual_dnn)
    assert impl.assignment == "dnn" and "sigmoid" in impl.names
    assert not [note for note in impl.notes if "also defines" in note], impl.notes


def test_a_file_of_two_assignments_is_asked_which_and_a_file_of_none_is_told_what_was_looked_for():
    both = recognise(defined_in_source(["def only_alpha(x): pass\ndef only_beta(x): pass"]), TOYS)
    assert both.assignment is None and "--assignment alpha or --assignment beta" in both.message
    none = recognise(defined_in_source(["def unrelated(x): pass"]), TOYS)
    assert none.assignment is None and not none.evidence and "only_alpha" in none.message


def test_an_export_with_output_pasted_between_its_functions_is_still_read():
    text = ("def only_alpha(x):\n    return x\nW1 = [[ 0.1 -0.2]]\n  broken indent\n"
            "def forward(X, parameters):\n    pass\n")
    assert set(defined_in_source([text])) == {"only_alpha", "forward"}


def test_the_cat_networks_files_are_recognised_as_the_cat_network():
    from pathlib import Path

    from reference.learner.source import code_cells

    corpus = Path(__file__).resolve().parent.parent / "learners"
    for path in sorted(p for folder in ("step_by_step", "application") for p in (corpus / folder).glob("*.py")):
        if path.name == "no_seed_functions.py":
            continue
        found = recognise(defined_in_source([text for _, text in code_cells(path)]), all_assignments())
        assert found.assignment is not None and found.assignment.name == "dnn", (path.name, found.message)
    assert "dnn" in NAMES

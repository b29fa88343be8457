"""``--only NAME[,NAME]`` (``check(..., only=[...])``): the functions named and the ones they call, alone.

A fragment checked so may pass; what was not checked is said; the checks of the other functions are
not run at all (their check points and JAX oracles included), and the functions checked see the same
points as in a whole check.
"""

from pathlib import Path

import pytest

import manual_dnn
from manual_dnn_cli.main import main
from reference.bug_zoo import mutant_namespace
from reference.checks import application_checks, checker, update_checks
from reference.checks.checker import check
from reference.oracles import jax_network
from reference.seed_functions import SEED_FUNCTIONS
from tests.pages import verdict_of

LEARNERS = Path(__file__).parent / "learners"
SMALL = dict(layer_dims=[5, 4, 3, 1], examples=6)


def test_an_unknown_name_is_one_line_naming_the_known_ones(capsys):
    code = main(["gradcheck", "--only", "linear_backward,L_model_backwards"])
    out, err = capsys.readouterr()
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
    assert "--only: unknown function L_model_backwards; the functions known are initialize_parameters, " in err
    assert all(name in err for name in SEED_FUNCTIONS)
    with pytest.raises(ValueError, match="unknown function 'relu_bwd'"):
        check(manual_dnn, only=["relu_bwd"], **SMALL)


def _refused(*_, **__):
    raise AssertionError("a check --only leaves out ran")


def test_the_checks_of_the_functions_left_out_do_not_run(monkeypatch):
    """No point of the whole network is drawn, no JAX oracle of the model, the loops or predict runs."""
    for module, name in ((checker, "network_point"), (jax_network, "model_backward"), (jax_network, "model_forward"),
                         (application_checks, "descent_trajectory"), (update_checks, "update_checks"),
                         (application_checks, "initializer_checks"), (application_checks, "predict_checks")):
        monkeypatch.setattr(module, name, _refused)
    report = check(manual_dnn, only=["linear_backward"], **SMALL)
    assert report.passed and {c.function for c in report.checks} == {"linear_backward"}, report.to_text()
    assert report.not_checked == [f for f in SEED_FUNCTIONS if f != "linear_backward"]
    with pytest.raises(AssertionError, match="a check --only leaves out ran"):
        check(manual_dnn, only=["L_model_backward"], **SMALL)


def test_the_functions_a_named_one_calls_are_checked_with_it_for_its_root_cause():
    report = check(mutant_namespace("dW-missing-1/m"), only=["L_model_backward"], **SMALL)
    assert {c.function for c in report.checks} == {"L_model_backward", "linear_activation_backward",
                                                   "linear_backward", "relu_backward", "sigmoid_backward"}
    assert report.root_causes == ["linear_backward"] and report.verdict == "FAIL"
    line = verdict_of(report.to_text())
    assert "Checked with --only L_model_backward; not checked: initialize_parameters, " in line


def test_the_functions_checked_see_the_points_of_a_whole_check():
    whole = check(manual_dnn, **SMALL)
    alone = check(manual_dnn, only=["L_model_backward"], **SMALL)

    def errors(report):
        return [(c.function, c.target, c.oracle, c.rel_error) for c in report.checks
                if c.function in ("L_model_backward", "relu_backward")]
    assert errors(alone) == errors(whole) and errors(alone)


def test_a_check_that_calls_the_files_own_forward_still_does_alone():
    """The file's sigmoid keeps A as its cache and its sigmoid_backward takes that cache: a contract
    difference, found by calling the file's own sigmoid -- which --only sigmoid_backward must still reach."""
    whole = check(LEARNERS / "own_cache_holds_A.py", **SMALL)
    alone = check(LEARNERS / "own_cache_holds_A.py", only=["sigmoid_backward"], **SMALL)
    verdicts = {(c.target, c.verdict) for c in whole.checks if c.function == "sigmoid_backward"}
    assert verdicts == {(c.target, c.verdict) for c in alone.checks} and ("cache", "DIFFERS") in verdicts
    assert alone.passed, alone.to_text()


def test_a_named_function_the_file_lacks_is_missing_with_its_near_miss(tmp_path):
    source = (LEARNERS / "correct_notebook.py").read_text()
    path = tmp_path / "misspelt.py"
    path.write_text(source.replace("def L_model_backward(", "def L_model_backwards("))
    report = check(path, only=["L_model_backward", "linear_backward"], **SMALL)
    assert report.verdict == "INCOMPLETE" and report.missing == ["L_model_backward"]
    assert report.did_you_mean == {"L_model_backward": "L_model_backwards"}
    assert verdict_of(report.to_text()).startswith(
        "INCOMPLETE: not found: L_model_backward (did you mean L_model_backwards?). The 2 functions found pass all ")
    assert {c.function for c in report.checks} == {"linear_backward", "linear_activation_backward"}  # it calls
    whole = check(path, **SMALL)  # the whole file: incomplete for the same reason, said the same way
    assert (whole.verdict, whole.missing, whole.did_you_mean) == (report.verdict, report.missing, report.did_you_mean)
    assert "Next: rename L_model_backwards to L_model_backward." in " ".join(whole.to_text().split())


@pytest.mark.parametrize("missing, defined, guess", [
    ("L_model_backward", ["L_model_backwards", "helper"], "L_model_backwards"),  # a trailing s
    ("L_model_backward", ["l_model_backward"], "l_model_backward"),  # case
    ("linear_activation_backward", ["linear_activation_bakward"], "linear_activation_bakward"),  # one slip
    ("compute_cost", ["computecost", "compute_costs_2"], "computecost"),  # an underscore
    ("update_parameters", ["update_params", "parameters"], None),  # another name, not a slip of this one
    ("predict", ["predicts_proba"], None),
    ("linear_backward", ["linear_forward_prop"], None),
])
def test_a_near_miss_is_a_slip_of_case_underscores_a_trailing_s_or_an_edit(missing, defined, guess):
    from reference.report.completeness import did_you_mean, near_miss

    assert near_miss(missing, defined) == guess
    assert did_you_mean([missing], defined) == ({missing: guess} if guess else {})


def test_every_function_of_the_cat_network_is_one_row_of_its_assignment():
    """--only picks the rows to check by name: a function no row names would never be checked alone,
    one named twice would be checked twice."""
    from reference.assignments.dnn import ASSIGNMENT

    assert sorted(row.name for row in ASSIGNMENT.functions) == sorted(SEED_FUNCTIONS)

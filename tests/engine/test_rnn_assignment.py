"""Course 5 week 1 on the engine: gradients through time judged step by step, each backward on its own
(the course's cache when the learner's forward gives none it can use), the learner's own key names a
difference, a forward that never reads a0 told so, and files of the assignment recognised as it."""

import numpy as np
import pytest

from reference.assignments import all_assignments
from reference.assignments.detection import defined_in_source, recognise
from reference.assignments.rnn.zoo import MUTANTS, mutant_namespace
from reference.checks.checker import check


@pytest.fixture(scope="module")
def reports():
    """The reports of the zoo's mutants these tests read (checked once)."""
    names = ("lstm-backward-nothing-from-t-plus-1", "lstm-cell-backward-output-gate-no-1-minus",
             "rnn-forward-ignores-a0", "rnn-backward-dWax-not-accumulated")
    return {name: check(mutant_namespace(name), assignment="rnn") for name in names}


def _check(report, function, target, oracle=None):
    found = [c for c in report.checks if c.function == function and c.target == target
             and (oracle is None or c.oracle == oracle)]
    assert found, (function, target, [(c.function, c.target) for c in report.checks])
    return found[0]


def test_a_lost_gradient_from_step_t_plus_1_is_right_at_the_last_step_and_wrong_before(reports):
    report = reports["lstm-backward-nothing-from-t-plus-1"]
    assert report.root_causes == ["lstm_backward"]
    assert "going backward from t = 3, the first wrong step is t = 2" in _check(report, "lstm_backward", "dx",
                                                                                "jax-vjp").pattern
    one_step = _check(report, "lstm_backward", "one time step at a time")
    assert one_step.passed is False and "right for s = 0, wrong from s = 1" in one_step.detail


def test_parameter_gradients_not_summed_over_time_show_from_the_second_step(reports):
    report = reports["rnn-backward-dWax-not-accumulated"]
    one_step = _check(report, "rnn_backward", "one time step at a time")
    assert one_step.passed is False and "wrong from s = 1" in one_step.detail and "dWax" in one_step.detail
    assert _check(report, "rnn_backward", "dx", "jax-vjp").passed is True  # dx itself is right


def test_a_wrong_cell_is_wrong_already_at_one_step_and_is_the_root_cause(reports):
    report = reports["lstm-cell-backward-output-gate-no-1-minus"]
    assert report.root_causes == ["lstm_cell_backward"]
    assert "wrong already at s = 0" in _check(report, "lstm_backward", "one time step at a time").detail


def test_a_forward_ignoring_a0_is_named_and_the_backward_is_judged_on_the_courses_caches(reports):
    report = reports["rnn-forward-ignores-a0"]
    assert report.root_causes == ["rnn_forward"]
    assert "the first wrong step is t = 0" in _check(report, "rnn_forward", "a").pattern
    assert "does not start from a0" in _check(report, "rnn_forward", "a0").detail
    assert all(c.passed is not False for c in report.checks if c.function == "rnn_backward")
    assert any("rnn_backward was called with the course's caches" in note for note in report.notes)


def test_the_report_says_when_lstm_backward_gives_the_courses_wrong_printed_numbers(reports):
    notes = reports["lstm-backward-nothing-from-t-plus-1"].notes
    assert any("the numbers the v1-v3 notebooks print" in n and "0.312770310257" in n for n in notes), notes
    others = reports["lstm-cell-backward-output-gate-no-1-minus"].notes
    assert not any("v1-v3 notebooks print" in n for n in others)


def test_every_zoo_mutant_differs_from_the_solution_in_the_function_it_names():
    import manual_dnn.rnn as solution

    for name, mutant in MUTANTS.items():
        namespace = mutant_namespace(name)
        assert namespace[mutant.function] is not getattr(solution, mutant.function), name
        assert namespace[mutant.function].__code__ is mutant.implementation.__code__, name


RNN_FILE = """
def rnn_cell_forward(xt, a_prev, parameters): pass
def rnn_forward(x, a0, parameters): pass
def rnn_backward(da, caches): pass
def lstm_backward(da, caches): pass
"""
CS231N_FILE = """
def rnn_step_forward(x, prev_h, Wx, Wh, b): pass
def rnn_forward(x, h0, Wx, Wh, b): pass
def rnn_backward(dh, cache): pass
"""


def test_a_course_5_file_is_recognised_as_rnn_and_cs231ns_same_names_are_told_apart_by_signature():
    from reference.assignments import assignment
    from reference.engine.assignment import Assignment
    from reference.engine.declarations import Function

    found = recognise(defined_in_source([RNN_FILE]), all_assignments())
    assert found.assignment is not None and found.assignment.name == "rnn"
    cs231n = Assignment("cs231n", "CS231n", "", (Function("rnn_step_forward", ("x", "prev_h", "Wx", "Wh", "b"), "h"),
                                                 Function("rnn_forward", ("x", "h0", "Wx", "Wh", "b"), "h"),
                                                 Function("rnn_backward", ("dh", "cache"), "dx")), points=None)
    other = recognise(defined_in_source([CS231N_FILE]), [assignment("rnn"), cs231n])
    assert other.assignment is cs231n and "rnn" not in other.evidence
    ours = recognise(defined_in_source([RNN_FILE]), [assignment("rnn"), cs231n])
    assert ours.assignment.name == "rnn" and "cs231n" not in ours.evidence


def test_the_points_keep_every_activation_alive_and_the_sizes_apart():
    from reference.assignments.rnn.points import POINTS, SATURATED, _pre_activations
    from reference.engine.points import draw_point

    for seed in range(5):
        point = draw_point(POINTS, seed)
        assert max(np.abs(z).max() for z in _pre_activations(point.values)) <= SATURATED
    sizes = POINTS.fixed
    assert len({sizes["n_x"], sizes["n_a"], sizes["n_y"], sizes["m"], sizes["T_x"]}) == 5


def test_explain_walks_through_time_and_an_lstm_cell_with_every_gradient_agreeing_with_jax(capsys):
    from manual_dnn_cli.main import main

    assert main(["explain", "--assignment", "rnn"]) == 0
    text = capsys.readouterr().out
    assert "Step t = 2" in text and "da_next = da[:, :, 0] + da_prev (from step t+1)" in text
    assert "dc = dc_next + da_next * ot * (1 - tanh(c_next)^2)" in text
    assert "DISAGREES" not in text and text.count("JAX agrees") == 3 + 4 + 11
    assert main(["explain", "--assignment", "rnn", "--format", "html"]) == 0
    assert "<html" in capsys.readouterr().out


def test_a_backward_that_never_returns_costs_one_timeout_row_and_the_rest_is_judged(tmp_path):
    import re
    from pathlib import Path

    from reference.learner.sandbox import open_sandboxed

    text = (Path(__file__).resolve().parent.parent / "learners" / "rnn" / "current_matmul_own_style.py").read_text()
    text = re.sub(r"def lstm_backward\(da, caches\):\n(    .*\n|\n)*?(?=\n\nif __name__)",
                  "def lstm_backward(da, caches):\n    while True:\n        pass\n", text)
    path = tmp_path / "hangs.py"
    path.write_text(text)
    report = check(open_sandboxed(path, timeout=2), assignment="rnn")
    calls = [c for c in report.checks if c.target == "call"]
    assert [(c.function, "timed out after 2 s" in c.detail) for c in calls] == [("lstm_backward", True)]
    assert report.root_causes == ["lstm_backward"]
    assert all(c.passed is not False for c in report.checks if c.function != "lstm_backward")


def test_a_gradients_dict_of_nones_is_not_done_and_a_ragged_np_append_is_named_a_numpy_change():
    from reference.engine.unfilled import unfilled_reason
    from reference.learner.calling import Call
    from reference.learner.old_idioms import hint_for

    source = "def rnn_cell_backward(da_next, cache):\n    dz = None\n    return {'dxt': None, 'dba': None}\n"
    assert "dz = None" in unfilled_reason(source, Call(value={"dxt": None, "dba": None}))
    assert unfilled_reason(source, Call(value={"dxt": np.zeros(2), "dba": None})) is None
    message = ("setting an array element with a sequence. The requested array has an inhomogeneous shape after 1 "
               "dimensions. The detected shape was (10,) + inhomogeneous part.")
    words = hint_for(Call(error="raised ValueError", error_type="ValueError", error_message=message,
                          error_source="caches = np.append(caches, cache)"))
    assert "NumPy 1.24" in words and "caches.append(cache)" in words

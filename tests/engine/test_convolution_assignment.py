"""Course 4 week 1 on the engine: what its reports say where learners need words (the verdicts
themselves: tests/learners/convolution/verdicts.toml through test_assignment_corpora.py), ties in a
max window, the course's published numbers against JAX, its public_tests rebuilt, a hanging function."""

import functools
from pathlib import Path

import numpy as np
import pytest

from manual_dnn import convolution
from reference.assignments import assignment
from reference.assignments.convolution import course
from reference.assignments.convolution.published import PUBLISHED
from reference.checks.checker import check
from reference.engine.judging import Run, check_function
from reference.engine.points import draw_point
from reference.learner.loading import from_mapping
from reference.learner.sandbox import open_sandboxed

CORPUS = Path(__file__).resolve().parent.parent / "learners" / "convolution"
CONV = assignment("convolution")


@functools.cache
def report(name):
    return check(CORPUS / name)


def failures(name, function):
    return [c for c in report(name).checks if c.function == function and c.passed is False]


def test_float_of_the_bias_is_named_as_numpy_1_code_with_its_fix():
    (failure,) = failures("w1a1_2021_float_b.ipynb", "conv_single_step")
    assert "NumPy-1 code that NumPy" in failure.detail and "float(b.item())" in failure.detail
    assert failure.raised["source"] == "Z = Z + float(b)"
    assert failure.raised["cell"] == 4  # the 4th code cell, as Jupyter counts


def test_pad_0_through_the_templates_slice_is_invalid_with_the_line_and_why_never_a_failure():
    checks = report("w1a1_2021_item_right.py").checks
    (row,) = [c for c in checks if c.function == "conv_backward" and c.target.endswith("(pad 0)")]
    assert row.passed is None and row.verdict == "INVALID"
    assert "`dA_prev[i, :, :, :] = da_prev_pad[pad:-pad, pad:-pad, :]`" in row.detail
    assert "the course never uses pad 0" in row.detail


def test_a_pad_0_failure_the_slice_does_not_explain_stays_the_learners():
    checks = failures("w1a1_2021_unpad_after_the_loop.py", "conv_backward")
    assert any(c.target == "dA_prev (pad 0)" for c in checks)  # its own if/else, after the loop: not excused


def test_an_unfilled_optional_backward_is_not_done_and_named_never_a_failure():
    found = report("w1a1_2021_backward_not_done.ipynb")
    assert found.passed and not found.failing_functions
    assert list(found.not_done) == ["conv_backward", "create_mask_from_window", "distribute_value", "pool_backward"]
    assert "optional, not done yet: conv_backward, create_mask_from_window" in found.verdict_line()
    half = report("v2a_2020_pool_backward_half_done.ipynb")
    assert set(half.not_done) == {"distribute_value", "pool_backward (average)"}
    assert any(c.function == "pool_backward" and c.target == "dA_prev (max)" and c.passed for c in half.checks)


def test_a_window_moved_by_1_instead_of_the_stride_is_said_in_words():
    patterns = {c.target: c.pattern for c in failures("v2_2018_stride_ignored_backward.py", "pool_backward")}
    assert patterns["dA_prev (max)"].startswith("right for a stride of 1, not 2")


def test_the_2017_bias_inside_the_sum_is_told_with_the_numbers_that_notebook_printed():
    note = next(n for n in report("v1_2017_bias_in_the_sum.py").notes if "adds b inside the sum" in n)
    assert "-23.1602122025" in note and "-6.99908945068" in note


def _manual_dnn():
    return from_mapping(vars(convolution), "manual_dnn.convolution", assignment=CONV)


def test_a_tie_in_a_max_window_is_invalid_never_a_failure():
    values = dict(draw_point(CONV.points).values)
    A_prev = values["A_prev"].copy()
    A_prev[0, 0, 1, 0] = A_prev[0, 0:3, 0:3, 0].max()  # two maxima in the first window
    values.update(A_prev=A_prev, X=A_prev)
    run = Run(_manual_dnn(), CONV)
    check_function(run, CONV.table["pool_backward"], values)
    tied = [c for c in run.checks if c.target.endswith("(max)")]
    assert tied and all(c.passed is None and "a tie" in c.detail for c in tied)
    assert all(c.passed for c in run.checks if c.target.endswith("(average)"))
    x = values["x"].copy()
    x.flat[1] = x.max()
    run = Run(_manual_dnn(), CONV)
    check_function(run, CONV.table["create_mask_from_window"], {**values, "x": x})
    assert run.checks and all(c.verdict == "INVALID" for c in run.checks)


def test_the_drawn_points_keep_every_max_window_apart():
    for seed in range(20):
        point = draw_point(CONV.points, seed)
        assert CONV.points.problems(point.values) == [], seed


def test_the_courses_published_numbers_against_jax_at_the_courses_own_inputs():
    """Each 'right' number of the table is JAX's math at the notebook's own seed; each published
    number agrees with it except v1's, which come from the bias added inside the sum."""
    from reference.assignments.convolution import math
    from reference.engine import oracles

    conv_vjp = {}
    for shapes, hp, key in [(((10, 4, 4, 3), (2, 2, 3, 8)), {"pad": 2, "stride": 1}, "v1"),
                            (((10, 4, 4, 3), (2, 2, 3, 8)), {"pad": 2, "stride": 2}, "v2"),
                            (((10, 5, 7, 4), (3, 3, 4, 8)), {"pad": 1, "stride": 2}, "v2a"),
                            (((2, 5, 7, 4), (3, 3, 4, 8)), {"pad": 1, "stride": 2}, "2021+")]:
        rng = np.random.RandomState(1)  # the notebook's np.random.seed(1), then A_prev, W, b in turn
        A_prev, W, b = rng.randn(*shapes[0]), rng.randn(*shapes[1]), rng.randn(1, 1, 1, shapes[1][3])
        conv = oracles.bound(math.conv, {"hparameters": hp})
        (Z,) = oracles.values(conv, [A_prev, W, b])
        conv_vjp[key] = (np.mean(Z), [np.mean(g) for g in oracles.vjp(conv, [A_prev, W, b], (0, 1, 2), [Z])])
    rng = np.random.RandomState(1)
    a, W, b = rng.randn(4, 4, 3), rng.randn(4, 4, 3), rng.randn(1, 1, 1)
    (single,) = oracles.values(math.conv_single_step, [a, W, b])
    jax_numbers = {("conv_single_step", "Z"): single, ("conv_forward", "mean(Z)", "v1"): conv_vjp["v1"][0],
                   ("conv_forward", "mean(Z)", "v2"): conv_vjp["v2"][0],
                   ("conv_forward", "mean(Z)", "v2a"): conv_vjp["v2a"][0],
                   ("conv_forward", "mean(Z)", "2021+"): conv_vjp["2021+"][0]}
    for i, what in enumerate(("mean(dA_prev)", "mean(dW)", "mean(db)")):
        jax_numbers[("conv_backward", what, "v1")] = conv_vjp["v1"][1][i]
        jax_numbers[("conv_backward", what, "v2")] = conv_vjp["v2"][1][i]
    disagreeing = []
    for function, what, versions, _, published, right in PUBLISHED:
        key = (function, what) if function == "conv_single_step" else (function, what, versions[0])
        if key not in jax_numbers:
            continue
        assert float(jax_numbers[key]) == pytest.approx(right, rel=1e-12), key
        if not np.isclose(published, right, rtol=1e-9):
            disagreeing.append((function, what, versions))
    assert disagreeing == [("conv_single_step", "Z", ("v1",)), ("conv_forward", "mean(Z)", ("v1",)),
                           ("conv_backward", "mean(dA_prev)", ("v1",)), ("conv_backward", "mean(dW)", ("v1",)),
                           ("conv_backward", "mean(db)", ("v1",))]


def test_the_published_pooling_backward_numbers_are_manual_dnns_at_the_courses_inputs():
    rng = np.random.RandomState(1)
    A_prev = rng.randn(5, 5, 3, 2)
    _, cache = convolution.pool_forward(A_prev, {"stride": 1, "f": 2})
    dA = rng.randn(5, 4, 2, 2)
    rows = {what: (published, right) for function, what, _, _, published, right in PUBLISHED
            if function == "pool_backward"}
    for mode in ("max", "average"):
        published, right = rows[f"dA_prev[1, 1] ({mode})"]
        assert np.allclose(convolution.pool_backward(dA, cache, mode)[1, 1], right, atol=1e-10)
        assert np.allclose(published, right, atol=1e-8)


def test_the_rebuilt_public_tests_pass_right_functions_and_fail_wrong_ones(capsys):
    tests = course.contents()["public_tests"]
    for name in ("zero_pad", "conv_single_step", "conv_forward", "pool_forward"):
        tests[f"{name}_test"](getattr(convolution, name))
        assert "All tests passed." in capsys.readouterr().out
    with pytest.raises(AssertionError, match="Not all tests were passed for <lambda>"):
        tests["zero_pad_test"](lambda X, pad: np.pad(X, pad))
    with pytest.raises(NameError):  # as the course's own: its module never defines what it uses
        tests["conv_backward_test"](convolution.conv_backward)


HANGING = '''import numpy as np

def conv_backward(dZ, cache):
    h = 0
    while h < dZ.shape[1]:
        pass  # forgot h += 1
'''


def test_a_function_that_hangs_is_a_timeout_row_never_a_hang(tmp_path):
    path = tmp_path / "hangs.py"
    path.write_text(HANGING + "\ndef zero_pad(X, pad):\n"
                              "    return np.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0)))\n")
    impl = open_sandboxed(path, timeout=1.0, assignment="convolution")
    found = check(impl)
    calls = [c for c in found.checks if c.function == "conv_backward"]
    # one timeout paid; the later calls end at once (reference/learner/timed_out.py)
    assert calls and "timed out after 1 s" in calls[0].detail
    assert all("timed out before" in c.detail for c in calls[1:])
    assert found.root_causes == ["conv_backward"]
    assert any(c.function == "zero_pad" and c.passed for c in found.checks)


@pytest.mark.parametrize("call, words", [
    (lambda: convolution.conv_forward(np.ones((1, 4, 4, 2)), np.ones((3, 3, 3, 1)), np.ones((1, 1, 1, 1)),
                                      {"stride": 1, "pad": 0}), "W must be (f, f, 2, n_C)"),
    (lambda: convolution.conv_forward(np.ones((1, 4, 4, 2)), np.ones((3, 3, 2, 1)), np.ones((1, 1, 1, 1)),
                                      {"stride": 0, "pad": 0}), "hparameters['stride'] must be an integer"),
    (lambda: convolution.pool_forward(np.ones((1, 4, 4, 2)), {"f": 2, "stride": 1}, "mean"), "mode must be"),
    (lambda: convolution.pool_forward(np.ones((1, 2, 2, 1)), {"f": 3, "stride": 1}), "does not fit"),
])
def test_manual_dnns_layers_refuse_bad_input_naming_the_argument(call, words):
    with pytest.raises(ValueError, match=words.replace("(", r"\(").replace(")", r"\)").replace("[", r"\[")):
        call()


def test_explain_walks_through_both_layers_every_number_beside_jax():
    from reference.assignments.convolution.explain import explain

    text = explain(seed=3)
    assert text.count("JAX agrees") == 8 and "DISAGREES" not in text
    assert "<- equal to dA_prev" in text  # the full correlation with the flipped kernel
    assert "Every gradient agrees with JAX autodiff" in text.split("Verdict")[-1]
    assert explain(seed=3, fmt="html").startswith("<!DOCTYPE html>")


def test_explain_says_so_when_a_backward_on_its_page_is_wrong(monkeypatch):
    from manual_dnn import convolution
    from reference.assignments.convolution.explain import explain

    right = convolution.conv_backward
    monkeypatch.setattr(convolution, "conv_backward", lambda dZ, cache: tuple(2 * g for g in right(dZ, cache)))
    text = explain(seed=3)
    assert "DISAGREES" in text and "Some gradients disagree with JAX" in text.split("Verdict")[-1]


def test_the_explain_command_takes_the_assignment(capsys):
    from manual_dnn_cli.main import main

    assert main(["explain", "--assignment", "convolution", "--format", "markdown"]) == 0
    assert "## Convolution, f = 2, stride 1, pad 0" in capsys.readouterr().out
    assert main(["explain", "--assignment", "nope"]) == 2
    assert "no such assignment" in capsys.readouterr().err

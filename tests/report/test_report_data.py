"""What the pictures need travels on the Checks: the Taylor sweep, one entry's step sizes,
a failing tensor's per-entry errors (in memory, never in JSON); the Report shows itself."""

import json

import numpy as np
import pytest

import manual_dnn
from reference import check
from reference.bug_zoo import mutant_namespace
from reference.checks.points import network_point
from reference.oracles import jax_network as jnet
from reference.oracles.step_sizes import STEP_SIZES, step_sweep
from tests.pages import verdict_of
from tests.report.learner_bugs import namespace_with

SMALL = dict(layer_dims=[5, 4, 3, 1], examples=6)
OLD_CHECK_KEYS = {"function", "target", "oracle", "rel_error", "tolerance", "passed", "detail", "worst",
                  "measured", "verdict"}


@pytest.fixture(scope="module")
def right():
    return check(manual_dnn, **SMALL)


@pytest.fixture(scope="module")
def wrong():
    return check(namespace_with("column"), **SMALL)


def test_json_only_adds_fields_and_leaves_the_error_arrays_out(wrong):
    data = json.loads(wrong.to_json())  # would raise on an array or NaN-free check: it parses
    for c in data["checks"]:
        assert OLD_CHECK_KEYS <= set(c) and "errors" not in c
        assert set(c) - OLD_CHECK_KEYS == {"pattern", "remainders", "steps", "differs", "raised", "inert"}
    failing = [c for c in data["checks"] if c["passed"] is False and c["oracle"] == "jax-grad"]
    assert failing and all("column 0" in c["pattern"] for c in failing if c["target"].startswith("dW"))
    assert any(c.errors is not None for c in wrong.checks)


def test_the_taylor_check_keeps_its_sweep(right, wrong):
    for report, slope in ((right, 2), (wrong, 1)):
        taylor = next(c for c in report.checks if c.oracle == "taylor")
        h, r = np.array(taylor.remainders["h"]), np.array(taylor.remainders["remainder"])
        assert len(h) >= 3 and len(h) == len(r)
        measured = np.polyfit(np.log(h), np.log(r), 1)[0]
        assert abs(measured - slope) < 0.3, (slope, measured)


def test_one_entry_has_its_step_sizes_the_worst_failing_one_when_there_is_one(right, wrong):
    steps = [c for c in right.checks if c.steps]
    assert [(c.target, c.oracle) for c in steps] == [("dW3", "jax-grad")]  # the last layer when all pass
    failing = [c for c in wrong.checks if c.steps]
    assert len(failing) == 1 and failing[0].passed is False
    assert failing[0].steps["index"] == failing[0].worst["index"]
    assert failing[0].steps["hand_written"] == pytest.approx(failing[0].worst["actual"])


def test_the_step_sweep_draws_a_v_and_the_complex_step_stays_flat():
    point = network_point([5, 4, 3, 1], 6, 0)
    expected = jnet.model_backward(point.X, point.weights, point.Y)
    for key, index in (("dW3", (0, 1)), ("dW1", (2, 3)), ("db2", (1, 0))):
        s = step_sweep(point.X, point.weights, point.Y, key, index)
        exact = expected[key][index]
        error = {k: np.abs(np.array(s[k], dtype=float) - exact) / abs(exact) for k in ("central", "forward", "complex")}
        h = np.array(s["h"])
        assert len(h) == len(STEP_SIZES) and h[0] == pytest.approx(0.1) and h[-1] == pytest.approx(1e-16)
        best = h[np.argmin(error["central"])]
        assert 1e-7 <= best <= 1e-3 and error["central"].min() < 1e-8  # the bottom of the V
        assert error["central"][-1] > 1e3 * error["central"].min()  # rounding at h = 1e-16
        assert error["forward"].min() > 3 * error["central"].min()  # one order less accurate
        assert error["complex"][h <= 1e-7].max() < 1e-13  # no subtraction: exact at every tiny step


def test_the_step_sweep_refuses_a_dA_key():
    point = network_point([3, 2, 1], 4, 0)
    with pytest.raises(ValueError, match="dW or db"):
        step_sweep(point.X, point.weights, point.Y, "dA1", (0, 0))


def test_the_report_prints_as_text_and_repr_is_one_line(wrong):
    assert str(wrong) == wrong.to_text()
    failed = sum(c.passed is False for c in wrong.checks)
    assert repr(wrong) == f"<Report a dict of functions: FAIL, {failed} of {len(wrong.checks)} checks; " \
        "root cause linear_backward>"
    text = wrong.to_text(verbose=True)  # the whole report: every failing tensor, the step sizes
    assert "Where each failing tensor is wrong:" in text and "Step size, L_model_backward dW" in text


def test_the_text_report_of_a_right_implementation_tells_the_step_sizes(right):
    text = right.to_text(verbose=True)
    assert "Where each failing tensor" not in text
    assert "Step size, L_model_backward dW3" in text and "central difference is closest at" in text
    assert verdict_of(text).startswith("PASS: all")


def test_a_mutant_report_leads_with_its_root_cause_and_its_pattern():
    report = check(mutant_namespace("dAL-wrong-sign"), **SMALL)
    page = report.to_text()
    assert verdict_of(page).startswith("FAIL:") and "Root cause: L_model_backward" in verdict_of(page)
    assert "dAL has the wrong sign" in " ".join(page.split())

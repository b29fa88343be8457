"""The public API: anyone's own layer, a numpy forward and backward, against the same math in JAX."""

import numpy as np
import pytest

from reference.engine.api import check_backward
from tests.engine import layers


def _check(backward, **options):
    return check_backward(layers.softmax_loss_forward, backward, layers.jax_softmax_loss, layers.point(),
                          wrt=("x",), **options)


def test_a_right_softmax_cross_entropy_backward_passes_every_oracle_with_a_margin():
    report = _check(layers.softmax_loss_backward)
    assert report.passed, report.to_text()
    oracles = {c.oracle for c in report.checks}
    assert {"jax-forward", "jax-vjp", "central-fd", "complex-step", "taylor"} <= oracles
    for c in report.checks:
        if c.oracle != "taylor":
            assert c.rel_error <= c.tolerance / 1000, c


def test_a_backward_without_the_mean_fails_as_a_uniform_factor_and_is_the_root_cause():
    report = _check(layers.backward_without_mean)
    assert not report.passed
    assert report.root_causes == ["backward_without_mean"]
    failed = {c.oracle for c in report.checks if c.passed is False}
    assert {"jax-vjp", "central-fd", "complex-step", "taylor"} <= failed
    assert any("5x" in (c.pattern or "") for c in report.checks), report.to_text()


def test_a_backward_that_writes_into_the_forwards_cache_fails_its_contract():
    report = _check(layers.backward_into_cache)
    assert not report.passed
    assert any(c.target == "cache" and "writes into" in c.detail for c in report.checks), report.to_text()


def test_assert_passed_raises_with_the_report_as_its_message():
    _check(layers.softmax_loss_backward).assert_passed()
    with pytest.raises(AssertionError, match="backward_without_mean"):
        _check(layers.backward_without_mean).assert_passed()


def test_the_scale_of_a_convention_is_applied_to_the_oracles():
    # The backward without the mean is right for the summed loss: N times the mean's gradient.
    report = _check(layers.backward_without_mean, scale={"x": 5.0})
    assert report.passed, report.to_text()


def test_an_upstream_gradient_given_is_used_as_the_cotangent():
    report = _check(layers.softmax_loss_backward, upstream=np.float64(3.0))
    assert report.passed, report.to_text()


def test_bad_arguments_are_one_clear_error():
    with pytest.raises(ValueError, match="wrt must name"):
        check_backward(layers.softmax_loss_forward, layers.softmax_loss_backward, layers.jax_softmax_loss,
                       layers.point(), wrt=("z",))
    with pytest.raises(ValueError, match="inputs must be"):
        check_backward(layers.softmax_loss_forward, layers.softmax_loss_backward, layers.jax_softmax_loss, {})

"""Properties of the whole network: L_model_backward, forward values, the
Taylor test of the cost, and update_parameters."""

import numpy as np
import pytest
from hypothesis import assume, given

from reference.checks.model_checks import seed_caches, taylor_check
from reference.oracles.cost_slots import slot
from reference.oracles.full_fd import full_central_differences
from reference.oracles.numeric import central_difference
from tests.property import padded_jax_oracle
from tests.property.expect import Untouched, assert_close
from tests.property.strategies import (
    ACTIVATIONS,
    FD_VALID_LAYERS,
    FD_VALID_NETWORKS,
    KINK_NETWORKS,
    LEARNING_RATES,
    SATURATED_NETWORKS,
    weights_of,
)


def _backward(impl, point):
    """The implementation's grads on caches built by the reference forward."""
    X, Y, params = point
    AL, caches = seed_caches(X, weights_of(params))
    return impl["L_model_backward"](AL, Y, caches), AL, caches


def _assert_every_key(grads, expected):
    """grads has every key of ``expected``, each shaped like it: a missing or
    misplaced key fails here, as an assertion, not as a KeyError later."""
    assert isinstance(grads, dict), f"grads is {type(grads).__name__}, not a dict"
    missing = sorted(set(expected) - set(grads))
    assert not missing, f"no {', '.join(missing)} in grads"
    for key, value in expected.items():
        assert np.shape(grads[key]) == np.shape(value), f"{key}: shape {np.shape(grads[key])}, expected {value.shape}"


# ------------------------------------------------------------ L_model_backward

@given(point=FD_VALID_NETWORKS)
def test_L_model_backward_equals_jax_grad_of_the_cost_for_every_key(impl, point):
    X, Y, params = point
    grads, _, _ = _backward(impl, point)
    expected = padded_jax_oracle.model_backward(X, weights_of(params), Y)
    _assert_every_key(grads, expected)
    for key, value in expected.items():
        assert_close(grads[key], value, "jax", key)


@given(point=FD_VALID_NETWORKS)
def test_L_model_backward_agrees_with_finite_differences(impl, point):
    X, Y, params = point
    weights = weights_of(params)
    grads, _, _ = _backward(impl, point)
    estimates, invalid = full_central_differences(X, weights, Y)
    _assert_every_key(grads, {"d" + name: estimate for name, estimate in estimates.items()})
    for name, estimate in estimates.items():
        assert not invalid[name].any()  # the strategy keeps every ReLU input off the kink
        assert_close(grads["d" + name], estimate, "fd", "d" + name)
    for l in range(len(weights)):
        s = slot(X, weights, Y, f"dA{l}")
        assert f"dA{l}" in grads, f"no dA{l} in grads"
        assert_close(grads[f"dA{l}"], central_difference(s.f, s.value), "fd", f"dA{l}")


@given(point=FD_VALID_NETWORKS)
def test_L_model_backward_returns_every_key_shaped_like_its_counterpart(impl, point):
    X, Y, params = point
    grads, _, caches = _backward(impl, point)
    L = len(caches)
    assert set(grads) == {f"{k}{l}" for l in range(1, L + 1) for k in ("dW", "db")} | {f"dA{l}" for l in range(L)}
    for l in range(1, L + 1):
        assert np.shape(grads[f"dW{l}"]) == params[f"W{l}"].shape
        assert np.shape(grads[f"db{l}"]) == params[f"b{l}"].shape
        assert np.shape(grads[f"dA{l - 1}"]) == caches[l - 1][0][0].shape


@given(point=FD_VALID_NETWORKS)
def test_L_model_backward_leaves_its_inputs_unmodified(impl, point):
    X, Y, params = point
    AL, caches = seed_caches(X, weights_of(params))
    untouched = Untouched(AL=AL, Y=Y, caches=caches)
    impl["L_model_backward"](AL, Y, caches)
    untouched.check()


@given(point=KINK_NETWORKS)
def test_L_model_backward_uses_derivative_zero_at_relu_kinks_like_jax(impl, point):
    X, Y, params = point
    grads, _, caches = _backward(impl, point)
    expected = padded_jax_oracle.model_backward(X, weights_of(params), Y)
    kinks = {l: Z == 0 for l, (_, Z) in enumerate(caches[:-1], start=1)}
    assert any(k.any() for k in kinks.values())  # the strategy's promise
    # The convention shows only where a gradient arrives at a kink: dZ = dA there
    # (the derivative 1) and dZ = 0 (the derivative 0) differ only if dA != 0.
    assume(any((kink & (expected[f"dA{l}"] != 0)).any() for l, kink in kinks.items()))
    _assert_every_key(grads, expected)
    for key, value in expected.items():
        assert_close(grads[key], value, "jax", key)


@given(point=SATURATED_NETWORKS)
def test_L_model_backward_equals_jax_grad_near_saturation(impl, point):
    X, Y, params = point
    grads, AL, _ = _backward(impl, point)
    assert ((np.minimum(AL, 1 - AL) > 0) & (np.minimum(AL, 1 - AL) < 1e-9)).all()  # the strategy's promise
    expected = padded_jax_oracle.model_backward(X, weights_of(params), Y)
    _assert_every_key(grads, expected)
    for key, value in expected.items():
        assert np.isfinite(grads[key]).all(), key
        assert_close(grads[key], value, "jax", key)


def test_L_model_backward_refuses_an_exactly_saturated_output(impl):
    X = np.ones((2, 3))
    weights = [(np.full((1, 2), 20.0), np.full((1, 1), 5.0))]  # sigmoid(45) rounds to 1.0
    AL, caches = seed_caches(X, weights)
    with pytest.raises(ValueError, match="equal to 0 or 1"):
        impl["L_model_backward"](AL, np.ones((1, 3)), caches)


# ------------------------------------------------------------ forward values

@given(case=FD_VALID_LAYERS, activation=ACTIVATIONS)
def test_forward_functions_equal_their_jax_counterparts(impl, case, activation):
    _, ((A_prev, W, b), Z) = case
    expected = dict(zip(("Z", "relu", "sigmoid"), padded_jax_oracle.layer_forward(A_prev, W, b)))
    assert_close(impl["linear_forward"](A_prev, W, b)[0], expected["Z"], "jax", "Z")
    assert_close(impl[activation](Z)[0], expected[activation], "jax", f"{activation}(Z)")
    A, cache = impl["linear_activation_forward"](A_prev, W, b, activation)
    assert_close(A, expected[activation], "jax", "A")


@given(point=FD_VALID_NETWORKS)
def test_L_model_forward_and_compute_cost_equal_jax(impl, point):
    X, Y, params = point
    AL, caches = impl["L_model_forward"](X, params)
    expected_AL, expected_Zs = padded_jax_oracle.forward(X, weights_of(params))
    assert_close(AL, expected_AL, "jax", "AL")
    assert len(caches) == len(expected_Zs)
    for l, (cache, Z) in enumerate(zip(caches, expected_Zs), start=1):
        assert_close(cache[1], Z, "jax", f"Z{l}")
    assert_close(impl["compute_cost"](expected_AL, Y), padded_jax_oracle.cost(expected_AL, Y), "jax", "cost")


# ------------------------------------------------------------ the whole cost, step-size free

@given(point=FD_VALID_NETWORKS)
def test_the_cost_remainder_shrinks_like_h_squared_along_the_gradient(impl, point):
    X, Y, params = point
    grads, _, _ = _backward(impl, point)
    _assert_every_key(grads, {"d" + k: v for k, v in params.items()})
    good = {k: np.asarray(v, dtype=np.float64) for k, v in grads.items()}
    check = taylor_check(good, X, weights_of(params), Y, np.random.RandomState(0))
    # INVALID: too few steps keep every ReLU input on its side of 0 to measure
    # an order. Such a point tests nothing; it is rejected, never a pass.
    assume(check.passed is not None)
    assert check.passed, check.detail


# ------------------------------------------------------------ update_parameters

@given(point=FD_VALID_NETWORKS, learning_rate=LEARNING_RATES)
def test_update_parameters_follows_the_gradient_descent_rule(impl, point, learning_rate):
    _, _, params = point
    rng = np.random.RandomState(1)
    grads = {"d" + k: rng.randn(*v.shape) for k, v in params.items()}
    expected = {k: v - learning_rate * grads["d" + k] for k, v in params.items()}
    new = impl["update_parameters"]({k: v.copy() for k, v in params.items()}, grads, learning_rate)
    assert set(new) == set(params)
    for k in params:
        assert_close(new[k], expected[k], "jax", k)

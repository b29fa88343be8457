"""The padded JAX oracle the properties use equals the plain one."""

import numpy as np
import pytest

from reference.checks.points import network_point
from reference.oracles import jax_network as jnet
from tests.property import padded_jax_oracle


@pytest.mark.parametrize("dims, m", [([1, 1], 1), ([3, 2, 1], 5), ([8, 8, 8, 8, 8, 1], 16), ([2, 7, 1, 4, 1], 9)])
def test_padding_changes_no_real_entry(dims, m):
    point = network_point(dims, m, seed=3)
    plain = jnet.model_backward(point.X, point.weights, point.Y)
    padded = padded_jax_oracle.model_backward(point.X, point.weights, point.Y)
    assert set(plain) == set(padded)
    for key in plain:
        np.testing.assert_allclose(padded[key], plain[key], rtol=1e-13, atol=1e-15)
    AL, Zs = padded_jax_oracle.forward(point.X, point.weights)
    np.testing.assert_allclose(AL, np.asarray(jnet.forward_value(point.X, point.weights)[0]), rtol=1e-14)
    A_prev, (W, b) = point.X, point.weights[0]
    dZ = np.random.RandomState(0).randn(W.shape[0], m)
    for a, e in zip(padded_jax_oracle.layer_backward(dZ, A_prev, W, b), jnet.linear_backward(dZ, A_prev, W, b)):
        np.testing.assert_allclose(a, e, rtol=1e-13, atol=1e-15)
    for act in ("relu", "sigmoid"):
        expected = jnet.linear_activation_backward(dZ, A_prev, W, b, act)
        for a, e in zip(padded_jax_oracle.layer_backward(dZ, A_prev, W, b, act), expected):
            np.testing.assert_allclose(a, e, rtol=1e-13, atol=1e-15)
    assert padded_jax_oracle.cost(AL, point.Y) == pytest.approx(float(jnet.cost_value(AL, point.Y)), rel=1e-14)


def test_padding_keeps_the_gradient_finite_near_saturation():
    # Real examples put Z between 17 and 35 (AL below 1); an all-zero padded
    # example would give Z = 37, AL = 1.0 exactly and, masked or not, NaN.
    X = np.array([[0.1, 0.5, 1.0], [0.2, 0.3, 0.7]])
    Y = np.array([[0.0, 1.0, 0.0]])
    weights = [(np.array([[-10.0, -10.0]]), np.array([[37.0]]))]
    plain = jnet.model_backward(X, weights, Y)
    padded = padded_jax_oracle.model_backward(X, weights, Y)
    for key in plain:
        assert np.isfinite(padded[key]).all(), key
        np.testing.assert_allclose(padded[key], plain[key], rtol=1e-13, atol=1e-15)

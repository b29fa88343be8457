"""The oracles of a declared math: JAX's VJP, central differences and the complex step agree on
analytic math; an oracle's own failure is the checker's error."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from reference.engine import ops, oracles
from reference.oracles.jax_network import OracleError
from reference.tolerances import relative_error

SIZES = st.tuples(st.integers(1, 4), st.integers(1, 4), st.integers(1, 5))
SEEDS = st.integers(0, 2**31 - 1)


def tanh_layer(A, W, b):
    Z = W @ A + b
    return ops.tanh(Z), ops.sigmoid(Z)


@given(SIZES, SEEDS)
def test_vjp_central_differences_and_complex_step_agree_on_a_two_output_layer(sizes, seed):
    n_prev, n, m = sizes
    rng = np.random.RandomState(seed)
    inputs = (rng.randn(n_prev, m), rng.randn(n, n_prev), rng.randn(n, 1))
    cotangents = (rng.randn(n, m), rng.randn(n, m))
    exact = oracles.vjp(tanh_layer, inputs, (0, 1, 2), cotangents)
    fd = oracles.central_differences(tanh_layer, inputs, (0, 1, 2), cotangents)
    cs = oracles.complex_step(tanh_layer, inputs, (0, 1, 2), cotangents)
    for e, f, c in zip(exact, fd, cs):
        assert e.dtype == np.float64 and e.shape == f.shape == c.shape
        assert relative_error(f, e) < 1e-7
        assert relative_error(c, e) < 1e-12


def test_integer_inputs_stay_integers_and_the_values_are_float64():
    def pick(x, i):
        return x[i] * 2.0
    (value,) = oracles.values(pick, (np.arange(4.0), np.array([3, 1])))
    assert value.dtype == np.float64 and list(value) == [6.0, 2.0]


def test_relu_has_derivative_zero_at_its_kink_by_every_oracle_that_can_say():
    (grad,) = oracles.vjp(ops.relu, (np.array([-1.0, 0.0, 2.0]),), (0,), (np.ones(3),))
    assert list(grad) == [0.0, 0.0, 1.0]


def test_a_failing_math_is_an_oracle_error_naming_it():
    def broken(x):
        return x @ x  # (3,) @ (3,) is fine, (2, 3) @ (2, 3) is not
    with pytest.raises(OracleError, match="broken"):
        oracles.values(broken, (np.ones((2, 3)),))

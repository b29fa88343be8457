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


def test_the_numerical_oracles_in_chunks_give_what_one_batch_gives(monkeypatch):
    rng = np.random.RandomState(1)
    inputs = (rng.randn(3, 4), rng.randn(2, 3), rng.randn(2, 1))
    cotangents = (rng.randn(2, 4), rng.randn(2, 4))
    whole = oracles.gradients(tanh_layer, inputs, (0, 1, 2), cotangents)
    monkeypatch.setattr(oracles, "CHUNK", 5)  # 20 coordinates: four calls, the last one padded
    oracles._compiled.clear()
    chunked = oracles.gradients(tanh_layer, inputs, (0, 1, 2), cotangents)
    for method in oracles.METHODS:
        for a, b in zip(whole[method], chunked[method]):
            assert a.shape == b.shape and relative_error(b, a) < 1e-13


def test_every_oracle_of_a_gradient_is_one_compiled_program():
    def layer(A, W, b):  # a math of its own: nothing else compiled it before
        return ops.tanh(W @ A + b)
    rng = np.random.RandomState(2)
    inputs = (rng.randn(3, 4), rng.randn(2, 3), rng.randn(2, 1))
    found = oracles.gradients(layer, inputs, (0, 1, 2), (rng.randn(2, 4),))
    assert set(found) == set(oracles.METHODS)
    programs = [key for key in oracles._compiled if key[1] is layer]
    assert programs == [("gradients", layer, (0, 1, 2), oracles.METHODS)]
    assert oracles._compiled[programs[0]]._cache_size() == 1


def test_two_rows_naming_the_same_math_share_its_compiled_oracles():
    from reference.engine.declarations import Lazy

    one, other = Lazy("reference.engine.ops", "relu"), Lazy("reference.engine.ops", "relu")
    assert one == other and hash(one) == hash(other) and one != Lazy("reference.engine.ops", "tanh")


def test_only_the_reference_packages_named_maths_are_kept_between_runs():
    """Kept executables are found again by name and the reference package's source: a math of anyone else
    (check_backward's), a lambda or a local function must compile in each process, never load a stale one."""
    from reference.assignments.rnn import math as rnn_math
    from reference.engine.oracles import _kept_name, bound

    def local(x):
        return x

    kept = _kept_name("gradients", rnn_math.rnn_cell, (0, 1), ("jax-vjp",))
    assert kept and kept != _kept_name("gradients", rnn_math.rnn_cell, (0,), ("jax-vjp",))
    assert kept != _kept_name("values", rnn_math.rnn_cell)
    assert _kept_name("values", bound(rnn_math.rnn_cell, {"k": 1})) != _kept_name("values", bound(rnn_math.rnn_cell,
                                                                                                  {"k": 2}))
    assert _kept_name("values", local) is None and _kept_name("values", lambda x: x) is None
    assert _kept_name("values", np.tanh) is None  # numpy's, not the reference package's

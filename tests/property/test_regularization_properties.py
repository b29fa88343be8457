"""Properties of manual_dnn.regularization (and the reg_utils network under it) against the JAX math.

Every value and every entry of the gradients dicts, dA and dZ included, is compared with
reference.assignments.regularization.math: values with its forward, gradients with jax.grad of its
cost (the dZ/dA entries through its nudged intermediates), within the house tolerance (1e-10
relative, tests/property/expect.py). The dropout backward is fed its own forward's cache, and the JAX
math holds those masks fixed. A backward is linear in the output error A3 - Y; the points keep it
nonzero (Y is 0/1 and A3 never is).
"""

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from manual_dnn import regularization as reg
from reference.assignments.regularization import math as reg_math
from reference.oracles.jax_network import float64_oracle
from tests.property import c2w1_jax_oracle as oracle
from tests.property.c2w1_jax_oracle import _pad, _pad_mask, _pad_parameters
from tests.property.c2w1_strategies import C2W1_MAX_UNITS, DROPOUT_NETWORKS, LAMBDS, NETWORKS, OUTPUT_COSTS
from tests.property.expect import Untouched, assert_close
from tests.property.strategies import matrices

CACHE_NAMES = ("Z1", "A1", "W1", "b1", "Z2", "A2", "W2", "b2", "Z3", "A3", "W3", "b3")
DROPOUT_CACHE_NAMES = ("Z1", "D1", "A1", "W1", "b1", "Z2", "D2", "A2", "W2", "b2", "Z3", "A3", "W3", "b3")
GRADIENT_KEYS = {"dZ3", "dW3", "db3", "dA2", "dZ2", "dW2", "db2", "dA1", "dZ1", "dW1", "db1"}


def assert_same_gradients(got, expected):
    assert set(got) == GRADIENT_KEYS, sorted(got)
    for key in sorted(GRADIENT_KEYS):
        assert_close(got[key], expected[key], "jax", key)


# ------------------------------------------------------------------ reg_utils' network

@given(point=NETWORKS)
def test_forward_propagation_equals_the_jax_forward_and_keeps_the_courses_cache(point):
    X, Y, parameters, _, _ = point
    A3, cache = reg.forward_propagation(X, parameters)
    expected = oracle.forward(X, parameters)
    assert len(cache) == 12
    named = dict(zip(CACHE_NAMES, cache))
    for key in ("Z1", "A1", "Z2", "A2", "Z3", "A3"):
        assert_close(named[key], expected[key], "jax", key)
    assert_close(A3, expected["A3"], "jax", "A3")
    for key in ("W1", "b1", "W2", "b2", "W3", "b3"):
        np.testing.assert_array_equal(named[key], parameters[key])


@given(point=NETWORKS)
def test_backward_propagation_equals_jax_grad_of_the_cross_entropy(point):
    X, Y, parameters, _, _ = point
    _, cache = reg.forward_propagation(X, parameters)
    assert_same_gradients(reg.backward_propagation(X, Y, cache), oracle.course_gradients(X, Y, parameters))


# ------------------------------------------------------------------ L2 regularization

@given(case=OUTPUT_COSTS)
def test_compute_cost_with_regularization_equals_the_jax_cost(case):
    A3, Y, parameters, lambd = case
    cost = reg.compute_cost_with_regularization(A3, Y, parameters, lambd)
    assert np.ndim(cost) == 0
    assert_close(cost, oracle.regularized_cost(A3, Y, parameters, lambd), "jax", "cost")


@given(point=NETWORKS, lambd=LAMBDS)
def test_backward_propagation_with_regularization_equals_jax_grad_of_the_regularized_cost(point, lambd):
    X, Y, parameters, _, _ = point
    _, cache = reg.forward_propagation(X, parameters)
    got = reg.backward_propagation_with_regularization(X, Y, cache, lambd)
    assert_same_gradients(got, oracle.course_gradients(X, Y, parameters, lambd))


@given(point=NETWORKS, lambd=LAMBDS)
def test_the_l2_term_changes_the_dWs_alone_by_lambd_over_m_W(point, lambd):
    X, Y, parameters, _, _ = point
    assume(lambd > 0)
    _, cache = reg.forward_propagation(X, parameters)
    plain = reg.backward_propagation(X, Y, cache)
    regularized = reg.backward_propagation_with_regularization(X, Y, cache, lambd)
    m = X.shape[1]
    for key in GRADIENT_KEYS:
        extra = lambd / m * parameters["W" + key[-1]] if key.startswith("dW") else 0.0
        assert_close(regularized[key], plain[key] + extra, "jax", key)


# ------------------------------------------------------------------ dropout

@given(point=DROPOUT_NETWORKS)
def test_forward_propagation_with_dropout_equals_the_jax_forward_with_its_own_masks(point):
    X, Y, parameters, keep_prob, seed = point
    A3, cache = reg.forward_propagation_with_dropout(X, parameters, keep_prob, seed=seed)
    assert len(cache) == 14
    named = dict(zip(DROPOUT_CACHE_NAMES, cache))
    expected = oracle.forward(X, parameters, named["D1"], named["D2"], keep_prob)
    for key in ("Z1", "A1", "Z2", "A2", "Z3", "A3"):
        assert_close(named[key], expected[key], "jax", key)
    assert_close(A3, expected["A3"], "jax", "A3")


@given(point=DROPOUT_NETWORKS)
def test_forward_propagation_with_dropout_draws_the_courses_masks(point):
    """np.random.seed(seed), then rand(n_1, m) < keep_prob and rand(n_2, m) < keep_prob, as the course."""
    X, _, parameters, keep_prob, seed = point
    _, cache = reg.forward_propagation_with_dropout(X, parameters, keep_prob, seed=seed)
    state = np.random.get_state()
    try:
        np.random.seed(seed)
        D1 = np.random.rand(*cache[1].shape) < keep_prob
        D2 = np.random.rand(*cache[6].shape) < keep_prob
    finally:
        np.random.set_state(state)
    np.testing.assert_array_equal(cache[1], D1)
    np.testing.assert_array_equal(cache[6], D2)
    assert cache[1].shape == cache[0].shape and cache[6].shape == cache[5].shape


@given(point=DROPOUT_NETWORKS)
def test_backward_propagation_with_dropout_equals_jax_grad_through_the_forwards_own_masks(point):
    X, Y, parameters, keep_prob, seed = point
    _, cache = reg.forward_propagation_with_dropout(X, parameters, keep_prob, seed=seed)
    D1, D2 = cache[1], cache[6]
    got = reg.backward_propagation_with_dropout(X, Y, cache, keep_prob)
    assert_same_gradients(got, oracle.course_gradients(X, Y, parameters, 0.0, D1, D2, keep_prob))
    assert not np.any(got["dA1"][~D1]) and not np.any(got["dA2"][~D2])  # dropped units pass nothing back


@given(point=DROPOUT_NETWORKS)
def test_dropout_with_keep_prob_1_is_the_plain_network(point):
    X, Y, parameters, _, seed = point
    A3, cache = reg.forward_propagation_with_dropout(X, parameters, 1.0, seed=seed)
    plain_A3, plain_cache = reg.forward_propagation(X, parameters)
    np.testing.assert_array_equal(A3, plain_A3)
    grads = reg.backward_propagation_with_dropout(X, Y, cache, 1.0)
    for key, value in reg.backward_propagation(X, Y, plain_cache).items():
        np.testing.assert_array_equal(grads[key], value)


# ------------------------------------------------------------------ inputs untouched

@given(point=DROPOUT_NETWORKS, lambd=LAMBDS)
def test_the_four_functions_leave_their_inputs_unmodified(point, lambd):
    X, Y, parameters, keep_prob, seed = point
    untouched = Untouched(X=X, parameters=parameters)
    A3, cache = reg.forward_propagation(X, parameters)
    _, dropout_cache = reg.forward_propagation_with_dropout(X, parameters, keep_prob, seed=seed)
    untouched.check()
    caches = Untouched(Y=Y, A3=A3, cache=cache, dropout_cache=dropout_cache)
    reg.compute_cost_with_regularization(A3, Y, parameters, lambd)
    reg.backward_propagation_with_regularization(X, Y, cache, lambd)
    reg.backward_propagation_with_dropout(X, Y, dropout_cache, keep_prob)
    untouched.check()
    caches.check()


# ------------------------------------------------------------------ the JAX math itself

FD_STEP, COMPLEX_STEP = 1e-5, 1e-20


@jax.jit
def _three_derivatives(X, Y, p, v, lambd, D1, D2, keep_prob):
    """(grad . v, central difference along v, complex step along v) of the network cost, in one compilation."""
    def along(t):
        return reg_math.network_cost(X, Y, {k: p[k] + t * v[k] for k in p}, lambd, D1, D2, keep_prob)

    g = jax.grad(reg_math.network_cost, argnums=2)(X, Y, p, lambd, D1, D2, keep_prob)
    g_dot_v = sum(jnp.sum(g[k] * v[k]) for k in p)
    fd = (along(FD_STEP) - along(-FD_STEP)) / (2 * FD_STEP)
    cs = jnp.imag(along(1j * COMPLEX_STEP)) / COMPLEX_STEP
    return g_dot_v, fd, cs


@float64_oracle
def _directional(X, Y, parameters, direction, lambd, D1, D2, keep_prob):
    m = X.shape[1]
    return _three_derivatives(_pad(X, C2W1_MAX_UNITS, m), Y, _pad_parameters(parameters), _pad_parameters(direction),
                              lambd, _pad_mask(D1, m), _pad_mask(D2, m), keep_prob)


@given(point=DROPOUT_NETWORKS, lambd=LAMBDS, data=st.data())
def test_the_jax_math_agrees_with_central_differences_and_the_complex_step(point, lambd, data):
    """The math the checker trusts is differentiable as claimed: jax.grad, FD and the complex step agree."""
    X, Y, parameters, keep_prob, seed = point
    _, cache = reg.forward_propagation_with_dropout(X, parameters, keep_prob, seed=seed)
    direction = {k: data.draw(matrices(*v.shape), label=f"direction {k}") for k, v in parameters.items()}
    g_dot_v, fd, cs = _directional(X, Y, parameters, direction, lambd, cache[1], cache[6], keep_prob)
    assume(abs(g_dot_v) > 1e-6)
    assert fd == pytest.approx(g_dot_v, rel=1e-6, abs=1e-9)
    assert cs == pytest.approx(g_dot_v, rel=1e-10, abs=1e-14)


# ------------------------------------------------------------------ the positional math the engine calls

_positional_gradients = jax.jit(jax.grad(reg_math.network_loss, argnums=tuple(range(2, 8)) + (12, 13, 14, 15, 16)))
_positional_values = jax.jit(reg_math.network_values)


@float64_oracle
def _positional(X, Y, parameters, lambd, D1, D2, keep_prob):
    """(course-scaled gradients dict, values dict) from network_loss and network_values on padded arrays."""
    m = X.shape[1]
    p = _pad_parameters(parameters)
    args = (_pad(X, C2W1_MAX_UNITS, m), Y, *(p[k] for k in reg_math.PARAMETERS))
    masks = (_pad_mask(D1, m), _pad_mask(D2, m), keep_prob)
    nudges = [np.zeros((C2W1_MAX_UNITS, m))] * 4 + [np.zeros((1, m))]
    grads = _positional_gradients(*args, lambd, *masks, *nudges)
    values = _positional_values(args[0], *args[2:], *masks)
    named = dict(zip(["d" + k for k in reg_math.PARAMETERS] + ["d" + k for k in reg_math.INTERMEDIATES], grads))
    named.update({"d" + k: m * named["d" + k] for k in reg_math.INTERMEDIATES})  # the course's per-example scale
    return named, dict(zip(("Z1", "A1", "Z2", "A2", "Z3", "A3"), values))


@given(point=DROPOUT_NETWORKS, lambd=LAMBDS)
def test_the_positional_math_is_the_same_math(point, lambd):
    X, Y, parameters, keep_prob, seed = point
    A3, cache = reg.forward_propagation_with_dropout(X, parameters, keep_prob, seed=seed)
    gradients, values = _positional(X, Y, parameters, lambd, cache[1], cache[6], keep_prob)
    expected = oracle.course_gradients(X, Y, parameters, lambd, cache[1], cache[6], keep_prob)
    shapes = {k: v.shape for k, v in expected.items()}
    for key in sorted(GRADIENT_KEYS):
        assert_close(gradients[key][: shapes[key][0], : shapes[key][1]], expected[key], "jax", key)
    assert_close(values["A3"], A3, "jax", "A3")


# ------------------------------------------------------------------ the rest of reg_utils

@given(point=NETWORKS, learning_rate=st.integers(1, 1000).map(lambda i: i / 1000))
def test_update_parameters_steps_against_the_gradient_into_a_new_dict(point, learning_rate):
    X, Y, parameters, _, _ = point
    _, cache = reg.forward_propagation(X, parameters)
    grads = reg.backward_propagation(X, Y, cache)
    untouched = Untouched(parameters=parameters, grads=grads)
    updated = reg.update_parameters(parameters, grads, learning_rate)
    untouched.check()
    assert set(updated) == set(parameters)
    for key, value in parameters.items():
        np.testing.assert_array_equal(updated[key], value - learning_rate * grads["d" + key])


@given(point=NETWORKS)
def test_predict_is_the_jax_forward_thresholded_at_one_half(point):
    X, Y, parameters, _, _ = point
    A3 = oracle.forward(X, parameters)["A3"]
    assume(np.abs(A3 - 0.5).min() > 1e-12)  # at 0.5 itself rounding decides, not the code
    np.testing.assert_array_equal(reg.predict(X, Y, parameters), (A3 > 0.5).astype(int))
    np.testing.assert_array_equal(reg.predict_dec(parameters, X), A3 > 0.5)

"""Properties of manual_dnn.gradient_checking against the JAX math, and of its checkers against bugs.

The forwards and the right backward_propagation_n equal the JAX math (values; every entry of the
gradients dict against jax.grad, within 1e-10). The checkers are judged as the course judges a
learner's: on a right backward the difference is below the course's threshold (2e-7, with the
course's epsilon 1e-7), on the backward with the course's two planted bugs and on other wrong
backwards it is above. Finite differences with epsilon 1e-7 lose about 1e-16 |J| / 1e-7 per entry to
rounding, so the right-backward claim is made where the gradient is not tiny next to the cost
(||grad|| > WELL_CONDITIONED max(1, |J|)).
"""

from unittest import mock

import numpy as np
from hypothesis import assume, given
from hypothesis import strategies as st

from manual_dnn import gradient_checking as gc
from reference.assignments.gradient_checking.planted_bugs import PLANTED_FACTORS, backward_propagation_n_as_handed_out
from tests.property import c2w1_jax_oracle as oracle
from tests.property.c2w1_strategies import NETWORKS, ONE_DIMENSIONAL, well_conditioned
from tests.property.expect import Untouched, assert_close

GRADIENT_KEYS = {"dZ3", "dW3", "db3", "dA2", "dZ2", "dW2", "db2", "dA1", "dZ1", "dW1", "db1"}


# ------------------------------------------------------------------ 1-D

@given(point=ONE_DIMENSIONAL)
def test_forward_and_backward_propagation_are_J_and_its_jax_derivative(point):
    x, theta = point
    assert gc.forward_propagation(x, theta) == theta * x
    _, dtheta = oracle.one_dimensional_gradients(x, theta)
    assert gc.backward_propagation(x, theta) == dtheta


@given(point=ONE_DIMENSIONAL)
def test_gradient_check_passes_the_right_backward(point):
    difference = gc.gradient_check(*point)
    assert isinstance(difference, float) and difference < gc.THRESHOLD


@given(point=ONE_DIMENSIONAL, wrong=st.sampled_from(["dJ/dx", "2x", "-x", "x + 1"]))
def test_gradient_check_flags_a_wrong_backward(point, wrong):
    """A checker that calls backward_propagation sees what it returns: here one of four wrong ones."""
    x, theta = point
    wrong_backward = {"dJ/dx": lambda x, theta: theta, "2x": lambda x, theta: 2 * x,
                      "-x": lambda x, theta: -x, "x + 1": lambda x, theta: x + 1}[wrong]
    assume(abs(wrong_backward(x, theta) - x) > 1e-3)
    with mock.patch.object(gc, "backward_propagation", wrong_backward):
        assert gc.gradient_check(x, theta) > gc.THRESHOLD


# ------------------------------------------------------------------ N-D: the network

@given(point=NETWORKS)
def test_forward_propagation_n_returns_the_jax_cost_and_the_courses_cache(point):
    X, Y, parameters, _, _ = point
    cost, cache = gc.forward_propagation_n(X, Y, parameters)
    assert np.ndim(cost) == 0 and len(cache) == 12
    assert_close(cost, oracle.gc_network_cost(X, Y, parameters), "jax", "cost")


@given(point=NETWORKS, flat_labels=st.booleans())
def test_backward_propagation_n_equals_jax_grad_of_the_cost(point, flat_labels):
    """Every key, dZ and dA included; Y may be 1-D, as in the course's test case."""
    X, Y, parameters, _, _ = point
    if flat_labels:
        Y = Y[0]
    _, cache = gc.forward_propagation_n(X, Y, parameters)
    got = gc.backward_propagation_n(X, Y, cache)
    expected = oracle.gc_course_gradients(X, np.reshape(Y, (1, -1)), parameters)
    assert set(got) == GRADIENT_KEYS
    for key in sorted(GRADIENT_KEYS):
        assert_close(got[key], expected[key], "jax", key)


@given(point=NETWORKS)
def test_the_vector_helpers_round_trip_and_keep_gc_utils_order(point):
    _, _, parameters, _, _ = point
    theta, keys = gc.dictionary_to_vector(parameters)
    shapes = {k: v.shape for k, v in parameters.items()}
    assert theta.shape == (sum(v.size for v in parameters.values()), 1) and len(keys) == theta.shape[0]
    assert keys == [k for k in ("W1", "b1", "W2", "b2", "W3", "b3") for _ in range(parameters[k].size)]
    back = gc.vector_to_dictionary(theta, shapes)
    for key, value in parameters.items():
        np.testing.assert_array_equal(back[key], value)
    np.testing.assert_array_equal(gc.gradients_to_vector({"d" + k: v for k, v in parameters.items()}), theta)


# ------------------------------------------------------------------ N-D: the checker on right and wrong backwards

def _gradients(point):
    X, Y, parameters, _, _ = point
    _, cache = gc.forward_propagation_n(X, Y, parameters)
    return X, Y, parameters, cache, gc.backward_propagation_n(X, Y, cache)


@given(point=NETWORKS)
def test_gradient_check_n_passes_the_right_backward(point):
    X, Y, parameters, _, right = _gradients(point)
    assume(well_conditioned(point))
    untouched = Untouched(parameters=parameters, gradients=right, X=X, Y=Y)
    difference = gc.gradient_check_n(parameters, right, X, Y)
    assert isinstance(difference, float) and difference < gc.THRESHOLD
    untouched.check()


@given(point=NETWORKS)
def test_gradient_check_n_flags_the_courses_planted_bugs(point):
    X, Y, parameters, cache, right = _gradients(point)
    planted = backward_propagation_n_as_handed_out(X, Y, cache)
    # The bugs show when dW2 and db1 are not negligible: difference >= ||dW2|| / 3 ||grad|| roughly.
    assume(np.linalg.norm(right["dW2"]) + np.linalg.norm(right["db1"]) > 1e-4 * np.linalg.norm(
        gc.gradients_to_vector(right)))
    assert gc.gradient_check_n(parameters, planted, X, Y) > gc.THRESHOLD
    for key in GRADIENT_KEYS - set(PLANTED_FACTORS):
        np.testing.assert_array_equal(planted[key], right[key])


OTHER_BUGS = {
    # name: (how the gradients dict is made wrong, the entry that must be non-negligible for it to show)
    "dW3 without 1/m": (lambda g, m: {**g, "dW3": m * g["dW3"]}, "dW3"),
    "db2 with the wrong sign": (lambda g, m: {**g, "db2": -g["db2"]}, "db2"),
    "dW1 transposed into place": (lambda g, m: {**g, "dW1": np.flip(g["dW1"])}, "dW1"),
    "db3 without 1/m": (lambda g, m: {**g, "db3": m * g["db3"]}, "db3"),
}


@given(point=NETWORKS, bug=st.sampled_from(sorted(OTHER_BUGS)))
def test_gradient_check_n_flags_other_wrong_backwards(point, bug):
    X, Y, parameters, _, right = _gradients(point)
    make_wrong, entry = OTHER_BUGS[bug]
    wrong = make_wrong(right, X.shape[1])
    changed = np.linalg.norm(gc.gradients_to_vector(wrong) - gc.gradients_to_vector(right))
    assume(changed > 1e-4 * np.linalg.norm(gc.gradients_to_vector(right)))  # m = 1 or a symmetric dW1: no bug
    assert gc.gradient_check_n(parameters, wrong, X, Y) > gc.THRESHOLD, entry

"""manual_dnn.logistic_regression equals its JAX math (reference.assignments.logistic_regression.math)
on drawn shapes and values: every value, every gradient against jax.grad, every training step.

The math's own claim, that one function serves autodiff, central differences and the complex
step, is checked here too, along drawn directions.
"""

import numpy as np
from hypothesis import assume, given
from hypothesis import strategies as st

from manual_dnn import logistic_regression as lr
from reference.oracles.numeric import directional_complex_step, directional_fd
from reference.tolerances import TOLERANCES
from tests.property import c1_oracles as jax_math
from tests.property.c1_expect import assert_agrees
from tests.property.c1_strategies import (
    LOGISTIC_MODELS,
    LOGISTIC_POINTS,
    LOGISTIC_TRAINING,
    MAX_FEATURES,
    MAX_M,
    scalars,
)
from tests.property.expect import Untouched
from tests.property.strategies import matrices

# Sigmoid inputs reach both tails (sigmoid(40) rounds to 1 only after 1 - 4e-18).
SIGMOID_INPUTS = st.tuples(st.integers(1, MAX_FEATURES), st.integers(1, MAX_M)).flatmap(
    lambda shape: matrices(*shape, 40.0))
DIRECTIONS = st.tuples(matrices(MAX_FEATURES, 1, 1.0), scalars(1.0))


def _clear_of_the_threshold(w, b, X):
    """No activation within rounding of 0.5, where numpy and XLA could round to either side."""
    return bool((np.abs(jax_math.activation(w, b, X) - 0.5) > 1e-12).all())


# ------------------------------------------------------------ sigmoid, initialize_with_zeros

@given(Z=SIGMOID_INPUTS)
def test_sigmoid_equals_the_math(Z):
    assert_agrees(lr.sigmoid(Z), jax_math.sigmoid(Z), "sigmoid")


@given(dim=st.integers(1, 50))
def test_initialize_with_zeros_gives_a_zero_column_and_a_float_zero(dim):
    w, b = lr.initialize_with_zeros(dim)
    assert w.shape == (dim, 1) and w.dtype == np.float64 and not w.any()
    assert type(b) is float and b == 0.0


# ------------------------------------------------------------ propagate

@given(point=LOGISTIC_POINTS)
def test_propagate_cost_equals_the_math(point):
    w, b, X, Y = point
    _, cost = lr.propagate(w, b, X, Y)
    assert_agrees(cost, jax_math.propagate(w, b, X, Y)[0], "cost")


@given(point=LOGISTIC_POINTS)
def test_propagate_dw_and_db_equal_jax_grad_of_the_cost(point):
    w, b, X, Y = point
    grads, _ = lr.propagate(w, b, X, Y)
    _, dw, db = jax_math.propagate(w, b, X, Y)
    assume(np.any(dw) or db != 0)  # a zero gradient cannot tell a wrong scale
    assert_agrees(grads["dw"], dw, "dw")
    assert_agrees(grads["db"], db, "db")


@given(point=LOGISTIC_POINTS)
def test_propagate_returns_the_courses_shapes(point):
    w, b, X, Y = point
    grads, cost = lr.propagate(w, b, X, Y)
    assert grads["dw"].shape == w.shape
    assert np.shape(grads["db"]) == () and np.shape(cost) == ()  # the course asserts cost.shape == ()


@given(point=LOGISTIC_POINTS)
def test_propagate_leaves_its_inputs_unmodified(point):
    w, b, X, Y = point
    untouched = Untouched(w=w, X=X, Y=Y)
    lr.propagate(w, b, X, Y)
    untouched.check()


# ------------------------------------------------------------ optimize, predict, model

@given(case=LOGISTIC_TRAINING)
def test_optimize_follows_jax_gradient_descent(case):
    w, b, X, Y, learning_rate, num_iterations = case
    params, grads, costs = lr.optimize(w, b, X, Y, num_iterations, learning_rate)
    w_k, b_k, all_costs, dw, db = jax_math.optimize(w, b, X, Y, learning_rate, num_iterations)
    assume(np.any(w_k != w))  # the parameters moved
    assert_agrees(params["w"], w_k, "w")
    assert_agrees(params["b"], b_k, "b")
    assert_agrees(grads["dw"], dw, "dw of the last step")
    assert_agrees(grads["db"], db, "db of the last step")
    assert len(costs) == len(all_costs[::100])
    assert_agrees(np.array(costs, dtype=np.float64), all_costs[::100], "costs every 100 iterations")


@given(case=LOGISTIC_TRAINING)
def test_optimize_leaves_its_inputs_unmodified(case):
    w, b, X, Y, learning_rate, num_iterations = case
    untouched = Untouched(w=w, X=X, Y=Y)
    lr.optimize(w, b, X, Y, num_iterations, learning_rate)
    untouched.check()


@given(point=LOGISTIC_POINTS)
def test_predict_equals_the_math(point):
    w, b, X, _ = point
    assume(_clear_of_the_threshold(w, b, X))
    prediction = lr.predict(w, b, X)
    assert prediction.shape == (1, X.shape[1]) and prediction.dtype == np.float64
    np.testing.assert_array_equal(prediction, jax_math.predict(w, b, X))


@given(point=LOGISTIC_POINTS)
def test_predict_says_0_where_the_activation_is_exactly_one_half(point):
    """The course's threshold is A > 0.5: at w = 0, b = 0 every A is 0.5 and predicted 0."""
    w, _, X, _ = point
    np.testing.assert_array_equal(lr.predict(np.zeros_like(w), 0.0, X), np.zeros((1, X.shape[1])))


@given(case=LOGISTIC_MODELS)
def test_model_trains_from_zeros_and_predicts_as_the_math(case):
    X_train, Y_train, X_test, Y_test, learning_rate, num_iterations = case
    zeros = np.zeros((X_train.shape[0], 1))
    w, b, all_costs, _, _ = jax_math.optimize(zeros, 0.0, X_train, Y_train, learning_rate, num_iterations)
    assume(_clear_of_the_threshold(w, b, X_train) and _clear_of_the_threshold(w, b, X_test))
    d = lr.model(X_train, Y_train, X_test, Y_test, num_iterations, learning_rate)
    assert_agrees(d["w"], w, "w")
    assert_agrees(d["b"], b, "b")
    assert_agrees(np.array(d["costs"], dtype=np.float64), all_costs[::100], "costs")
    np.testing.assert_array_equal(d["Y_prediction_train"], jax_math.predict(w, b, X_train))
    np.testing.assert_array_equal(d["Y_prediction_test"], jax_math.predict(w, b, X_test))
    assert (d["learning_rate"], d["num_iterations"]) == (learning_rate, num_iterations)


# ------------------------------------------------------------ the math itself

@given(point=LOGISTIC_POINTS, direction=DIRECTIONS)
def test_the_math_cost_gives_one_gradient_to_autodiff_differences_and_the_complex_step(point, direction):
    w, b, X, Y = point
    v_w, v_b = direction[0][: w.shape[0]], direction[1]
    assume(np.any(v_w) or v_b != 0)
    _, dw, db = jax_math.propagate(w, b, X, Y)
    along = float(np.sum(dw * v_w) + db * v_b)

    cost_along = jax_math.cost_along(w, b, X, Y, v_w, v_b)  # the math's cost at (w, b) + t v, t real or complex
    complex_step = directional_complex_step(cost_along, 0.0, 1.0)
    central = directional_fd(cost_along, 0.0, 1.0)
    scale = abs(along) + 1e-3  # a derivative along v of order 1e-3 or less is judged absolutely
    assert abs(complex_step - along) <= TOLERANCES["complex-step"] * scale, (complex_step, along)
    # differences also round: log(1 - A) of a confident A (1 - A ~ 0.02, a cost ~ 4) leaves ~1e-9 at step 1e-5,
    # an absolute floor the complex step (above) does not need
    assert abs(central - along) <= TOLERANCES["central-fd"] * (scale + 1e-2), (central, along)

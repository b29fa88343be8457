"""manual_dnn.planar equals its JAX math (reference.assignments.planar.math) on drawn shapes and
values: the forward pass and its cache, the cost, every gradient against jax.grad, the update,
the training loop from its own initial parameters, and predict.

The math's own claim, that one function serves autodiff, central differences and the complex
step (tanh and the sigmoid are analytic), is checked here too, along drawn directions.
"""

import numpy as np
from hypothesis import assume, given
from hypothesis import strategies as st

from manual_dnn import planar
from reference.oracles.numeric import directional_complex_step, directional_fd
from reference.tolerances import TOLERANCES
from tests.property import c1_oracles as jax_math
from tests.property.c1_expect import assert_agrees
from tests.property.c1_strategies import (
    FEATURES,
    HIDDEN,
    LEARNING_RATES,
    MAX_FEATURES,
    MAX_HIDDEN,
    PLANAR_POINTS,
    PLANAR_TRAINING,
    SEEDS,
)
from tests.property.expect import Untouched
from tests.property.strategies import matrices

PARAMETERS = ("W1", "b1", "W2", "b2")
SIZES = st.tuples(FEATURES, HIDDEN, st.integers(1, 3))
# A direction for every parameter of a drawn point, each entry on the grid in [-1, 1].
DIRECTIONS = st.tuples(*(matrices(rows, cols, 1.0) for rows, cols in
                          ((MAX_HIDDEN, MAX_FEATURES), (MAX_HIDDEN, 1), (1, MAX_HIDDEN), (1, 1))))


def _slice_like(direction, parameters):
    """The drawn direction cut to the point's shapes."""
    return {name: d[: p.shape[0], : p.shape[1]] for (name, p), d in zip(parameters.items(), direction)}


def _clear_of_the_threshold(X, parameters):
    """No output within rounding of 0.5, where numpy and XLA could round to either side."""
    A2, _ = jax_math.forward(X, parameters)
    return bool((np.abs(A2 - 0.5) > 1e-12).all())


# ------------------------------------------------------------ layer_sizes, initialize_parameters

@given(sizes=SIZES)
def test_layer_sizes_reads_n_x_and_n_y_and_keeps_the_courses_four_hidden_units(sizes):
    n_x, _, n_y = sizes
    assert planar.layer_sizes(np.zeros((n_x, 3)), np.zeros((n_y, 3))) == (n_x, 4, n_y)


@given(sizes=SIZES, seed=SEEDS)
def test_initialize_parameters_draws_the_courses_seeded_stream(sizes, seed):
    n_x, n_h, n_y = sizes
    parameters = planar.initialize_parameters(n_x, n_h, n_y, seed=seed)
    saved = np.random.get_state()
    try:  # what the course's cell does: np.random.seed(seed), then its initialize_parameters
        np.random.seed(seed)
        W1, W2 = np.random.randn(n_h, n_x) * 0.01, np.random.randn(n_y, n_h) * 0.01
    finally:
        np.random.set_state(saved)
    np.testing.assert_array_equal(parameters["W1"], W1)
    np.testing.assert_array_equal(parameters["W2"], W2)
    assert parameters["b1"].shape == (n_h, 1) and parameters["b2"].shape == (n_y, 1)
    assert not parameters["b1"].any() and not parameters["b2"].any()


# ------------------------------------------------------------ forward_propagation, compute_cost

@given(point=PLANAR_POINTS)
def test_forward_propagation_equals_the_math_with_its_cache(point):
    X, _, parameters = point
    A2, cache = planar.forward_propagation(X, parameters)
    expected_A2, expected_cache = jax_math.forward(X, parameters)
    assert_agrees(A2, expected_A2, "A2")
    assert set(cache) == {"Z1", "A1", "Z2", "A2"}
    for name, value in expected_cache.items():
        assert_agrees(cache[name], value, f"cache[{name!r}]")


@given(point=PLANAR_POINTS)
def test_forward_propagation_leaves_its_inputs_unmodified(point):
    X, _, parameters = point
    untouched = Untouched(X=X, parameters=parameters)
    planar.forward_propagation(X, parameters)
    untouched.check()


@given(point=PLANAR_POINTS)
def test_compute_cost_equals_the_math_as_a_python_float(point):
    X, Y, parameters = point
    A2, _ = jax_math.forward(X, parameters)
    cost = planar.compute_cost(A2, Y)
    assert type(cost) is float  # the course's public test asserts it
    assert_agrees(cost, jax_math.cost(A2, Y), "cost")


# ------------------------------------------------------------ backward_propagation

@given(point=PLANAR_POINTS)
def test_backward_propagation_equals_jax_grad_of_the_network_cost(point):
    X, Y, parameters = point
    _, cache = planar.forward_propagation(X, parameters)
    grads = planar.backward_propagation(parameters, cache, X, Y)
    _, expected = jax_math.gradients(X, Y, parameters)
    assume(any(np.any(g) for g in expected.values()))
    assert set(grads) == set(expected)
    for name, value in expected.items():
        assert_agrees(grads[name], value, name)


@given(point=PLANAR_POINTS)
def test_backward_propagation_reads_the_cache_its_forward_made_by_jax(point):
    """The JAX forward's cache serves as well as manual_dnn's: the backward reads A1 and A2
    from whatever cache it is given, as the course's does."""
    X, Y, parameters = point
    _, cache = jax_math.forward(X, parameters)
    _, expected = jax_math.gradients(X, Y, parameters)
    grads = planar.backward_propagation(parameters, cache, X, Y)
    for name, value in expected.items():
        assert_agrees(grads[name], value, name)


@given(point=PLANAR_POINTS)
def test_backward_propagation_leaves_its_inputs_unmodified(point):
    X, Y, parameters = point
    _, cache = planar.forward_propagation(X, parameters)
    untouched = Untouched(parameters=parameters, cache=cache, X=X, Y=Y)
    planar.backward_propagation(parameters, cache, X, Y)
    untouched.check()


# ------------------------------------------------------------ update_parameters, nn_model, predict

@given(point=PLANAR_POINTS, learning_rate=LEARNING_RATES)
def test_update_parameters_takes_one_step_against_the_gradient_and_leaves_its_inputs(point, learning_rate):
    X, Y, parameters = point
    _, grads = jax_math.gradients(X, Y, parameters)
    untouched = Untouched(parameters=parameters, grads=grads)
    updated = planar.update_parameters(parameters, grads, learning_rate)
    untouched.check()
    for name in PARAMETERS:
        np.testing.assert_array_equal(updated[name], parameters[name] - learning_rate * grads["d" + name])
    default = planar.update_parameters(parameters, grads)  # the course's learning_rate=1.2
    for name in PARAMETERS:
        np.testing.assert_array_equal(default[name], parameters[name] - 1.2 * grads["d" + name])


@given(case=PLANAR_TRAINING)
def test_nn_model_follows_jax_gradient_descent_from_its_initial_parameters(case):
    X, Y, n_h, num_iterations, seed = case
    start = planar.initialize_parameters(X.shape[0], n_h, 1, seed=seed)
    expected, _ = jax_math.nn_model(X, Y, start, num_iterations)
    trained = planar.nn_model(X, Y, n_h, num_iterations, seed=seed)
    for name in PARAMETERS:
        assert_agrees(trained[name], expected[name], name)


@given(point=PLANAR_POINTS)
def test_predict_equals_the_math(point):
    X, _, parameters = point
    assume(_clear_of_the_threshold(X, parameters))
    predictions = planar.predict(parameters, X)
    assert predictions.shape == (1, X.shape[1]) and predictions.dtype == np.bool_  # the course's A2 > 0.5
    np.testing.assert_array_equal(predictions, jax_math.planar_predict(X, parameters))


@given(point=PLANAR_POINTS)
def test_predict_says_false_where_the_output_is_exactly_one_half(point):
    """The course's threshold is A2 > 0.5: with W2 = 0 and b2 = 0 every A2 is 0.5, predicted False."""
    X, _, parameters = point
    silent = {**parameters, "W2": np.zeros_like(parameters["W2"]), "b2": np.zeros_like(parameters["b2"])}
    assert not planar.predict(silent, X).any()


# ------------------------------------------------------------ the math itself

@given(point=PLANAR_POINTS, direction=DIRECTIONS)
def test_the_math_network_cost_gives_one_gradient_to_autodiff_differences_and_the_complex_step(point, direction):
    X, Y, parameters = point
    v = _slice_like(direction, parameters)
    assume(any(d.any() for d in v.values()))
    _, grads = jax_math.gradients(X, Y, parameters)
    along = float(sum(np.sum(grads["d" + name] * v[name]) for name in PARAMETERS))
    cost_along = jax_math.network_cost_along(X, Y, parameters, v)  # t real or complex
    complex_step = directional_complex_step(cost_along, 0.0, 1.0)
    central = directional_fd(cost_along, 0.0, 1.0)
    scale = abs(along) + 1e-3  # a derivative along v of order 1e-3 or less is judged absolutely
    assert abs(complex_step - along) <= TOLERANCES["complex-step"] * scale, (complex_step, along)
    assert abs(central - along) <= TOLERANCES["central-fd"] * scale, (central, along)

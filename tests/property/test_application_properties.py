"""Properties of the Application notebook's functions: the two training loops
follow gradient descent from their own start, record the cost every 100
iterations, and predict thresholds the forward pass at 1/2."""

import numpy as np
from hypothesis import assume, given
from hypothesis import strategies as st

from tests.property import padded_jax_oracle as oracle
from tests.property.expect import assert_close
from tests.property.strategies import EXAMPLES, matrices

HIDDEN = st.integers(1, 8)
ITERATIONS = st.integers(1, 3)  # 2 or 3 already tell "every iteration" from "every 100th"
LEARNING_RATE = st.floats(1e-3, 0.1)


@st.composite
def training_problems(draw, depth):
    """(X (n_x, m), Y (1, m) labels, layers_dims) with ``depth`` weight layers."""
    dims = [draw(HIDDEN) for _ in range(depth)] + [1]
    m = draw(EXAMPLES)
    X = draw(matrices(dims[0], m))
    Y = draw(st.lists(st.integers(0, 1), min_size=m, max_size=m))
    return X, np.array([Y], dtype=np.float64), dims


def _weights(parameters, L):
    return [(parameters[f"W{l}"], parameters[f"b{l}"]) for l in range(1, L + 1)]


def _descend(X, Y, weights, learning_rate, iterations):
    """Gradient descent with the padded JAX oracle's gradients; costs at every iteration."""
    costs = []
    for _ in range(iterations):
        costs.append(oracle.cost(oracle.forward(X, weights)[0], Y))
        grads = oracle.model_backward(X, weights, Y)
        weights = [(W - learning_rate * grads[f"dW{l}"], b - learning_rate * grads[f"db{l}"])
                   for l, (W, b) in enumerate(weights, start=1)]
    return weights, costs


def _follows_gradient_descent(model, X, Y, dims, learning_rate, iterations):
    start, _ = model(X, Y, dims, learning_rate, 0, False)
    parameters, costs = model(X, Y, dims, learning_rate, iterations, False)
    L = len(dims) - 1
    expected, expected_costs = _descend(X, Y, _weights(start, L), learning_rate, iterations)
    for l, (W, b) in enumerate(expected, start=1):
        assert_close(parameters[f"W{l}"], W, "jax", f"W{l} after {iterations} iterations")
        assert_close(parameters[f"b{l}"], b, "jax", f"b{l} after {iterations} iterations")
    assert len(costs) == len(range(0, iterations, 100)), f"{len(costs)} costs after {iterations} iterations"
    assert_close(np.array([np.squeeze(c) for c in costs]), np.array(expected_costs[::100]), "jax", "costs")


@given(problem=training_problems(depth=2), learning_rate=LEARNING_RATE, iterations=ITERATIONS)
def test_two_layer_model_follows_gradient_descent_from_its_own_start(impl, problem, learning_rate, iterations):
    X, Y, dims = problem
    _follows_gradient_descent(impl["two_layer_model"], X, Y, tuple(dims), learning_rate, iterations)


@given(problem=st.integers(1, 4).flatmap(lambda depth: training_problems(depth)), learning_rate=LEARNING_RATE,
       iterations=ITERATIONS)
def test_L_layer_model_follows_gradient_descent_from_its_own_start(impl, problem, learning_rate, iterations):
    X, Y, dims = problem
    _follows_gradient_descent(impl["L_layer_model"], X, Y, dims, learning_rate, iterations)


@given(problem=st.integers(1, 4).flatmap(lambda depth: training_problems(depth)), seed=st.integers(0, 2**16))
def test_predict_is_the_forward_pass_thresholded_at_one_half_whatever_y_says(impl, problem, seed):
    X, Y, dims = problem
    rng = np.random.RandomState(seed)
    weights = [(rng.randn(dims[l], dims[l - 1]), rng.randn(dims[l], 1)) for l in range(1, len(dims))]
    AL, _ = oracle.forward(X, weights)
    assume((np.abs(AL - 0.5) > 1e-9).all())  # a tie at 1/2 tests only a convention
    parameters = {f"{p}{l}": a for l, wb in enumerate(weights, start=1) for p, a in zip("Wb", wb)}
    p = impl["predict"](X, Y, parameters)
    assert np.shape(p) == AL.shape, f"p has shape {np.shape(p)}, expected {AL.shape}"
    np.testing.assert_array_equal(p, (AL > 0.5).astype(np.float64))
    np.testing.assert_array_equal(impl["predict"](X, 1 - Y, parameters), p)

"""Course 1, week 3: "Planar data classification with one hidden layer", by hand in numpy.

LINEAR -> TANH -> LINEAR -> SIGMOID, with the cross-entropy cost.
    X : (n_x, m)    W1 : (n_h, n_x)    b1 : (n_h, 1)    Z1, A1 : (n_h, m)
    W2 : (n_y, n_h)    b2 : (n_y, 1)    Z2, A2, Y : (n_y, m), n_y = 1

Names, arguments and returns are those of the current course version (public_tests,
2021 onwards). Older versions differ only around the math:

- ``compute_cost(A2, Y, parameters)`` (v1-v6, 2017-2020): ``parameters`` is never read;
  the current version dropped it.
- ``initialize_parameters`` called ``np.random.seed(2)`` itself (v1-v6), which overrode the
  ``np.random.seed(3)`` at the top of ``nn_model``: there the old nn_model starts from
  ``initialize_parameters(..., seed=2)``, the current one from seed 3 (``nn_model(..., seed=2)``
  reproduces the old runs).
- ``update_parameters(parameters, grads, learning_rate=1.2)`` in every version; some learners
  drop the default. ``nn_model(X, Y, n_h, num_iterations=10000, print_cost=False)`` likewise.
- ``predict`` returns ``A2 > 0.5``, a boolean (1, m) array, in every version.

Randomness goes through a local ``np.random.RandomState(seed)``: the same stream as the
course's ``np.random.seed(seed); np.random.randn(...)``, without touching numpy's global
generator. Nothing prints unless asked (``print_cost=True``), arguments are never written
into, and shapes that do not fit raise a ValueError.
"""

import numpy as np

from manual_dnn.logistic_regression import sigmoid
from manual_dnn.validation import as_matrix, require_examples, require_layer_dims, require_learning_rate

PARAMETER_NAMES = ("W1", "b1", "W2", "b2")


def layer_sizes(X, Y):
    """(n_x, n_h, n_y): the sizes of X's rows, of the hidden layer (4, as the course) and of Y's rows."""
    n_x = as_matrix("X", X).shape[0]
    n_h = 4
    n_y = as_matrix("Y", Y).shape[0]
    return (n_x, n_h, n_y)


def initialize_parameters(n_x, n_h, n_y, *, seed=2):
    """W1, W2 randn * 0.01 (W1 drawn first), b1, b2 zeros.

    ``seed=2`` gives the course's published numbers (its test cell seeds 2 first).

    Returns
    -------
    parameters : dict with W1 (n_h, n_x), b1 (n_h, 1), W2 (n_y, n_h), b2 (n_y, 1)
    """
    require_layer_dims("(n_x, n_h, n_y)", (n_x, n_h, n_y))
    rng = np.random.RandomState(seed)
    W1 = rng.randn(n_h, n_x) * 0.01
    b1 = np.zeros((n_h, 1))
    W2 = rng.randn(n_y, n_h) * 0.01
    b2 = np.zeros((n_y, 1))
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}


def _check_parameters(parameters, n_x=None):
    """Raise unless ``parameters`` holds W1, b1, W2, b2 of shapes that fit together (and X's n_x)."""
    if not isinstance(parameters, dict) or set(parameters) < set(PARAMETER_NAMES):
        raise ValueError(f"parameters must be a dict with keys {', '.join(PARAMETER_NAMES)}")
    W1, b1, W2, b2 = (np.shape(parameters[name]) for name in PARAMETER_NAMES)
    n_h = W1[0] if len(W1) == 2 else None
    fits = (len(W1) == 2 and b1 == (n_h, 1) and len(W2) == 2 and W2[1] == n_h and b2 == (W2[0], 1)
            and (n_x is None or W1[1] == n_x))
    if not fits:
        raise ValueError(f"parameters do not fit together{'' if n_x is None else f' and X with {n_x} rows'}: "
                         f"W1 {W1}, b1 {b1}, W2 {W2}, b2 {b2}")


def forward_propagation(X, parameters):
    """A2 = sigmoid(W2 tanh(W1 X + b1) + b2).

    Returns
    -------
    A2 : (n_y, m) output probabilities
    cache : dict with Z1, A1 (n_h, m) and Z2, A2 (n_y, m)
    """
    X = as_matrix("X", X)
    require_examples("X", X)
    _check_parameters(parameters, X.shape[0])
    W1, b1, W2, b2 = (parameters[name] for name in PARAMETER_NAMES)
    Z1 = np.dot(W1, X) + b1
    A1 = np.tanh(Z1)
    Z2 = np.dot(W2, A1) + b2
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def compute_cost(A2, Y):
    """-(1/m) sum(Y log A2 + (1 - Y) log(1 - A2)) as a Python float; A2 and Y (1, m)."""
    A2 = as_matrix("A2", A2)
    Y = np.asarray(Y)
    if Y.shape != A2.shape:
        raise ValueError(f"Y has shape {Y.shape} but A2 has shape {A2.shape}: they must match")
    m = Y.shape[1]
    logprobs = Y * np.log(A2) + (1 - Y) * np.log(1 - A2)
    cost = -np.sum(logprobs) / m
    return float(np.squeeze(cost))


def backward_propagation(parameters, cache, X, Y):
    """Gradients of the cost with respect to W1, b1, W2, b2.

    dZ2 = A2 - Y, and tanh'(Z1) = 1 - A1**2 read from the cache's A1, as the course does.

    Returns
    -------
    grads : dict with dW1 (n_h, n_x), db1 (n_h, 1), dW2 (n_y, n_h), db2 (n_y, 1)
    """
    X = as_matrix("X", X)
    _check_parameters(parameters, X.shape[0])
    m = X.shape[1]
    W2 = parameters["W2"]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = A2 - Y  # (n_y, m)
    dW2 = np.dot(dZ2, A1.T) / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))  # (n_h, m)
    dW1 = np.dot(dZ1, X.T) / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


def update_parameters(parameters, grads, learning_rate=1.2):
    """One gradient-descent step, theta - learning_rate * d_theta for each parameter, as new arrays."""
    _check_parameters(parameters)
    require_learning_rate(learning_rate)
    return {name: parameters[name] - learning_rate * grads["d" + name] for name in PARAMETER_NAMES}


def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False, *, seed=3):
    """Train the network by gradient descent (learning rate 1.2, as update_parameters' default).

    ``seed=3`` is the current course's start; ``seed=2`` the start of v1-v6, whose
    initialize_parameters reseeded (see the module docstring).

    Returns
    -------
    parameters : dict with the learnt W1, b1, W2, b2
    """
    n_x, _, n_y = layer_sizes(X, Y)
    parameters = initialize_parameters(n_x, n_h, n_y, seed=seed)
    for i in range(num_iterations):
        A2, cache = forward_propagation(X, parameters)
        cost = compute_cost(A2, Y)
        grads = backward_propagation(parameters, cache, X, Y)
        parameters = update_parameters(parameters, grads)
        if print_cost and i % 1000 == 0:
            print(f"Cost after iteration {i}: {cost:f}")
    return parameters


def predict(parameters, X):
    """predictions (n_y, m), booleans: A2 > 0.5 (True for the blue class)."""
    A2, _ = forward_propagation(X, parameters)
    return A2 > 0.5

"""The three-layer network of course 2, week 1: LINEAR -> RELU -> LINEAR -> RELU -> LINEAR -> SIGMOID.

The network every assignment of that week builds on, as the course's helper modules give it
(``reg_utils`` for "Regularization", ``init_utils`` for "Initialization", the same forward inside
"Gradient Checking"'s ``forward_propagation_n``). Shapes, examples as columns:

    X (n_x, m)   W1 (n_1, n_x)  b1 (n_1, 1)   W2 (n_2, n_1)  b2 (n_2, 1)   W3 (1, n_2)  b3 (1, 1)   A3, Y (1, m)

The cache is the course's flat 12-tuple ``(Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)``. The
gradients dict holds ``dZ3, dW3, db3, dA2, dZ2, dW2, db2, dA1, dZ1, dW1, db1``: dW and db are gradients
of the mean cost J, while dZ and dA carry no 1/m (they are gradients of m * J, one column per example),
as every version of ``reg_utils.backward_propagation`` computes them.
"""

import numpy as np

__all__ = [
    "sigmoid",
    "relu",
    "initialize_parameters",
    "forward_propagation",
    "compute_cost",
    "backward_propagation",
    "backward_pass",
    "update_parameters",
    "predict",
    "predict_dec",
]

def sigmoid(x):
    """1 / (1 + exp(-x)), elementwise: the helpers' sigmoid returns the value alone."""
    return 1 / (1 + np.exp(-x))


def relu(x):
    """max(0, x), elementwise."""
    return np.maximum(0, x)


def initialize_parameters(layer_dims, *, seed=3):
    """reg_utils' initialiser: W[l] = randn(n_l, n_{l-1}) / sqrt(n_{l-1}), b[l] = 0, seed 3.

    ``np.random.RandomState(seed)`` draws what ``np.random.seed(3); np.random.randn(...)`` does.

    Returns
    -------
    dict with W{l} (n_l, n_{l-1}) and b{l} (n_l, 1) for l = 1..len(layer_dims) - 1.
    """
    rng = np.random.RandomState(seed)
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters["W" + str(l)] = rng.randn(layer_dims[l], layer_dims[l - 1]) / np.sqrt(layer_dims[l - 1])
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters


def forward_propagation(X, parameters):
    """The forward pass.

    Parameters
    ----------
    X : (n_x, m)
    parameters : dict with W1, b1, W2, b2, W3, b3

    Returns
    -------
    A3 : (1, m) output probabilities
    cache : (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)
    """
    W1, b1, W2, b2, W3, b3 = (parameters[k] for k in ("W1", "b1", "W2", "b2", "W3", "b3"))
    Z1 = np.dot(W1, X) + b1  # (n_1, m)
    A1 = relu(Z1)
    Z2 = np.dot(W2, A1) + b2  # (n_2, m)
    A2 = relu(Z2)
    Z3 = np.dot(W3, A2) + b3  # (1, m)
    A3 = sigmoid(Z3)
    return A3, (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)


def compute_cost(a3, Y):
    """Cross-entropy -(1/m) sum(Y log a3 + (1 - Y) log(1 - a3)), a float.

    Like the course's helper it sums with ``np.nansum``: an example whose a3 is exactly 0 or 1 and
    whose label makes its term 0 * log(0) counts 0, not NaN.
    """
    m = np.shape(Y)[-1]
    with np.errstate(divide="ignore", invalid="ignore"):  # 0 * log(0): nansum's business
        logprobs = np.multiply(-np.log(a3), Y) + np.multiply(-np.log(1 - a3), 1 - Y)
    return 1.0 / m * np.nansum(logprobs)


def backward_propagation(X, Y, cache):
    """The backward pass of ``forward_propagation``'s cache.

    Returns
    -------
    gradients : dict with dZ3 (1, m), dW3, db3, dA2 (n_2, m), dZ2, dW2, db2, dA1 (n_1, m), dZ1, dW1, db1,
        each dW and db shaped like its parameter.
    """
    Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3 = cache
    return backward_pass(X, Y, A1, A2, A3, W2, W3)


def backward_pass(X, Y, A1, A2, A3, W2, W3, scale1=1.0, scale2=1.0):
    """The chain rule through the three layers, from the values a forward pass kept.

    ``scale1`` and ``scale2`` are what multiplied relu(Z1) and relu(Z2) on their way to the next layer:
    1 without dropout, the mask over keep_prob (D / keep_prob) with it. A1 and A2 are the activations
    the next layer saw (after that scaling); ``A > 0`` is then ReLU's slope wherever the scaled
    gradient is not already 0. dA1 and dA2 are the gradients of relu(Z1) and relu(Z2), as the course
    stores them.
    """
    m = X.shape[1]
    dZ3 = A3 - Y  # sigmoid and cross-entropy together: per example, no 1/m
    dW3 = 1.0 / m * np.dot(dZ3, A2.T)
    db3 = 1.0 / m * np.sum(dZ3, axis=1, keepdims=True)

    dA2 = np.dot(W3.T, dZ3) * scale2  # (n_2, m)
    dZ2 = dA2 * (A2 > 0)  # ReLU: 0 where Z2 <= 0, the kink included
    dW2 = 1.0 / m * np.dot(dZ2, A1.T)
    db2 = 1.0 / m * np.sum(dZ2, axis=1, keepdims=True)

    dA1 = np.dot(W2.T, dZ2) * scale1  # (n_1, m)
    dZ1 = dA1 * (A1 > 0)
    dW1 = 1.0 / m * np.dot(dZ1, X.T)
    db1 = 1.0 / m * np.sum(dZ1, axis=1, keepdims=True)

    return {"dZ3": dZ3, "dW3": dW3, "db3": db3,
            "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2,
            "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}


def update_parameters(parameters, grads, learning_rate):
    """One step of gradient descent, W - learning_rate * dW, into a new dict (the argument is left alone)."""
    updated = {}
    for l in range(1, len(parameters) // 2 + 1):
        for p in ("W", "b"):
            key = p + str(l)
            updated[key] = parameters[key] - learning_rate * grads["d" + key]
    return updated


def predict(X, y, parameters):
    """Predictions 1 where A3 > 0.5 else 0, an int array (1, m).

    The course's helper also prints the accuracy ``np.mean(p == y)``; here nothing prints, and ``y``
    is kept only for the course's signature.
    """
    a3, _ = forward_propagation(X, parameters)
    return (a3 > 0.5).astype(int)


def predict_dec(parameters, X):
    """A3 > 0.5 as booleans (1, m): the helper the course's decision-boundary plots call."""
    a3, _ = forward_propagation(X, parameters)
    return a3 > 0.5

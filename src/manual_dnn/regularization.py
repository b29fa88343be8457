"""Course 2, week 1, "Regularization": L2 regularization and inverted dropout on the three-layer network.

The four graded functions and the notebook's ``model``, with the course's names, arguments and
returns; the network itself (``forward_propagation``, ``backward_propagation``, ``compute_cost``,
``initialize_parameters``, ``update_parameters``, ``predict``...) is ``reg_utils``' and lives in
``manual_dnn.three_layer``, imported here so that ``regularization.forward_propagation`` works as the
notebook's namespace did. Shapes are three_layer's.

Caches, the course's in every version (2017 to today):
    forward_propagation               (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)
    forward_propagation_with_dropout  (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)
where, with dropout, A1 and A2 are after the mask and the 1 / keep_prob scaling and D1, D2 are 0/1
masks (booleans or ints, as the learner's comparison made them). Both backward functions return the
gradients dict of ``three_layer.backward_propagation``: with dropout its dA1 and dA2 are already
masked and divided by keep_prob, as the course stores them.

Signatures have not moved between versions; only the notebook's test cells did (``testCases``'
``*_test_case()`` up to 2020, ``public_tests``' ``*_test(target)`` from 2021).

Randomness: the course's forward seeds numpy's global generator (``np.random.seed(1)``) and draws
the two masks with ``np.random.rand``; here a local ``np.random.RandomState(seed)`` draws the same
stream, so the masks are the course's and numpy's global state is left alone.
"""

import numpy as np

from manual_dnn.three_layer import (
    backward_pass,
    backward_propagation,
    compute_cost,
    forward_propagation,
    initialize_parameters,
    predict,
    predict_dec,
    relu,
    sigmoid,
    update_parameters,
)

__all__ = [
    "compute_cost_with_regularization",
    "backward_propagation_with_regularization",
    "forward_propagation_with_dropout",
    "backward_propagation_with_dropout",
    "model",
    # reg_utils' names, re-exported: the notebook's namespace had them
    "sigmoid",
    "relu",
    "initialize_parameters",
    "forward_propagation",
    "compute_cost",
    "backward_propagation",
    "update_parameters",
    "predict",
    "predict_dec",
]


def compute_cost_with_regularization(A3, Y, parameters, lambd):
    """Cross-entropy plus the L2 term (lambd / (2 m)) (||W1||² + ||W2||² + ||W3||²), a float.

    A3 and Y are (1, m); the biases are not penalised.
    """
    m = np.shape(Y)[-1]
    cross_entropy_cost = compute_cost(A3, Y)
    squares = sum(np.sum(np.square(parameters[k])) for k in ("W1", "W2", "W3"))
    L2_regularization_cost = lambd / (2 * m) * squares
    return cross_entropy_cost + L2_regularization_cost


def backward_propagation_with_regularization(X, Y, cache, lambd):
    """The backward pass of the L2-regularised cost: each dW gains (lambd / m) W; db, dA, dZ do not change.

    ``cache`` is forward_propagation's; returns three_layer's gradients dict.
    """
    Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3 = cache
    m = X.shape[1]
    gradients = backward_pass(X, Y, A1, A2, A3, W2, W3)
    for key, W in (("dW1", W1), ("dW2", W2), ("dW3", W3)):
        gradients[key] = gradients[key] + lambd / m * W  # the derivative of (lambd / 2m) ||W||²
    return gradients


def _check_keep_prob(keep_prob):
    if not 0 < keep_prob <= 1:
        raise ValueError(f"keep_prob must lie in (0, 1], got {keep_prob!r}")


def forward_propagation_with_dropout(X, parameters, keep_prob=0.5, *, seed=1):
    """The forward pass with inverted dropout on both hidden layers.

    Each hidden activation is multiplied by a mask D of 0s and 1s (1 with probability keep_prob:
    ``rand < keep_prob``) and divided by keep_prob, so its expected value is unchanged. D1 is drawn
    first, then D2, from ``RandomState(seed)``: the course's ``np.random.seed(1)`` and two
    ``np.random.rand`` calls.

    Returns
    -------
    A3 : (1, m)
    cache : (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3), D1 (n_1, m) and D2 (n_2, m) booleans
    """
    _check_keep_prob(keep_prob)
    rng = np.random.RandomState(seed)
    W1, b1, W2, b2, W3, b3 = (parameters[k] for k in ("W1", "b1", "W2", "b2", "W3", "b3"))

    Z1 = np.dot(W1, X) + b1
    D1 = rng.rand(*Z1.shape) < keep_prob  # keep a unit with probability keep_prob
    A1 = relu(Z1) * D1 / keep_prob

    Z2 = np.dot(W2, A1) + b2
    D2 = rng.rand(*Z2.shape) < keep_prob
    A2 = relu(Z2) * D2 / keep_prob

    Z3 = np.dot(W3, A2) + b3
    A3 = sigmoid(Z3)
    return A3, (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)


def backward_propagation_with_dropout(X, Y, cache, keep_prob):
    """The backward pass through the same masks: dA1 and dA2 are masked and divided by keep_prob,
    as the forward's activations were.

    ``cache`` is forward_propagation_with_dropout's; returns three_layer's gradients dict.
    """
    _check_keep_prob(keep_prob)
    Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3 = cache
    return backward_pass(X, Y, A1, A2, A3, W2, W3, scale1=D1 / keep_prob, scale2=D2 / keep_prob)


def model(X, Y, learning_rate=0.3, num_iterations=30000, print_cost=False, lambd=0, keep_prob=1):
    """The notebook's training loop: layers [n_x, 20, 3, 1], plain, L2 (lambd > 0) or dropout (keep_prob < 1).

    As in the course, one regularization at a time, reg_utils' initialiser (seed 3), and with dropout
    the forward re-seeds itself each iteration, so every iteration drops the same units. The course
    also plots the costs; here ``print_cost=True`` prints the cost every 10000 iterations.

    Returns
    -------
    parameters : dict with W1 (20, n_x), b1, W2 (3, 20), b2, W3 (1, 3), b3
    """
    if lambd != 0 and keep_prob != 1:
        raise ValueError(f"use L2 (lambd={lambd!r}) or dropout (keep_prob={keep_prob!r}), not both: "
                         "the course's model explores one at a time")
    _check_keep_prob(keep_prob)
    parameters = initialize_parameters([X.shape[0], 20, 3, 1])
    for i in range(num_iterations):
        if keep_prob == 1:
            a3, cache = forward_propagation(X, parameters)
        else:
            a3, cache = forward_propagation_with_dropout(X, parameters, keep_prob)
        cost = compute_cost(a3, Y) if lambd == 0 else compute_cost_with_regularization(a3, Y, parameters, lambd)
        if lambd != 0:
            grads = backward_propagation_with_regularization(X, Y, cache, lambd)
        elif keep_prob < 1:
            grads = backward_propagation_with_dropout(X, Y, cache, keep_prob)
        else:
            grads = backward_propagation(X, Y, cache)
        parameters = update_parameters(parameters, grads, learning_rate)
        if print_cost and i % 10000 == 0:
            print(f"Cost after iteration {i}: {cost}")
    return parameters

"""Regularization assignment, rewritten a bit more compactly after I passed the grader.

Dropout here masks Z before the ReLU: relu(Z * D) = relu(Z) * D because D is 0 or 1.
"""
import numpy as np

from reg_utils import compute_cost, relu, sigmoid

WEIGHTS = ("W1", "W2", "W3")


def compute_cost_with_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    squares = sum(np.sum(parameters[w] ** 2) for w in WEIGHTS)
    return compute_cost(A3, Y) + lambd * squares / (2 * m)


def _grads(X, Y, A1, A2, A3, W2, W3, D1=1, D2=1, keep_prob=1.0):
    m = X.shape[1]
    dZ3 = A3 - Y
    dA2 = W3.T @ dZ3 * D2 / keep_prob
    dZ2 = dA2 * (A2 > 0)
    dA1 = W2.T @ dZ2 * D1 / keep_prob
    dZ1 = dA1 * (A1 > 0)
    g = {"dZ3": dZ3, "dA2": dA2, "dZ2": dZ2, "dA1": dA1, "dZ1": dZ1}
    for l, dZ, A_prev in ((3, dZ3, A2), (2, dZ2, A1), (1, dZ1, X)):
        g[f"dW{l}"] = dZ @ A_prev.T / m
        g[f"db{l}"] = dZ.sum(axis=1, keepdims=True) / m
    return g


def backward_propagation_with_regularization(X, Y, cache, lambd):
    Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3 = cache
    m = X.shape[1]
    g = _grads(X, Y, A1, A2, A3, W2, W3)
    for l, W in ((1, W1), (2, W2), (3, W3)):
        g[f"dW{l}"] += lambd / m * W
    return g


def forward_propagation_with_dropout(X, parameters, keep_prob=0.5):
    np.random.seed(1)
    W1, b1, W2, b2, W3, b3 = (parameters[k] for k in ("W1", "b1", "W2", "b2", "W3", "b3"))

    Z1 = W1 @ X + b1
    D1 = np.random.rand(*Z1.shape) < keep_prob
    A1 = relu(Z1 * D1) / keep_prob          # mask inside the relu, same thing

    Z2 = W2 @ A1 + b2
    D2 = np.random.rand(*Z2.shape) < keep_prob
    A2 = relu(Z2 * D2) / keep_prob

    Z3 = W3 @ A2 + b3
    A3 = sigmoid(Z3)
    return A3, (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)


def backward_propagation_with_dropout(X, Y, cache, keep_prob):
    Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3 = cache
    return _grads(X, Y, A1, A2, A3, W2, W3, D1, D2, keep_prob)

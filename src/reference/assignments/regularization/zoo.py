"""The bug zoo of "Regularization": mistakes its learners make (tests/learners/regularization/README.md
counts them), each manual_dnn's solution with one function replaced, written as a learner writes it."""

import numpy as np

from manual_dnn import regularization, three_layer
from reference.bug_zoo import Mutant, notebook_namespace

__all__ = ["MUTANTS", "mutant_namespace"]


def l2_cost_precedence(A3, Y, parameters, lambd):
    m = Y.shape[1]
    W1, W2, W3 = parameters["W1"], parameters["W2"], parameters["W3"]
    cross_entropy_cost = compute_cost(A3, Y)
    squares = np.sum(np.square(W1)) + np.sum(np.square(W2)) + np.sum(np.square(W3))
    L2_regularization_cost = lambd / 2 * m * squares  # BUG: lambd / (2 * m)
    return cross_entropy_cost + L2_regularization_cost


def l2_gradient_on_biases(X, Y, cache, lambd):
    gradients = backward_propagation(X, Y, cache)
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    for l, (W, b) in enumerate(((W1, b1), (W2, b2), (W3, b3)), start=1):
        gradients["dW" + str(l)] = gradients["dW" + str(l)] + lambd / m * W
        gradients["db" + str(l)] = gradients["db" + str(l)] + lambd / m * b  # BUG: the biases are not penalised
    return gradients


def dropout_randn(X, parameters, keep_prob=0.5):
    np.random.seed(1)
    W1, b1, W2, b2, W3, b3 = (parameters[k] for k in ("W1", "b1", "W2", "b2", "W3", "b3"))
    Z1 = np.dot(W1, X) + b1
    A1 = relu(Z1)
    D1 = np.random.randn(A1.shape[0], A1.shape[1]) < keep_prob  # BUG: randn, not rand
    A1 = A1 * D1 / keep_prob
    Z2 = np.dot(W2, A1) + b2
    A2 = relu(Z2)
    D2 = np.random.randn(A2.shape[0], A2.shape[1]) < keep_prob  # BUG: randn, not rand
    A2 = A2 * D2 / keep_prob
    Z3 = np.dot(W3, A2) + b3
    A3 = sigmoid(Z3)
    return A3, (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)


def dropout_backward_multiplies(X, Y, cache, keep_prob):
    m = X.shape[1]
    (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3 = 1. / m * np.dot(dZ3, A2.T)
    db3 = 1. / m * np.sum(dZ3, axis=1, keepdims=True)
    dA2 = np.dot(W3.T, dZ3)
    dA2 = dA2 * D2
    dA2 = dA2 * keep_prob  # BUG: divides by keep_prob in the forward, so divide here too
    dZ2 = np.multiply(dA2, np.int64(A2 > 0))
    dW2 = 1. / m * np.dot(dZ2, A1.T)
    db2 = 1. / m * np.sum(dZ2, axis=1, keepdims=True)
    dA1 = np.dot(W2.T, dZ2)
    dA1 = dA1 * D1
    dA1 = dA1 * keep_prob  # BUG
    dZ1 = np.multiply(dA1, np.int64(A1 > 0))
    dW1 = 1. / m * np.dot(dZ1, X.T)
    db1 = 1. / m * np.sum(dZ1, axis=1, keepdims=True)
    return {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2,
            "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}


MUTANTS = {
    "l2-cost-precedence": Mutant("compute_cost_with_regularization",
                                 "lambd / 2 * m: the L2 term m² times too large", l2_cost_precedence),
    "l2-gradient-on-biases": Mutant("backward_propagation_with_regularization",
                                    "adds (lambd / m) b to db, as if the biases were penalised", l2_gradient_on_biases),
    "dropout-randn": Mutant("forward_propagation_with_dropout",
                            "masks drawn with np.random.randn: keeps about 76% at keep_prob 0.7", dropout_randn),
    "dropout-backward-multiplies": Mutant("backward_propagation_with_dropout",
                                          "multiplies dA1, dA2 by keep_prob instead of dividing",
                                          dropout_backward_multiplies),
}


def mutant_namespace(name):
    mutant = MUTANTS[name]
    return notebook_namespace((three_layer, regularization), [(mutant.function, mutant.implementation)])

"""The bug zoo of course 1 week 3: mistakes its learners make (tests/learners/planar/README.md counts
them), each manual_dnn's solution with one function replaced, written as a learner writes it."""

import numpy as np

from manual_dnn import planar
from reference.bug_zoo import Mutant, notebook_namespace

__all__ = ["MUTANTS", "mutant_namespace"]


def _backward(parameters, cache, X, Y, slope):
    m = X.shape[1]
    W2 = parameters["W2"]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = A2 - Y
    dW2 = 1 / m * np.dot(dZ2, A1.T)
    db2 = 1 / m * np.sum(dZ2, axis=1, keepdims=True)
    dZ1 = np.dot(W2.T, dZ2) * slope(A1)
    dW1 = 1 / m * np.dot(dZ1, X.T)
    db1 = 1 / m * np.sum(dZ1, axis=1, keepdims=True)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


def backward_tanh_slope_A1_squared(parameters, cache, X, Y):
    return _backward(parameters, cache, X, Y, lambda A1: np.power(A1, 2))  # BUG: 1 - A1**2


def backward_sigmoid_slope(parameters, cache, X, Y):
    return _backward(parameters, cache, X, Y, lambda A1: A1 * (1 - A1))  # BUG: sigmoid's derivative, not tanh's


def backward_db1_axis0(parameters, cache, X, Y):
    grads = _backward(parameters, cache, X, Y, lambda A1: 1 - np.power(A1, 2))
    m = X.shape[1]
    dZ1 = np.dot(parameters["W2"].T, cache["A2"] - Y) * (1 - np.power(cache["A1"], 2))
    grads["db1"] = 1 / m * np.sum(dZ1, axis=0, keepdims=True)  # BUG: over the hidden units, not the examples
    return grads


def predict_probabilities(parameters, X):
    A2, cache = forward_propagation(X, parameters)
    predictions = A2  # BUG: the probabilities, not the classes (A2 > 0.5)
    return predictions


MUTANTS = {
    "tanh-slope-A1-squared": Mutant("backward_propagation", "dZ1 with A1**2 for 1 - A1**2",
                                    backward_tanh_slope_A1_squared),
    "sigmoid-slope-for-tanh": Mutant("backward_propagation", "dZ1 with sigmoid's A1 (1 - A1)", backward_sigmoid_slope),
    "db1-axis-0": Mutant("backward_propagation", "db1 summed over axis 0", backward_db1_axis0),
    "predict-probabilities": Mutant("predict", "returns A2 itself, not A2 > 0.5", predict_probabilities),
}


def mutant_namespace(name):
    mutant = MUTANTS[name]
    return notebook_namespace((planar,), [(mutant.function, mutant.implementation)])

"""The bug zoo of course 1 week 2: mistakes its learners make (tests/learners/logistic_regression/README.md
counts them), each manual_dnn's solution with one function replaced, written as a learner writes it."""

import numpy as np

from manual_dnn import logistic_regression
from reference.bug_zoo import Mutant, notebook_namespace

__all__ = ["MUTANTS", "mutant_namespace"]


def propagate_dw_without_1_over_m(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(np.dot(w.T, X) + b)
    cost = -1 / m * np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A))
    dw = np.dot(X, (A - Y).T)  # BUG: 1/m forgotten
    db = 1 / m * np.sum(A - Y)
    return {"dw": dw, "db": db}, np.squeeze(np.array(cost))


def propagate_negative_cost(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(np.dot(w.T, X) + b)
    cost = 1 / m * np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A))  # BUG: the minus sign lost
    dw = 1 / m * np.dot(X, (A - Y).T)
    db = 1 / m * np.sum(A - Y)
    return {"dw": dw, "db": db}, np.squeeze(np.array(cost))


def optimize_forgets_b(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    costs = []
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        dw, db = grads["dw"], grads["db"]
        w = w - learning_rate * dw  # BUG: b never updated
        if i % 100 == 0:
            costs.append(cost)
    return {"w": w, "b": b}, {"dw": dw, "db": db}, costs


def predict_flat(w, b, X):
    A = sigmoid(np.dot(w.T, X) + b)
    return (A[0] > 0.5).astype(float)  # BUG: shape (m,), not (1, m)


MUTANTS = {
    "dw-missing-1/m": Mutant("propagate", "dw = X (A - Y).T without the 1/m", propagate_dw_without_1_over_m),
    "negative-cost": Mutant("propagate", "the cross-entropy without its minus sign", propagate_negative_cost),
    "optimize-forgets-b": Mutant("optimize", "updates w but never b", optimize_forgets_b),
    "predict-flat": Mutant("predict", "Y_prediction of shape (m,), not (1, m)", predict_flat),
}


def mutant_namespace(name):
    mutant = MUTANTS[name]
    return notebook_namespace((logistic_regression,), [(mutant.function, mutant.implementation)])

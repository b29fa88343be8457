"""Bugs with a known shape, for the report's tests: each wrong in a row, a column or by a factor.

Functions written as a learner writes them, dropped into the seed's notebook-like
namespace (``reference.bug_zoo.seed_namespace``) so the other functions call them.
"""

import numpy as np

from reference.bug_zoo import seed_namespace


def linear_backward_mixing_up_an_input(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = np.dot(dZ, A_prev.T) / m
    dW[:, 0] = np.dot(dZ, A_prev[1]) / m  # BUG: input 0's column computed from input 1
    db = np.sum(dZ, axis=1, keepdims=True) / m
    dA_prev = np.dot(W.T, dZ)
    return dA_prev, dW, db


def linear_backward_doubling_unit_0(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = np.dot(dZ, A_prev.T) / m
    dW[0] *= 2  # BUG: unit 0's row counted twice
    db = np.sum(dZ, axis=1, keepdims=True) / m
    dA_prev = np.dot(W.T, dZ)
    return dA_prev, dW, db


def linear_backward_without_1_over_m(dZ, cache):
    A_prev, W, b = cache
    dW = np.dot(dZ, A_prev.T)  # BUG: 1/m forgotten
    db = np.sum(dZ, axis=1, keepdims=True) / A_prev.shape[1]
    dA_prev = np.dot(W.T, dZ)
    return dA_prev, dW, db


BUGS = {"column": linear_backward_mixing_up_an_input, "row": linear_backward_doubling_unit_0,
        "uniform": linear_backward_without_1_over_m}


def namespace_with(bug):
    """The seed's functions with linear_backward replaced by ``BUGS[bug]``."""
    namespace = seed_namespace()
    namespace["linear_backward"] = BUGS[bug]
    return namespace

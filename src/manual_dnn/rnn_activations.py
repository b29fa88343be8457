"""The course's ``rnn_utils`` helpers of course 5 week 1: softmax and sigmoid, values only.

Unlike course 1's ``sigmoid`` (which returns ``(A, cache)``), these return the value alone,
as ``rnn_utils`` does. Both work column by column on (n, m) arrays.
"""

import numpy as np

__all__ = ["softmax", "sigmoid"]


def softmax(x):
    """exp(x) / sum(exp(x)) down each column; x (n, m) -> (n, m), every column summing to 1.

    Each column is shifted by its maximum first (softmax does not change under a shift), so
    exp never overflows. The course's rnn_utils shifts by the maximum of the whole array: the
    same values, to rounding.
    """
    x = np.asarray(x, dtype=np.float64)
    e = np.exp(x - np.max(x, axis=0, keepdims=True))
    return e / np.sum(e, axis=0, keepdims=True)


def sigmoid(x):
    """1 / (1 + exp(-x)), elementwise."""
    return 1 / (1 + np.exp(-np.asarray(x, dtype=np.float64)))

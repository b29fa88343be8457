"""Patterns of a whole backward pass: every layer right for the gradient it was given, the first one wrong.

``L_model_backward`` starts from dAL = dJ/dAL (without the 1/m) and hands each
layer the gradient the layer above returned. When every layer's dW, db and
dA_prev are exactly what backpropagation gives *from the learner's own dZ of
the last layer*, but that dZ is not AL - Y, the loop is right and the one
line that computes dAL is not: every tensor of the report is then wrong for
that one reason, and the report says so once, rather than "wrong in every
entry" for each.
"""

import numpy as np

from manual_dnn.layer import linear_activation_backward
from manual_dnn.linear import linear_backward
from reference.report.patterns import WRONG, entry_errors

__all__ = ["dAL_pattern"]


def _same(actual, expected):
    return np.shape(actual) == np.shape(expected) and entry_errors(actual, expected).max(initial=0.0) <= WRONG


def dAL_pattern(grads, caches, AL, Y):
    """The words for a backward pass wrong only through its dAL, or None (also when anything
    here cannot be computed: a pattern is an aid, never the verdict's cost).

    ``grads``: the learner's gradients by the oracle's keys ("dW{l}", "db{l}", "dA{k}" for
    dJ/dA[k] without the 1/m; those of the right shape), ``caches`` the seed's
    [((A_prev, W, b), Z), ...] of the check point, AL (1, m) and Y (1, m).
    """
    try:
        return _dAL_pattern(grads, caches, AL, Y)
    except (ArithmeticError, ValueError, TypeError, KeyError):
        return None


def _dAL_pattern(grads, caches, AL, Y):
    L = len(caches)
    (A_prev, W, b), Z = caches[-1]
    dA_prev = grads.get(f"dA{L - 1}")
    if dA_prev is None or W.shape[0] != 1 or not np.any(W):
        return None
    dZ = (W @ dA_prev) / np.sum(W * W)  # the last layer's dZ that gives the learner's dA{L-1} = W.T dZ
    if not _same(W.T @ dZ, dA_prev) or _same(dZ, AL - Y):
        return None
    rebuilt = dict(zip((f"dA{L - 1}", f"dW{L}", f"db{L}"), linear_backward(dZ, (A_prev, W, b))))
    for l in range(L - 1, 0, -1):  # the hidden layers, from the learner's own dZ down
        rebuilt.update(zip((f"dA{l - 1}", f"dW{l}", f"db{l}"),
                           linear_activation_backward(rebuilt[f"dA{l}"], caches[l - 1], "relu")))
    if not all(_same(value, rebuilt[key]) for key, value in grads.items() if key in rebuilt):
        return None
    with np.errstate(all="ignore"):
        dAL = dZ / (AL * (1 - AL))  # what the learner's dAL was, through the sigmoid's derivative
    right = -(Y / AL - (1 - Y) / (1 - AL))
    if _same(dAL, -right):
        how = "dAL has the wrong sign (the course's dAL = -(Y/AL - (1-Y)/(1-AL)))"
    else:
        how = "dAL is not -(Y/AL - (1-Y)/(1-AL)) (a slip in its formula?)"
    return (f"wrong only through dAL, the last layer's incoming gradient: every layer is right for the gradient "
            f"it is given, but {how}")

"""``manual-dnn explain --assignment convolution``: one small convolution and one pooling layer, forward and
backward, every sum with its numbers, each gradient beside JAX's (docs/derivations.md, "Convolution and
pooling"). One example and one channel, so that every array prints as a matrix; integers, so that a
learner can redo each sum by hand.
"""

import numpy as np

from manual_dnn import convolution as md
from reference.assignments.convolution import math
from reference.engine import oracles
from reference.explain import agreement, verdict, writer

__all__ = ["explain"]


def _image(x):
    """The one example and one channel of a (1, n_H, n_W, 1) array, as a matrix."""
    return np.asarray(x)[0, :, :, 0]


def _full_correlation_with_flipped_kernel(dZ, kernel):
    """dP at stride 1: dZ with f - 1 zeros around it, correlated with the kernel flipped in both axes."""
    f = kernel.shape[0]
    padded = np.pad(dZ, f - 1)
    flipped = kernel[::-1, ::-1]
    rows, cols = padded.shape[0] - f + 1, padded.shape[1] - f + 1
    return np.array([[np.sum(padded[y:y + f, x:x + f] * flipped) for x in range(cols)] for y in range(rows)])


def explain(seed=0, fmt="text"):
    """The walk-through as one string (``fmt`` "text", "markdown" or "html", a whole page)."""
    rng = np.random.RandomState(seed)
    w = writer(fmt)
    errors = []

    def agrees(value, expected):  # the note beside a matrix; its relative error kept for the verdict
        rel, note = agreement(value, expected)
        errors.append(rel)
        return note

    w.heading(f"A convolution and a pooling layer, forward and backward (seed {seed})", 1)
    w.say("Channels last, one example, one channel in and out, so each array prints as a matrix. "
          "dZ is the gradient of the summed cost: no 1/m in this assignment.")

    A_prev = rng.randint(-3, 4, (1, 3, 3, 1)).astype(float)
    W = rng.randint(-2, 3, (2, 2, 1, 1)).astype(float)
    b = np.array([[[[1.0]]]])
    hparameters = {"stride": 1, "pad": 0}
    w.heading("Convolution, f = 2, stride 1, pad 0")
    w.matrix("A_prev", _image(A_prev))
    w.matrix("W", W[:, :, 0, 0])
    w.say("b = 1")
    Z, cache = md.conv_forward(A_prev, W, b, hparameters)
    w.equation("Z[h, w] = sum over a, d of A_prev[h + a, w + d] W[a, d] + b",
               "a 2 x 2 window of 3 x 3 -> 2 x 2 (a correlation: W is not flipped)")
    conv = oracles.bound(math.conv, {"hparameters": hparameters})
    w.matrix("Z", _image(Z), agrees(Z, oracles.values(conv, [A_prev, W, b])[0]))

    dZ = rng.randint(-2, 3, Z.shape).astype(float)
    w.heading("conv_backward", 3)
    w.matrix("dZ", _image(dZ))
    dA_prev, dW, db = md.conv_backward(dZ, cache)
    expected = oracles.vjp(conv, [A_prev, W, b], (0, 1, 2), [dZ])
    w.equation("db = sum of dZ", "every output touches the bias once -> (1, 1, 1, 1)")
    w.matrix("db", db.reshape(1, 1), agrees(db, expected[2]))
    w.equation("dW[a, d] = sum over h, w of dZ[h, w] A_prev[h + a, w + d]",
               "the correlation of the input with dZ -> W's shape")
    w.matrix("dW", dW[:, :, 0, 0], agrees(dW, expected[1]))
    w.equation("dA_prev[y, x] = sum over h, w of dZ[h, w] W[y - h, x - w]",
               "each window sends W dZ[h, w] back -> A_prev's shape")
    w.matrix("dA_prev", _image(dA_prev), agrees(dA_prev, expected[0]))
    flipped = _full_correlation_with_flipped_kernel(_image(dZ), W[:, :, 0, 0])
    w.say("The same numbers as a correlation of dZ, padded with f - 1 = 1 zero all round, with W flipped in "
          "both axes (a true convolution with W):")
    w.matrix("W flipped", W[::-1, ::-1, 0, 0])
    w.matrix("correlation", flipped, "   <- equal to dA_prev" if np.allclose(flipped, _image(dA_prev))
             else "   <- DIFFERS from dA_prev")

    pool = {"f": 2, "stride": 2}
    A_pool = (rng.permutation(16).reshape(1, 4, 4, 1) - 8).astype(float)  # distinct: no tie in a window
    dA = rng.randint(1, 5, (1, 2, 2, 1)).astype(float)
    w.heading("Pooling, f = 2, stride 2")
    w.matrix("A_prev", _image(A_pool))
    w.matrix("dA", _image(dA))
    for mode, pooled in (("max", math.max_pool), ("average", math.average_pool)):
        bound = oracles.bound(pooled, {"hparameters": pool})
        A, pool_cache = md.pool_forward(A_pool, pool, mode)
        w.heading(f"{mode} pooling", 3)
        w.matrix("A", _image(A), agrees(A, oracles.values(bound, [A_pool])[0]))
        if mode == "max":
            window = _image(A_pool)[0:2, 0:2]
            w.equation("mask = (window == max(window)): the gradient of the max, 1 at its entry",
                       "for the top-left window")
            w.matrix("mask", md.create_mask_from_window(window).astype(int))
            w.equation("dA_prev[window] += mask * dA[h, w]", "each window's dA goes to its maximum")
        else:
            w.equation("distribute_value(dz, (f, f)) = dz / f^2 everywhere: the gradient of the mean, times dz",
                       "for the top-left window")
            w.matrix("a", md.distribute_value(dA[0, 0, 0, 0], (2, 2)))
            w.equation("dA_prev[window] += distribute_value(dA[h, w], (f, f))", "")
        dA_prev = md.pool_backward(dA, pool_cache, mode)
        w.matrix("dA_prev", _image(dA_prev), agrees(dA_prev, oracles.vjp(bound, [A_pool], (0,), [dA])[0]))
    verdict(w, max(errors), next_step="Next: `manual-dnn gradcheck --impl your_notebook.ipynb` checks your own "
            "functions the same way, at stride 2 and pad 1, and at pad 0.")
    return w.text()

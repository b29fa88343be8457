"""``manual-dnn explain --assignment cs231n``: batch normalisation's forward and backward (train mode) and
``softmax_loss``, at N = 4 examples of D = 3 features (C = 3 classes), every step with its numbers.

Batch norm's dx is built twice: along the graph, the three paths from x to the output (through x_hat
directly, through the variance, through the mean) with each intermediate printed, and with the one-line
formula of ``batchnorm_backward_alt``. The numbers are manual_dnn.cs231n_layers'; JAX differentiates the
assignment's own math (reference.assignments.cs231n.math) at the same point.
"""

import numpy as np

from manual_dnn import cs231n_layers as layers
from reference.assignments.cs231n import math
from reference.assignments.cs231n.points import EPS
from reference.engine import oracles
from reference.explain import Beside, agreement, derivation, jax_gradient, jax_value, verdict, writer
from reference.tolerances import relative_error

__all__ = ["explain"]

N, D = 4, 3  # examples, features (and classes of the softmax)
MOMENTUM = 0.9
OVERFLOW_SHIFT = 1000.0  # added to every score: exp(1000) is inf in float64 (its largest is about exp(709.8))
NEXT_STEP = "Next: `manual-dnn gradcheck --impl assignment2/cs231n/layers.py` checks your own layers the same way."


def _point(seed):
    """x (N, D), gamma and beta (D,) away from 1 and 0, dout (N, D), scores (N, D), labels y (N,): few
    decimals, so that a learner can redo the sums."""
    rng = np.random.RandomState(seed)
    x = np.round(rng.randn(N, D) * 2 + rng.randn(D) * 3, 1)
    gamma = np.round(rng.uniform(0.5, 2.0, D) * rng.choice([-1, 1], D), 1)
    beta = np.round(rng.randn(D), 1)
    dout = np.round(rng.randn(N, D), 2)
    scores = np.round(rng.randn(N, D) * 2, 1)
    y = rng.randint(0, D, N)
    return x, gamma, beta, dout, scores, y


def explain(seed=0, fmt="text"):
    """The walk-through as one string (``fmt`` "text", "markdown" or "html", a whole page)."""
    x, gamma, beta, dout, scores, y = _point(seed)
    w = writer(fmt)
    w.heading(f"CS231n: batch normalisation and the softmax loss, N = {N}, D = {D} (seed {seed})", 1)
    w.say("Examples are rows, as in cs231n/layers.py: x is (N, D), gamma and beta (D,); every mean below is "
          "over the N examples (axis=0), one per feature.")
    derivation(w, "CS231n: batch normalisation's backward and the softmax loss")
    beside = Beside(w)
    _batchnorm(w, beside, x, gamma, beta, dout)
    _softmax(w, beside, scores, y)
    verdict(w, beside.worst, next_step=NEXT_STEP)
    return w.text()


def _batchnorm(w, beside, x, gamma, beta, dout):
    w.heading("batchnorm_forward, mode 'train'")
    w.matrix("x", x)
    w.matrix("gamma", gamma)
    w.matrix("beta", beta)
    bn_param = {"mode": "train", "eps": EPS, "momentum": MOMENTUM}
    out, cache = layers.batchnorm_forward(x, gamma, beta, bn_param)
    mu = x.mean(axis=0)
    var = ((x - mu) ** 2).mean(axis=0)
    inv_std = 1 / np.sqrt(var + EPS)
    x_hat = (x - mu) * inv_std
    w.equation("mu = (1/N) sum_i x[i]", f"{x.shape} -> {mu.shape}")
    w.matrix("mu", mu)
    w.equation("var = (1/N) sum_i (x[i] - mu)^2",
               f"{x.shape} -> {var.shape}, divided by N (np.var's default), not N - 1")
    w.matrix("var", var)
    w.equation(f"x_hat = (x - mu) / sqrt(var + eps),  eps = {EPS:g}",
               f"{x.shape}: each column now has mean 0 and variance just under 1")
    w.matrix("x_hat", x_hat)
    w.equation("out = gamma * x_hat + beta", f"{gamma.shape} broadcast over the rows -> {out.shape}")
    w.matrix("out", out, agreement(out, oracles.values(math.batchnorm_train, [x, gamma, beta])[0])[1])
    w.say(f"Train mode also moves the running averages test mode will use: running_mean = {MOMENTUM} "
          f"running_mean + {1 - MOMENTUM:.1f} mu, here {np.array2string(bn_param['running_mean'], precision=4)} "
          f"from zeros (running_var alike).")

    w.heading("batchnorm_backward")
    w.say("dout (N, D) is what the layer above sends back. JAX's gradients are the VJP of the same forward "
          "with dout: the mean and variance are functions of x there, as they are in train mode.")
    w.matrix("dout", dout)
    dx, dgamma, dbeta = layers.batchnorm_backward(dout, cache)
    expected = dict(zip(("dx", "dgamma", "dbeta"),
                        oracles.vjp(math.batchnorm_train, [x, gamma, beta], (0, 1, 2), [dout])))
    w.equation("dbeta = sum_i dout[i]", f"{dout.shape} -> {beta.shape}: beta is added to every row")
    beside.gradient("dbeta", dbeta, expected["dbeta"])
    w.equation("dgamma = sum_i dout[i] * x_hat[i]", f"{dout.shape} -> {gamma.shape}: gamma multiplies x_hat")
    beside.gradient("dgamma", dgamma, expected["dgamma"])
    centred = (dout * (x - mu)).sum(axis=0)
    w.say(f"gamma multiplies x_hat, not x - mu: sum_i dout[i] * (x[i] - mu) is sqrt(var + eps) times too "
          f"large in each column, a relative error of {relative_error(centred, expected['dgamma']):.2f} here.")

    w.heading("dx along the graph, step by step", 3)
    w.say("x reaches the output three ways: directly through x_hat, through var and through mu (both are "
          "computed from every row of x). The chain rule adds the three.")
    dx_hat = dout * gamma
    w.equation("dx_hat = dout * gamma", f"{dout.shape}")
    w.matrix("dx_hat", dx_hat)
    dvar = (dx_hat * (x - mu)).sum(axis=0) * -0.5 * (var + EPS) ** -1.5
    w.equation("dvar = sum_i dx_hat[i] * (x[i] - mu) * (-1/2) (var + eps)^(-3/2)", f"-> {var.shape}")
    w.matrix("dvar", dvar)
    dmu = -(dx_hat * inv_std).sum(axis=0) + dvar * (-2 * (x - mu)).mean(axis=0)
    w.equation("dmu = -sum_i dx_hat[i] / sqrt(var + eps) + dvar * (1/N) sum_i -2 (x[i] - mu)",
               f"-> {mu.shape}; the second term is 0: the x[i] - mu of a column sum to 0")
    w.matrix("dmu", dmu)
    paths = {"through x_hat:  dx_hat / sqrt(var + eps)": dx_hat * inv_std,
             "through var:    dvar * 2 (x - mu) / N": dvar * 2 * (x - mu) / N,
             "through mu:     dmu / N": np.broadcast_to(dmu / N, x.shape)}
    for name, value in paths.items():
        w.matrix(name, value)
    summed = sum(paths.values())
    w.equation("dx = the three summed", f"{x.shape}")
    beside.gradient("dx (the graph)", summed, expected["dx"])
    w.say(f"manual_dnn's batchnorm_backward computes dx with the one line below; largest difference from the "
          f"three summed: {np.abs(dx - summed).max():.1e}.")
    beside.gradient("dx (batchnorm_backward)", dx, expected["dx"])
    w.say(f"Each column of dx sums to 0 (here at most {np.abs(dx.sum(axis=0)).max():.0e}): adding the same "
          "number to a whole column of x changes neither x_hat nor the output.")

    w.heading("batchnorm_backward_alt: the simplified one line", 3)
    w.say("Put the three paths over the common factor gamma / (N sqrt(var + eps)); dbeta and dgamma, already "
          "computed, are the two sums the mean and variance paths need.")
    w.equation("dx = gamma / (N sqrt(var + eps)) * (N dout - dbeta - x_hat * dgamma)",
               f"{gamma.shape} x ({dout.shape} - {dbeta.shape} - {x_hat.shape} * {dgamma.shape}) -> {x.shape}")
    dx_alt, _, _ = layers.batchnorm_backward_alt(dout, cache)
    beside.gradient("dx (batchnorm_backward_alt)", dx_alt, expected["dx"])
    direct = paths["through x_hat:  dx_hat / sqrt(var + eps)"]
    w.say(f"A dx of dout * gamma / sqrt(var + eps) alone, without the terms through the mean and the "
          f"variance, treats mu and var as constants (test mode's backward): wrong in train mode, where "
          f"every x[i] moves the mean and variance that every row is normalised with; at this point its "
          f"relative error is {relative_error(direct, expected['dx']):.2f}.")


def _softmax(w, beside, scores, y):
    w.heading("softmax_loss")
    w.say(f"Scores x (N, C) = ({N}, {D}), one row per example, and the correct class y[i] of each.")
    w.matrix("x", scores)
    w.matrix("y", y)
    shifted = scores - scores.max(axis=1, keepdims=True)
    w.equation("shifted = x - max_j x[i, j]",
               f"{scores.shape}: each row's largest score becomes 0, every exp at most 1")
    w.matrix("shifted", shifted)
    probs = np.exp(shifted) / np.exp(shifted).sum(axis=1, keepdims=True)
    w.equation("p[i, j] = exp(shifted[i, j]) / sum_k exp(shifted[i, k])", f"{scores.shape}, each row sums to 1")
    w.matrix("p", probs)
    unshifted = np.exp(scores) / np.exp(scores).sum(axis=1, keepdims=True)
    with np.errstate(over="ignore", invalid="ignore"):
        big = scores + OVERFLOW_SHIFT
        big_unshifted = np.exp(big) / np.exp(big).sum(axis=1, keepdims=True)
    big_loss, big_dx = layers.softmax_loss(big, y)
    w.say(f"Why the shift: the softmax of a row does not change when a number is subtracted from every score "
          f"(exp(x - c) = exp(x) exp(-c), and exp(-c) cancels). Without it, p is the same here (largest "
          f"difference {np.abs(unshifted - probs).max():.0e}), but at x + {OVERFLOW_SHIFT:g} exp overflows "
          f"to inf and inf / inf gives {np.isnan(big_unshifted).sum()} NaN of {big.size}; with the shift "
          f"softmax_loss(x + {OVERFLOW_SHIFT:g}, y) is {big_loss:.10f}. That is a numerical error, not a "
          "gradient error: the formula is right, float64 cannot hold exp(1000).")
    loss, dx = layers.softmax_loss(scores, y)
    w.equation("loss = -(1/N) sum_i log p[i, y[i]]", "a number, the mean cross-entropy")
    w.say(f"    loss = {loss:.10f}   (JAX: {jax_value(math.softmax_loss, [scores, y]):.10f})")
    onehot = np.eye(D)[y]
    w.equation("dx = (p - onehot(y)) / N", f"{scores.shape}: 1 taken from the correct class, divided by N as the "
               "loss is a mean")
    w.matrix("onehot(y)", onehot)
    (expected,) = jax_gradient(math.softmax_loss, [scores, y], (0,))
    beside.gradient("dx", dx, expected)
    w.say(f"softmax_loss's dx at x + {OVERFLOW_SHIFT:g} differs from this one by at most "
          f"{np.abs(big_dx - dx).max():.0e} (x + {OVERFLOW_SHIFT:g} rounds each score to about 1e-13).")

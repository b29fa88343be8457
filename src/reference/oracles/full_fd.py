"""Central differences for every parameter of a network, fast.

The naive way runs two forward passes per parameter: for the seed's cat
network ([12288, 20, 7, 5, 1], 209 examples, 245,973 parameters) that is
hours of numpy. Here the same numbers come from far less work, with the same
function J evaluated at the same points:

1. A perturbation of W[l][i, j] or b[l][i] changes only row i of Z[l], by
   eps * A[l-1][j, :] or eps. Everything before layer l is reused.
2. The cost is a sum over examples, and example t's loss depends only on
   column t. So J(theta ± eps e) - J(theta) needs the tail of the network
   (layers l..L) only for the examples whose row i actually changes.
3. All perturbations of one row are batched through the tail at once.
4. While no ReLU input changes sign, the tail after layer l is the linear map it is at theta (each
   ReLU keeps or zeroes its unit as it did), so Z_L moves by s_t * delta for example t: J at the
   perturbed point is the loss at Z_L + s_t * delta, with no tensor of the tail's width per step.
   Where a delta would cross a kink (a bound per example, from Z at theta) the coordinate is flagged.

A perturbation that moves a ReLU input across 0 (anywhere in the tail) makes
the central difference invalid; such coordinates are flagged, never judged.
"""

import numpy as np

from reference.oracles.numpy_network import forward
from reference.tolerances import FD_STEP

__all__ = ["full_central_differences", "naive_central_differences"]

_CHUNK_ELEMENTS = 1 << 18  # (K, m') blocks of 2 MB: cache-friendly, low memory


def _per_example_loss(AL, Y):
    return -(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))


def _tail(l, i, weights, Zs):
    """How the network after layer l answers a change delta of A[l][i, t] (l < L), per example t:
    (s (m',), lo (m',), hi (m',)) with Z_L[0, t] moving by s[t] * delta and no ReLU input of layers
    l+1..L-1 changing sign while lo[t] <= delta <= hi[t].

    While no ReLU input changes sign the tail is the linear map it is at theta (each ReLU keeps or
    zeroes its unit as it did), so Z_L at the perturbed point is Z_L + s * delta: the same J at the
    same points, without a (units, K, m') tensor per layer. A delta outside [lo, hi] crosses a kink:
    flagged, never judged. Zs[k] is Z[k] restricted to the m' columns.
    """
    L = len(weights)
    v = np.repeat(weights[l][0][:, i, None], Zs[l + 1].shape[1], axis=1)  # dZ[l+1] / dA[l][i]: (n, m')
    lo, hi = np.full(v.shape[1], -np.inf), np.full(v.shape[1], np.inf)
    for k in range(l + 1, L):
        active = Zs[k] > 0
        with np.errstate(divide="ignore", invalid="ignore"):
            edge = np.where(v != 0, -Zs[k] / v, np.nan)  # the delta at which unit a's input reaches 0
        # an active unit stays active above its edge when v > 0, below it when v < 0; an inactive one the reverse
        below = (v != 0) & (active == (v > 0))
        above = (v != 0) & (active != (v > 0))
        lo = np.maximum(lo, np.where(below, edge, -np.inf).max(axis=0))
        hi = np.minimum(hi, np.where(above, edge, np.inf).min(axis=0))
        v = weights[k][0] @ (active * v)
    return v[0], lo, hi


def _tail_losses(z_row, l, i, weights, As, Zs, Y_cols, tail):
    """Per-example losses when row i of Z[l] is replaced by ``z_row`` (K, m').

    Returns (losses (K, m'), crossed (K,) bool: a ReLU input changed sign).
    As[l] is A[l] restricted to the m' columns; Zs likewise; ``tail`` is _tail's answer for (l, i).
    """
    if l == len(weights):  # the output unit itself
        return _per_example_loss(1 / (1 + np.exp(-z_row)), Y_cols), np.zeros(len(z_row), bool)
    crossed = ((z_row > 0) != (Zs[l][i] > 0)).any(axis=1)
    delta = np.maximum(z_row, 0) - As[l][i]  # (K, m')
    s, lo, hi = tail
    crossed |= ((delta < lo) | (delta > hi)).any(axis=1)
    return _per_example_loss(1 / (1 + np.exp(-(Zs[-1][0] + s * delta))), Y_cols), crossed


def full_central_differences(X, weights, Y, names=None, eps=FD_STEP):
    """(J(theta + eps e) - J(theta - eps e)) / (2 eps) for every coordinate.

    Parameters
    ----------
    X : (n_x, m), weights : [(W1, b1), ..., (WL, bL)], Y : (1, m)
    names : parameter names to compute ("W1", "b3", ...); default all

    Returns
    -------
    estimates : dict name -> array shaped like the parameter
    invalid : dict name -> bool array, True where a ReLU input crossed 0
    """
    L = len(weights)
    AL, Zs_list = forward(X, weights)
    Zs = [None] + Zs_list
    As = [X] + [np.maximum(Z, 0) for Z in Zs_list[:-1]] + [AL]
    m = X.shape[1]
    names = names or [f"{p}{l}" for l in range(1, L + 1) for p in ("W", "b")]
    estimates, invalid = {}, {}
    for name in names:
        l = int(name[1:])
        W, b = weights[l - 1]
        shape = W.shape if name[0] == "W" else b.shape
        est, bad = np.zeros(shape), np.zeros(shape, bool)
        # Inputs this layer's row sees: A[l-1] for W (one per column j), ones for b.
        inputs = As[l - 1] if name[0] == "W" else np.ones((1, m))
        # Only examples whose Z[l][i, t] moves matter; the rest cancel exactly.
        moving = np.flatnonzero((inputs != 0).any(axis=0))
        for i in range(W.shape[0]):
            cols = moving
            if l < L:  # an inactive unit that stays inactive changes nothing
                reach = eps * np.abs(inputs[:, cols]).max(axis=0)
                cols = cols[Zs[l][i, cols] > -reach]
            sub = _restrict(Zs, As, cols)
            y = Y[:, cols]
            d = inputs[:, cols]
            d *= eps  # in place: for W1 a (12288, m') copy, the largest array of the whole computation
            tail = _tail(l, i, weights, sub[0]) if l < L else None
            chunk = max(1, _CHUNK_ELEMENTS // max(1, len(cols)))
            for start in range(0, d.shape[0], chunk):
                rows = slice(start, start + chunk)
                plus, crossed_p = _tail_losses(sub[0][l][i] + d[rows], l, i, weights, sub[1], sub[0], y, tail)
                minus, crossed_m = _tail_losses(sub[0][l][i] - d[rows], l, i, weights, sub[1], sub[0], y, tail)
                diff = (plus - minus).sum(axis=1) / m / (2 * eps)
                if name[0] == "W":
                    est[i, rows], bad[i, rows] = diff, crossed_p | crossed_m
                else:
                    est[i, 0], bad[i, 0] = diff[0], (crossed_p | crossed_m)[0]
        estimates[name], invalid[name] = est, bad
    return estimates, invalid


def _restrict(Zs, As, cols):
    """Zs and As at the columns ``cols``; A[0] (X, the widest) is never read by the tail: left out."""
    return ([None] + [Z[:, cols] for Z in Zs[1:]], [None] + [A[:, cols] for A in As[1:]])


def naive_central_differences(X, weights, Y, names=None, eps=FD_STEP):
    """The textbook way: two full forward passes per coordinate (for tests)."""
    from reference.oracles.numpy_network import network_cost

    L = len(weights)
    names = names or [f"{p}{l}" for l in range(1, L + 1) for p in ("W", "b")]
    estimates = {}
    for name in names:
        l = int(name[1:])
        slot = 0 if name[0] == "W" else 1
        theta = weights[l - 1][slot]
        est = np.zeros(theta.shape)
        for index in np.ndindex(theta.shape):
            values = []
            for sign in (1, -1):
                moved = theta.copy()
                moved[index] += sign * eps
                trial = list(weights)
                trial[l - 1] = (moved, weights[l - 1][1]) if slot == 0 else (weights[l - 1][0], moved)
                values.append(network_cost(X, trial, Y))
            est[index] = (values[0] - values[1]) / (2 * eps)
        estimates[name] = est
    return estimates

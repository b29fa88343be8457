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

A perturbation that moves a ReLU input across 0 (anywhere in the tail) makes
the central difference invalid; such coordinates are flagged, never judged.
"""

import numpy as np

from reference.oracles.numpy_network import forward
from reference.tolerances import FD_STEP

__all__ = ["full_central_differences", "naive_central_differences"]

_CHUNK_ELEMENTS = 1 << 20  # tail tensors of about 8 MB: cache-friendly, low memory


def _per_example_loss(AL, Y):
    return -(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))


def _tail_losses(z_row, l, i, weights, As, Zs, Y_cols):
    """Per-example losses when row i of Z[l] is replaced by ``z_row`` (K, m').

    Returns (losses (K, m'), crossed (K,) bool: a ReLU input changed sign).
    As[l] is A[l] restricted to the m' columns; Zs likewise.
    """
    L = len(weights)
    if l == L:  # the output unit itself
        return _per_example_loss(1 / (1 + np.exp(-z_row)), Y_cols), np.zeros(len(z_row), bool)
    crossed = ((z_row > 0) != (Zs[l][i] > 0)).any(axis=1)
    delta = np.maximum(z_row, 0) - As[l][i]  # (K, m')
    Z = Zs[l + 1][:, None, :] + weights[l][0][:, i, None, None] * delta  # (n_{l+1}, K, m')
    for k in range(l + 1, L + 1):
        if k == L:
            return _per_example_loss(1 / (1 + np.exp(-Z[0])), Y_cols), crossed
        crossed |= ((Z > 0) != (Zs[k][:, None, :] > 0)).any(axis=(0, 2))
        A = np.maximum(Z, 0)
        W, b = weights[k]
        Z = np.einsum("ab,bkm->akm", W, A, optimize=True) + b[:, :, None]


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
            d = eps * inputs[:, cols]
            chunk = max(1, _CHUNK_ELEMENTS // (max(1, len(cols)) * _width(weights, l)))
            for start in range(0, d.shape[0], chunk):
                rows = slice(start, start + chunk)
                plus, crossed_p = _tail_losses(sub[0][l][i] + d[rows], l, i, weights, sub[1], sub[0], y)
                minus, crossed_m = _tail_losses(sub[0][l][i] - d[rows], l, i, weights, sub[1], sub[0], y)
                diff = (plus - minus).sum(axis=1) / m / (2 * eps)
                if name[0] == "W":
                    est[i, rows], bad[i, rows] = diff, crossed_p | crossed_m
                else:
                    est[i, 0], bad[i, 0] = diff[0], (crossed_p | crossed_m)[0]
        estimates[name], invalid[name] = est, bad
    return estimates, invalid


def _width(weights, l):
    return weights[l][0].shape[0] if l < len(weights) else 1


def _restrict(Zs, As, cols):
    return ([None] + [Z[:, cols] for Z in Zs[1:]], [A[:, cols] for A in As])


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

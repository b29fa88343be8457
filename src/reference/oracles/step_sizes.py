"""One gradient entry by three numerical derivatives over a sweep of step sizes.

The central difference's error against its step h is a "V": truncation falls
like h², rounding grows like eps/h, best near eps^(1/3) ~ 1e-5 (the checker's
FD_STEP). The forward difference's V has slope 1 and its bottom near
eps^(1/2) ~ 1e-8; the complex step has no subtraction and stays exact.

Perturbing W[l][i, j] (or b[l][i]) changes only row i of Z[l], by the step
times A[l-1][j, :] (or times 1), so each evaluation moves that row and runs
layers l+1..L: cheap even for W1 of the cat network. Complex-safe throughout.
"""

import numpy as np

from reference.oracles.numpy_network import cost, forward, relu, sigmoid

__all__ = ["STEP_SIZES", "step_sweep"]

STEP_SIZES = np.logspace(-1, -16, 31)  # half decades from 1e-1 down to 1e-16


def step_sweep(X, weights, Y, key, index, hs=STEP_SIZES):
    """Central, forward and complex-step estimates of grads[key][index] for each h.

    Parameters
    ----------
    X : (n_x, m), weights : [(W1, b1), ..., (WL, bL)], Y : (1, m)
    key : "dW{l}" or "db{l}"; index : (i, j) of that entry (j = 0 for db)

    Returns
    -------
    dict with "key", "index", "h" and the lists "central", "forward", "complex"
    (None where an estimate is not finite), ready for JSON.
    """
    kind, l = key[1], int(key[2:])
    if kind not in "Wb" or not 1 <= l <= len(weights):
        raise ValueError(f"step_sweep needs a dW or db key of this network, got {key!r}")
    i, j = (int(k) for k in index)
    A_prev = X
    for W, b in weights[: l - 1]:
        A_prev = relu(W @ A_prev + b)  # (n_{l-1}, m), the layers below are never perturbed
    W, b = weights[l - 1]
    Z = W @ A_prev + b  # (n_l, m)
    x0 = float(W[i, j] if kind == "W" else b[i, 0])
    along = A_prev[j] if kind == "W" else np.ones(Z.shape[1])  # how row i of Z moves per unit of the parameter

    def J(x):
        """The cost with the one parameter set to x (real or complex).

        x - x0 is the step actually taken after rounding x0 + h (exact for real
        steps, i*h for complex ones), so this is the cost of the perturbed
        parameter, without recomputing W @ A_prev each time.
        """
        Zx = Z.astype(np.result_type(x, Z))
        Zx[i] = Z[i] + (x - x0) * along
        if l == len(weights):
            AL = sigmoid(Zx)
        else:
            AL = forward(relu(Zx), weights, start=l + 1)[0]
        return cost(AL, Y)

    f0 = float(np.real(J(x0)))
    central, forward_, complex_ = [], [], []
    for h in hs:
        plus, minus = float(np.real(J(x0 + h))), float(np.real(J(x0 - h)))
        central.append(_finite((plus - minus) / (2 * h)))
        forward_.append(_finite((plus - f0) / h))
        complex_.append(_finite(float(np.imag(J(x0 + 1j * h))) / h))
    return {"key": key, "index": [i, j], "h": [float(h) for h in hs],
            "central": central, "forward": forward_, "complex": complex_}


def _finite(x):
    return float(x) if np.isfinite(x) else None

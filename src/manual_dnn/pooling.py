"""A pooling layer, max or average, forward and backward: course 4, week 1.

A_prev : (m, n_H_prev, n_W_prev, n_C); A : (m, n_H, n_W, n_C) with n_H = (n_H_prev - f) // stride + 1
(no padding); ``hparameters`` is the course's dict {"f": f, "stride": s}. Each channel is pooled
on its own, over f x f windows.

Backward: a max window sends its gradient to the entry that was the maximum (the mask of
``create_mask_from_window``); an average window spreads it evenly, 1/f^2 to each entry
(``distribute_value``). At a tie the max has no derivative: like the course's mask, every tied
entry then gets the whole gradient (any choice is "a" subgradient; a checker must not judge there).
The loops run over the output's positions, every example and channel at once.
"""

import numpy as np

__all__ = ["pool_forward", "create_mask_from_window", "distribute_value", "pool_backward", "output_size", "MODES"]

MODES = ("max", "average")


def output_size(n_prev, f, stride, pad=0, name="A_prev"):
    """n = (n_prev + 2 pad - f) // stride + 1, or ValueError when the window does not fit."""
    if f > n_prev + 2 * pad:
        raise ValueError(f"a window of {f} does not fit in {name}'s {n_prev} (+ {2 * pad} padding)")
    return (n_prev + 2 * pad - f) // stride + 1


def pool_forward(A_prev, hparameters, mode="max"):
    """The max or average of every f x f window, channel by channel.

    Returns A : (m, n_H, n_W, n_C) and cache = (A_prev, hparameters), as the course's.
    """
    A_prev, f, stride = _pooling(A_prev, hparameters, mode)
    m, n_H_prev, n_W_prev, n_C = A_prev.shape
    n_H, n_W = output_size(n_H_prev, f, stride), output_size(n_W_prev, f, stride)
    pool = np.max if mode == "max" else np.mean
    A = np.zeros((m, n_H, n_W, n_C))
    for h in range(n_H):
        for w in range(n_W):
            window = A_prev[:, h * stride:h * stride + f, w * stride:w * stride + f, :]  # (m, f, f, n_C)
            A[:, h, w, :] = pool(window, axis=(1, 2))
    return A, (A_prev, hparameters)


def create_mask_from_window(x):
    """True where x holds its maximum: the gradient of max(x) with respect to x (away from ties)."""
    x = np.asarray(x)
    return x == np.max(x)


def distribute_value(dz, shape):
    """dz spread evenly over an array of ``shape`` (n_H, n_W): the gradient of mean(window) times dz."""
    n_H, n_W = shape
    return np.full((n_H, n_W), float(np.asarray(dz).item()) / (n_H * n_W))


def pool_backward(dA, cache, mode="max"):
    """dA_prev : A_prev's shape, the gradient through the pooling layer, given dA (A's shape).

    Windows that overlap (stride < f) add their contributions.
    """
    A_prev, hparameters = cache
    A_prev, f, stride = _pooling(A_prev, hparameters, mode)
    m, n_H_prev, n_W_prev, n_C = A_prev.shape
    n_H, n_W = output_size(n_H_prev, f, stride), output_size(n_W_prev, f, stride)
    dA = np.asarray(dA, dtype=float)
    if dA.shape != (m, n_H, n_W, n_C):
        raise ValueError(f"dA has shape {dA.shape} but the cache gives A the shape {(m, n_H, n_W, n_C)}")
    dA_prev = np.zeros(A_prev.shape)
    for h in range(n_H):
        vert = slice(h * stride, h * stride + f)
        for w in range(n_W):
            horiz = slice(w * stride, w * stride + f)
            da = dA[:, h, w, :][:, None, None, :]  # (m, 1, 1, n_C): one value per window
            if mode == "max":
                window = A_prev[:, vert, horiz, :]
                mask = window == window.max(axis=(1, 2), keepdims=True)  # create_mask_from_window, per window
                dA_prev[:, vert, horiz, :] += mask * da
            else:
                dA_prev[:, vert, horiz, :] += da / (f * f)  # distribute_value, per window
    return dA_prev


def _pooling(A_prev, hparameters, mode):
    """(A_prev, f, stride), checked."""
    if mode not in MODES:
        raise ValueError(f"mode must be 'max' or 'average', got {mode!r}")
    A_prev = np.asarray(A_prev, dtype=float)
    if A_prev.ndim != 4:
        raise ValueError(f"A_prev must be a batch of images (m, n_H, n_W, n_C), got shape {A_prev.shape}")
    values = []
    for key in ("f", "stride"):
        if not isinstance(hparameters, dict) or key not in hparameters:
            raise ValueError(f"hparameters must be a dict with 'f' and 'stride', got {hparameters!r}")
        value = hparameters[key]
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
            raise ValueError(f"hparameters[{key!r}] must be a positive integer, got {value!r}")
        values.append(int(value))
    return A_prev, values[0], values[1]

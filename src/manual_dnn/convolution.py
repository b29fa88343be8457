"""A convolutional layer, forward and backward: course 4, week 1 ("Convolutional Model: Step by Step").

Shape convention (the course's, channels last; examples first):
    A_prev : (m, n_H_prev, n_W_prev, n_C_prev)      W : (f, f, n_C_prev, n_C)
    b      : (1, 1, 1, n_C)                         Z : (m, n_H, n_W, n_C)
    n_H = (n_H_prev + 2 pad - f) // stride + 1, and likewise n_W (the last rows or columns
    are left out when the stride does not divide evenly, as the course's int() does).
``hparameters`` is the course's dict {"stride": s, "pad": p}. The "convolution" is a
cross-correlation, as in the course and every deep-learning library: the window is not flipped.

The loops run over the output's positions (h, w), as the course's do; each step handles every
example and every filter at once (one tensordot), which is what makes them fast enough to be
checked on every drawn shape. Entry (i, h, w, c) of that product is ``conv_single_step`` of
example i's window with filter c. The pooling layer is in manual_dnn.pooling; its functions are
importable from here too, so this module holds the whole assignment.
"""

import numpy as np

from manual_dnn.pooling import create_mask_from_window, distribute_value, output_size, pool_backward, pool_forward

__all__ = ["zero_pad", "conv_single_step", "conv_forward", "conv_backward", "pool_forward",
           "create_mask_from_window", "distribute_value", "pool_backward"]


def zero_pad(X, pad):
    """X with ``pad`` zeros around each image's height and width.

    X : (m, n_H, n_W, n_C) -> X_pad : (m, n_H + 2 pad, n_W + 2 pad, n_C)
    """
    X = _images("X", X)
    pad = _count("pad", pad, low=0)
    return np.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0)), mode="constant", constant_values=0)


def conv_single_step(a_slice_prev, W, b):
    """One filter on one window: sum(a_slice_prev * W) + b, a float.

    a_slice_prev, W : (f, f, n_C_prev); b : (1, 1, 1). The bias is added once, after the sum.
    """
    a_slice_prev, W = np.asarray(a_slice_prev, dtype=float), np.asarray(W, dtype=float)
    if a_slice_prev.shape != W.shape:
        raise ValueError(f"a_slice_prev has shape {a_slice_prev.shape} but W has shape {W.shape}: they must match")
    if np.size(b) != 1:
        raise ValueError(f"b must hold one number, got shape {np.shape(b)}")
    return float(np.sum(a_slice_prev * W) + np.asarray(b, dtype=float).item())


def conv_forward(A_prev, W, b, hparameters):
    """Z = A_prev convolved with each filter of W, plus its bias.

    Returns Z : (m, n_H, n_W, n_C) and cache = (A_prev, W, b, hparameters), as the course's.
    """
    A_prev, W, b, stride, pad = _layer(A_prev, W, b, hparameters)
    m, n_H_prev, n_W_prev, _ = A_prev.shape
    f, n_C = W.shape[0], W.shape[3]
    n_H, n_W = output_size(n_H_prev, f, stride, pad, "A_prev"), output_size(n_W_prev, f, stride, pad, "A_prev")
    A_prev_pad = zero_pad(A_prev, pad)
    Z = np.zeros((m, n_H, n_W, n_C))
    for h in range(n_H):
        vert = slice(h * stride, h * stride + f)
        for w in range(n_W):
            horiz = slice(w * stride, w * stride + f)
            a_slice = A_prev_pad[:, vert, horiz, :]  # (m, f, f, n_C_prev)
            Z[:, h, w, :] = np.tensordot(a_slice, W, axes=3) + b[0, 0, 0]  # (m, n_C)
    return Z, (A_prev, W, b, hparameters)


def conv_backward(dZ, cache):
    """Gradients of a convolutional layer, given dZ.

    dZ : (m, n_H, n_W, n_C), the gradient of the cost with respect to Z; cache from conv_forward.
    Returns dA_prev : A_prev's shape, dW : W's shape, db : (1, 1, 1, n_C), each the sum over the
    examples (the course's convention: no 1/m here). Each output position sends dZ back through
    the window it read: dA_prev's window gets W times dZ, dW gets the window times dZ. Unpadded by
    slicing [pad:pad + n_H_prev], which also holds at pad = 0 (the course's [pad:-pad] does not).
    """
    A_prev, W, b, hparameters = cache
    A_prev, W, b, stride, pad = _layer(A_prev, W, b, hparameters)
    m, n_H_prev, n_W_prev, _ = A_prev.shape
    f, n_C = W.shape[0], W.shape[3]
    n_H, n_W = output_size(n_H_prev, f, stride, pad, "A_prev"), output_size(n_W_prev, f, stride, pad, "A_prev")
    dZ = np.asarray(dZ, dtype=float)
    if dZ.shape != (m, n_H, n_W, n_C):
        raise ValueError(f"dZ has shape {dZ.shape} but the cache gives Z the shape {(m, n_H, n_W, n_C)}")
    A_prev_pad = zero_pad(A_prev, pad)
    dA_prev_pad = np.zeros(A_prev_pad.shape)
    dW = np.zeros(W.shape)
    for h in range(n_H):
        vert = slice(h * stride, h * stride + f)
        for w in range(n_W):
            horiz = slice(w * stride, w * stride + f)
            dz = dZ[:, h, w, :]  # (m, n_C)
            dA_prev_pad[:, vert, horiz, :] += np.tensordot(dz, W, axes=([1], [3]))  # (m, f, f, n_C_prev)
            dW += np.tensordot(A_prev_pad[:, vert, horiz, :], dz, axes=([0], [0]))  # (f, f, n_C_prev, n_C)
    db = dZ.sum(axis=(0, 1, 2)).reshape(1, 1, 1, n_C)
    dA_prev = dA_prev_pad[:, pad:pad + n_H_prev, pad:pad + n_W_prev, :]
    return dA_prev, dW, db


def _images(name, X):
    X = np.asarray(X, dtype=float)
    if X.ndim != 4:
        raise ValueError(f"{name} must be a batch of images (m, n_H, n_W, n_C), got shape {X.shape}")
    return X


def _count(name, value, low):
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < low:
        raise ValueError(f"{name} must be an integer of at least {low}, got {value!r}")
    return int(value)


def _hparameter(hparameters, key, low):
    if not isinstance(hparameters, dict) or key not in hparameters:
        raise ValueError(f"hparameters must be a dict with {key!r}, got {hparameters!r}")
    return _count(f"hparameters[{key!r}]", hparameters[key], low)


def _layer(A_prev, W, b, hparameters):
    """(A_prev, W, b, stride, pad), their shapes checked against each other."""
    A_prev, W, b = _images("A_prev", A_prev), np.asarray(W, dtype=float), np.asarray(b, dtype=float)
    if W.ndim != 4 or W.shape[0] != W.shape[1] or W.shape[2] != A_prev.shape[3]:
        raise ValueError(f"W has shape {W.shape} but A_prev has shape {A_prev.shape}: W must be "
                         f"(f, f, {A_prev.shape[3]}, n_C)")
    if b.shape != (1, 1, 1, W.shape[3]):
        raise ValueError(f"b has shape {b.shape} but W has shape {W.shape}: b must be (1, 1, 1, {W.shape[3]})")
    return A_prev, W, b, _hparameter(hparameters, "stride", 1), _hparameter(hparameters, "pad", 0)

"""The linear part of a layer, Z = W A_prev + b, forward and backward."""

import numpy as np

from manual_dnn.validation import as_matrix, require_examples


def linear_forward(A, W, b):
    """Z = W A + b.

    Parameters
    ----------
    A : (n_{l-1}, m) activations of the previous layer (or X)
    W : (n_l, n_{l-1}) weights
    b : (n_l, 1) bias

    Returns
    -------
    Z : (n_l, m)
    cache : (A, W, b), kept for linear_backward
    """
    A, W, b = as_matrix("A", A), as_matrix("W", W), as_matrix("b", b)
    require_examples("A", A)
    if W.shape[1] != A.shape[0]:
        raise ValueError(
            f"W has shape {W.shape} but A has shape {A.shape}: W needs one column per row of A"
        )
    if b.shape != (W.shape[0], 1):
        raise ValueError(f"b has shape {b.shape} but W has shape {W.shape}: b must be ({W.shape[0]}, 1)")
    Z = np.dot(W, A) + b
    return Z, (A, W, b)


def linear_backward(dZ, cache):
    """Gradients of the linear part, given dZ.

    dZ is the gradient of the *summed* loss (the seed's dAL has no 1/m), so the
    mean over the m examples is taken here, for dW and db only; dA_prev stays a
    per-example quantity for the layer below. See docs/derivations.md.

    Parameters
    ----------
    dZ : (n_l, m)
    cache : (A_prev, W, b) from linear_forward

    Returns
    -------
    dA_prev : (n_{l-1}, m), dW : (n_l, n_{l-1}), db : (n_l, 1)
    """
    A_prev, W, b = cache
    dW, db = weight_gradients(dZ, cache)
    dA_prev = np.dot(W.T, dZ)
    return dA_prev, dW, db


def weight_gradients(dZ, cache):
    """(dW, db) of linear_backward alone: training needs no dA_prev for layer 1,
    where W^T dZ is the costliest product of the backward pass."""
    A_prev, W, b = cache
    dZ = as_matrix("dZ", dZ)
    if dZ.shape != (W.shape[0], A_prev.shape[1]):
        raise ValueError(
            f"dZ has shape {dZ.shape} but the cache has W {W.shape} and A_prev {A_prev.shape}: "
            f"dZ must be ({W.shape[0]}, {A_prev.shape[1]})"
        )
    m = A_prev.shape[1]
    dW = 1.0 / m * np.dot(dZ, A_prev.T)
    db = 1.0 / m * np.sum(dZ, axis=1, keepdims=True)
    return dW, db

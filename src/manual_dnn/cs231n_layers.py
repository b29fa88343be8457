"""Stanford CS231n's ``cs231n/layers.py``, hand-written in numpy: every layer's forward and backward.

The course's names, arguments and returns, current year (2018 onwards). Every forward returns
``(out, cache)``; every backward takes ``(dout, cache)`` and returns the gradients of the forward's
inputs, in the forward's order. Examples are rows: x is (N, D) or (N, C, H, W).

Where earlier years differ: in 2016-2017 dropout's ``p`` was the probability of *dropping* a unit
(here and from 2018: of keeping it); layer and group normalisation arrived in 2018; the 2018
docstring gave group norm's gamma the shape (C,), the notebook always passed (1, C, 1, 1).
"""

import numpy as np

__all__ = ["affine_forward", "affine_backward", "relu_forward", "relu_backward", "batchnorm_forward",
           "batchnorm_backward", "batchnorm_backward_alt", "layernorm_forward", "layernorm_backward",
           "dropout_forward", "dropout_backward", "conv_forward_naive", "conv_backward_naive",
           "max_pool_forward_naive", "max_pool_backward_naive", "spatial_batchnorm_forward",
           "spatial_batchnorm_backward", "spatial_groupnorm_forward", "spatial_groupnorm_backward",
           "svm_loss", "softmax_loss"]


def affine_forward(x, w, b):
    """out = x w + b, x (N, d_1, ..., d_k) read as rows of D = d_1 ... d_k; w (D, M), b (M,)."""
    out = x.reshape(x.shape[0], -1) @ w + b  # (N, M)
    return out, (x, w, b)


def affine_backward(dout, cache):
    """dx (N, d_1, ..., d_k), dw (D, M), db (M,) from dout (N, M)."""
    x, w, b = cache
    dx = (dout @ w.T).reshape(x.shape)
    dw = x.reshape(x.shape[0], -1).T @ dout
    db = dout.sum(axis=0)
    return dx, dw, db


def relu_forward(x):
    return np.maximum(x, 0), x


def relu_backward(dout, cache):
    """dx = dout where x > 0, else 0 (0 at the kink x == 0). A new array: dout is left as it was."""
    x = cache
    return dout * (x > 0)


# ---------------------------------------------------------------- normalisation

def _normalise(x, axis, eps):
    """(x_hat, cache) with the mean and variance taken over ``axis``."""
    mu = x.mean(axis=axis, keepdims=True)
    var = x.var(axis=axis, keepdims=True)
    inv_std = 1.0 / np.sqrt(var + eps)
    x_hat = (x - mu) * inv_std
    return x_hat, (x_hat, inv_std)


def _normalise_backward(dx_hat, cache, axis):
    """dx from dx_hat, the gradient through x_hat = (x - mean) / sqrt(var + eps) over ``axis``:
    dx = inv_std (dx_hat - mean(dx_hat) - x_hat mean(dx_hat x_hat)) -- the two mean terms are
    what the mean and the variance depend on x (docs/derivations.md)."""
    x_hat, inv_std = cache
    return inv_std * (dx_hat - dx_hat.mean(axis=axis, keepdims=True)
                      - x_hat * (dx_hat * x_hat).mean(axis=axis, keepdims=True))


def batchnorm_forward(x, gamma, beta, bn_param):
    """Batch normalisation of x (N, D) over the batch; gamma, beta (D,).

    bn_param: mode ('train' or 'test'), eps (1e-5), momentum (0.9), running_mean and running_var
    (D,), which training updates in bn_param, as the course's code does; test mode normalises with them.
    """
    mode = bn_param["mode"]
    eps, momentum = bn_param.get("eps", 1e-5), bn_param.get("momentum", 0.9)
    D = x.shape[1]
    running_mean = bn_param.get("running_mean", np.zeros(D, dtype=x.dtype))
    running_var = bn_param.get("running_var", np.zeros(D, dtype=x.dtype))
    if mode == "train":
        x_hat, norm_cache = _normalise(x, 0, eps)
        bn_param["running_mean"] = momentum * running_mean + (1 - momentum) * x.mean(axis=0)
        bn_param["running_var"] = momentum * running_var + (1 - momentum) * x.var(axis=0)
        return gamma * x_hat + beta, (norm_cache, gamma)
    if mode == "test":
        x_hat = (x - running_mean) / np.sqrt(running_var + eps)
        bn_param["running_mean"], bn_param["running_var"] = running_mean, running_var
        return gamma * x_hat + beta, None
    raise ValueError(f"bn_param['mode'] must be 'train' or 'test', not {mode!r}")


def batchnorm_backward(dout, cache):
    """dx (N, D), dgamma (D,), dbeta (D,) of training-mode batch normalisation."""
    norm_cache, gamma = cache
    x_hat = norm_cache[0]
    dgamma = (dout * x_hat).sum(axis=0)
    dbeta = dout.sum(axis=0)
    dx = _normalise_backward(dout * gamma, norm_cache, 0)
    return dx, dgamma, dbeta


batchnorm_backward_alt = batchnorm_backward  # the course's "simplified" version is this one


def layernorm_forward(x, gamma, beta, ln_param):
    """Layer normalisation of each row of x (N, D) over its D features; gamma, beta (D,); ln_param: eps."""
    x_hat, norm_cache = _normalise(x, 1, ln_param.get("eps", 1e-5))
    return gamma * x_hat + beta, (norm_cache, gamma)


def layernorm_backward(dout, cache):
    norm_cache, gamma = cache
    x_hat = norm_cache[0]
    return _normalise_backward(dout * gamma, norm_cache, 1), (dout * x_hat).sum(axis=0), dout.sum(axis=0)


def spatial_batchnorm_forward(x, gamma, beta, bn_param):
    """Batch normalisation of x (N, C, H, W) per channel, over N, H and W; gamma, beta (C,)."""
    N, C, H, W = x.shape
    rows = x.transpose(0, 2, 3, 1).reshape(-1, C)  # (N H W, C): each channel a column
    out, cache = batchnorm_forward(rows, gamma, beta, bn_param)
    return out.reshape(N, H, W, C).transpose(0, 3, 1, 2), cache


def spatial_batchnorm_backward(dout, cache):
    N, C, H, W = dout.shape
    dx, dgamma, dbeta = batchnorm_backward(dout.transpose(0, 2, 3, 1).reshape(-1, C), cache)
    return dx.reshape(N, H, W, C).transpose(0, 3, 1, 2), dgamma, dbeta


def spatial_groupnorm_forward(x, gamma, beta, G, gn_param):
    """Group normalisation of x (N, C, H, W): each example's C channels in G groups of C / G,
    each group normalised over its channels and pixels; gamma, beta (1, C, 1, 1)."""
    N, C, H, W = x.shape
    groups = x.reshape(N, G, -1)  # (N, G, C / G * H * W)
    x_hat, norm_cache = _normalise(groups, 2, gn_param.get("eps", 1e-5))
    return gamma * x_hat.reshape(x.shape) + beta, (norm_cache, gamma, G)


def spatial_groupnorm_backward(dout, cache):
    """dx (N, C, H, W), dgamma and dbeta (1, C, 1, 1)."""
    norm_cache, gamma, G = cache
    x_hat = norm_cache[0].reshape(dout.shape)
    dgamma = (dout * x_hat).sum(axis=(0, 2, 3), keepdims=True)
    dbeta = dout.sum(axis=(0, 2, 3), keepdims=True)
    dx_hat = (dout * gamma).reshape(dout.shape[0], G, -1)
    return _normalise_backward(dx_hat, norm_cache, 2).reshape(dout.shape), dgamma, dbeta


# ---------------------------------------------------------------- dropout

def dropout_forward(x, dropout_param):
    """Inverted dropout: in training each unit is kept with probability p and scaled by 1 / p, so
    that test mode is the identity. dropout_param: p, mode, seed (optional, for gradient checks)."""
    p, mode = dropout_param["p"], dropout_param["mode"]
    if "seed" in dropout_param:
        np.random.seed(dropout_param["seed"])
    if mode == "train":
        mask = (np.random.rand(*x.shape) < p) / p
        return x * mask, (dropout_param, mask)
    return x, (dropout_param, None)


def dropout_backward(dout, cache):
    dropout_param, mask = cache
    return dout * mask if dropout_param["mode"] == "train" else dout


# ---------------------------------------------------------------- convolution and pooling

def _windows(x, height, width, stride, out_h, out_w):
    """{(i, j): the strided view x[:, :, i::stride, j::stride] cut to (out_h, out_w)}, for every offset
    (i, j) of a height x width window: what that offset of every window sees."""
    return {(i, j): x[:, :, i:i + stride * out_h:stride, j:j + stride * out_w:stride]
            for i in range(height) for j in range(width)}


def conv_forward_naive(x, w, b, conv_param):
    """Convolution (a cross-correlation) of x (N, C, H, W) with w (F, C, HH, WW), b (F,).

    conv_param: stride, pad. out (N, F, H', W'), H' = 1 + (H + 2 pad - HH) // stride.
    """
    stride, pad = conv_param["stride"], conv_param["pad"]
    F, _, HH, WW = w.shape
    x_pad = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    out_h = 1 + (x_pad.shape[2] - HH) // stride
    out_w = 1 + (x_pad.shape[3] - WW) // stride
    out = np.zeros((x.shape[0], F, out_h, out_w)) + b[:, None, None]
    for (i, j), window in _windows(x_pad, HH, WW, stride, out_h, out_w).items():
        out += np.einsum("nchw,fc->nfhw", window, w[:, :, i, j])
    return out, (x, w, b, conv_param)


def conv_backward_naive(dout, cache):
    """dx (N, C, H, W), dw (F, C, HH, WW), db (F,) from dout (N, F, H', W'): each filter offset
    (i, j) saw one strided view of the padded input, so it sends dout back through that view."""
    x, w, b, conv_param = cache
    stride, pad = conv_param["stride"], conv_param["pad"]
    _, _, HH, WW = w.shape
    out_h, out_w = dout.shape[2:]
    x_pad = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    dx_pad = np.zeros_like(x_pad)
    dw = np.zeros_like(w)
    for (i, j), window in _windows(x_pad, HH, WW, stride, out_h, out_w).items():
        dw[:, :, i, j] = np.einsum("nchw,nfhw->fc", window, dout)
        dx_pad[:, :, i:i + stride * out_h:stride, j:j + stride * out_w:stride] += np.einsum(
            "nfhw,fc->nchw", dout, w[:, :, i, j])
    dx = dx_pad[:, :, pad:pad + x.shape[2], pad:pad + x.shape[3]]  # not [pad:-pad]: empty when pad == 0
    return dx, dw, dout.sum(axis=(0, 2, 3))


def max_pool_forward_naive(x, pool_param):
    """Max pooling of x (N, C, H, W); pool_param: pool_height, pool_width, stride."""
    height, width, stride = pool_param["pool_height"], pool_param["pool_width"], pool_param["stride"]
    out_h = 1 + (x.shape[2] - height) // stride
    out_w = 1 + (x.shape[3] - width) // stride
    windows = np.stack(list(_windows(x, height, width, stride, out_h, out_w).values()))  # (HH WW, N, C, H', W')
    return windows.max(axis=0), (x, pool_param)


def max_pool_backward_naive(dout, cache):
    """dx: each window's dout goes to the position of its maximum (the first, if tied), all else 0."""
    x, pool_param = cache
    height, width, stride = pool_param["pool_height"], pool_param["pool_width"], pool_param["stride"]
    out_h, out_w = dout.shape[2:]
    views = _windows(x, height, width, stride, out_h, out_w)
    winner = np.stack(list(views.values())).argmax(axis=0)  # (N, C, H', W'): which offset won
    dx = np.zeros_like(x)
    for k, (i, j) in enumerate(views):
        dx[:, :, i:i + stride * out_h:stride, j:j + stride * out_w:stride] += dout * (winner == k)
    return dx


# ---------------------------------------------------------------- losses

def svm_loss(x, y):
    """Multiclass SVM loss of scores x (N, C) with labels y (N,): (loss, dx), averaged over N."""
    N = x.shape[0]
    rows = np.arange(N)
    margins = np.maximum(0, x - x[rows, y][:, None] + 1.0)
    margins[rows, y] = 0
    positive = (margins > 0).astype(x.dtype)
    positive[rows, y] = -positive.sum(axis=1)  # the correct class pays once per violating class
    return margins.sum() / N, positive / N


def softmax_loss(x, y):
    """Cross-entropy of the softmax of x (N, C) with labels y (N,): (loss, dx), averaged over N.
    The row's maximum is subtracted first: exp of a large score overflows, the shift changes nothing."""
    N = x.shape[0]
    shifted = x - x.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    loss = -log_probs[np.arange(N), y].mean()
    dx = np.exp(log_probs)
    dx[np.arange(N), y] -= 1
    return loss, dx / N

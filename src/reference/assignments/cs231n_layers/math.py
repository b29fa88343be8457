"""CS231n's layers in jax.numpy: what every function of ``cs231n/layers.py`` is judged against.

Complex-safe (reference.engine.ops): the variance is written as a mean of squares (jnp.var of a
complex array takes |.|², which is not analytic), maxima are chosen by the real part. Settings
that shape the computation (a stride, a pad, a group count) arrive as the *shape* of an empty
array (``points.settings(...)``), so that they are static under jit: a new setting compiles anew.
Shapes: x (N, D) or (N, C, H, W); the course's.
"""

import jax.numpy as jnp

from reference.assignments.cs231n_layers.points import EPS
from reference.engine import ops


def _read(carrier):
    """The numbers ``points.settings`` put in an empty array's shape."""
    return carrier.shape[1:]


def affine(x, w, b):
    return x.reshape(x.shape[0], -1) @ w + b


def relu(x):
    return ops.relu(x)


def _normalised(x, axis, eps=EPS):
    mu = jnp.mean(x, axis=axis, keepdims=True)
    var = jnp.mean((x - mu) ** 2, axis=axis, keepdims=True)
    return (x - mu) / jnp.sqrt(var + eps)


def batchnorm_train(x, gamma, beta, running_mean=None, running_var=None):
    """Training mode: the batch's own mean and variance (the running ones are not read)."""
    return gamma * _normalised(x, 0) + beta


def batchnorm_test(x, gamma, beta, running_mean, running_var):
    return gamma * (x - running_mean) / jnp.sqrt(running_var + EPS) + beta


def layernorm(x, gamma, beta):
    return gamma * _normalised(x, 1) + beta


def _channels_last(x):
    N, C, H, W = x.shape
    return x.transpose(0, 2, 3, 1).reshape(-1, C)


def _channels_first(rows, shape):
    N, C, H, W = shape
    return rows.reshape(N, H, W, C).transpose(0, 3, 1, 2)


def spatial_batchnorm_train(x, gamma, beta, running_mean=None, running_var=None):
    return _channels_first(batchnorm_train(_channels_last(x), gamma, beta), x.shape)


def spatial_batchnorm_test(x, gamma, beta, running_mean, running_var):
    return _channels_first(batchnorm_test(_channels_last(x), gamma, beta, running_mean, running_var), x.shape)


def spatial_groupnorm(x, gamma, beta, groups):
    """gamma, beta broadcast against (N, C, H, W) ((1, C, 1, 1) or (C,) read as per channel)."""
    (G,) = _read(groups)
    N, C, H, W = x.shape
    x_hat = _normalised(x.reshape(N, G, -1), 2).reshape(x.shape)
    return gamma.reshape(1, C, 1, 1) * x_hat + beta.reshape(1, C, 1, 1)


def dropout(x, mask):
    """The forward with its mask held fixed: the mask is the one the learner's own forward applied."""
    return x * mask


def _views(x, height, width, stride, out_h, out_w):
    return [x[:, :, i:i + stride * (out_h - 1) + 1:stride, j:j + stride * (out_w - 1) + 1:stride]
            for i in range(height) for j in range(width)]


def conv(x, w, b, geometry):
    """Cross-correlation of x (N, C, H, W) with w (F, C, HH, WW) plus b (F,); geometry: (stride, pad)."""
    stride, pad = _read(geometry)
    F, C, HH, WW = w.shape
    x_pad = jnp.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    out_h = 1 + (x_pad.shape[2] - HH) // stride
    out_w = 1 + (x_pad.shape[3] - WW) // stride
    out = b[None, :, None, None]
    for k, view in enumerate(_views(x_pad, HH, WW, stride, out_h, out_w)):
        out = out + jnp.einsum("nchw,fc->nfhw", view, w[:, :, k // WW, k % WW])
    return out


def max_pool(x, geometry):
    """Max pooling; geometry: (pool_height, pool_width, stride). The window's maximum is chosen by
    the real part (complex step), and its value taken, so the derivative flows to it alone."""
    height, width, stride = _read(geometry)
    out_h = 1 + (x.shape[2] - height) // stride
    out_w = 1 + (x.shape[3] - width) // stride
    stacked = jnp.stack(_views(x, height, width, stride, out_h, out_w))  # (HH WW, N, C, H', W')
    winner = jnp.argmax(jnp.real(stacked), axis=0)
    return jnp.take_along_axis(stacked, winner[None], axis=0)[0]


def svm_loss(x, y):
    N, C = x.shape
    correct = x[jnp.arange(N), y][:, None]
    others = 1.0 - (jnp.arange(C)[None, :] == y[:, None])
    return jnp.sum(ops.relu(x - correct + 1.0) * others) / N


def softmax_loss(x, y):
    N = x.shape[0]
    shifted = x - jnp.max(jnp.real(x), axis=1, keepdims=True)  # a constant: the value does not change
    log_probs = shifted - jnp.log(jnp.sum(jnp.exp(shifted), axis=1, keepdims=True))
    return -jnp.mean(log_probs[jnp.arange(N), y])

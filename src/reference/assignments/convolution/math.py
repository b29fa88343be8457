"""Course 4 week 1's layers in jax.numpy: what the convolution assignment is judged against.

Shapes (the course's, channels last): A_prev (m, n_H_prev, n_W_prev, n_C_prev), W (f, f, n_C_prev,
n_C), b (1, 1, 1, n_C), Z (m, n_H, n_W, n_C); a pooling layer keeps n_C. ``hparameters`` is the
course's dict ({"stride", "pad"} for a convolution, {"stride", "f"} for a pooling layer), passed as
a static argument (Function.math_static), never differentiated.

The convolution is written out (every window against every filter, one einsum) rather than XLA's
``lax.conv_general_dilated``, whose complex arithmetic loses the complex step's 1e-20 imaginary part
(tests/property/test_convolution_properties.py shows the two agree on real inputs); pooling is
``lax.reduce_window``. So the complex step judges the convolution and average pooling. The max is
not analytic (complex numbers have no order): its rows set complex_step False, and their points keep
every window's maximum apart.
"""

import jax.numpy as jnp
import numpy as np
from jax import lax

__all__ = ["zero_pad", "conv_single_step", "windows", "conv", "max_pool", "average_pool", "window_max", "window_mean"]


def zero_pad(X, *, pad):
    """X (m, n_H, n_W, n_C) with pad zeros around height and width."""
    return jnp.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0)))


def conv_single_step(a_slice_prev, W, b):
    """sum(a_slice_prev * W) + b: one filter on one window, a scalar (b added once)."""
    return jnp.sum(a_slice_prev * W) + jnp.sum(b)


def windows(X, f, stride):
    """Every f x f window of X (m, n_H_prev, n_W_prev, n_C) at the stride: (m, n_H, n_W, f, f, n_C)."""
    m, n_H_prev, n_W_prev, n_C = X.shape
    n_H, n_W = (n_H_prev - f) // stride + 1, (n_W_prev - f) // stride + 1
    shifted = [X[:, i:i + stride * (n_H - 1) + 1:stride, j:j + stride * (n_W - 1) + 1:stride, :]
               for i in range(f) for j in range(f)]  # entry (i, j) of every window, (m, n_H, n_W, n_C) each
    return jnp.stack(shifted, axis=3).reshape(m, n_H, n_W, f, f, n_C)


def conv(A_prev, W, b, *, hparameters):
    """Z[i, h, w, c] = sum(window(i, h, w) * W[..., c]) + b[c]: every window of the padded input
    against every filter (a cross-correlation, like the course's: no flipped kernel)."""
    stride, pad = hparameters["stride"], hparameters["pad"]
    patches = windows(zero_pad(A_prev, pad=pad), W.shape[0], stride)
    return jnp.einsum("mhwijc,ijcn->mhwn", patches, W) + b


def _pool(A_prev, hparameters, init, operation):
    f, stride = hparameters["f"], hparameters["stride"]
    return lax.reduce_window(A_prev, init, operation, (1, f, f, 1), (1, stride, stride, 1), "VALID")


def max_pool(A_prev, *, hparameters):
    """The maximum of each f x f window (stride s), channel by channel."""
    return _pool(A_prev, hparameters, np.array(-np.inf, A_prev.dtype), lax.max)


def average_pool(A_prev, *, hparameters):
    """The mean of each f x f window (stride s), channel by channel."""
    f = hparameters["f"]
    zero = np.zeros((), A_prev.dtype)  # concrete, so that JAX knows the sum (and its derivative)
    return _pool(A_prev, hparameters, zero, lax.add) / (f * f)


def window_max(x):
    """max(x), a scalar: its gradient is create_mask_from_window's mask (away from ties)."""
    return jnp.max(x)


def window_mean(window):
    """mean(window), a scalar: its gradient times dz is distribute_value's array."""
    return jnp.mean(window)

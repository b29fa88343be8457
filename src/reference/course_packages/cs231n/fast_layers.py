"""The course's fast convolution and max pooling: the same contracts as the naive layers, each a few
array operations over windows (numpy's sliding_window_view) instead of loops over positions.

Each forward returns ``(out, cache)`` and its backward reads only that cache; the course's names for
its variants (im2col, strides, reshape) are the same functions here.
"""

import numpy as np

from reference.course_packages.cs231n.im2col import accumulate, windows

__all__ = ["conv_forward_fast", "conv_backward_fast", "conv_forward_im2col", "conv_backward_im2col",
           "conv_forward_strides", "conv_backward_strides", "max_pool_forward_fast", "max_pool_backward_fast",
           "max_pool_forward_reshape", "max_pool_backward_reshape", "max_pool_forward_im2col",
           "max_pool_backward_im2col"]


def conv_forward_fast(x, w, b, conv_param):
    """x (N, C, H, W), w (F, C, HH, WW), b (F,) -> out (N, F, H', W')."""
    stride, pad = conv_param["stride"], conv_param["pad"]
    view = windows(x, w.shape[2], w.shape[3], pad, stride)  # (N, C, H', W', HH, WW)
    out = np.einsum("ncijhw,fchw->nfij", view, w) + b[None, :, None, None]
    return out, (x, w, b, conv_param)


def conv_backward_fast(dout, cache):
    x, w, b, conv_param = cache
    stride, pad = conv_param["stride"], conv_param["pad"]
    view = windows(x, w.shape[2], w.shape[3], pad, stride)
    db = dout.sum(axis=(0, 2, 3))
    dw = np.einsum("ncijhw,nfij->fchw", view, dout)
    blocks = np.einsum("nfij,fchw->nchwij", dout, w)  # each window's share of dx
    dx = accumulate(blocks, x.shape[2], x.shape[3], pad, stride)
    return dx, dw, db


def max_pool_forward_fast(x, pool_param):
    """x (N, C, H, W) -> out (N, C, H', W'), the maximum of each window."""
    view = windows(x, pool_param["pool_height"], pool_param["pool_width"], 0, pool_param["stride"])
    return view.max(axis=(4, 5)), (x, pool_param)


def max_pool_backward_fast(dout, cache):
    """Each window's upstream gradient to its (first) maximum."""
    x, pool_param = cache
    height, width, stride = pool_param["pool_height"], pool_param["pool_width"], pool_param["stride"]
    view = windows(x, height, width, 0, stride)
    N, C, out_h, out_w = view.shape[:4]
    first = view.reshape(N, C, out_h, out_w, -1).argmax(axis=-1)
    chosen = np.arange(height * width) == first[..., None]  # (N, C, H', W', height width)
    blocks = (chosen * dout[..., None]).reshape(N, C, out_h, out_w, height, width).transpose(0, 1, 4, 5, 2, 3)
    return accumulate(blocks, x.shape[2], x.shape[3], 0, stride)


conv_forward_im2col = conv_forward_strides = conv_forward_fast
conv_backward_im2col = conv_backward_strides = conv_backward_fast
max_pool_forward_reshape = max_pool_forward_im2col = max_pool_forward_fast
max_pool_backward_reshape = max_pool_backward_im2col = max_pool_backward_fast

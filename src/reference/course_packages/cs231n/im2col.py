"""im2col and col2im: every window of a padded image as one column, and back (summing overlaps).

Layout (the course's, which its fast layers read): a column per output position and example, the
example fastest -- column (i * out_w + j) * N + n; a row per (channel, filter row, filter column)
in that order, as ``w.reshape(F, -1)`` orders a filter's weights.
"""

import numpy as np

__all__ = ["im2col_indices", "col2im_indices", "windows", "accumulate"]


def _size(n, field, padding, stride):
    return (n + 2 * padding - field) // stride + 1


def windows(x, field_height, field_width, padding, stride):
    """(N, C, out_h, out_w, field_height, field_width): a view of every window of padded x."""
    p = padding
    padded = np.pad(x, ((0, 0), (0, 0), (p, p), (p, p)))
    view = np.lib.stride_tricks.sliding_window_view(padded, (field_height, field_width), axis=(2, 3))
    return view[:, :, ::stride, ::stride]


def accumulate(blocks, H, W, padding, stride):
    """blocks (N, C, field_height, field_width, out_h, out_w) summed back onto an (N, C, H, W) image."""
    N, C, fh, fw, out_h, out_w = blocks.shape
    padded = np.zeros((N, C, H + 2 * padding, W + 2 * padding), dtype=blocks.dtype)
    for a in range(fh):
        for b in range(fw):
            padded[:, :, a:a + stride * (out_h - 1) + 1:stride, b:b + stride * (out_w - 1) + 1:stride] += \
                blocks[:, :, a, b]
    return padded[:, :, padding:padding + H, padding:padding + W]


def im2col_indices(x, field_height, field_width, padding=1, stride=1):
    """x (N, C, H, W) -> cols (C * field_height * field_width, out_h * out_w * N)."""
    view = windows(x, field_height, field_width, padding, stride)  # (N, C, oh, ow, fh, fw)
    return view.transpose(1, 4, 5, 2, 3, 0).reshape(x.shape[1] * field_height * field_width, -1)


def col2im_indices(cols, x_shape, field_height=3, field_width=3, padding=1, stride=1):
    """cols as im2col_indices makes them -> an image of ``x_shape``, overlapping windows summed."""
    N, C, H, W = x_shape
    out_h, out_w = _size(H, field_height, padding, stride), _size(W, field_width, padding, stride)
    blocks = cols.reshape(C, field_height, field_width, out_h, out_w, N).transpose(5, 0, 1, 2, 3, 4)
    return accumulate(blocks, H, W, padding, stride)

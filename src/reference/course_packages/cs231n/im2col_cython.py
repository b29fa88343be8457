"""The course's compiled ``im2col_cython`` (built with ``python setup.py build_ext --inplace``), in numpy:
its three functions, with its arguments and layouts, for a package where it was never built."""

from reference.course_packages.cs231n.im2col import accumulate, col2im_indices, im2col_indices

__all__ = ["im2col_cython", "col2im_cython", "col2im_6d_cython"]


def im2col_cython(x, field_height, field_width, padding, stride):
    return im2col_indices(x, field_height, field_width, padding, stride)


def col2im_cython(cols, N, C, H, W, field_height, field_width, padding, stride):
    return col2im_indices(cols, (N, C, H, W), field_height, field_width, padding, stride)


def col2im_6d_cython(cols, N, C, H, W, HH, WW, pad, stride):
    """cols (C, HH, WW, N, out_h, out_w) -> (N, C, H, W)."""
    return accumulate(cols.transpose(3, 0, 1, 2, 4, 5), H, W, pad, stride)

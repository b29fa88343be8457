"""The convolution assignment's bug zoo: mistakes learners make (most seen in public learner files,
tests/learners/convolution/README.md), each manual_dnn's solution with one function replaced, written
the way a learner writes it (the course's four loops). Many are invisible in the course's own test
cells, which use stride 1 where it matters, one example's worth of ties, and pad >= 1.
"""

import numpy as np

from manual_dnn import convolution, pooling
from reference.bug_zoo import Mutant, notebook_namespace

__all__ = ["MUTANTS", "mutant_namespace"]


def mutant_namespace(name):
    """manual_dnn's solution in one notebook-like namespace, ``name``'s function replaced (and the loops
    the mutants share, as a notebook would hold them)."""
    mutant = MUTANTS[name]
    return notebook_namespace([pooling, convolution], [(mutant.function, mutant.implementation), *SHARED])


# Each function below differs from the course's solution on the line marked BUG.

def zero_pad_every_axis(X, pad):
    X_pad = np.pad(X, pad, mode="constant", constant_values=0)  # BUG: pads m and n_C too
    return X_pad


def conv_single_step_bias_in_the_sum(a_slice_prev, W, b):
    s = np.multiply(a_slice_prev, W) + b  # BUG: b added to every entry, then summed (the 2017 notebook's words)
    Z = np.sum(s)
    return Z


def _conv_forward(A_prev, W, b, hparameters, start, size):
    (m, n_H_prev, n_W_prev, n_C_prev) = A_prev.shape
    (f, f, n_C_prev, n_C) = W.shape
    stride, pad = hparameters["stride"], hparameters["pad"]
    n_H, n_W = size(n_H_prev, f, pad, stride), size(n_W_prev, f, pad, stride)
    Z = np.zeros((m, n_H, n_W, n_C))
    A_prev_pad = zero_pad(A_prev, pad)  # noqa: F821 -- the notebook's zero_pad
    for i in range(m):
        a_prev_pad = A_prev_pad[i]
        for h in range(n_H):
            vert_start = start(h, stride)
            vert_end = vert_start + f
            for w in range(n_W):
                horiz_start = start(w, stride)
                horiz_end = horiz_start + f
                for c in range(n_C):
                    a_slice_prev = a_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :]
                    Z[i, h, w, c] = conv_single_step(a_slice_prev, W[:, :, :, c], b[:, :, :, c])  # noqa: F821
    return Z, (A_prev, W, b, hparameters)


def _right_size(n, f, pad, stride):
    return int((n + 2 * pad - f) / stride) + 1


def conv_forward_stride_ignored(A_prev, W, b, hparameters):
    return _conv_forward(A_prev, W, b, hparameters, lambda h, stride: h, _right_size)  # BUG: vert_start = h


def conv_forward_size_off_by_one(A_prev, W, b, hparameters):
    # BUG: (n + 2 pad - f + 1) // stride, the size of a stride-1 output divided by the stride
    return _conv_forward(A_prev, W, b, hparameters, lambda h, stride: h * stride,
                         lambda n, f, pad, stride: (n + 2 * pad - f + 1) // stride)


def _conv_backward(dZ, cache, variant):
    (A_prev, W, b, hparameters) = cache
    (m, n_H_prev, n_W_prev, n_C_prev) = A_prev.shape
    (f, f, n_C_prev, n_C) = W.shape
    stride, pad = hparameters["stride"], hparameters["pad"]
    (m, n_H, n_W, n_C) = dZ.shape
    dA_prev = np.zeros(A_prev.shape)
    dW = np.zeros(W.shape)
    db = np.zeros(b.shape)
    A_prev_pad = zero_pad(A_prev, pad)  # noqa: F821
    dA_prev_pad = zero_pad(dA_prev, pad)  # noqa: F821
    for i in range(m):
        a_prev_pad = A_prev_pad[i]
        da_prev_pad = dA_prev_pad[i]
        if variant == "dW per example":
            dW = np.zeros(W.shape)  # BUG: dW starts again for every example: only the last one counts
        for h in range(n_H):
            for w in range(n_W):
                for c in range(n_C):
                    vert_start = h if variant == "stride ignored" else h * stride  # BUG (stride ignored)
                    vert_end = vert_start + f
                    horiz_start = w if variant == "stride ignored" else w * stride
                    horiz_end = horiz_start + f
                    a_slice = a_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :]
                    da_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :] += W[:, :, :, c] * dZ[i, h, w, c]
                    dW[:, :, :, c] += a_slice * dZ[i, h, w, c]
                    db[:, :, :, c] += dZ[i, h, w, c]
        unpadded = da_prev_pad[pad:pad + n_H_prev, pad:pad + n_W_prev, :]
        if variant == "A for dA":
            unpadded = a_prev_pad[pad:pad + n_H_prev, pad:pad + n_W_prev, :]  # BUG: a_prev_pad, not da_prev_pad
        dA_prev[i, :, :, :] = unpadded
    if variant == "averaged":
        dW, db = dW / m, db / m  # BUG: course 1's 1/m, where this course's gradients are sums
    return dA_prev, dW, db


def conv_backward_stride_ignored(dZ, cache):
    return _conv_backward(dZ, cache, "stride ignored")


def conv_backward_dW_per_example(dZ, cache):
    return _conv_backward(dZ, cache, "dW per example")


def conv_backward_dA_from_A(dZ, cache):
    return _conv_backward(dZ, cache, "A for dA")


def conv_backward_averaged(dZ, cache):
    return _conv_backward(dZ, cache, "averaged")


def _pool_forward(A_prev, hparameters, mode, window):
    (m, n_H_prev, n_W_prev, n_C_prev) = A_prev.shape
    f, stride = hparameters["f"], hparameters["stride"]
    n_H, n_W, n_C = int(1 + (n_H_prev - f) / stride), int(1 + (n_W_prev - f) / stride), n_C_prev
    A = np.zeros((m, n_H, n_W, n_C))
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                for c in range(n_C):
                    a_prev_slice = window(A_prev, i, h * stride, w * stride, f, c)
                    A[i, h, w, c] = np.max(a_prev_slice) if mode == "max" else np.mean(a_prev_slice)
    return A, (A_prev, hparameters)


def pool_forward_every_channel(A_prev, hparameters, mode="max"):
    # BUG: the window spans every channel (":" where the course has c)
    return _pool_forward(A_prev, hparameters, mode, lambda A, i, v, h, f, c: A[i, v:v + f, h:h + f, :])


def pool_forward_one_example(A_prev, hparameters, mode="max"):
    # BUG: a_prev = A_prev[1], a fixed example, where the course's loop takes A_prev[i]
    return _pool_forward(A_prev, hparameters, mode, lambda A, i, v, h, f, c: A[1 % len(A), v:v + f, h:h + f, c])


def create_mask_greater_than_max(x):
    mask = x > np.max(x)  # BUG: > where == is meant: nothing is greater than the maximum
    return mask


def distribute_value_without_dz(dz, shape):
    (n_H, n_W) = shape
    average = 1 / (n_H * n_W)  # BUG: dz forgotten
    a = np.ones(shape) * average
    return a


def _pool_backward(dA, cache, mode, variant):
    (A_prev, hparameters) = cache
    stride, f = hparameters["stride"], hparameters["f"]
    m, n_H, n_W, n_C = dA.shape
    dA_prev = np.zeros(A_prev.shape)
    for i in range(m):
        a_prev = A_prev[i]
        for h in range(n_H):
            for w in range(n_W):
                for c in range(n_C):
                    vert_start = h if variant == "stride ignored" else h * stride  # BUG (stride ignored)
                    horiz_start = w if variant == "stride ignored" else w * stride
                    vert_end, horiz_end = vert_start + f, horiz_start + f
                    if mode == "max":
                        a_prev_slice = a_prev[vert_start:vert_end, horiz_start:horiz_end, c]
                        if variant == "transposed window":  # BUG: the mask from the window at (w, h)
                            a_prev_slice = a_prev[horiz_start:horiz_end, vert_start:vert_end, c]
                        mask = create_mask_from_window(a_prev_slice)  # noqa: F821
                        dA_prev[i, vert_start:vert_end, horiz_start:horiz_end, c] += mask * dA[i, h, w, c]
                    elif variant == "dz undivided":  # BUG: the whole dz to every entry (distribute_value unused)
                        dA_prev[i, vert_start:vert_end, horiz_start:horiz_end, c] += dA[i, h, w, c]
                    else:
                        dA_prev[i, vert_start:vert_end, horiz_start:horiz_end, c] += \
                            distribute_value(dA[i, h, w, c], (f, f))  # noqa: F821
    return dA_prev


def pool_backward_stride_ignored(dA, cache, mode="max"):
    return _pool_backward(dA, cache, mode, "stride ignored")


def pool_backward_mask_from_transposed_window(dA, cache, mode="max"):
    return _pool_backward(dA, cache, mode, "transposed window")


def pool_backward_average_undivided(dA, cache, mode="max"):
    return _pool_backward(dA, cache, mode, "dz undivided")


SHARED = (_conv_forward, _right_size, _conv_backward, _pool_forward, _pool_backward)

MUTANTS = {
    "zero_pad-every-axis": Mutant("zero_pad", "np.pad(X, pad) pads the examples and channels too",
                                  zero_pad_every_axis),
    "conv_single_step-bias-in-the-sum": Mutant(
        "conv_single_step", "b added to every entry before the sum (the 2017 notebook's instruction)",
        conv_single_step_bias_in_the_sum),
    "conv_forward-stride-ignored": Mutant("conv_forward", "vert_start = h: the window moves by 1, not by the stride",
                                          conv_forward_stride_ignored),
    "conv_forward-size-off-by-one": Mutant(
        "conv_forward", "n_H = (n_H_prev + 2 pad - f + 1) // stride: right only at stride 1",
        conv_forward_size_off_by_one),
    "conv_backward-stride-ignored": Mutant("conv_backward", "vert_start = h in the backward loops",
                                           conv_backward_stride_ignored),
    "conv_backward-dW-per-example": Mutant("conv_backward", "dW set to zeros inside the loop over examples",
                                           conv_backward_dW_per_example),
    "conv_backward-dA-from-A": Mutant("conv_backward", "dA_prev[i] unpadded from a_prev_pad, not da_prev_pad",
                                      conv_backward_dA_from_A),
    "conv_backward-averaged": Mutant("conv_backward", "dW and db divided by m (course 1's habit; here they are sums)",
                                     conv_backward_averaged),
    "pool_forward-every-channel": Mutant("pool_forward", "the window spans every channel, not channel c",
                                         pool_forward_every_channel),
    "pool_forward-one-example": Mutant("pool_forward", "a_prev = A_prev[1] for every example",
                                       pool_forward_one_example),
    "create_mask-greater-than-max": Mutant("create_mask_from_window", "mask = x > np.max(x): never true",
                                           create_mask_greater_than_max),
    "distribute_value-without-dz": Mutant("distribute_value", "1 / (n_H n_W) in every entry, dz forgotten",
                                          distribute_value_without_dz),
    "pool_backward-stride-ignored": Mutant("pool_backward", "vert_start = h: the window moves by 1, not the stride",
                                           pool_backward_stride_ignored),
    "pool_backward-mask-from-transposed-window": Mutant(
        "pool_backward", "the mask taken from the window at (w, h), written at (h, w)",
        pool_backward_mask_from_transposed_window),
    "pool_backward-average-undivided": Mutant(
        "pool_backward", "average mode sends the whole dz to every entry (no distribute_value)",
        pool_backward_average_undivided),
}

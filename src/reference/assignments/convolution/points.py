"""The convolution assignment's check points: one batch of images for every function.

The fixed point (the CLI's): m = 2 images of 5 x 6 pixels and 3 channels; a 3 x 3 convolution with
4 filters, stride 2 and pad 1, and a second hyperparameter set with pad 0 and stride 1 (the course
never uses pad 0; its template's [pad:-pad] fails there: reference.assignments.convolution.custom);
a 3 x 3 pooling with stride 2, so windows overlap and the stride divides neither 5 - 3 nor 6 - 3
evenly (a last column is left out). So a stride taken as 1, an off-by-one, m, n_H, n_W or the
channels mixed up, or a sum over overlapping windows that forgets to add, all change numbers.
Every dimension differs from the others, and m > 1 (dW accumulates over examples).

It is small on purpose: a learner's conv_backward runs m * n_H * n_W * n_C = 2 * 3 * 3 * 4 steps of
its four Python loops, and the numerical oracles differentiate every coordinate (A_prev holds 180).
The property suite draws the same families at other sizes (strides 1-3, pads 0-2, filters 1-4).

Ties: a max-pool window whose two largest entries are closer than TIE_MARGIN has no derivative
there (and a finite difference across the tie is wrong); such a point is redrawn.
"""

import numpy as np

from reference.engine.points import Points
from reference.tolerances import KINK_MARGIN

__all__ = ["POINTS", "build", "problems", "fits", "TIE_MARGIN", "window_gaps", "max_pool_tie", "mask_tie"]

TIE_MARGIN = KINK_MARGIN  # a window's two largest entries at least this far apart (FD steps are 1e-5)


def output(n, f, stride, pad=0):
    return (n + 2 * pad - f) // stride + 1


def build(sizes, rng):
    """Every value a row of the assignment is called with, and the pad-0 variant's."""
    m, n_H_prev, n_W_prev, n_C_prev = sizes["m"], sizes["n_H_prev"], sizes["n_W_prev"], sizes["n_C_prev"]
    f, n_C, stride, pad = sizes["f"], sizes["n_C"], sizes["stride"], sizes["pad"]
    pool = {"f": sizes["pool_f"], "stride": sizes["pool_stride"]}
    A_prev = rng.uniform(-1, 1, (m, n_H_prev, n_W_prev, n_C_prev))
    W = rng.randn(f, f, n_C_prev, n_C) / np.sqrt(f * f * n_C_prev)
    b = rng.uniform(0.1, 0.5, (1, 1, 1, n_C)) * rng.choice([-1, 1], (1, 1, 1, n_C))
    conv = {"stride": stride, "pad": pad}
    dZ = rng.randn(m, output(n_H_prev, f, stride, pad), output(n_W_prev, f, stride, pad), n_C)
    dA = rng.randn(m, output(n_H_prev, pool["f"], pool["stride"]), output(n_W_prev, pool["f"], pool["stride"]),
                   n_C_prev)
    pad0 = {"conv_hparameters": {"stride": 1, "pad": 0},
            "dZ": rng.randn(m, output(n_H_prev, f, 1), output(n_W_prev, f, 1), n_C)}
    window = (f, f + 1)  # distribute_value's and the mask's: not square, so n_H and n_W cannot be swapped
    return {"X": A_prev, "pad": pad, "A_prev": A_prev, "W": W, "b": b, "conv_hparameters": conv,
            "pool_hparameters": pool, "dZ": dZ, "dA": dA, "pad0": pad0,
            "a_slice_prev": A_prev[0, :f, :f, :],
            "slice_W": W[..., 0], "slice_b": b[..., :1].reshape(1, 1, 1),
            "x": rng.uniform(-1, 1, window), "window": rng.uniform(-1, 1, window), "shape": window,
            "dz": np.float64(rng.uniform(0.5, 2.0) * rng.choice([-1, 1])), "m": m}


def window_gaps(A_prev, f, stride):
    """The gap between the largest and the second largest entry of every pooling window (an array)."""
    m, n_H_prev, n_W_prev, n_C = A_prev.shape
    gaps = [np.inf]
    if f * f < 2:
        return np.array(gaps)
    for h in range(output(n_H_prev, f, stride)):
        for w in range(output(n_W_prev, f, stride)):
            window = A_prev[:, h * stride:h * stride + f, w * stride:w * stride + f, :].reshape(m, f * f, n_C)
            top = np.sort(window, axis=1)
            gaps.append(float(np.min(top[:, -1] - top[:, -2])))
    return np.array(gaps)


def max_pool_tie(values):
    """Why max pooling has no derivative at the point (a tie in a window), or None."""
    if values.get("mode", "max") != "max":
        return None
    pool = values["pool_hparameters"]
    gap = float(window_gaps(values["A_prev"], pool["f"], pool["stride"]).min())
    if gap < TIE_MARGIN:
        return f"a max-pool window's two largest entries are {gap:.1e} apart (a tie: the max has no derivative there)"
    return None


def mask_tie(values):
    """Why create_mask_from_window's x has no derivative of its max (a tie), or None."""
    x = np.sort(np.asarray(values["x"], dtype=np.float64).ravel())
    if x.size > 1 and x[-1] - x[-2] < TIE_MARGIN:
        return f"x's two largest entries are {x[-1] - x[-2]:.1e} apart (a tie: the max has no derivative there)"
    return None


def problems(values):
    """Why the point has no derivative somewhere (a tie in a max window, or in the mask's x)."""
    return [reason for reason in (max_pool_tie({**values, "mode": "max"}), mask_tie(values)) if reason]


def fits(sizes):
    """A filter and a pooling window that fit the image without padding (the pad-0 variant needs it)."""
    smallest = min(sizes["n_H_prev"], sizes["n_W_prev"])
    return sizes["f"] <= smallest and sizes["pool_f"] <= smallest


POINTS = Points(
    sizes={"m": (1, 3), "n_H_prev": (1, 7), "n_W_prev": (1, 7), "n_C_prev": (1, 4), "f": (1, 4), "n_C": (1, 4),
           "stride": (1, 3), "pad": (0, 2), "pool_f": (1, 4), "pool_stride": (1, 3)},
    fixed={"m": 2, "n_H_prev": 5, "n_W_prev": 6, "n_C_prev": 3, "f": 3, "n_C": 4, "stride": 2, "pad": 1,
           "pool_f": 3, "pool_stride": 2},
    build=build, problems=problems, fits=fits,
)

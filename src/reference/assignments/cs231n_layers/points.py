"""CS231n layers' check points: one input per layer family, every shape different from the others.

Images are not square (H != W), filters not square, the stride is not 1 and the pad not 0, so a
transposed axis, a forgotten stride or a pad taken as 0 cannot line up by chance; the convolution's
and pooling's sizes are built from their output sizes, so that the stride divides exactly (the
course's fast layers assert it). gamma and beta are far from 1 and 0 (a forward that drops them,
a backward that forgets gamma, cannot pass). A ReLU or an SVM margin is never near its kink, and
no pooling window holds a tie (where the max has no derivative): such points are redrawn.
"""

import numpy as np

from reference.engine.points import Points
from reference.tolerances import KINK_MARGIN

__all__ = ["POINTS", "build", "conv_input_size", "pool_input_size", "settings", "EPS"]

EPS = 1e-5  # the course's default eps, and what the check points pass in bn_param, ln_param, gn_param


def settings(*numbers):
    """An empty array whose shape carries ``numbers`` (a stride, a pad, a group count) into the JAX
    math, where they must be static: jit compiles once per shape."""
    return np.zeros((0, *(int(n) for n in numbers)))


def conv_input_size(out, filter_size, stride, pad):
    """The input size whose padded convolution gives ``out`` positions exactly."""
    return stride * (out - 1) + filter_size - 2 * pad


def pool_input_size(out, window, stride):
    return stride * (out - 1) + window


def _away_from_zero(rng, shape, low=0.2, high=1.5):
    return rng.uniform(low, high, shape) * rng.choice([-1.0, 1.0], shape)


def _scale_and_shift(rng, shape):
    """gamma far from 1 (and from 0), beta far from 0."""
    return rng.uniform(0.5, 2.5, shape) * rng.choice([-1.0, 1.0], shape), _away_from_zero(rng, shape)


def _features(rng, rows, columns):
    """Inputs of a normalisation: each column its own mean and spread, none of them 0 and 1."""
    return rng.randn(rows, columns) * rng.uniform(0.5, 3.0, columns) + rng.uniform(-3, 3, columns)


def build(sizes, rng):
    s = sizes
    N = s["N"]
    values = {"m": N}
    # affine: x (N, d1, d2), read as rows of D = d1 d2
    values["x_affine"] = rng.randn(N, s["d1"], s["d2"])
    values["w"] = rng.randn(s["d1"] * s["d2"], s["M"]) / np.sqrt(s["d1"] * s["d2"])
    values["b"] = _away_from_zero(rng, (s["M"],))
    values["dout_affine"] = rng.randn(N, s["M"])
    values["x_relu"] = _away_from_zero(rng, (N, s["M"]), KINK_MARGIN * 100)
    values["dout_relu"] = rng.randn(N, s["M"])
    # batch and layer normalisation: (N, D)
    values["x_norm"] = _features(rng, N, s["D"])
    values["gamma"], values["beta"] = _scale_and_shift(rng, (s["D"],))
    values["running_mean"] = rng.uniform(-1, 1, s["D"])
    values["running_var"] = rng.uniform(0.5, 2, s["D"])
    values["dout_norm"] = rng.randn(N, s["D"])
    # dropout: enough units that the fraction kept tells p from 1 - p
    values["x_dropout"] = _away_from_zero(rng, (20, 30))
    values["dout_dropout"] = rng.randn(20, 30)
    values["p"] = s["p"]
    # convolution: x (N, C, H, W), w (F, C, HH, WW)
    H = conv_input_size(s["conv_out_h"], s["HH"], s["stride"], s["pad"])
    W = conv_input_size(s["conv_out_w"], s["WW"], s["stride"], s["pad"])
    values["x_conv"] = rng.randn(N, s["C"], H, W)
    values["w_conv"] = rng.randn(s["F"], s["C"], s["HH"], s["WW"]) / np.sqrt(s["C"] * s["HH"] * s["WW"])
    values["b_conv"] = _away_from_zero(rng, (s["F"],))
    values["dout_conv"] = rng.randn(N, s["F"], s["conv_out_h"], s["conv_out_w"])
    values["conv_param"] = {"stride": s["stride"], "pad": s["pad"]}
    # max pooling: distinct values, so no window has a tie
    Hp = pool_input_size(s["pool_out_h"], s["pool_height"], s["pool_stride"])
    Wp = pool_input_size(s["pool_out_w"], s["pool_width"], s["pool_stride"])
    size = N * s["C"] * Hp * Wp
    values["x_pool"] = (rng.permutation(size) / size * 4 - 2).reshape(N, s["C"], Hp, Wp)
    values["dout_pool"] = rng.randn(N, s["C"], s["pool_out_h"], s["pool_out_w"])
    values["pool_param"] = {"pool_height": s["pool_height"], "pool_width": s["pool_width"],
                            "stride": s["pool_stride"]}
    # spatial batch norm (N, C, H, W), gamma (C,); group norm (N, C, H, W), gamma (1, C, 1, 1)
    values["x_spatial"] = _features(rng, N * s["sH"] * s["sW"], s["C"]).reshape(N, s["sH"], s["sW"], s["C"]) \
        .transpose(0, 3, 1, 2).copy()
    values["gamma_spatial"], values["beta_spatial"] = _scale_and_shift(rng, (s["C"],))
    values["spatial_running_mean"] = rng.uniform(-1, 1, s["C"])
    values["spatial_running_var"] = rng.uniform(0.5, 2, s["C"])
    values["dout_spatial"] = rng.randn(N, s["C"], s["sH"], s["sW"])
    C_group = s["G"] * s["group_size"]
    values["x_group"] = rng.randn(N, C_group, s["sH"], s["sW"]) * 2 + rng.uniform(-2, 2, (N, C_group, 1, 1))
    gamma, beta = _scale_and_shift(rng, (C_group,))
    values["gamma_group"], values["beta_group"] = gamma.reshape(1, -1, 1, 1), beta.reshape(1, -1, 1, 1)
    values["dout_group"] = rng.randn(N, C_group, s["sH"], s["sW"])
    values["G"] = s["G"]
    # losses: scores (N, classes), labels (N,) with every class's score in play
    values["scores"] = rng.randn(N, s["classes"]) * 2
    values["y"] = rng.randint(0, s["classes"], N)
    values["eps"] = EPS
    return values


def _margins(values):
    x, y = values["scores"], values["y"]
    margins = x - x[np.arange(len(y)), y][:, None] + 1.0
    margins[np.arange(len(y)), y] = 1.0  # the correct class is not a margin
    return margins


def problems(values):
    found = []
    if np.abs(_margins(values)).min() < KINK_MARGIN:
        found.append("an SVM margin is at its kink")
    return found


def fits(sizes):
    return all(conv_input_size(sizes[o], sizes[f], sizes["stride"], sizes["pad"]) >= 1
               for o, f in (("conv_out_h", "HH"), ("conv_out_w", "WW"))) and sizes["pad"] < min(
        sizes["HH"], sizes["WW"]) and sizes["N"] >= 2


POINTS = Points(
    sizes={"N": (2, 5), "d1": (1, 3), "d2": (1, 4), "M": (1, 5), "D": (1, 6), "p": (0.3, 0.9),
           "C": (1, 3), "F": (1, 3), "HH": (1, 3), "WW": (1, 4), "stride": (1, 3), "pad": (0, 2),
           "conv_out_h": (1, 3), "conv_out_w": (1, 4), "pool_height": (1, 3), "pool_width": (1, 3),
           "pool_stride": (1, 3), "pool_out_h": (1, 3), "pool_out_w": (1, 3), "sH": (1, 3), "sW": (1, 4),
           "G": (1, 3), "group_size": (1, 3), "classes": (2, 6)},
    fixed={"N": 3, "d1": 2, "d2": 3, "M": 4, "D": 5, "p": 0.7, "C": 2, "F": 3, "HH": 3, "WW": 2, "stride": 2,
           "pad": 1, "conv_out_h": 3, "conv_out_w": 4, "pool_height": 2, "pool_width": 3, "pool_stride": 3,
           "pool_out_h": 2, "pool_out_w": 2, "sH": 3, "sW": 4, "G": 3, "group_size": 2, "classes": 5},
    build=build, problems=problems, fits=fits,
)

"""manual_dnn's CS231n layers (manual_dnn.cs231n_layers) against their JAX math, on drawn shapes: every
forward equals the math, every backward equals the math's VJP through the forward's own cache.

Shapes are drawn from the assignment's own size ranges (reference.assignments.cs231n_layers.points):
strides 1-3, pads 0-2, non-square images, filters and pooling windows (overlapping ones too), group
counts, gamma and beta away from 1 and 0. JAX compiles once per shape, so each property runs a bounded
number of examples whatever the profile.
"""

import copy

import jax
import numpy as np
import pytest
from hypothesis import assume, find, given, settings
from hypothesis import strategies as st

import manual_dnn.cs231n_layers as layers
from reference.assignments.cs231n_layers import math
from reference.assignments.cs231n_layers.points import POINTS, build
from reference.assignments.cs231n_layers.points import settings as static

EXAMPLES = 8  # each new shape compiles the math (~0.5 s): 8 per property keeps the file near a minute


def _size(low, high):
    return st.floats(low, high) if isinstance(low, float) else st.integers(low, high)


SIZES = st.fixed_dictionaries({name: _size(*bounds) for name, bounds in POINTS.sizes.items()}).filter(POINTS.fits)


def _geometry(values, family):
    if family == "conv":
        return static(values["conv_param"]["stride"], values["conv_param"]["pad"])
    pool = values["pool_param"]
    return static(pool["pool_height"], pool["pool_width"], pool["stride"])


def _bn(values, mode, mean="running_mean", var="running_var"):
    return {"mode": mode, "eps": values["eps"], "momentum": 0.9, "running_mean": values[mean].copy(),
            "running_var": values[var].copy()}


# name: (inputs as (point name, argument), extra arguments(values), math, static math inputs(values), dout)
FAMILIES = {
    "affine": (("x_affine", "w", "b"), lambda v: (), math.affine, lambda v: (), "dout_affine"),
    "relu": (("x_relu",), lambda v: (), math.relu, lambda v: (), "dout_relu"),
    "batchnorm": (("x_norm", "gamma", "beta"), lambda v: (_bn(v, "train"),), math.batchnorm_train,
                  lambda v: (), "dout_norm"),
    "layernorm": (("x_norm", "gamma", "beta"), lambda v: ({"eps": v["eps"]},), math.layernorm, lambda v: (),
                  "dout_norm"),
    "conv": (("x_conv", "w_conv", "b_conv"), lambda v: (v["conv_param"],), math.conv,
             lambda v: (_geometry(v, "conv"),), "dout_conv"),
    "max_pool": (("x_pool",), lambda v: (v["pool_param"],), math.max_pool, lambda v: (_geometry(v, "pool"),),
                 "dout_pool"),
    "spatial_batchnorm": (("x_spatial", "gamma_spatial", "beta_spatial"),
                          lambda v: (_bn(v, "train", "spatial_running_mean", "spatial_running_var"),),
                          math.spatial_batchnorm_train, lambda v: (), "dout_spatial"),
    "spatial_groupnorm": (("x_group", "gamma_group", "beta_group"), lambda v: (v["G"], {"eps": v["eps"]}),
                          math.spatial_groupnorm, lambda v: (static(v["G"]),), "dout_group"),
}
FORWARD_NAMES = {"conv": "conv_forward_naive", "max_pool": "max_pool_forward_naive"}


def _functions(family):
    forward = FORWARD_NAMES.get(family, f"{family}_forward")
    return getattr(layers, forward), getattr(layers, forward.replace("_forward", "_backward"))


@pytest.mark.parametrize("family", list(FAMILIES))
@settings(max_examples=EXAMPLES)
@given(sizes=SIZES, seed=st.integers(0, 2**31 - 1))
def test_every_layer_backward_equals_the_vjp_of_its_math_through_its_own_cache(family, sizes, seed):
    names, extra, jax_math, statics, dout_name = FAMILIES[family]
    values = build(sizes, np.random.RandomState(seed))
    assume(not POINTS.problems(values))
    inputs = [values[n] for n in names]
    forward, backward = _functions(family)
    out, cache = forward(*copy.deepcopy(inputs), *extra(values))
    dout = values[dout_name]
    fixed = statics(values)

    @jax.jit
    def out_and_vjp(xs, cotangent):
        out, vjp = jax.vjp(lambda *ys: jax_math(*ys, *fixed), *xs)
        return out, vjp(cotangent)

    with jax.enable_x64(True):
        expected_out, expected = out_and_vjp(tuple(inputs), dout)
    np.testing.assert_allclose(out, expected_out, rtol=1e-10, atol=1e-12)
    grads = backward(dout.copy(), cache)
    grads = grads if isinstance(grads, tuple) else (grads,)
    for grad, want, name in zip(grads, expected, names):
        assert np.shape(grad) == np.shape(want), name
        np.testing.assert_allclose(grad, want, rtol=1e-9, atol=1e-11, err_msg=f"{family}: d{name}")


@pytest.mark.parametrize("name", ["svm_loss", "softmax_loss"])
@settings(max_examples=EXAMPLES)
@given(sizes=SIZES, seed=st.integers(0, 2**31 - 1))
def test_the_losses_and_their_dx_equal_the_math_and_its_gradient(name, sizes, seed):
    values = build(sizes, np.random.RandomState(seed))
    assume(not POINTS.problems(values))
    x, y = values["scores"], values["y"]
    loss, dx = getattr(layers, name)(x.copy(), y)
    with jax.enable_x64(True):
        want_loss, want_dx = jax.jit(jax.value_and_grad(getattr(math, name)))(x, y)
    assert np.isclose(loss, want_loss, rtol=1e-12)
    np.testing.assert_allclose(dx, want_dx, rtol=1e-9, atol=1e-12)


@settings(max_examples=EXAMPLES)
@given(sizes=SIZES, seed=st.integers(0, 2**31 - 1))
def test_test_mode_batchnorm_uses_the_running_statistics_and_gamma_and_beta(sizes, seed):
    values = build(sizes, np.random.RandomState(seed))
    out, _ = layers.batchnorm_forward(values["x_norm"], values["gamma"], values["beta"], _bn(values, "test"))
    with jax.enable_x64(True):
        want = math.batchnorm_test(values["x_norm"], values["gamma"], values["beta"], values["running_mean"],
                                   values["running_var"])
    np.testing.assert_allclose(out, want, rtol=1e-12)


def test_softmax_loss_survives_scores_that_overflow_exp():
    x = np.array([[1000.0, 0.0, -1000.0], [0.0, 800.0, 1.0]])
    loss, dx = layers.softmax_loss(x, np.array([0, 2]))
    assert np.isfinite(loss) and np.isfinite(dx).all()


def test_the_drawn_sizes_reach_the_geometries_that_matter():
    """Overlapping pool windows, strides that skip pixels, pads, non-square images, several groups."""
    def geometry(s):
        return (s["pool_stride"] < s["pool_height"], s["pool_stride"] > s["pool_width"], s["pad"] == 2,
                s["stride"] == 3, s["conv_out_h"] != s["conv_out_w"], s["G"] > 1)

    for index in range(6):
        find(SIZES, lambda s, i=index: geometry(s)[i])

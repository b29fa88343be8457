"""manual_dnn's convolution and pooling (course 4 week 1) equal their JAX math
(reference.assignments.convolution.math): values, and every gradient against the VJP, float64.

Shapes come from two strategies. CONV_SHAPES and POOL_SHAPES draw from catalogues that cover every
stride 1-3 with every pad 0-2, filters 1-4, one and several examples and channels, strides that do not
divide the image (a last row or column left out), overlapping pooling windows: JAX compiles once per
shape and hyperparameters, so a bounded catalogue keeps the suite's time while Hypothesis draws the
values. ANY_SIZES draws every size freely from the assignment's ranges, with few examples (each one
compiles). Values lie on a 1e-3 grid; pooling inputs are distinct values (no tie in a max window,
where the max has no derivative). test_convolution_strategy_coverage.py shows each case is reached.
"""

import jax
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from manual_dnn import convolution as md
from reference.assignments.convolution import math
from reference.assignments.convolution.points import POINTS, TIE_MARGIN, window_gaps
from reference.engine import oracles
from tests.property.expect import Untouched, assert_close

# (m, n_H_prev, n_W_prev, n_C_prev, f, n_C, stride, pad)
CONV_CATALOGUE = (
    (1, 4, 4, 1, 1, 1, 1, 0), (2, 5, 5, 2, 3, 2, 1, 1), (1, 6, 5, 2, 3, 2, 1, 2), (3, 4, 5, 1, 2, 2, 2, 0),
    (2, 5, 7, 3, 3, 2, 2, 1), (2, 4, 6, 1, 3, 3, 2, 2), (2, 5, 4, 3, 2, 2, 3, 0), (2, 7, 7, 2, 4, 1, 3, 1),
    (2, 5, 6, 2, 2, 3, 3, 2), (1, 3, 3, 2, 3, 2, 1, 0),
)
# (m, n_H_prev, n_W_prev, n_C, f, stride)
POOL_CATALOGUE = ((1, 4, 4, 1, 1, 1), (2, 5, 6, 3, 3, 2), (2, 5, 5, 2, 2, 2), (1, 6, 7, 2, 3, 3), (2, 4, 5, 1, 4, 1),
                  (1, 5, 5, 2, 2, 3))
GRID = 1000


def grid(shape, bound=1.0):
    k = round(GRID * bound)
    return arrays(np.float64, shape, elements=st.integers(-k, k).map(lambda i: i / GRID))


def distinct(shape):
    """Values in [-1, 1], all different: 2 / size apart at least (more than TIE_MARGIN here)."""
    size = int(np.prod(shape))
    return st.permutations(range(size)).map(lambda p: (np.array(p, dtype=np.float64).reshape(shape) * 2 - size) / size)


def out(n, f, stride, pad=0):
    return (n + 2 * pad - f) // stride + 1


@st.composite
def conv_layers(draw, shapes):
    m, n_H, n_W, n_C_prev, f, n_C, stride, pad = draw(shapes)
    A_prev, W = draw(grid((m, n_H, n_W, n_C_prev))), draw(grid((f, f, n_C_prev, n_C)))
    b, dZ = draw(grid((1, 1, 1, n_C))), draw(grid((m, out(n_H, f, stride, pad), out(n_W, f, stride, pad), n_C), 2.0))
    return A_prev, W, b, {"stride": stride, "pad": pad}, dZ


@st.composite
def pool_layers(draw, shapes):
    m, n_H, n_W, n_C, f, stride = draw(shapes)
    A_prev = draw(distinct((m, n_H, n_W, n_C)))
    dA = draw(grid((m, out(n_H, f, stride), out(n_W, f, stride), n_C), 2.0))
    return A_prev, {"f": f, "stride": stride}, dA


def _free_sizes(draw):
    sizes = {name: draw(st.integers(low, high)) for name, (low, high) in POINTS.sizes.items()}
    smallest = min(sizes["n_H_prev"], sizes["n_W_prev"])
    sizes["f"], sizes["pool_f"] = min(sizes["f"], smallest), min(sizes["pool_f"], smallest)
    return sizes


@st.composite
def any_conv_shape(draw):
    s = _free_sizes(draw)
    return s["m"], s["n_H_prev"], s["n_W_prev"], s["n_C_prev"], s["f"], s["n_C"], s["stride"], s["pad"]


@st.composite
def any_pool_shape(draw):
    s = _free_sizes(draw)
    return s["m"], s["n_H_prev"], s["n_W_prev"], s["n_C_prev"], s["pool_f"], s["pool_stride"]


CONV_SHAPES = st.sampled_from(CONV_CATALOGUE)
POOL_SHAPES = st.sampled_from(POOL_CATALOGUE)
MODES = st.sampled_from(["max", "average"])
POOL_MATH = {"max": math.max_pool, "average": math.average_pool}
FEW = settings(max_examples=8)  # free sizes: a new compilation almost every example


def _conv_oracles(A_prev, W, b, hparameters, dZ):
    conv = oracles.bound(math.conv, {"hparameters": hparameters})
    (Z,) = oracles.values(conv, [A_prev, W, b])
    return Z, oracles.vjp(conv, [A_prev, W, b], (0, 1, 2), [dZ])


MANUAL_DNN = vars(md)


def assert_conv(layer, impl=MANUAL_DNN):
    """conv_forward and conv_backward of ``impl`` (a namespace) against JAX at ``layer``."""
    A_prev, W, b, hparameters, dZ = layer
    untouched = Untouched(A_prev=A_prev, W=W, b=b, dZ=dZ)
    Z_jax, (dA_jax, dW_jax, db_jax) = _conv_oracles(A_prev, W, b, hparameters, dZ)
    Z, cache = impl["conv_forward"](A_prev, W, b, hparameters)
    assert_close(Z, Z_jax, "jax", "Z")
    dA_prev, dW, db = impl["conv_backward"](dZ, cache)
    assert_close(dA_prev, dA_jax, "jax", "dA_prev")
    assert_close(dW, dW_jax, "jax", "dW")
    assert_close(db, db_jax, "jax", "db")
    untouched.check()


def assert_pool(layer, mode, impl=MANUAL_DNN):
    """pool_forward and pool_backward of ``impl`` against JAX at ``layer``."""
    A_prev, hparameters, dA = layer
    assert window_gaps(A_prev, hparameters["f"], hparameters["stride"]).min() >= TIE_MARGIN
    pool = oracles.bound(POOL_MATH[mode], {"hparameters": hparameters})
    (A_jax,) = oracles.values(pool, [A_prev])
    (dA_prev_jax,) = oracles.vjp(pool, [A_prev], (0,), [dA])
    A, cache = impl["pool_forward"](A_prev, hparameters, mode)
    assert_close(A, A_jax, "jax", f"A ({mode})")
    assert_close(impl["pool_backward"](dA, cache, mode), dA_prev_jax, "jax", f"dA_prev ({mode})")


@given(conv_layers(CONV_SHAPES))
def test_conv_forward_and_backward_equal_the_jax_convolution_and_its_vjp(layer):
    assert_conv(layer)


@given(conv_layers(any_conv_shape()))
@FEW
def test_conv_forward_and_backward_equal_jax_at_any_drawn_size(layer):
    assert_conv(layer)


@given(pool_layers(POOL_SHAPES), MODES)
def test_pool_forward_and_backward_equal_reduce_window_and_its_vjp(layer, mode):
    assert_pool(layer, mode)


@given(pool_layers(any_pool_shape()), MODES)
@FEW
def test_pool_forward_and_backward_equal_jax_at_any_drawn_size(layer, mode):
    assert_pool(layer, mode)


@given(conv_layers(CONV_SHAPES))
def test_the_jax_math_is_xlas_own_convolution_on_real_inputs(layer):
    """The math writes the convolution out (so that the complex step works); XLA's conv agrees."""
    A_prev, W, b, hparameters, _ = layer
    stride, pad = hparameters["stride"], hparameters["pad"]
    with jax.enable_x64(True):
        xla = jax.lax.conv_general_dilated(A_prev, W, (stride, stride), ((pad, pad), (pad, pad)),
                                           dimension_numbers=("NHWC", "HWIO", "NHWC")) + b
    (Z,) = oracles.values(oracles.bound(math.conv, {"hparameters": hparameters}), [A_prev, W, b])
    assert_close(Z, np.asarray(xla), "jax", "Z")


WINDOWS = st.integers(1, 4).flatmap(lambda n: distinct((n, n + 1)))
MEANS = st.tuples(st.integers(1, 4), st.integers(1, 4), st.integers(-2000, 2000).map(lambda i: np.float64(i / GRID)))
PADDINGS = st.sampled_from(CONV_CATALOGUE).flatmap(lambda s: st.tuples(grid(s[:4]), st.integers(0, 2)))
STEPS = st.integers(1, 4).flatmap(lambda f: st.tuples(grid((f, f, 2)), grid((f, f, 2)), grid((1, 1, 1))))


def assert_mask(x, impl=MANUAL_DNN):
    (grad,) = oracles.vjp(math.window_max, [x], (0,), [np.float64(1.0)])
    mask = np.asarray(impl["create_mask_from_window"](x))
    assert mask.dtype == bool and mask.sum() == 1, mask
    assert_close(mask, grad, "jax", "mask")


def assert_distribute(case, impl=MANUAL_DNN):
    n_H, n_W, dz = case
    (grad,) = oracles.vjp(math.window_mean, [np.zeros((n_H, n_W))], (0,), [dz])
    assert_close(impl["distribute_value"](dz, (n_H, n_W)), grad, "jax", "a")


def assert_zero_pad(case, impl=MANUAL_DNN):
    X, pad = case
    (expected,) = oracles.values(oracles.bound(math.zero_pad, {"pad": pad}), [X])
    assert_close(impl["zero_pad"](X, pad), expected, "jax", "X_pad")


def assert_single_step(case, impl=MANUAL_DNN):
    a_slice_prev, W, b = case
    (expected,) = oracles.values(math.conv_single_step, [a_slice_prev, W, b])
    Z = impl["conv_single_step"](a_slice_prev, W, b)
    assert np.ndim(Z) == 0, f"Z has shape {np.shape(Z)}"
    assert_close(Z, expected, "jax", "Z")


@given(WINDOWS)
def test_create_mask_from_window_is_the_gradient_of_the_windows_max(x):
    assert_mask(x)


@given(MEANS)
def test_distribute_value_is_dz_times_the_gradient_of_the_windows_mean(case):
    assert_distribute(case)


@given(PADDINGS)
def test_zero_pad_is_jnp_pad_on_height_and_width(case):
    assert_zero_pad(case)


@given(STEPS)
def test_conv_single_step_adds_the_bias_once(case):
    assert isinstance(md.conv_single_step(*case), float)
    assert_single_step(case)

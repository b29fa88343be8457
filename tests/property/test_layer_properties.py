"""Properties of the per-layer backward functions, on drawn shapes and values.

A backward function is linear in its incoming gradient (dZ or dA): at a zero
one, every such function returns zeros, right or wrong, so the value
properties assume a nonzero one.
"""

import numpy as np
from hypothesis import assume, given

from reference.oracles import numpy_network as fwd
from reference.oracles.numeric import numeric_vjp
from tests.property import padded_jax_oracle
from tests.property.expect import Untouched, assert_close
from tests.property.strategies import ACTIVATIONS, FD_VALID_ACTIVATIONS, FD_VALID_LAYERS, KINK_ACTIVATIONS

ACTIVATION = {"relu": fwd.relu, "sigmoid": fwd.sigmoid}


def _linear(A, W, b):
    return W @ A + b


# ------------------------------------------------------------ linear_backward

@given(case=FD_VALID_LAYERS)
def test_linear_backward_equals_the_vjp_of_linear_forward(impl, case):
    dZ, ((A_prev, W, b), _) = case
    assume(dZ.any())
    got = impl["linear_backward"](dZ, (A_prev, W, b))
    for name, g, e in zip(("dA_prev", "dW", "db"), got, padded_jax_oracle.layer_backward(dZ, A_prev, W, b)):
        assert_close(g, e, "jax", name)


@given(case=FD_VALID_LAYERS)
def test_linear_backward_agrees_with_finite_differences(impl, case):
    dZ, ((A_prev, W, b), _) = case
    assume(dZ.any())
    m = A_prev.shape[1]
    dA_prev, dW, db = numeric_vjp(_linear, (A_prev, W, b), dZ)
    got = impl["linear_backward"](dZ, (A_prev, W, b))
    for name, g, e in zip(("dA_prev", "dW", "db"), got, (dA_prev, dW / m, db / m)):
        assert_close(g, e, "fd", name)


@given(case=FD_VALID_LAYERS)
def test_linear_backward_returns_gradients_shaped_like_its_inputs(impl, case):
    dZ, ((A_prev, W, b), _) = case
    dA_prev, dW, db = impl["linear_backward"](dZ, (A_prev, W, b))
    assert (np.shape(dA_prev), np.shape(dW), np.shape(db)) == (A_prev.shape, W.shape, b.shape)


@given(case=FD_VALID_LAYERS)
def test_linear_backward_leaves_its_inputs_unmodified(impl, case):
    dZ, (linear_cache, _) = case
    untouched = Untouched(dZ=dZ, cache=linear_cache)
    impl["linear_backward"](dZ, linear_cache)
    untouched.check()


# ------------------------------------------------------------ relu_backward

@given(case=FD_VALID_ACTIVATIONS)
def test_relu_backward_equals_the_vjp_of_relu(impl, case):
    dA, Z = case
    assume(dA.any())
    assert_close(impl["relu_backward"](dA, Z), padded_jax_oracle.activation_backward(dA, Z, "relu"), "jax", "dZ")


@given(case=FD_VALID_ACTIVATIONS)
def test_relu_backward_agrees_with_finite_differences(impl, case):
    dA, Z = case
    assume(dA.any())
    assert_close(impl["relu_backward"](dA, Z), numeric_vjp(fwd.relu, (Z,), dA)[0], "fd", "dZ")


@given(case=FD_VALID_ACTIVATIONS)
def test_relu_backward_returns_dZ_shaped_like_Z(impl, case):
    dA, Z = case
    assert np.shape(impl["relu_backward"](dA, Z)) == Z.shape


@given(case=FD_VALID_ACTIVATIONS)
def test_relu_backward_leaves_dA_and_Z_unmodified(impl, case):
    dA, Z = case
    untouched = Untouched(dA=dA, Z=Z)
    impl["relu_backward"](dA, Z)
    untouched.check()


@given(case=KINK_ACTIVATIONS)
def test_relu_backward_is_zero_where_Z_is_exactly_zero(impl, case):
    dA, Z = case  # the strategy puts a nonzero dA over one kink at least
    dZ = impl["relu_backward"](dA, Z)
    assert (np.asarray(dZ)[Z == 0] == 0).all()
    np.testing.assert_array_equal(dZ, padded_jax_oracle.activation_backward(dA, Z, "relu"))


# ------------------------------------------------------------ sigmoid_backward

@given(case=FD_VALID_ACTIVATIONS)
def test_sigmoid_backward_equals_the_vjp_of_sigmoid(impl, case):
    dA, Z = case
    assume(dA.any())
    expected = padded_jax_oracle.activation_backward(dA, Z, "sigmoid")
    assert_close(impl["sigmoid_backward"](dA, Z), expected, "jax", "dZ")


@given(case=FD_VALID_ACTIVATIONS)
def test_sigmoid_backward_agrees_with_finite_differences(impl, case):
    dA, Z = case
    assume(dA.any())
    assert_close(impl["sigmoid_backward"](dA, Z), numeric_vjp(fwd.sigmoid, (Z,), dA)[0], "fd", "dZ")


@given(case=FD_VALID_ACTIVATIONS)
def test_sigmoid_backward_returns_dZ_shaped_like_Z(impl, case):
    dA, Z = case
    assert np.shape(impl["sigmoid_backward"](dA, Z)) == Z.shape


@given(case=FD_VALID_ACTIVATIONS)
def test_sigmoid_backward_leaves_dA_and_Z_unmodified(impl, case):
    dA, Z = case
    untouched = Untouched(dA=dA, Z=Z)
    impl["sigmoid_backward"](dA, Z)
    untouched.check()


# ------------------------------------------------------------ linear_activation_backward

@given(case=FD_VALID_LAYERS, activation=ACTIVATIONS)
def test_linear_activation_backward_equals_the_vjp_of_the_layer(impl, case, activation):
    dA, cache = case
    assume(dA.any())
    (A_prev, W, b), _ = cache
    got = impl["linear_activation_backward"](dA, cache, activation)
    expected = padded_jax_oracle.layer_backward(dA, A_prev, W, b, activation)
    for name, g, e in zip(("dA_prev", "dW", "db"), got, expected):
        assert_close(g, e, "jax", f"{name} ({activation})")


@given(case=FD_VALID_LAYERS, activation=ACTIVATIONS)
def test_linear_activation_backward_agrees_with_finite_differences(impl, case, activation):
    dA, cache = case
    assume(dA.any())
    (A_prev, W, b), _ = cache
    m = A_prev.shape[1]
    g = ACTIVATION[activation]
    dA_prev, dW, db = numeric_vjp(lambda A, W, b: g(W @ A + b), (A_prev, W, b), dA)
    got = impl["linear_activation_backward"](dA, cache, activation)
    for name, a, e in zip(("dA_prev", "dW", "db"), got, (dA_prev, dW / m, db / m)):
        assert_close(a, e, "fd", f"{name} ({activation})")


@given(case=FD_VALID_LAYERS, activation=ACTIVATIONS)
def test_linear_activation_backward_returns_gradients_shaped_like_its_inputs(impl, case, activation):
    dA, cache = case
    (A_prev, W, b), _ = cache
    dA_prev, dW, db = impl["linear_activation_backward"](dA, cache, activation)
    assert (np.shape(dA_prev), np.shape(dW), np.shape(db)) == (A_prev.shape, W.shape, b.shape)


@given(case=FD_VALID_LAYERS, activation=ACTIVATIONS)
def test_linear_activation_backward_leaves_its_inputs_unmodified(impl, case, activation):
    dA, cache = case
    untouched = Untouched(dA=dA, cache=cache)
    impl["linear_activation_backward"](dA, cache, activation)
    untouched.check()

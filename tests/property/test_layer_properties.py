"""Properties of the per-layer backward functions, on drawn shapes and values."""

import numpy as np
from hypothesis import given

from reference.oracles import numpy_network as fwd
from reference.oracles.numeric import numeric_vjp
from tests.property import oracle
from tests.property.expect import Untouched, assert_close
from tests.property.strategies import ACTIVATIONS, FD_VALID_LAYERS, KINK_ACTIVATIONS

ACTIVATION = {"relu": fwd.relu, "sigmoid": fwd.sigmoid}


def _linear(A, W, b):
    return W @ A + b


# ------------------------------------------------------------ linear_backward

@given(case=FD_VALID_LAYERS)
def test_linear_backward_equals_the_vjp_of_linear_forward(impl, case):
    dZ, ((A_prev, W, b), _) = case
    got = impl["linear_backward"](dZ, (A_prev, W, b))
    for name, g, e in zip(("dA_prev", "dW", "db"), got, oracle.layer_backward(dZ, A_prev, W, b)):
        assert_close(g, e, "jax", name)


@given(case=FD_VALID_LAYERS)
def test_linear_backward_agrees_with_finite_differences(impl, case):
    dZ, ((A_prev, W, b), _) = case
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


# ------------------------------------------------------------ relu_backward and sigmoid_backward

def _activation_properties(name):
    act = name.split("_")[0]

    @given(case=FD_VALID_LAYERS)
    def equals_jax(impl, case):
        dA, (_, Z) = case
        assert_close(impl[name](dA, Z), oracle.activation_backward(dA, Z, act), "jax", "dZ")

    @given(case=FD_VALID_LAYERS)
    def agrees_with_fd(impl, case):
        dA, (_, Z) = case
        assert_close(impl[name](dA, Z), numeric_vjp(ACTIVATION[act], (Z,), dA)[0], "fd", "dZ")

    @given(case=FD_VALID_LAYERS)
    def shaped_like_its_input(impl, case):
        dA, (_, Z) = case
        assert np.shape(impl[name](dA, Z)) == Z.shape

    @given(case=FD_VALID_LAYERS)
    def leaves_inputs_unmodified(impl, case):
        dA, (_, Z) = case
        untouched = Untouched(dA=dA, Z=Z)
        impl[name](dA, Z)
        untouched.check()

    return equals_jax, agrees_with_fd, shaped_like_its_input, leaves_inputs_unmodified


(test_relu_backward_equals_the_vjp_of_jax_relu,
 test_relu_backward_agrees_with_finite_differences,
 test_relu_backward_returns_dZ_shaped_like_Z,
 test_relu_backward_leaves_dA_and_Z_unmodified) = _activation_properties("relu_backward")

(test_sigmoid_backward_equals_the_vjp_of_jax_sigmoid,
 test_sigmoid_backward_agrees_with_finite_differences,
 test_sigmoid_backward_returns_dZ_shaped_like_Z,
 test_sigmoid_backward_leaves_dA_and_Z_unmodified) = _activation_properties("sigmoid_backward")


@given(case=KINK_ACTIVATIONS)
def test_relu_backward_is_zero_where_Z_is_exactly_zero(impl, case):
    dA, Z = case
    dZ = impl["relu_backward"](dA, Z)
    assert (np.asarray(dZ)[Z == 0] == 0).all()
    np.testing.assert_array_equal(dZ, oracle.activation_backward(dA, Z, "relu"))


# ------------------------------------------------------------ linear_activation_backward

@given(case=FD_VALID_LAYERS, activation=ACTIVATIONS)
def test_linear_activation_backward_equals_the_vjp_of_the_layer(impl, case, activation):
    dA, cache = case
    (A_prev, W, b), _ = cache
    got = impl["linear_activation_backward"](dA, cache, activation)
    expected = oracle.layer_backward(dA, A_prev, W, b, activation)
    for name, g, e in zip(("dA_prev", "dW", "db"), got, expected):
        assert_close(g, e, "jax", f"{name} ({activation})")


@given(case=FD_VALID_LAYERS, activation=ACTIVATIONS)
def test_linear_activation_backward_agrees_with_finite_differences(impl, case, activation):
    dA, cache = case
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

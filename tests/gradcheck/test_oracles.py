"""The oracles against each other, against manual_dnn, and on functions with known derivatives."""

import numpy as np
import pytest

import manual_dnn as md
from reference.assignments.dnn.points import POINTS, layer_values
from reference.checks.model_checks import seed_caches
from reference.checks.points import network_point
from reference.oracles import jax_network as jnet
from reference.oracles import numpy_network as fwd
from reference.oracles.numeric import (
    central_difference,
    complex_step,
    convergence_order,
    directional_complex_step,
    directional_fd,
    taylor_remainders,
)
from reference.tolerances import relative_error as rel


def test_numerical_derivatives_of_a_known_function():
    x = np.linspace(-1, 2, 7).reshape(7, 1)

    def f(z):
        return np.sum(np.sin(z) * z)

    exact = np.cos(x) * x + np.sin(x)
    assert rel(central_difference(f, x), exact) < 1e-9
    assert rel(complex_step(f, x), exact) < 1e-15
    v = np.random.RandomState(0).randn(7, 1)
    assert directional_fd(f, x, v) == pytest.approx(float(np.sum(exact * v)), rel=1e-9)
    assert directional_complex_step(f, x, v) == pytest.approx(float(np.sum(exact * v)), rel=1e-14)


def test_taylor_order_is_two_for_the_gradient_and_one_for_a_wrong_one():
    x = np.array([0.3, -0.7, 1.1])
    v = np.array([0.5, 0.2, -0.4])

    def f(z):
        return float(np.sum(np.exp(z) * z))

    g = np.exp(x) * (x + 1)
    hs = np.logspace(-1, -4, 7)
    floor = 1e-13
    right = convergence_order(hs, taylor_remainders(f, x, g @ v, v, hs), floor)
    wrong = convergence_order(hs, taylor_remainders(f, x, 1.01 * g @ v, v, hs), floor)
    assert right == pytest.approx(2, abs=0.05)
    assert wrong == pytest.approx(1, abs=0.1)


def test_the_numpy_oracle_forward_agrees_with_jax_and_with_manual_dnn():
    point = network_point([6, 5, 3, 1], 8, seed=1)
    AL_np, Zs_np = fwd.forward(point.X, point.weights)
    AL_jax, Zs_jax = jnet.forward_value(point.X, point.weights)
    AL_md, caches = md.L_model_forward(point.X, point.parameters)
    assert rel(AL_np, np.asarray(AL_jax)) < 1e-15 and rel(AL_np, AL_md) < 1e-15
    for Z, Zj, cache in zip(Zs_np, Zs_jax, caches):
        assert rel(Z, np.asarray(Zj)) < 1e-15 and rel(Z, cache[1]) < 1e-15
    assert float(fwd.cost(AL_np, point.Y)) == pytest.approx(md.compute_cost(AL_md, point.Y), rel=1e-14)


@pytest.mark.parametrize("activation", ["relu", "sigmoid"])
def test_the_jax_vjp_oracle_matches_the_complex_step_of_the_numpy_forward(activation):
    p = layer_values(POINTS.fixed, np.random.RandomState(3))
    m = p["A_prev"].shape[1]
    dA_prev, dW, db = jnet.linear_activation_backward(p["dA"], p["A_prev"], p["W"], p["b"], activation)
    g = fwd.relu if activation == "relu" else fwd.sigmoid

    def s(W):
        return np.sum(p["dA"] * g(W @ p["A_prev"] + p["b"]))

    assert rel(dW, complex_step(s, p["W"]) / m) < 1e-14


def test_jax_relu_has_the_seeds_derivative_zero_at_the_kink():
    Z = np.array([[-1.0, 0.0, 1.0]])
    dZ = jnet.activation_backward(np.ones((1, 3)), Z, "relu")
    np.testing.assert_array_equal(dZ, [[0.0, 0.0, 1.0]])
    np.testing.assert_array_equal(md.relu_backward(np.ones((1, 3)), Z), dZ)


@pytest.mark.parametrize("dims, m", [([4, 1], 3), ([5, 4, 1], 1), ([6, 5, 4, 3, 1], 7)])
def test_jax_grad_gives_every_key_of_the_seeds_backward_pass(dims, m):
    point = network_point(dims, m, seed=2)
    AL, caches = seed_caches(point.X, point.weights)
    expected = jnet.model_backward(point.X, point.weights, point.Y)
    grads = md.L_model_backward(AL, point.Y, caches)
    assert set(expected) == set(grads)
    for key in grads:
        assert rel(grads[key], expected[key]) < 1e-13, key


def test_dA_keys_are_gradients_of_the_summed_loss_and_dW_of_the_mean():
    point = network_point([3, 2, 1], 4, seed=5)
    grads = jnet.model_backward(point.X, point.weights, point.Y)

    def mean_cost_of_X(X):
        return fwd.network_cost(X, point.weights, point.Y)

    assert rel(grads["dA0"], 4 * complex_step(mean_cost_of_X, point.X)) < 1e-14

    def mean_cost_of_W1(W1):
        return fwd.network_cost(point.X, [(W1, point.weights[0][1])] + point.weights[1:], point.Y)

    assert rel(grads["dW1"], complex_step(mean_cost_of_W1, point.weights[0][0])) < 1e-14

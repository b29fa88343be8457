"""The fast full finite differences equal the naive two-forward-passes ones."""

import numpy as np
import pytest

from reference.checks.points import network_point
from reference.oracles import jax_network as jnet
from reference.oracles.full_fd import full_central_differences, naive_central_differences
from reference.tolerances import FD_STEP, relative_error


@pytest.mark.parametrize("dims, m, seed", [([3, 1], 1, 0), ([4, 3, 1], 5, 1), ([5, 4, 3, 1], 6, 2),
                                           ([6, 2, 5, 2, 1], 9, 3), ([2, 1, 1, 1], 2, 4)])
def test_fast_full_fd_equals_the_naive_computation(dims, m, seed):
    point = network_point(dims, m, seed)
    fast, invalid = full_central_differences(point.X, point.weights, point.Y)
    naive = naive_central_differences(point.X, point.weights, point.Y)
    # Both compute (J+ - J-) / 2eps from the same J at the same points; only the
    # order of float operations differs, so they agree to the rounding of J over eps.
    bound = 50 * np.finfo(float).eps * max(1.0, point.Y.size) / FD_STEP
    assert set(fast) == set(naive)
    for name in fast:
        assert not invalid[name].any()
        assert fast[name].shape == naive[name].shape
        assert np.abs(fast[name] - naive[name]).max() <= bound, name


def test_fast_full_fd_matches_jax_at_a_live_point():
    point = network_point([8, 6, 4, 1], 12, seed=7)
    fast, _ = full_central_differences(point.X, point.weights, point.Y)
    grads = jnet.model_backward(point.X, point.weights, point.Y)
    for name, estimate in fast.items():
        g = grads["d" + name]
        assert relative_error(estimate, g) < 1e-8


def test_a_step_that_crosses_a_relu_kink_is_flagged_not_judged():
    point = network_point([3, 2, 1], 4, seed=0)
    W1, b1 = point.weights[0]
    Z1 = W1 @ point.X + b1
    b1[0, 0] -= Z1[0, 0] - FD_STEP / 4  # Z1[0, 0] is now FD_STEP/4 above 0: b1[0] straddles the kink
    _, invalid = full_central_differences(point.X, point.weights, point.Y)
    assert invalid["b1"][0, 0] and not invalid["b1"][1, 0]
    assert not invalid["W2"].any() and not invalid["b2"].any()

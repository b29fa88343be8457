"""The fast full finite differences: against JAX, where a step crosses a kink,
and the cat network's parameter count its docs quote.

That they equal the naive two-forward-passes ones on drawn networks is a
property: tests/property/test_full_fd_properties.py.
"""

import re
from pathlib import Path

import numpy as np

from manual_dnn.training import CAT_NETWORK
from reference.checks.points import network_point
from reference.oracles import full_fd
from reference.oracles import jax_network as jnet
from reference.oracles.full_fd import full_central_differences, naive_central_differences
from reference.tolerances import FD_STEP, relative_error

README = Path(__file__).resolve().parents[2] / "README.md"


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


def test_a_step_that_crosses_a_kink_deeper_in_the_network_is_flagged_and_the_rest_are_the_naive_ones():
    """W1[0, 0] moves Z2[0, 0] by W2[0, 0] * eps * X[0, 0]; with Z2[0, 0] a quarter of that from 0 the step
    crosses layer 2's kink, though layer 1's input stays far from its own."""
    point = network_point([3, 2, 2, 1], 4, seed=1)
    (W1, b1), (W2, b2), _ = point.weights
    b1 += 5.0  # every first-layer unit active, far from its kink
    Z2 = W2 @ np.maximum(W1 @ point.X + b1, 0) + b2
    b2[0, 0] -= Z2[0, 0] - abs(W2[0, 0] * FD_STEP * point.X[0, 0]) / 4
    estimates, invalid = full_central_differences(point.X, point.weights, point.Y)
    assert invalid["W1"][0, 0] and not invalid["W3"].any() and not invalid["b3"].any()
    naive = naive_central_differences(point.X, point.weights, point.Y)
    bound = 50 * np.finfo(float).eps * point.Y.size / FD_STEP
    for name, estimate in estimates.items():
        valid = ~invalid[name]
        assert np.abs(estimate[valid] - naive[name][valid]).max(initial=0) <= bound, name


def test_the_cat_networks_parameter_count_is_quoted_right():
    count = sum(n * n_prev + n for n_prev, n in zip(CAT_NETWORK, CAT_NETWORK[1:]))
    texts = {"README.md": README.read_text(encoding="utf-8"), "full_fd.py": full_fd.__doc__}
    quoted = [(where, number) for where, text in texts.items()
              for number in re.findall(r"(\d{1,3}(?:,\d{3})+) (?:parameters|of the cat network)", text)]
    assert {where for where, _ in quoted} == set(texts)
    assert all(number == f"{count:,}" for _, number in quoted), (count, quoted)

"""The fast full finite differences: against JAX, where a step crosses a kink,
and the cat network's parameter count its docs quote.

That they equal the naive two-forward-passes ones on drawn networks is a
property: tests/property/test_full_fd_properties.py.
"""

import re
from pathlib import Path

from manual_dnn.training import CAT_NETWORK
from reference.checks.points import network_point
from reference.oracles import full_fd
from reference.oracles import jax_network as jnet
from reference.oracles.full_fd import full_central_differences
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


def test_the_cat_networks_parameter_count_is_quoted_right():
    count = sum(n * n_prev + n for n_prev, n in zip(CAT_NETWORK, CAT_NETWORK[1:]))
    texts = {"README.md": README.read_text(encoding="utf-8"), "full_fd.py": full_fd.__doc__}
    quoted = [(where, number) for where, text in texts.items()
              for number in re.findall(r"(\d{1,3}(?:,\d{3})+) (?:parameters|of the cat network)", text)]
    assert {where for where, _ in quoted} == set(texts)
    assert all(number == f"{count:,}" for _, number in quoted), (count, quoted)

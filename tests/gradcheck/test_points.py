"""Check points are alive: no dead units, no ReLU input near 0, no saturated output, no zero bias."""

import numpy as np
import pytest

from reference.checks.points import degeneracies, network_point
from reference.oracles.numpy_network import forward
from reference.tolerances import KINK_MARGIN


@pytest.mark.parametrize("dims, m", [
    ([12288, 20, 7, 5, 1], 209), ([6, 8, 8, 8, 8, 1], 16), ([3, 1, 1, 1], 2), ([1, 1], 1),
])
def test_network_points_are_alive(dims, m):
    point = network_point(dims, m, seed=0)
    AL, Zs = forward(point.X, point.weights)
    assert not degeneracies(point.X, point.weights)
    for Z in Zs[:-1]:
        assert np.abs(Z).min() >= KINK_MARGIN * (1 - 1e-6)
        assert (Z > 0).any(axis=1).all()
    for _, b in point.weights:
        assert (b != 0).all()
    assert ((AL > 1e-6) & (AL < 1 - 1e-6)).all()


def test_degenerate_points_are_named():
    X = np.ones((2, 3))
    dead = [(np.array([[-1.0, -1.0]]), np.array([[0.0]])), (np.array([[1.0]]), np.array([[0.0]]))]
    assert degeneracies(X, dead) == ["1 dead ReLU unit(s) in layer 1"]
    kink = [(np.array([[1.0, -1.0], [1.0, 1.0]]), np.array([[0.0], [0.1]])),
            (np.array([[1.0, 1.0]]), np.array([[0.0]]))]
    assert "a ReLU input exactly 0 in layer 1" in degeneracies(X, kink)
    saturated = [(np.array([[100.0, 100.0]]), np.array([[0.0]]))]
    assert degeneracies(X, saturated) == ["AL saturated (within rounding of 0 or 1)"]

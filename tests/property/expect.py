"""Assertions shared by the properties: closeness with a stated scale, untouched inputs."""

import copy

import numpy as np

from reference.tolerances import TOLERANCES

# Hypothesis finds points where a gradient is tiny or sums cancel; there a
# relative error measures only rounding. These absolute floors are the
# rounding scale of each oracle for values on the strategies' grid (|x| <= 8,
# at most 8 units and 16 examples): far below any bug's error.
FLOORS = {"jax": 1e-12, "fd": 1e-8}


def assert_close(actual, expected, oracle, what):
    """||a - e|| <= tol (||a|| + ||e||) + floor * sqrt(n), with the course's relative error."""
    actual, expected = np.asarray(actual, dtype=np.float64), np.asarray(expected, dtype=np.float64)
    assert actual.shape == expected.shape, f"{what}: shape {actual.shape}, expected {expected.shape}"
    assert np.isfinite(actual).all(), f"{what}: not finite"
    tol = TOLERANCES["central-fd" if oracle == "fd" else "jax-vjp"]
    error = np.linalg.norm(actual - expected)
    allowed = tol * (np.linalg.norm(actual) + np.linalg.norm(expected)) + FLOORS[oracle] * np.sqrt(actual.size)
    assert error <= allowed, f"{what}: error {error:.3e} > {allowed:.3e} against {oracle}\n{actual}\n{expected}"


class Untouched:
    """Snapshot arguments; ``check()`` fails if any was written into."""

    def __init__(self, **arguments):
        self.given = arguments
        self.saved = copy.deepcopy(arguments)

    def check(self):
        for name, value in self.given.items():
            assert _equal(value, self.saved[name]), f"the call wrote into its argument {name}"


def _equal(a, b):
    if isinstance(a, (tuple, list)):
        return len(a) == len(b) and all(map(_equal, a, b))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_equal(a[k], b[k]) for k in a)
    return np.array_equal(a, b)

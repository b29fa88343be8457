"""Check points of course 1 week 2: one sigmoid unit alive (no output within 1e-3 of 1/2, where a
threshold > or >= would be judged at a tie, and none saturated), m > 1 and w, b nonzero."""

import numpy as np

from reference.engine.points import Points
from reference.tolerances import SATURATION

__all__ = ["POINTS", "TIE_MARGIN"]

TIE_MARGIN = 1e-3


def _data(rng, n_x, m):
    X = rng.randn(n_x, m)
    Y = rng.randint(0, 2, (1, m)).astype(np.float64)
    Y[0, :2] = (0.0, 1.0)
    return X, Y


def build(sizes, rng):
    n_x, m = sizes["n_x"], sizes["m"]
    w = rng.randn(n_x, 1) * 0.7
    b = np.float64(rng.uniform(0.1, 0.5) * rng.choice([-1.0, 1.0]))
    X, Y = _data(rng, n_x, m)
    X_test, Y_test = _data(rng, n_x, m + 1)
    z = rng.randn(2, 3)
    z[0, 0] = 0.0  # sigmoid(0) = 1/2 exactly
    return {"w": w, "b": b, "X": X, "Y": Y, "z": z, "dim": n_x, "m": m, "X_train": X, "Y_train": Y,
            "X_test": X_test, "Y_test": Y_test, "print_cost": False}


def problems(values):
    found = []
    for name in ("X", "X_test"):
        A = 1 / (1 + np.exp(-(values["w"].T @ values[name] + values["b"])))
        if (np.abs(A - 0.5) < TIE_MARGIN).any():
            found.append(f"an output of {name} within {TIE_MARGIN} of 1/2 (a tie for the threshold)")
        if (np.minimum(A, 1 - A) < SATURATION).any():
            found.append(f"an output of {name} saturated")
    return found


POINTS = Points(sizes={"n_x": (1, 6), "m": (2, 8)}, fixed={"n_x": 3, "m": 5}, build=build, problems=problems)

"""Check points of course 1 week 3: the tanh network alive (weights randn / sqrt(n), not the course's
* 0.01, under which tanh is nearly linear and 1 - A1**2 nearly 1: its bugs would hide), nonzero
biases, m > 1, no output within 1e-3 of 1/2 (a threshold's tie) and none saturated; the cache is the
one the network's forward makes (public_tests' random cache fails a right 1 - tanh(Z1)**2)."""

import numpy as np

from manual_dnn import planar
from reference.engine.points import Points
from reference.tolerances import SATURATION

__all__ = ["POINTS"]

TIE_MARGIN = 1e-3


def build(sizes, rng):
    n_x, n_h, m = sizes["n_x"], sizes["n_h"], sizes["m"]
    X = rng.randn(n_x, m)
    Y = rng.randint(0, 2, (1, m)).astype(np.float64)
    Y[0, :2] = (0.0, 1.0)
    parameters = {"W1": rng.randn(n_h, n_x) / np.sqrt(n_x), "b1": rng.uniform(-0.5, 0.5, (n_h, 1)),
                  "W2": rng.randn(1, n_h) / np.sqrt(n_h), "b2": rng.uniform(-0.5, 0.5, (1, 1))}
    A2, cache = planar.forward_propagation(X, parameters)
    grads = {"d" + k: rng.randn(*v.shape) for k, v in parameters.items()}
    return {"X": X, "Y": Y, "parameters": parameters, **parameters, "A2": A2, "cache": cache, "grads": grads,
            "learning_rate": 0.7, "n_x": n_x, "n_h": n_h, "n_y": 1, "m": m, "print_cost": False}


def problems(values):
    A2 = values["A2"]
    found = []
    if (np.abs(A2 - 0.5) < TIE_MARGIN).any():
        found.append(f"an output within {TIE_MARGIN} of 1/2 (a tie for the threshold)")
    if (np.minimum(A2, 1 - A2) < SATURATION).any():
        found.append("an output saturated")
    return found


POINTS = Points(sizes={"n_x": (1, 5), "n_h": (1, 6), "m": (2, 8)}, fixed={"n_x": 3, "n_h": 5, "m": 6},
                build=build, problems=problems)

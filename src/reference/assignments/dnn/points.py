"""The cat network's check points: one small layer for the per-layer functions, and the network
(by default the cat network at its real size) for L_model_*, update_parameters, the training
loops and predict.

The layer's shapes all differ (n_prev 4, n 3, m 5), so a transpose or a wrong axis cannot line
up by chance, and m > 1, so a missing 1/m shows. Every Z is at least KINK_MARGIN from 0 and the
layer has both signs (a ReLU with no active unit hides its bugs); the activations' forwards are
also judged at Z == 0 (relu(0) = 0, sigmoid(0) = 1/2).
"""

import numpy as np

from reference.engine.points import Points
from reference.tolerances import KINK_MARGIN

__all__ = ["POINTS", "layer_values"]


def layer_values(sizes, rng):
    """{A_prev, A, W, b, Z, Z_kink, dA, dZ, AL, Y, m} of one layer, and the network's settings."""
    n_prev, n, m = sizes["n_prev"], sizes["n"], sizes["m"]
    while True:
        A_prev = rng.uniform(-1, 1, (n_prev, m))
        W = rng.randn(n, n_prev) / np.sqrt(n_prev)
        b = rng.uniform(0.1, 0.5, (n, 1)) * rng.choice([-1, 1], (n, 1))
        Z = W @ A_prev + b
        if np.abs(Z).min() > KINK_MARGIN and (n * m == 1 or 0 < (Z > 0).mean() < 1):
            break
    dA = rng.randn(n, m)
    Z_kink = Z.copy()
    Z_kink.flat[:min(2, Z.size)] = 0.0  # the forwards are judged at the kink too
    AL = rng.uniform(0.05, 0.95, (1, sizes["cost_m"]))
    Y = rng.randint(0, 2, (1, sizes["cost_m"])).astype(np.float64)
    Y[0, :2] = (0.0, 1.0)[:Y.shape[1]]  # both labels, so both log terms count
    return {"A_prev": A_prev, "A": A_prev, "W": W, "b": b, "Z": Z, "Z_kink": Z_kink, "dA": dA, "dZ": dA,
            "AL": AL, "Y": Y, "m": m, **{k: sizes[k] for k in ("layer_dims", "examples") if k in sizes}}


POINTS = Points(
    sizes={"n_prev": (1, 6), "n": (1, 6), "m": (2, 8), "cost_m": (2, 8)},
    fixed={"n_prev": 4, "n": 3, "m": 5, "cost_m": 6},
    build=layer_values,
)

"""Check points of "Regularization": the three-layer network alive, its dropout masks the course's.

Every ReLU input is at least KINK_MARGIN from 0 and every hidden unit is active on some example
(a dead unit's gradient is 0 whatever the code); biases are nonzero (a penalised or forgotten b
shows); m > 1 (a missing 1/m shows); keep_prob 0.7 (not 0.5, where ``D > keep_prob`` keeps the
right fraction by accident) and lambd 0.7. Both caches are the course's layout, made by manual_dnn:
each backward is judged on a right cache, so a wrong forward is never blamed on it.
"""

import numpy as np

from manual_dnn import regularization, three_layer
from reference.engine.points import Points
from reference.tolerances import KINK_MARGIN, SATURATION

__all__ = ["POINTS", "network", "KEEP_PROB", "LAMBD"]

KEEP_PROB = 0.7
LAMBD = 0.7
PARAMETERS = ("W1", "b1", "W2", "b2", "W3", "b3")


def network(sizes, rng):
    """(X, Y, parameters) drawn at ``sizes`` (n_x, n_1, n_2, m)."""
    n_x, n_1, n_2, m = (sizes[k] for k in ("n_x", "n_1", "n_2", "m"))
    X = rng.randn(n_x, m)
    Y = rng.randint(0, 2, (1, m)).astype(np.float64)
    Y[0, :2] = (0.0, 1.0)
    parameters = {}
    for l, (n, n_prev) in enumerate(((n_1, n_x), (n_2, n_1), (1, n_2)), start=1):
        parameters[f"W{l}"] = rng.randn(n, n_prev) / np.sqrt(n_prev)
        parameters[f"b{l}"] = rng.uniform(0.1, 0.5, (n, 1)) * rng.choice([-1.0, 1.0], (n, 1))
    return X, Y, parameters


def build(sizes, rng):
    X, Y, parameters = network(sizes, rng)
    A3, cache = three_layer.forward_propagation(X, parameters)
    _, dropout_cache = regularization.forward_propagation_with_dropout(X, parameters, KEEP_PROB)
    return {"X": X, "Y": Y, "parameters": parameters, **parameters, "A3": A3, "a3": A3, "cache": cache,
            "dropout_cache": dropout_cache, "lambd": LAMBD, "keep_prob": KEEP_PROB, "m": X.shape[1]}


def problems(values):
    found = []
    for name, position in (("Z1", 0), ("Z2", 4)):
        Z = values["cache"][position]
        if np.abs(Z).min() < KINK_MARGIN:
            found.append(f"a ReLU input within {KINK_MARGIN} of 0 in {name}")
        if (Z <= 0).all(axis=1).any():
            found.append(f"a dead unit in {name}")
    dropped = values["dropout_cache"]
    for name, position in (("Z1", 0), ("Z2", 5)):
        if np.abs(dropped[position]).min() < KINK_MARGIN:
            found.append(f"a ReLU input within {KINK_MARGIN} of 0 in the dropout network's {name}")
    A3 = values["A3"]
    if (np.minimum(A3, 1 - A3) < SATURATION).any() or (np.minimum(dropped[11], 1 - dropped[11]) < SATURATION).any():
        found.append("A3 saturated")
    return found


POINTS = Points(
    sizes={"n_x": (1, 5), "n_1": (1, 5), "n_2": (1, 4), "m": (2, 8)},
    fixed={"n_x": 3, "n_1": 4, "n_2": 3, "m": 5},
    build=build,
    problems=problems,
)

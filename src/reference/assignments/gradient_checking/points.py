"""Check points of "Gradient Checking": a 1-D point (x != theta, so a checker that perturbs x instead
of theta shows) and the course's 4-5-3-1 network (gc_utils' vector_to_dictionary knows no other
shapes) on m = 3 examples: m is neither 2 nor 4, so a learner's missing 1/m cannot pass for one of
the course's planted bugs (dW2 doubled, db1 quadrupled)."""

import numpy as np

from manual_dnn import gradient_checking, three_layer
from reference.assignments.gradient_checking.planted_bugs import backward_propagation_n_as_handed_out
from reference.engine.points import Points
from reference.tolerances import KINK_MARGIN, SATURATION

__all__ = ["POINTS"]

SHAPES = gradient_checking.COURSE_SHAPES


def build(sizes, rng):
    x, theta = rng.uniform(1.0, 3.0), -rng.uniform(1.0, 3.0)  # of other signs: never equal
    m = sizes["m"]
    X = rng.randn(SHAPES["W1"][1], m)
    Y = rng.randint(0, 2, (1, m)).astype(np.float64)
    Y[0, :2] = (0.0, 1.0)
    parameters = {k: rng.randn(*shape) / np.sqrt(shape[1]) if k.startswith("W") else
                  rng.uniform(0.1, 0.5, shape) * rng.choice([-1.0, 1.0], shape) for k, shape in SHAPES.items()}
    cost, cache = gradient_checking.forward_propagation_n(X, Y, parameters)
    right = three_layer.backward_propagation(X, Y, cache)
    halved = {**right, "dW2": right["dW2"] / 2}
    return {"x": np.float64(x), "theta": np.float64(theta), "epsilon": 1e-7, "X": X, "Y": Y,
            "parameters": parameters, **parameters, "cache": cache, "m": m, "gradients": right,
            "planted": backward_propagation_n_as_handed_out(X, Y, cache), "halved": halved}


def problems(values):
    found = []
    for name, position in (("Z1", 0), ("Z2", 4)):
        Z = values["cache"][position]
        if np.abs(Z).min() < KINK_MARGIN:
            found.append(f"a ReLU input within {KINK_MARGIN} of 0 in {name}")
        if (Z <= 0).all(axis=1).any():
            found.append(f"a dead unit in {name}")
    A3 = values["cache"][9]
    if (np.minimum(A3, 1 - A3) < SATURATION).any():
        found.append("A3 saturated")
    return found


POINTS = Points(sizes={"m": (3, 3)}, fixed={"m": 3}, build=build, problems=problems)

"""``manual-dnn explain --assignment planar``: course 1 week 3's network with one tanh hidden layer, forward
and ``backward_propagation``, with numbers.

LINEAR -> TANH -> LINEAR -> SIGMOID on a few examples; tanh's derivative is read from the cache's A1, as
the course does. The numbers are manual_dnn.planar's; each gradient is beside JAX's gradient of the same
cost (reference.assignments.planar.math).
"""

import numpy as np

from manual_dnn import planar
from reference.assignments.planar import math
from reference.assignments.planar.points import POINTS
from reference.engine.points import draw_point
from reference.explain import Beside, derivation, jax_gradient, jax_value, verdict, writer
from reference.tolerances import relative_error

__all__ = ["explain"]

SIZES = {"n_x": 2, "n_h": 4, "m": 3}
PARAMETERS = ("W1", "b1", "W2", "b2")


def explain(seed=0, fmt="text"):
    """The walk-through as one string (``fmt`` "text", "markdown" or "html", a whole page)."""
    point = draw_point(POINTS, seed, SIZES).values
    X, Y, parameters = point["X"], point["Y"], point["parameters"]
    W1, b1, W2, b2 = (parameters[k] for k in PARAMETERS)
    w = writer(fmt)
    w.heading(f"The planar network: one tanh hidden layer of {W1.shape[0]} units, m = {X.shape[1]} (seed {seed})", 1)
    w.say("Examples are columns: X is (n_x, m), W1 (n_h, n_x), b1 (n_h, 1), W2 (1, n_h), b2 (1, 1); "
          "Z1 and A1 are (n_h, m), Z2, A2 and Y (1, m).")
    derivation(w, "The planar network (course 1, week 3): `backward_propagation` through tanh")
    w.matrix("X", X)
    w.matrix("Y", Y)

    w.heading("forward_propagation")
    for name in PARAMETERS:
        w.matrix(name, parameters[name])
    A2, cache = planar.forward_propagation(X, parameters)
    Z1, A1, Z2 = cache["Z1"], cache["A1"], cache["Z2"]
    w.equation("Z1 = W1 X + b1", f"{W1.shape} x {X.shape} + {b1.shape} -> {Z1.shape}")
    w.matrix("Z1", Z1)
    w.equation("A1 = tanh(Z1)", "elementwise, each value in (-1, 1)")
    w.matrix("A1", A1)
    w.equation("Z2 = W2 A1 + b2", f"{W2.shape} x {A1.shape} + {b2.shape} -> {Z2.shape}")
    w.matrix("Z2", Z2)
    w.equation("A2 = sigmoid(Z2)", "elementwise")
    w.matrix("A2", A2)
    cost = planar.compute_cost(A2, Y)
    w.equation("cost = -(1/m) sum( Y log(A2) + (1 - Y) log(1 - A2) )", "compute_cost(A2, Y), a number")
    w.say(f"    cost = {cost:.10f}   (JAX: {jax_value(math.network_cost, [W1, b1, W2, b2, X, Y]):.10f})")

    w.heading("backward_propagation")
    w.say("dZ1 and dZ2 are per example (no 1/m); dW and db are the means over the examples.")
    grads = planar.backward_propagation(parameters, cache, X, Y)
    expected = dict(zip(PARAMETERS, jax_gradient(math.network_cost, [W1, b1, W2, b2, X, Y], (0, 1, 2, 3))))
    beside = Beside(w)
    dZ2 = A2 - Y
    w.equation("dZ2 = A2 - Y", f"{dZ2.shape}: the sigmoid and the cross-entropy together, as in logistic regression")
    w.matrix("dZ2", dZ2)
    w.equation("dW2 = (1/m) dZ2 A1^T", f"{dZ2.shape} x {A1.T.shape} -> {W2.shape}")
    beside.gradient("dW2", grads["dW2"], expected["W2"])
    w.equation("db2 = (1/m) sum of dZ2 over the examples", f"{dZ2.shape} -> {b2.shape}")
    beside.gradient("db2", grads["db2"], expected["b2"])
    upstream = np.dot(W2.T, dZ2)
    w.equation("W2^T dZ2", f"{W2.T.shape} x {dZ2.shape} -> {A1.shape}: what reaches A1")
    w.matrix("W2^T dZ2", upstream)
    w.equation("1 - A1^2", "tanh'(Z1) = 1 - tanh(Z1)^2, read from the cache's A1: no Z1 needed")
    w.matrix("1 - A1^2", 1 - A1 ** 2)
    dZ1 = upstream * (1 - A1 ** 2)
    w.equation("dZ1 = W2^T dZ2 * (1 - A1^2)", f"{dZ1.shape}, elementwise")
    w.matrix("dZ1", dZ1)
    w.equation("dW1 = (1/m) dZ1 X^T", f"{dZ1.shape} x {X.T.shape} -> {W1.shape}")
    beside.gradient("dW1", grads["dW1"], expected["W1"])
    w.equation("db1 = (1/m) sum of dZ1 over the examples (axis=1, keepdims=True)", f"{dZ1.shape} -> {b1.shape}")
    beside.gradient("db1", grads["db1"], expected["b1"])
    sigmoid_slope = np.dot(upstream * A1 * (1 - A1), X.T) / X.shape[1]
    w.say(f"Take the sigmoid's slope A1 (1 - A1) for tanh's and dW1 is wrong by a relative error of "
          f"{relative_error(sigmoid_slope, expected['W1']):.2f}; 1 - np.tanh(Z1)**2 is the same number as "
          "1 - A1**2 at any cache the forward made.")
    verdict(w, beside.worst)
    return w.text()

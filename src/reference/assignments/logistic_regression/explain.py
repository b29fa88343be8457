"""``manual-dnn explain --assignment logistic_regression``: course 1 week 2's ``propagate`` with numbers.

One sigmoid unit on a few examples: A = sigmoid(wᵀX + b), the cost, then dw and db, each beside JAX's
gradient of the same cost (reference.assignments.logistic_regression.math). The numbers are
manual_dnn.logistic_regression's.
"""

import numpy as np

from manual_dnn import logistic_regression as lr
from reference.assignments.logistic_regression import math
from reference.assignments.logistic_regression.points import POINTS
from reference.engine.points import draw_point
from reference.explain import Beside, derivation, jax_gradient, jax_value, verdict, writer
from reference.tolerances import relative_error

__all__ = ["explain"]

SIZES = {"n_x": 3, "m": 4}


def explain(seed=0, fmt="text"):
    """The walk-through as one string (``fmt`` "text", "markdown" or "html", a whole page)."""
    point = draw_point(POINTS, seed, SIZES).values
    w_, b, X, Y = point["w"], point["b"], point["X"], point["Y"]
    m = X.shape[1]
    w = writer(fmt)
    w.heading(f"Logistic regression: propagate, one sigmoid unit, n_x = {X.shape[0]}, m = {m} (seed {seed})", 1)
    w.say("Examples are columns: X is (n_x, m), w is (n_x, 1), b is a number, A and Y are (1, m).")
    derivation(w, "Logistic regression (course 1, week 2): `propagate`")
    w.matrix("X", X)
    w.matrix("Y", Y)
    w.matrix("w", w_)
    w.matrix("b", b)

    w.heading("Forward")
    Z = np.dot(w_.T, X) + b
    w.equation("Z = w^T X + b", f"{w_.T.shape} x {X.shape} + a number -> {Z.shape}")
    w.matrix("Z", Z)
    A = lr.sigmoid(Z)
    w.equation("A = sigmoid(Z) = 1 / (1 + exp(-Z))", "elementwise")
    w.matrix("A", A)
    grads, cost = lr.propagate(w_, b, X, Y)
    w.equation("cost = -(1/m) sum( Y log(A) + (1 - Y) log(1 - A) )", "a number")
    w.say(f"    cost = {float(cost):.10f}   (JAX: {jax_value(math.cost, [w_, b, X, Y]):.10f})")

    w.heading("Backward")
    w.say("Each example's loss has the derivative a - y with respect to its z = w^T x + b (the sigmoid's "
          "slope cancels the log's), so the whole backward pass is one subtraction and two means.")
    dZ = A - Y
    w.equation("dZ = A - Y", f"{dZ.shape}")
    w.matrix("dZ", dZ)
    expected_dw, expected_db = jax_gradient(math.cost, [w_, b, X, Y], (0, 1))
    beside = Beside(w)
    w.equation("dw = (1/m) X dZ^T", f"{X.shape} x {dZ.T.shape} -> {grads['dw'].shape}: w touches every example")
    beside.gradient("dw", grads["dw"], expected_dw)
    w.equation("db = (1/m) sum of dZ over the examples", "a number")
    beside.gradient("db", grads["db"], expected_db)
    w.say(f"Leave out the 1/m and dw is m = {m} times too large: relative error "
          f"{relative_error(m * grads['dw'], expected_dw):.2f} = (m - 1)/(m + 1), far beyond any tolerance.")
    verdict(w, beside.worst)
    return w.text()

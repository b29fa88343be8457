"""``manual-dnn explain --assignment regularization``: course 2 week 1's L2 term and inverted dropout on the
three-layer network, with numbers.

First the L2-regularised cost and ``backward_propagation_with_regularization`` (each dW gains (λ/m) W),
then ``forward_propagation_with_dropout`` (the masks D1, D2 drawn with keep_prob, the course's stream) and
``backward_propagation_with_dropout`` (the same masks, the same division). The numbers are
manual_dnn.regularization's; JAX differentiates the same cost (reference.assignments.regularization.math)
with the masks held fixed, as constants of the forward pass.
"""

from dataclasses import replace

import numpy as np

from manual_dnn import regularization, three_layer
from reference.assignments.regularization import math
from reference.assignments.regularization.points import KEEP_PROB, LAMBD, POINTS
from reference.engine.points import draw_point
from reference.explain import Beside, derivation, jax_gradient, jax_value, verdict, writer
from reference.tolerances import relative_error

__all__ = ["explain"]

SIZES = {"n_x": 2, "n_1": 3, "n_2": 3, "m": 3}
PARAMETERS = ("W1", "b1", "W2", "b2", "W3", "b3")
A1_NUDGE, A2_NUDGE = 13, 15  # network_loss's inputs: X, Y, W1..b3, lambd, D1, D2, keep_prob, Z1, A1, Z2, A2, Z3


def _jax(X, Y, parameters, lambd=0.0, D1=1.0, D2=1.0, keep_prob=1.0):
    """JAX's dW1..db3 of the network's cost, and its dA1, dA2 at the course's per-example scale (m times
    the gradient with respect to a nudge added to relu(Z1), relu(Z2)); D1, D2 are inputs not differentiated."""
    m = X.shape[1]
    nudges = [np.zeros((n, m)) for n in (parameters["W1"].shape[0],) * 2 + (parameters["W2"].shape[0],) * 2 + (1,)]
    inputs = [X, Y, *(parameters[k] for k in PARAMETERS), np.float64(lambd), np.asarray(D1, float),
              np.asarray(D2, float), np.float64(keep_prob), *nudges]
    *gradients, dA1, dA2 = jax_gradient(math.network_loss, inputs, (2, 3, 4, 5, 6, 7, A1_NUDGE, A2_NUDGE))
    return {"d" + k: g for k, g in zip(PARAMETERS, gradients)} | {"dA1": m * dA1, "dA2": m * dA2}, inputs


def _dropped_examples(values):
    """The checker's problems, and one of this page: an example whose every unit of A1 or A2 is dropped or
    inactive in the dropout network shows nothing of the backward pass but zeros."""
    dropout_cache = values["dropout_cache"]
    found = POINTS.problems(values)
    for name, position in (("A1", 2), ("A2", 7)):
        if not (dropout_cache[position] > 0).any(axis=0).all():
            found.append(f"an example with nothing kept and active in {name}")
    return found


def explain(seed=0, fmt="text"):
    """The walk-through as one string (``fmt`` "text", "markdown" or "html", a whole page)."""
    point = draw_point(replace(POINTS, problems=_dropped_examples), seed, SIZES).values
    X, Y, parameters = point["X"], point["Y"], point["parameters"]
    w = writer(fmt)
    sizes = " -> ".join(str(n) for n in (X.shape[0], parameters["W1"].shape[0], parameters["W2"].shape[0], 1))
    w.heading(f"Regularization: the L2 term and inverted dropout on a {sizes} network, m = {X.shape[1]} "
              f"(seed {seed})", 1)
    w.say("LINEAR -> RELU -> LINEAR -> RELU -> LINEAR -> SIGMOID. Examples are columns: X is (n_x, m), "
          "W[l] is (n_l, n_{l-1}), b[l] is (n_l, 1); dZ and dA are per example, dW and db the means.")
    derivation(w, "Regularization (course 2, week 1): the L2 term and inverted dropout")
    w.matrix("X", X)
    w.matrix("Y", Y)
    for name in PARAMETERS:
        w.matrix(name, parameters[name])
    beside = Beside(w)
    _l2(w, beside, X, Y, parameters, LAMBD)
    _dropout(w, beside, X, Y, parameters, KEEP_PROB)
    verdict(w, beside.worst)
    return w.text()


def _l2(w, beside, X, Y, parameters, lambd):
    m = X.shape[1]
    w.heading(f"L2 regularization, lambd = {lambd}")
    A3, cache = regularization.forward_propagation(X, parameters)
    w.matrix("A3", A3)
    cross_entropy = regularization.compute_cost(A3, Y)
    cost = regularization.compute_cost_with_regularization(A3, Y, parameters, lambd)
    expected, inputs = _jax(X, Y, parameters, lambd)
    w.equation("cost = cross-entropy + (lambd / (2 m)) (||W1||^2 + ||W2||^2 + ||W3||^2)",
               "||W||^2: the sum of W's squared entries; the biases are not penalised")
    w.say(f"    cost = {cross_entropy:.10f} + {cost - cross_entropy:.10f} = {cost:.10f}   "
          f"(JAX: {jax_value(math.network_loss, inputs):.10f})")

    w.heading("backward_propagation_with_regularization", 3)
    w.say("The L2 term does not depend on any activation, so dZ3 = A3 - Y, dZ2, dZ1 and every db are "
          "the plain backward's. The derivative of (lambd / (2 m)) ||W||^2 in W is (lambd / m) W: each dW "
          "gains that, nothing else changes.")
    grads = regularization.backward_propagation_with_regularization(X, Y, cache, lambd)
    for l in (3, 2, 1):
        W = parameters[f"W{l}"]
        w.equation(f"dW{l} = (1/m) dZ{l} A{l - 1}^T + (lambd / m) W{l}".replace("A0", "X"),
                   f"{W.shape}; the second term:")
        w.matrix(f"(lambd / m) W{l}", lambd / m * W)
        beside.gradient(f"dW{l}", grads[f"dW{l}"], expected[f"dW{l}"])
        w.equation(f"db{l} = (1/m) sum of dZ{l} over the examples", f"{parameters[f'b{l}'].shape}: no L2 term")
        beside.gradient(f"db{l}", grads[f"db{l}"], expected[f"db{l}"])
    forgotten = grads["dW1"] - lambd / m * parameters["W1"]
    w.say(f"Leave the term out and dW1 is off by a relative error of {relative_error(forgotten, expected['dW1']):.2f}; "
          f"lambd / 2 * m in the cost is (lambd / 2) m, m^2 = {m * m} times the term.")


def _dropout(w, beside, X, Y, parameters, keep_prob):
    w.heading(f"Inverted dropout, keep_prob = {keep_prob}")
    w.say("Each hidden unit of each example is kept with probability keep_prob: D = (np.random.rand(...) < "
          "keep_prob), 1 for kept, 0 for dropped. The kept values are divided by keep_prob, so each "
          "activation's expected value stays what it was without dropout.")
    A3, cache = regularization.forward_propagation_with_dropout(X, parameters, keep_prob)
    Z1, D1, A1, _, _, Z2, D2, A2, W2, _, _, _, W3, _ = cache
    for l, Z, D, A in ((1, Z1, D1, A1), (2, Z2, D2, A2)):
        w.equation(f"Z{l} = W{l} A{l - 1} + b{l}".replace("A0", "X"), f"{Z.shape}")
        w.matrix(f"Z{l}", Z)
        w.equation(f"D{l} = np.random.rand{Z.shape} < keep_prob", f"{Z.shape}, drawn once and kept in the cache")
        w.matrix(f"D{l}", D.astype(int))
        w.equation(f"A{l} = relu(Z{l}) * D{l} / keep_prob", f"{Z.shape}, elementwise: a dropped unit is 0")
        w.matrix(f"A{l}", A)
    w.equation("A3 = sigmoid(W3 A2 + b3)", f"{A3.shape}")
    w.matrix("A3", A3)
    expected, inputs = _jax(X, Y, parameters, D1=D1, D2=D2, keep_prob=keep_prob)
    w.say(f"    cost = {regularization.compute_cost(A3, Y):.10f}   (JAX, D1 and D2 held fixed: "
          f"{jax_value(math.network_loss, inputs):.10f})")

    w.heading("backward_propagation_with_dropout", 3)
    w.say("The masks are constants of this forward pass: the backward goes back through the same product, "
          "so each dA is multiplied by the same D and divided by the same keep_prob. JAX differentiates the "
          "cost with D1 and D2 given, never drawn again.")
    grads = regularization.backward_propagation_with_dropout(X, Y, cache, keep_prob)
    w.equation("dZ3 = A3 - Y", f"{A3.shape}")
    w.matrix("dZ3", grads["dZ3"])
    for l, W_next, A in ((2, W3, A2), (1, W2, A1)):
        w.equation(f"dW{l + 1} = (1/m) dZ{l + 1} A{l}^T,  db{l + 1} = (1/m) sum of dZ{l + 1}",
                   f"{grads[f'dZ{l + 1}'].shape} x {A.T.shape} -> {grads[f'dW{l + 1}'].shape}")
        beside.gradient(f"dW{l + 1}", grads[f"dW{l + 1}"], expected[f"dW{l + 1}"])
        beside.gradient(f"db{l + 1}", grads[f"db{l + 1}"], expected[f"db{l + 1}"])
        w.equation(f"dA{l} = W{l + 1}^T dZ{l + 1} * D{l} / keep_prob",
                   f"{W_next.T.shape} x {grads[f'dZ{l + 1}'].shape} -> {A.shape}: the dropped units get 0")
        beside.gradient(f"dA{l}", grads[f"dA{l}"], expected[f"dA{l}"])
        w.equation(f"dZ{l} = dA{l} * (A{l} > 0)", f"{A.shape}, elementwise: ReLU's slope, 0 where dropped or inactive")
        w.matrix(f"dZ{l}", grads[f"dZ{l}"])
    w.equation("dW1 = (1/m) dZ1 X^T,  db1 = (1/m) sum of dZ1", f"{grads['dZ1'].shape} x {X.T.shape} -> "
               f"{grads['dW1'].shape}")
    beside.gradient("dW1", grads["dW1"], expected["dW1"])
    beside.gradient("db1", grads["db1"], expected["db1"])
    unmasked = three_layer.backward_pass(X, Y, A1, A2, A3, W2, W3)
    w.say(f"A backward that never applies the masks (dA = W^T dZ alone) gets dW1 wrong by a relative error of "
          f"{relative_error(unmasked['dW1'], expected['dW1']):.2f}; one that multiplies by keep_prob instead of "
          "dividing is wrong wherever a unit was kept.")

"""Course 5 week 1's check points: the course's own sizes, every value a row is called with.

The fixed sizes are the course's test cells' (n_x 3, n_a 5, n_y 2, m 10) with T_x 4: all
different, so a transposed weight or a wrong axis cannot line up by chance, and small enough
for central differences and the complex step on every coordinate (the largest row, the
LSTM's backward through time, has 350) while a learner's Python loops over time stay cheap.

Values are drawn alive: weights randn / sqrt(fan in), biases of both signs, hidden states
inside (-1, 1); a point where a tanh or a sigmoid input passes SATURATED (its derivative below
1e-3, where a missing (1 - .) factor would hide) is redrawn. The two families keep their own
parameter dicts, as the course's test cells do: ``rnn_parameters`` (Wax, Waa, Wya, ba, by)
and ``lstm_parameters`` (Wf, bf, Wi, bi, Wc, bc, Wo, bo, Wy, by); each row gets its own as
``parameters`` (reference.assignments.rnn.hooks.using).
"""

import numpy as np

from manual_dnn.rnn_activations import sigmoid
from reference.engine.points import Points

__all__ = ["POINTS", "values_at", "SATURATED"]

SATURATED = 3.5  # |input| of a tanh or sigmoid beyond which the point is redrawn
RNN_WEIGHTS = ("Wax", "Waa", "Wya", "ba", "by")
LSTM_WEIGHTS = ("Wf", "bf", "Wi", "bi", "Wc", "bc", "Wo", "bo", "Wy", "by")


def _bias(rng, n):
    return rng.uniform(0.1, 0.5, (n, 1)) * rng.choice([-1, 1], (n, 1))


def values_at(sizes, rng):
    """{every argument and weight of the assignment's rows} at ``sizes`` (n_x, n_a, n_y, m, T_x)."""
    n_x, n_a, n_y, m, T_x = (sizes[k] for k in ("n_x", "n_a", "n_y", "m", "T_x"))
    values = {
        "x": rng.uniform(-1, 1, (n_x, m, T_x)), "a0": rng.uniform(-0.8, 0.8, (n_a, m)),
        "xt": rng.uniform(-1, 1, (n_x, m)), "a_prev": rng.uniform(-0.8, 0.8, (n_a, m)),
        "c_prev": rng.uniform(-1.5, 1.5, (n_a, m)),
        "Wax": rng.randn(n_a, n_x) / np.sqrt(n_x), "Waa": rng.randn(n_a, n_a) / np.sqrt(n_a),
        "Wya": rng.randn(n_y, n_a) / np.sqrt(n_a), "ba": _bias(rng, n_a), "by": _bias(rng, n_y),
        "Wy": rng.randn(n_y, n_a) / np.sqrt(n_a),
    }
    for gate in "fico":
        values[f"W{gate}"] = rng.randn(n_a, n_a + n_x) / np.sqrt(n_a + n_x)
        values[f"b{gate}"] = _bias(rng, n_a)
    values["logits"] = rng.uniform(-3, 3, (n_y + 1, m))  # softmax's input
    values["da_next"] = rng.randn(n_a, m)
    values["dc_next"] = rng.randn(n_a, m)
    values["da"] = rng.randn(n_a, m, T_x)
    values["rnn_parameters"] = {k: values[k] for k in RNN_WEIGHTS}
    values["lstm_parameters"] = {k: values[k] for k in LSTM_WEIGHTS}
    values["m"] = m
    return values


def _pre_activations(values):
    """Every tanh and sigmoid input of the cells' point and of every step of both sequences."""
    rp, lp, found = values["rnn_parameters"], values["lstm_parameters"], []

    def rnn_step(xt, a_prev):
        found.append(rp["Wax"] @ xt + rp["Waa"] @ a_prev + rp["ba"])
        return np.tanh(found[-1])

    def lstm_step(xt, a_prev, c_prev):
        concat = np.concatenate([a_prev, xt])
        z = {g: lp[f"W{g}"] @ concat + lp[f"b{g}"] for g in "fico"}
        c_next = sigmoid(z["f"]) * c_prev + sigmoid(z["i"]) * np.tanh(z["c"])
        found.extend([*z.values(), c_next])  # c_next goes through tanh too
        return sigmoid(z["o"]) * np.tanh(c_next), c_next

    rnn_step(values["xt"], values["a_prev"])
    lstm_step(values["xt"], values["a_prev"], values["c_prev"])
    a, la, c = values["a0"], values["a0"], np.zeros_like(values["a0"])
    for t in range(values["x"].shape[2]):
        a = rnn_step(values["x"][:, :, t], a)
        la, c = lstm_step(values["x"][:, :, t], la, c)
    return found


def problems(values):
    """A tanh or sigmoid input beyond SATURATED, where its derivative is nearly 0."""
    worst = max(float(np.abs(z).max()) for z in _pre_activations(values))
    return [f"an activation input reaches {worst:.2f} (saturated beyond {SATURATED})"] if worst > SATURATED else []


POINTS = Points(
    sizes={"n_x": (1, 4), "n_a": (1, 5), "n_y": (1, 3), "m": (1, 6), "T_x": (1, 5)},
    fixed={"n_x": 3, "n_a": 5, "n_y": 2, "m": 10, "T_x": 4},
    build=values_at,
    problems=problems,
)

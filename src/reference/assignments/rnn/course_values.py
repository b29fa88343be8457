"""The numbers course 5 week 1 prints as "Expected Output" for its ungraded backward passes, the
inputs its test cells build them from (rebuilt from its seeds: ``np.random.seed(1)`` and the draws
in the cells' order), and where they disagree with JAX at those very inputs.

Two findings (docs/derivations.md, "The course's printed numbers"):

- ``lstm_backward``, v1-v3: the printed numbers are not the gradient. They are what a loop gives
  that never passes da_prev and dc_prev back to the previous step (each step gets da[:, :, t]
  alone; the numbers of dx, da0, dWf, dWi, dWc, dWo and dbf are exactly that), with dbi, dbc and
  dbo, moreover, carrying the forget gate's sum of the later steps (sum of dbf<t> over t >= 1,
  plus the own bias gradient of step 0). v3a fixed the loop ("added da_prevt and dc_prevt") and
  the printed numbers: since then they equal JAX's.
- ``rnn_cell_backward``, v1-v3: the test cell draws ``b`` but passes ``"ba": ba``, the ``ba`` left
  by rnn_forward's test cell. The printed numbers are right for that stale ``ba``; at the inputs as
  written (``b``) they are v3a's (where the cell says ``ba``).

Every other printed number (rnn_backward, lstm_cell_backward in every version) equals JAX's. The
v1-v3 notebooks also print lstm_cell_backward's equations (8)-(10) wrongly; their numbers are right.
"""

import numpy as np

__all__ = ["PRINTED", "course_inputs", "jax_values", "matches", "printed_numbers_note"]

# function -> version -> {"entry": printed value}; entries as the test cells print them.
PRINTED = {
    "rnn_cell_backward": {
        "v1-v3": {"dxt[1][2]": -0.460564103059, "da_prev[2][3]": 0.0842968653807, "dWax[3][1]": 0.393081873922,
                  "dWaa[1][2]": -0.28483955787, "dba[4]": [0.80517166]},
        "v3a on": {"dxt[1][2]": -1.3872130506, "da_prev[2][3]": -0.152399493774, "dWax[3][1]": 0.410772824935,
                   "dWaa[1][2]": 1.15034506685, "dba[4]": [0.20023491]},
    },
    "rnn_backward": {
        "every version": {"dx[1][2]": [-2.07101689, -0.59255627, 0.02466855, 0.01483317],
                          "da0[2][3]": -0.314942375127, "dWax[3][1]": 11.2641044965, "dWaa[1][2]": 2.30333312658,
                          "dba[4]": [-0.74747722]},
    },
    "lstm_cell_backward": {
        "every version": {"dxt[1][2]": 3.23055911511, "da_prev[2][3]": -0.0639621419711,
                          "dc_prev[2][3]": 0.797522038797, "dWf[3][1]": -0.147954838164, "dWi[1][2]": 1.05749805523,
                          "dWc[3][1]": 2.30456216369, "dWo[1][2]": 0.331311595289, "dbf[4]": [0.18864637],
                          "dbi[4]": [-0.40142491], "dbc[4]": [0.25587763], "dbo[4]": [0.13893342]},
    },
    "lstm_backward": {
        "v1-v3": {"dx[1][2]": [-0.00173313, 0.08287442, -0.30545663, -0.43281115], "da0[2][3]": -0.095911501954,
                  "dWf[3][1]": -0.0698198561274, "dWi[1][2]": 0.102371820249, "dWc[3][1]": -0.0624983794927,
                  "dWo[1][2]": 0.0484389131444, "dbf[4]": [-0.0565788], "dbi[4]": [-0.06997391],
                  "dbc[4]": [-0.27441821], "dbo[4]": [0.16532821]},
        "v3a on": {"dx[1][2]": [0.00218254, 0.28205375, -0.48292508, -0.43281115], "da0[2][3]": 0.312770310257,
                   "dWf[3][1]": -0.0809802310938, "dWi[1][2]": 0.40512433093, "dWc[3][1]": -0.0793746735512,
                   "dWo[1][2]": 0.038948775763, "dbf[4]": [-0.15745657], "dbi[4]": [-0.50848333],
                   "dbc[4]": [-0.42510818], "dbo[4]": [-0.17958196]},
    },
}
PRINTED_DIGITS = 5e-8  # the printed numbers have 8-12 significant digits: agreement within this, relatively


def _rnn_parameters(rng, order):
    return {name: rng.randn(*shape) for name, shape in order}


RNN_CELL_ORDER = (("Wax", (5, 3)), ("Waa", (5, 5)), ("Wya", (2, 5)), ("ba", (5, 1)), ("by", (2, 1)))
RNN_FORWARD_TEST_ORDER = (("Waa", (5, 5)), ("Wax", (5, 3)), ("Wya", (2, 5)), ("ba", (5, 1)), ("by", (2, 1)))
LSTM_ORDER = (("Wf", (5, 8)), ("bf", (5, 1)), ("Wi", (5, 8)), ("bi", (5, 1)), ("Wo", (5, 8)), ("bo", (5, 1)),
              ("Wc", (5, 8)), ("bc", (5, 1)))


def course_inputs(function, version):
    """The arguments the course's test cell of ``function`` (``version``) builds: a dict with the
    forward's inputs and the upstream gradient(s), as numpy arrays."""
    rng = np.random.RandomState(1)
    if function == "rnn_cell_backward":
        xt, a_prev = rng.randn(3, 10), rng.randn(5, 10)
        parameters = _rnn_parameters(rng, RNN_CELL_ORDER)
        if version == "v1-v3":  # the cell draws b, never used; "ba": ba is rnn_forward's test cell's
            stale = np.random.RandomState(1)
            stale.randn(3, 10, 4), stale.randn(5, 10)
            parameters["ba"] = _rnn_parameters(stale, RNN_FORWARD_TEST_ORDER)["ba"]
        return {"xt": xt, "a_prev": a_prev, "parameters": parameters, "da_next": rng.randn(5, 10)}
    if function == "rnn_backward":
        x, a0 = rng.randn(3, 10, 4), rng.randn(5, 10)
        parameters = _rnn_parameters(rng, RNN_CELL_ORDER)
        return {"x": x, "a0": a0, "parameters": parameters, "da": rng.randn(5, 10, 4)}
    if function == "lstm_cell_backward":
        xt, a_prev, c_prev = rng.randn(3, 10), rng.randn(5, 10), rng.randn(5, 10)
        parameters = _rnn_parameters(rng, LSTM_ORDER + (("Wy", (2, 5)), ("by", (2, 1))))
        return {"xt": xt, "a_prev": a_prev, "c_prev": c_prev, "parameters": parameters,
                "da_next": rng.randn(5, 10), "dc_next": rng.randn(5, 10)}
    if function == "lstm_backward":  # x has 7 steps, da 4: the backward runs over the first 4
        x, a0 = rng.randn(3, 10, 7), rng.randn(5, 10)
        parameters = _rnn_parameters(rng, LSTM_ORDER)
        parameters["Wy"], parameters["by"] = np.zeros((2, 5)), np.zeros((2, 1))  # unused by the backward
        return {"x": x, "a0": a0, "parameters": parameters, "da": rng.randn(5, 10, 4)}
    raise KeyError(function)


def _entry(gradients, entry):
    """gradients["dx"][1][2] for the entry "dx[1][2]"."""
    name, *indices = entry.replace("]", "").split("[")
    value = gradients[name]
    for i in indices:
        value = value[int(i)]
    return np.asarray(value, dtype=np.float64)


def jax_values(function, version):
    """{entry: JAX's value} at the course's inputs, for the entries the course prints."""
    import jax

    from reference.assignments.rnn import math

    given = course_inputs(function, version)
    p = given["parameters"]
    with jax.enable_x64(True):
        if function == "rnn_cell_backward":
            names = ("dxt", "da_prev", "dWax", "dWaa", "dba")
            _, vjp = jax.vjp(math.rnn_cell, given["xt"], given["a_prev"], p["Wax"], p["Waa"], p["ba"])
            found = vjp(given["da_next"])
        elif function == "rnn_backward":
            names = ("dx", "da0", "dWax", "dWaa", "dba")
            _, vjp = jax.vjp(math.rnn_sequence, given["x"], given["a0"], p["Wax"], p["Waa"], p["ba"])
            found = vjp(given["da"])
        elif function == "lstm_cell_backward":
            names = ("dxt", "da_prev", "dc_prev", "dWf", "dbf", "dWi", "dbi", "dWc", "dbc", "dWo", "dbo")
            weights = [p[k] for k in ("Wf", "bf", "Wi", "bi", "Wc", "bc", "Wo", "bo")]
            _, vjp = jax.vjp(math.lstm_cell, given["xt"], given["a_prev"], given["c_prev"], *weights)
            found = vjp((given["da_next"], given["dc_next"]))
        else:
            names = ("dx", "da0", "dWf", "dbf", "dWi", "dbi", "dWc", "dbc", "dWo", "dbo")
            weights = [p[k] for k in ("Wf", "bf", "Wi", "bi", "Wc", "bc", "Wo", "bo")]
            da = np.zeros((5, 10, given["x"].shape[2]))
            da[:, :, :given["da"].shape[2]] = given["da"]  # no upstream gradient after the 4th step
            _, vjp = jax.vjp(math.lstm_sequence, given["x"], given["a0"], *weights)
            found = list(vjp(da))
            found[0] = found[0][:, :, :given["da"].shape[2]]
        gradients = {n: np.asarray(g) for n, g in zip(names, found)}
    return {entry: _entry(gradients, entry) for entry in PRINTED[function][version]}


def matches(found, printed):
    """Whether every entry of ``found`` equals ``printed``'s to the printed digits."""
    for entry, value in printed.items():
        a, e = np.asarray(found[entry], dtype=np.float64), np.asarray(value, dtype=np.float64)
        if a.shape != e.shape or np.abs(a - e).max() > PRINTED_DIGITS * max(1.0, np.abs(e).max()):
            return False
    return True


def printed_numbers_note(run, row, values, returned, suffix):
    """lstm_backward's custom hook: when it fails and gives, at the course's v1-v3 test inputs,
    the numbers those notebooks print (dx[1][2], da0[2][3]), say that those printed numbers are
    themselves wrong: matching them is no evidence."""
    if not any(c.function == row.name and c.passed is False for c in run.checks):
        return
    from manual_dnn import rnn

    given = course_inputs("lstm_backward", "v1-v3")
    caches = rnn.lstm_forward(given["x"], given["a0"], given["parameters"])[3]
    result = run.call(row.name, ("da", "caches"), (given["da"], caches))
    if result.error or not isinstance(result.value, dict):
        return
    shown = ("dx[1][2]", "da0[2][3]")
    printed = {e: PRINTED["lstm_backward"]["v1-v3"][e] for e in shown}
    try:
        found = {e: _entry(result.value, e) for e in shown}
    except (KeyError, IndexError, TypeError, ValueError):
        return
    if matches(found, printed):
        right = PRINTED["lstm_backward"]["v3a on"]
        run.notes.append(
            f"{row.name} gives, at the course's own test inputs, the numbers the v1-v3 notebooks print "
            f"(dx[1][2] = {printed['dx[1][2]']}, da0[2][3] = {printed['da0[2][3]']}); those printed numbers are "
            f"wrong: they come from a loop that never passes da_prev and dc_prev back to the previous step. "
            f"The gradient there is dx[1][2] = {right['dx[1][2]']}, da0[2][3] = {right['da0[2][3]']} (what the "
            f"notebook prints since v3a, and JAX)")

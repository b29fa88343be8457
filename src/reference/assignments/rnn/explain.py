"""`manual-dnn explain --assignment rnn`: backpropagation through time, step by step, with numbers.

A tiny basic RNN (n_x 2, n_a 3, one example, 3 time steps) forward, then backward from the last
step to the first: each step's own upstream gradient plus what came back from the step after,
the gradient at tanh's input, and the step's share of every parameter's gradient, which add up.
Then one LSTM cell backward, gate by gate. The numbers are manual_dnn.rnn's; JAX checks every
gradient (reference.assignments.rnn.math).
"""

import numpy as np

from manual_dnn import rnn
from reference.explain import _agreement, _HtmlWriter, _Writer, verdict

__all__ = ["explain_rnn"]

SIZES = {"n_x": 2, "n_a": 3, "m": 1, "T_x": 3}


def _point(seed):
    rng = np.random.RandomState(seed)
    n_x, n_a, m, T_x = (SIZES[k] for k in ("n_x", "n_a", "m", "T_x"))
    p = {"Wax": rng.randn(n_a, n_x) / np.sqrt(n_x), "Waa": rng.randn(n_a, n_a) / np.sqrt(n_a),
         "Wya": rng.randn(2, n_a), "ba": rng.uniform(-0.5, 0.5, (n_a, 1)), "by": np.zeros((2, 1))}
    q = {f"W{g}": rng.randn(n_a, n_a + n_x) / np.sqrt(n_a + n_x) for g in "fico"}
    q.update({f"b{g}": rng.uniform(-0.5, 0.5, (n_a, 1)) for g in "fico"})
    q.update({"Wy": rng.randn(2, n_a), "by": np.zeros((2, 1))})
    return (rng.uniform(-1, 1, (n_x, m, T_x)), rng.uniform(-0.5, 0.5, (n_a, m)), p, q,
            rng.randn(n_a, m, T_x), rng.randn(n_a, m), rng.randn(n_a, m), rng.uniform(-1, 1, (n_a, m)))


def _jax_gradients(x, a0, p, q, da, da_next, dc_next, c_prev):
    import jax

    from reference.assignments.rnn import math

    with jax.enable_x64(True):
        _, vjp = jax.vjp(math.rnn_sequence, x, a0, p["Wax"], p["Waa"], p["ba"])
        sequence = dict(zip(("dx", "da0", "dWax", "dWaa", "dba"), map(np.asarray, vjp(da))))
        weights = [q[f"{k}{g}"] for g in "fico" for k in "Wb"]
        _, vjp = jax.vjp(math.lstm_cell, x[:, :, 0], a0, c_prev, *weights)
        names = ("dxt", "da_prev", "dc_prev", "dWf", "dbf", "dWi", "dbi", "dWc", "dbc", "dWo", "dbo")
        cell = dict(zip(names, map(np.asarray, vjp((da_next, dc_next)))))
    return sequence, cell


def explain_rnn(seed=0, fmt="text"):
    """The walk-through as one string (``fmt`` "text", "markdown" or "html", a whole page)."""
    x, a0, p, q, da, da_next, dc_next, c_prev = _point(seed)
    expected, expected_cell = _jax_gradients(x, a0, p, q, da, da_next, dc_next, c_prev)
    T_x = x.shape[2]
    w = _HtmlWriter() if fmt == "html" else _Writer(fmt == "markdown")
    w.heading(f"Backpropagation through time: a basic RNN over {T_x} steps, then one LSTM cell (seed {seed})", 1)
    w.say("Examples are columns and time is last: x is (n_x, m, T_x), every hidden state a<t> is (n_a, m). "
          "The same Wax (n_a, n_x), Waa (n_a, n_a) and ba (n_a, 1) serve every step.")
    w.matrix("Wax", p["Wax"])
    w.matrix("Waa", p["Waa"])
    w.matrix("ba", p["ba"])
    w.matrix("a0", a0)

    w.heading("Forward")
    a, _, (caches, _) = rnn.rnn_forward(x, a0, p)
    for t in range(T_x):
        w.equation(f"a<{t}> = tanh(Wax x<{t}> + Waa a<{t - 1}> + ba)" if t else
                   "a<0> = tanh(Wax x<0> + Waa a0 + ba)", f"{p['Wax'].shape} x {x[:, :, t].shape} + ... -> "
                   f"{a[:, :, t].shape}")
        w.matrix(f"x<{t}>", x[:, :, t])
        w.matrix(f"a<{t}>", a[:, :, t])

    w.heading("Backward, from the last step to the first")
    w.say("da[:, :, t] is the gradient of the loss with respect to a<t> from the output at step t. "
          "a<t> also feeds step t+1, so its whole gradient is da[:, :, t] + da_prev, what came back from "
          "step t+1 (zero after the last step). Each step adds its share to dWax, dWaa and dba: "
          "the same weights at every step, so their gradient is the sum over the steps.")
    worst, da_prev = 0.0, np.zeros_like(a0)
    totals = {"dWax": 0.0, "dWaa": 0.0, "dba": 0.0}
    dx = np.zeros_like(x)
    for t in reversed(range(T_x)):
        a_next, a_prev, xt, _ = caches[t]
        w.heading(f"Step t = {t}", 3)
        da_total = da[:, :, t] + da_prev
        after = " (from step t+1)" if t < T_x - 1 else " (0: no step after)"
        w.equation(f"da_next = da[:, :, {t}] + da_prev{after}", f"{da_total.shape}")
        w.matrix("da_next", da_total)
        dz = da_total * (1 - a_next ** 2)
        w.equation(f"dz = da_next * (1 - a<{t}>^2)", "elementwise: tanh'(z) = 1 - tanh(z)^2, read from the cache")
        w.matrix("dz", dz)
        g = rnn.rnn_cell_backward(da_total, caches[t])
        w.equation("dxt = Wax^T dz,  da_prev = Waa^T dz", f"{p['Wax'].T.shape} x {dz.shape}, "
                   f"{p['Waa'].T.shape} x {dz.shape}")
        rel, note = _agreement(g["dxt"], expected["dx"][:, :, t])
        worst = max(worst, rel)
        w.matrix(f"dx<{t}>", g["dxt"], note)
        before = f"a<{t - 1}>" if t else "a0"
        w.equation(f"dWax += dz x<{t}>^T,  dWaa += dz {before}^T,  dba += sum of dz over the examples",
                   f"{dz.shape} x {xt.T.shape}, {dz.shape} x {a_prev.T.shape}")
        for key in totals:
            totals[key] = totals[key] + g[key]
        dx[:, :, t], da_prev = g["dxt"], g["da_prev"]
        w.matrix("da_prev", da_prev, "   (goes back to step t - 1)" if t else "   (= da0)")
    w.heading("Summed over the steps", 3)
    for key, value in (("da0", da_prev), *totals.items()):
        rel, note = _agreement(value, expected[key])
        worst = max(worst, rel)
        w.matrix(key, value, note)
    w.say("Leave out da_prev at any step and every earlier step loses what the later outputs said about "
          "it: dx<T-1> stays right, everything before it goes wrong. The checker's report says which time "
          "step is wrong first, going backward.")

    worst = max(worst, _lstm_cell(w, x[:, :, 0], a0, c_prev, q, da_next, dc_next, expected_cell))
    verdict(w, worst)
    return w.text()


def _lstm_cell(w, xt, a_prev, c_prev, q, da_next, dc_next, expected):
    """One LSTM cell backward, gate by gate; returns the worst relative error against JAX."""
    a_next, c_next, _, cache = rnn.lstm_cell_forward(xt, a_prev, c_prev, q)
    _, _, _, _, ft, it, cct, ot, _, _ = cache
    n_a = a_prev.shape[0]
    w.heading("One LSTM cell backward")
    w.say("concat = [a_prev; xt] is (n_a + n_x, m); each gate has W (n_a, n_a + n_x) and b (n_a, 1). "
          "c_next = ft * c_prev + it * cct, a_next = ot * tanh(c_next).")
    for name, value in (("ft", ft), ("it", it), ("cct", cct), ("ot", ot), ("c_next", c_next)):
        w.matrix(name, value)
    w.equation("dc = dc_next + da_next * ot * (1 - tanh(c_next)^2)",
               "all that reaches c_next: directly, and through a_next")
    dc = dc_next + da_next * ot * (1 - np.tanh(c_next) ** 2)
    w.matrix("dc", dc)
    for equation in ("dot = da_next * tanh(c_next) * ot * (1 - ot)", "dcct = dc * it * (1 - cct^2)",
                     "dit = dc * cct * it * (1 - it)", "dft = dc * c_prev * ft * (1 - ft)"):
        w.equation(equation, "elementwise, (n_a, m): each gate's gradient at its pre-activation")
    g = rnn.lstm_cell_backward(da_next, dc_next, cache)
    worst = 0.0
    w.equation("dWf = dft concat^T  (and dWi, dWc, dWo alike);  dbf = sum of dft over the examples",
               f"({n_a}, m) x (m, n_a + n_x) -> {g['dWf'].shape}")
    w.equation("d(concat) = Wf^T dft + Wi^T dit + Wc^T dcct + Wo^T dot;  da_prev = its first n_a rows, "
               "dxt the rest", "W[:, :n_a] for a_prev, W[:, n_a:] for xt")
    w.equation("dc_prev = dc * ft", "")
    for key in ("dxt", "da_prev", "dc_prev", "dWf", "dbf", "dWi", "dbi", "dWc", "dbc", "dWo", "dbo"):
        rel, note = _agreement(g[key], expected[key])
        worst = max(worst, rel)
        w.matrix(key, g[key], note)
    return worst

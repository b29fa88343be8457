"""Course 5 week 1's bug zoo: manual_dnn.rnn with one function replaced by a buggy one, written as
learners write it (tests/learners/rnn/README.md counts the real ones). Each buggy function differs
from the solution on the line marked BUG and uses only what a notebook has: np and the
notebook's functions, which call each other through one namespace, so a wrong
lstm_cell_backward flows into lstm_backward.
"""

import numpy as np

from manual_dnn import lstm, rnn, rnn_activations
from reference.bug_zoo import Mutant, notebook_namespace

__all__ = ["MUTANTS", "mutant_namespace"]



def rnn_cell_forward_prediction_from_a_prev(xt, a_prev, parameters):
    Wax, Waa, Wya, ba, by = (parameters[k] for k in ("Wax", "Waa", "Wya", "ba", "by"))
    a_next = np.tanh(np.dot(Wax, xt) + np.dot(Waa, a_prev) + ba)
    yt_pred = softmax(np.dot(Wya, a_prev) + by)  # BUG: a_prev, not a_next
    return a_next, yt_pred, (a_next, a_prev, xt, parameters)


def rnn_forward_ignoring_a0(x, a0, parameters):
    caches = []
    n_x, m, T_x = x.shape
    n_y, n_a = parameters["Wya"].shape
    a = np.zeros((n_a, m, T_x))
    y_pred = np.zeros((n_y, m, T_x))
    a_next = a[:, :, 0]  # BUG: zeros, not a0
    for t in range(T_x):
        a_next, yt_pred, cache = rnn_cell_forward(x[:, :, t], a_next, parameters)
        a[:, :, t] = a_next
        y_pred[:, :, t] = yt_pred
        caches.append(cache)
    return a, y_pred, (caches, x)


def rnn_forward_extending_caches(x, a0, parameters):
    caches = []
    n_x, m, T_x = x.shape
    n_y, n_a = parameters["Wya"].shape
    a = np.zeros((n_a, m, T_x))
    y_pred = np.zeros((n_y, m, T_x))
    a_next = a0
    for t in range(T_x):
        a_next, yt_pred, cache = rnn_cell_forward(x[:, :, t], a_next, parameters)
        a[:, :, t] = a_next
        y_pred[:, :, t] = yt_pred
        caches += cache  # BUG: adds the cache's four items one by one
    return a, y_pred, (caches, x)


def lstm_forward_ignoring_a0(x, a0, parameters):
    caches = []
    n_x, m, T_x = x.shape
    n_y, n_a = parameters["Wy"].shape
    a, c, y = np.zeros((n_a, m, T_x)), np.zeros((n_a, m, T_x)), np.zeros((n_y, m, T_x))
    a_next = np.zeros((n_a, m))  # BUG: zeros, not a0
    c_next = np.zeros((n_a, m))
    for t in range(T_x):
        a_next, c_next, yt, cache = lstm_cell_forward(x[:, :, t], a_next, c_next, parameters)
        a[:, :, t], y[:, :, t], c[:, :, t] = a_next, yt, c_next
        caches.append(cache)
    return a, y, c, (caches, x)


def rnn_cell_backward_without_da_next(da_next, cache):
    (a_next, a_prev, xt, parameters) = cache
    Wax, Waa = parameters["Wax"], parameters["Waa"]
    dtanh = 1 - a_next ** 2  # BUG: the derivative of tanh alone, da_next never multiplied in
    return {"dxt": np.dot(Wax.T, dtanh), "da_prev": np.dot(Waa.T, dtanh), "dWax": np.dot(dtanh, xt.T),
            "dWaa": np.dot(dtanh, a_prev.T), "dba": np.sum(dtanh, axis=1, keepdims=True)}


def rnn_backward_upstream_da_forgotten(da, caches):
    (caches, x) = caches
    (a1, a0, x1, parameters) = caches[0]
    n_a, m, T_x = da.shape
    n_x, m = x1.shape
    dx = np.zeros((n_x, m, T_x))
    dWax, dWaa, dba = np.zeros((n_a, n_x)), np.zeros((n_a, n_a)), np.zeros((n_a, 1))
    da_prevt = np.zeros((n_a, m))
    for t in reversed(range(T_x)):
        gradients = rnn_cell_backward(da_prevt, caches[t])  # BUG: da[:, :, t] + da_prevt
        da_prevt = gradients["da_prev"]
        dx[:, :, t] = gradients["dxt"]
        dWax += gradients["dWax"]
        dWaa += gradients["dWaa"]
        dba += gradients["dba"]
    return {"dx": dx, "da0": da_prevt, "dWax": dWax, "dWaa": dWaa, "dba": dba}


def rnn_backward_dWax_not_accumulated(da, caches):
    (caches, x) = caches
    (a1, a0, x1, parameters) = caches[0]
    n_a, m, T_x = da.shape
    n_x, m = x1.shape
    dx = np.zeros((n_x, m, T_x))
    dWax, dWaa, dba = np.zeros((n_a, n_x)), np.zeros((n_a, n_a)), np.zeros((n_a, 1))
    da_prevt = np.zeros((n_a, m))
    for t in reversed(range(T_x)):
        gradients = rnn_cell_backward(da[:, :, t] + da_prevt, caches[t])
        da_prevt = gradients["da_prev"]
        dx[:, :, t] = gradients["dxt"]
        dWax = gradients["dWax"]  # BUG: =, not +=: only the first step's is kept
        dWaa += gradients["dWaa"]
        dba += gradients["dba"]
    return {"dx": dx, "da0": da_prevt, "dWax": dWax, "dWaa": dWaa, "dba": dba}


def _lstm_cell_backward(da_next, dc_next, cache, o_derivative=True, candidate="1 - cct^2", dc_prev_full=True,
                        da_prev_rows=False):
    """The solution's lstm_cell_backward with the knobs the bugs below turn."""
    (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters) = cache
    n_a, m = a_next.shape
    dc = dc_next + da_next * ot * (1 - np.tanh(c_next) ** 2)
    dot = da_next * np.tanh(c_next) * (ot * (1 - ot) if o_derivative else ot)
    dcct = dc * it * ((1 - cct ** 2) if candidate == "1 - cct^2" else (1 - np.tanh(cct) ** 2))
    dit = dc * cct * it * (1 - it)
    dft = dc * c_prev * ft * (1 - ft)
    concat = np.concatenate((a_prev, xt), axis=0)
    gates = {"f": dft, "i": dit, "c": dcct, "o": dot}
    gradients = {}
    for g, d in gates.items():
        gradients["dW" + g] = np.dot(d, concat.T)
        gradients["db" + g] = np.sum(d, axis=1, keepdims=True)
    if da_prev_rows:
        da_prev = sum(np.dot(parameters["W" + g][:n_a, :].T, d) for g, d in gates.items())
    else:
        da_prev = sum(np.dot(parameters["W" + g][:, :n_a].T, d) for g, d in gates.items())
    dxt = sum(np.dot(parameters["W" + g][:, n_a:].T, d) for g, d in gates.items())
    dc_prev = dc * ft if dc_prev_full else dc_next * ft
    return {"dxt": dxt, "da_prev": da_prev, "dc_prev": dc_prev, **gradients}


def lstm_cell_backward_output_gate_without_one_minus(da_next, dc_next, cache):
    return _lstm_cell_backward(da_next, dc_next, cache, o_derivative=False)  # BUG: dot = ... * ot, no (1 - ot)


def lstm_cell_backward_tanh_of_cct(da_next, dc_next, cache):
    return _lstm_cell_backward(da_next, dc_next, cache, candidate="1 - tanh(cct)^2")  # BUG: cct is tanh's output


def lstm_cell_backward_dc_prev_without_da_next(da_next, dc_next, cache):
    return _lstm_cell_backward(da_next, dc_next, cache, dc_prev_full=False)  # BUG: dc_prev = dc_next * ft only


def lstm_cell_backward_first_rows_for_da_prev(da_next, dc_next, cache):
    return _lstm_cell_backward(da_next, dc_next, cache, da_prev_rows=True)  # BUG: W[:n_a, :], as v1's text says


def _lstm_backward(da, caches, carry_da=True, carry_dc=True, add_da=True):
    """The solution's lstm_backward with the knobs the bugs below turn."""
    (caches, x) = caches
    (a1, c1, a0, c0, f1, i1, cc1, o1, x1, parameters) = caches[0]
    n_a, m, T_x = da.shape
    n_x, m = x1.shape
    dx = np.zeros((n_x, m, T_x))
    da_prevt, dc_prevt = np.zeros((n_a, m)), np.zeros((n_a, m))
    totals = {k: np.zeros((n_a, n_a + n_x)) if k[1] == "W" else np.zeros((n_a, 1))
              for k in ("dWf", "dbf", "dWi", "dbi", "dWc", "dbc", "dWo", "dbo")}
    for t in reversed(range(T_x)):
        gradients = lstm_cell_backward(da[:, :, t] + da_prevt if add_da else da[:, :, t], dc_prevt, caches[t])
        if carry_da:
            da_prevt = gradients["da_prev"]
        if carry_dc:
            dc_prevt = gradients["dc_prev"]
        dx[:, :, t] = gradients["dxt"]
        for k in totals:
            totals[k] += gradients[k]
    return {"dx": dx, "da0": gradients["da_prev"], **totals}


def lstm_backward_nothing_from_t_plus_1(da, caches):
    return _lstm_backward(da, caches, carry_da=False, carry_dc=False)  # BUG: da_prevt, dc_prevt stay 0


def lstm_backward_da_prev_not_added(da, caches):
    return _lstm_backward(da, caches, add_da=False)  # BUG: da[:, :, t] alone, da_prevt kept but never added


def lstm_backward_dc_prev_not_carried(da, caches):
    return _lstm_backward(da, caches, carry_dc=False)  # BUG: dc_prevt stays 0


MUTANTS = {
    "rnn-cell-prediction-from-a-prev": Mutant(
        "rnn_cell_forward", "yt_pred computed from a_prev instead of a_next", rnn_cell_forward_prediction_from_a_prev),
    "rnn-forward-ignores-a0": Mutant(
        "rnn_forward", "starts from zeros (a[:, :, 0]) instead of a0", rnn_forward_ignoring_a0),
    "rnn-forward-caches-extended": Mutant(
        "rnn_forward", "caches += cache: the steps' caches flattened into one list", rnn_forward_extending_caches),
    "lstm-forward-ignores-a0": Mutant(
        "lstm_forward", "starts from zeros instead of a0", lstm_forward_ignoring_a0),
    "rnn-cell-backward-no-da-next": Mutant(
        "rnn_cell_backward", "dtanh = 1 - a_next**2, da_next never multiplied in", rnn_cell_backward_without_da_next),
    "rnn-backward-upstream-da-forgotten": Mutant(
        "rnn_backward", "each step gets da_prevt alone, not da[:, :, t] + da_prevt",
        rnn_backward_upstream_da_forgotten),
    "rnn-backward-dWax-not-accumulated": Mutant(
        "rnn_backward", "dWax = (not +=) the step's dWax: only step 0's is kept", rnn_backward_dWax_not_accumulated),
    "lstm-cell-backward-output-gate-no-1-minus": Mutant(
        "lstm_cell_backward", "dot without (1 - ot): the output gate's sigmoid derivative half gone",
        lstm_cell_backward_output_gate_without_one_minus),
    "lstm-cell-backward-tanh-of-cct": Mutant(
        "lstm_cell_backward", "dcct with 1 - tanh(cct)^2: tanh applied to cct, tanh's output, again",
        lstm_cell_backward_tanh_of_cct),
    "lstm-cell-backward-dc-prev-no-da-next": Mutant(
        "lstm_cell_backward", "dc_prev = dc_next * ft: the path through a_next forgotten",
        lstm_cell_backward_dc_prev_without_da_next),
    "lstm-cell-backward-first-rows": Mutant(
        "lstm_cell_backward", "da_prev from W[:n_a, :] (rows), as v1's text says, not W[:, :n_a]",
        lstm_cell_backward_first_rows_for_da_prev),
    "lstm-backward-nothing-from-t-plus-1": Mutant(
        "lstm_backward", "da_prevt and dc_prevt never passed back: each step sees da[:, :, t] alone",
        lstm_backward_nothing_from_t_plus_1),
    "lstm-backward-da-prev-not-added": Mutant(
        "lstm_backward", "da_prevt kept but each step gets da[:, :, t] alone", lstm_backward_da_prev_not_added),
    "lstm-backward-dc-prev-not-carried": Mutant(
        "lstm_backward", "dc_prevt never passed back (stays 0)", lstm_backward_dc_prev_not_carried),
}


def mutant_namespace(name):
    """The notebook of manual_dnn.rnn with the mutant ``name``'s function in place of the solution's."""
    mutant = MUTANTS[name]
    helpers = [(f.__name__, f) for f in (_lstm_cell_backward, _lstm_backward)]
    return notebook_namespace((rnn_activations, lstm, rnn), [*helpers, (mutant.function, mutant.implementation)])

"""The LSTM of course 5 week 1, forward and backward, by hand in numpy.

With concat = [a_prev; xt] ((n_a + n_x, m)) and every W (n_a, n_a + n_x), every b (n_a, 1):

    ft = sigmoid(Wf concat + bf)    it = sigmoid(Wi concat + bi)    ot = sigmoid(Wo concat + bo)
    cct = tanh(Wc concat + bc)      c_next = ft * c_prev + it * cct     a_next = ot * tanh(c_next)
    yt_pred = softmax(Wy a_next + by)                                   Wy : (n_y, n_a), by : (n_y, 1)

The course's cache: ``(a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters)``; the
sequence starts from a0 and c = 0, and keeps ``(caches, x)``. The gradient keys are the course's
in every version: ``dxt, da_prev, dc_prev, dWf, dbf, dWi, dbi, dWc, dbc, dWo, dbo`` for a cell,
``dx, da0`` and the same eight for the sequence (the course returns no dc0).
"""

import numpy as np

from manual_dnn.rnn_activations import sigmoid, softmax
from manual_dnn.validation import as_matrix, as_sequence, require_keys, require_shape

__all__ = ["lstm_cell_forward", "lstm_forward", "lstm_cell_backward", "lstm_backward", "LSTM_PARAMETERS", "GATES"]

GATES = ("f", "i", "c", "o")  # forget, update ("input"), candidate, output: Wf/bf, Wi/bi, Wc/bc, Wo/bo
LSTM_PARAMETERS = ("Wf", "bf", "Wi", "bi", "Wc", "bc", "Wo", "bo", "Wy", "by")


def _checked(parameters, n_x):
    """parameters, with every W and b checked to fit n_a (from Wf), an input of n_x rows and Wy."""
    require_keys("parameters", parameters, LSTM_PARAMETERS)
    n_a = np.shape(parameters["Wf"])[0] if np.ndim(parameters["Wf"]) == 2 else 0
    n_y = np.shape(parameters["Wy"])[0] if np.ndim(parameters["Wy"]) == 2 else 0
    for gate in GATES:
        require_shape(f"parameters['W{gate}']", parameters[f"W{gate}"], (n_a, n_a + n_x))
        require_shape(f"parameters['b{gate}']", parameters[f"b{gate}"], (n_a, 1))
    require_shape("parameters['Wy']", parameters["Wy"], (n_y, n_a))
    require_shape("parameters['by']", parameters["by"], (n_y, 1))
    return parameters


def lstm_cell_forward(xt, a_prev, c_prev, parameters):
    """One step of the LSTM (the equations above).

    Parameters
    ----------
    xt : (n_x, m)   a_prev, c_prev : (n_a, m)   parameters : dict with Wf, bf, Wi, bi, Wc, bc, Wo, bo, Wy, by

    Returns
    -------
    a_next, c_next : (n_a, m), yt_pred : (n_y, m),
    cache : (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters)
    """
    xt = as_matrix("xt", xt)
    p = _checked(parameters, xt.shape[0])
    n_a, m = p["Wf"].shape[0], xt.shape[1]
    require_shape("a_prev", a_prev, (n_a, m))
    require_shape("c_prev", c_prev, (n_a, m))
    concat = np.concatenate([a_prev, xt], axis=0)  # (n_a + n_x, m)
    ft = sigmoid(p["Wf"] @ concat + p["bf"])
    it = sigmoid(p["Wi"] @ concat + p["bi"])
    cct = np.tanh(p["Wc"] @ concat + p["bc"])
    ot = sigmoid(p["Wo"] @ concat + p["bo"])
    c_next = ft * c_prev + it * cct
    a_next = ot * np.tanh(c_next)
    yt_pred = softmax(p["Wy"] @ a_next + p["by"])
    return a_next, c_next, yt_pred, (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters)


def lstm_forward(x, a0, parameters):
    """Every step in turn, from a0 and c = 0.

    Returns
    -------
    a : (n_a, m, T_x), y : (n_y, m, T_x), c : (n_a, m, T_x), caches : ([cache of each step], x)
    """
    x = as_sequence("x", x)
    n_x, m, T_x = x.shape
    p = _checked(parameters, n_x)
    n_a, n_y = p["Wf"].shape[0], p["Wy"].shape[0]
    a, c, y, caches = np.zeros((n_a, m, T_x)), np.zeros((n_a, m, T_x)), np.zeros((n_y, m, T_x)), []
    a_next, c_next = a0, np.zeros((n_a, m))
    for t in range(T_x):
        a_next, c_next, yt, cache = lstm_cell_forward(x[:, :, t], a_next, c_next, parameters)
        a[:, :, t], c[:, :, t], y[:, :, t] = a_next, c_next, yt
        caches.append(cache)
    return a, y, c, (caches, x)


def lstm_cell_backward(da_next, dc_next, cache):
    """The gradients of one step, given those of a_next and c_next.

    c_next receives dc_next and, through a_next = ot * tanh(c_next), da_next * ot * (1 - tanh^2):
    dc = dc_next + da_next * ot * (1 - tanh(c_next)^2). Each gate's gradient is taken at its
    pre-activation (the course's dft, dit, dcct, dot):

        dot = da_next * tanh(c_next) * ot (1 - ot)     dcct = dc * it * (1 - cct^2)
        dit = dc * cct * it (1 - it)                   dft = dc * c_prev * ft (1 - ft)

    then dW = d(gate) concat^T, db = its sum over the examples, d(concat) = sum of W^T d(gate),
    split into da_prev (its first n_a rows) and dxt (the rest), and dc_prev = dc * ft.

    Returns
    -------
    gradients : dict with dxt (n_x, m), da_prev, dc_prev (n_a, m), dWf, dWi, dWc, dWo (n_a, n_a + n_x),
    dbf, dbi, dbc, dbo (n_a, 1)
    """
    a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters = cache
    require_shape("da_next", da_next, np.shape(a_next))
    require_shape("dc_next", dc_next, np.shape(c_next))
    n_a = np.shape(a_next)[0]
    tanh_c = np.tanh(c_next)
    dc = dc_next + da_next * ot * (1 - tanh_c ** 2)  # (n_a, m): all that reaches c_next
    gate_gradients = {"o": da_next * tanh_c * ot * (1 - ot), "c": dc * it * (1 - cct ** 2),
                      "i": dc * cct * it * (1 - it), "f": dc * c_prev * ft * (1 - ft)}
    concat = np.concatenate([a_prev, xt], axis=0)
    gradients = {}
    dconcat = np.zeros(concat.shape)
    for gate in GATES:
        d = gate_gradients[gate]
        gradients[f"dW{gate}"] = d @ concat.T
        gradients[f"db{gate}"] = np.sum(d, axis=1, keepdims=True)
        dconcat += np.asarray(parameters[f"W{gate}"]).T @ d
    return {"dxt": dconcat[n_a:], "da_prev": dconcat[:n_a], "dc_prev": dc * ft, **gradients}


def lstm_backward(da, caches):
    """Backpropagation through time for the LSTM: from the last step to the first, each step
    gets da[:, :, t] plus the da_prev and dc_prev that came back from step t+1; the
    parameters' gradients add up over the steps.

    Parameters
    ----------
    da : (n_a, m, T_x)   caches : (caches, x) from lstm_forward; T_x is read from da, as the course does

    Returns
    -------
    gradients : dict with dx (n_x, m, T_x), da0 (n_a, m), dWf, dWi, dWc, dWo (n_a, n_a + n_x), dbf, dbi,
    dbc, dbo (n_a, 1)
    """
    step_caches, x = caches
    da = as_sequence("da", da)
    n_a, m, T_x = da.shape
    if len(step_caches) < T_x:
        raise ValueError(f"da has {T_x} time steps but caches hold {len(step_caches)}")
    n_x = np.shape(step_caches[0][8])[0]
    dx = np.zeros((n_x, m, T_x))
    totals = {f"d{p}{g}": np.zeros((n_a, n_a + n_x) if p == "W" else (n_a, 1)) for g in GATES for p in "Wb"}
    da_prevt, dc_prevt = np.zeros((n_a, m)), np.zeros((n_a, m))
    for t in reversed(range(T_x)):
        gradients = lstm_cell_backward(da[:, :, t] + da_prevt, dc_prevt, step_caches[t])
        dx[:, :, t] = gradients["dxt"]
        da_prevt, dc_prevt = gradients["da_prev"], gradients["dc_prev"]
        for key in totals:
            totals[key] = totals[key] + gradients[key]
    return {"dx": dx, "da0": da_prevt, **totals}

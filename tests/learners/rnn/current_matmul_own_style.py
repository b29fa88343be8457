"""C5W1A1 - my RNN and LSTM from scratch (forward graded, backward optional).

Written with @ and small helpers; the names and signatures are the notebook's.
"""
import numpy as np
from rnn_utils import softmax, sigmoid


def rnn_cell_forward(xt, a_prev, parameters):
    p = parameters
    a_next = np.tanh(p["Waa"] @ a_prev + p["Wax"] @ xt + p["ba"])
    yt_pred = softmax(p["Wya"] @ a_next + p["by"])
    return a_next, yt_pred, (a_next, a_prev, xt, parameters)


def rnn_forward(x, a0, parameters):
    n_x, m, T_x = x.shape
    n_y, n_a = parameters["Wya"].shape
    a, y_pred, caches = np.zeros((n_a, m, T_x)), np.zeros((n_y, m, T_x)), []
    a_next = a0
    for t in range(T_x):
        a_next, y_pred[..., t], cache = rnn_cell_forward(x[..., t], a_next, parameters)
        a[..., t] = a_next
        caches.append(cache)
    return a, y_pred, (caches, x)


def _gates(concat, p):
    f = sigmoid(p["Wf"] @ concat + p["bf"])
    i = sigmoid(p["Wi"] @ concat + p["bi"])
    cc = np.tanh(p["Wc"] @ concat + p["bc"])
    o = sigmoid(p["Wo"] @ concat + p["bo"])
    return f, i, cc, o


def lstm_cell_forward(xt, a_prev, c_prev, parameters):
    concat = np.vstack([a_prev, xt])
    ft, it, cct, ot = _gates(concat, parameters)
    c_next = ft * c_prev + it * cct
    a_next = ot * np.tanh(c_next)
    yt_pred = softmax(parameters["Wy"] @ a_next + parameters["by"])
    return a_next, c_next, yt_pred, (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters)


def lstm_forward(x, a0, parameters):
    n_x, m, T_x = x.shape
    n_y, n_a = parameters["Wy"].shape
    a, c, y = np.zeros((n_a, m, T_x)), np.zeros((n_a, m, T_x)), np.zeros((n_y, m, T_x))
    a_next, c_next, caches = a0, np.zeros_like(a0), []
    for t in range(T_x):
        a_next, c_next, y[..., t], cache = lstm_cell_forward(x[..., t], a_next, c_next, parameters)
        a[..., t], c[..., t] = a_next, c_next
        caches.append(cache)
    return a, y, c, (caches, x)


def rnn_cell_backward(da_next, cache):
    a_next, a_prev, xt, p = cache
    dz = da_next * (1 - a_next ** 2)
    return {"dxt": p["Wax"].T @ dz, "da_prev": p["Waa"].T @ dz, "dWax": dz @ xt.T, "dWaa": dz @ a_prev.T,
            "dba": dz.sum(axis=1, keepdims=True)}


def rnn_backward(da, caches):
    caches, x = caches
    n_a, m, T_x = da.shape
    grads = {"dx": np.zeros((x.shape[0], m, T_x)), "dWax": 0, "dWaa": 0, "dba": 0}
    da_prevt = np.zeros((n_a, m))
    for t in reversed(range(T_x)):
        g = rnn_cell_backward(da[..., t] + da_prevt, caches[t])
        grads["dx"][..., t], da_prevt = g["dxt"], g["da_prev"]
        for k in ("dWax", "dWaa", "dba"):
            grads[k] = grads[k] + g[k]
    grads["da0"] = da_prevt
    return grads


def lstm_cell_backward(da_next, dc_next, cache):
    a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, p = cache
    n_a = a_next.shape[0]
    dc = dc_next + da_next * ot * (1 - np.tanh(c_next) ** 2)
    d = {"o": da_next * np.tanh(c_next) * ot * (1 - ot), "c": dc * it * (1 - cct ** 2),
         "i": dc * cct * it * (1 - it), "f": dc * c_prev * ft * (1 - ft)}
    concat = np.vstack([a_prev, xt])
    grads = {}
    for g in "fico":
        grads["dW" + g] = d[g] @ concat.T
        grads["db" + g] = d[g].sum(axis=1, keepdims=True)
    dconcat = sum(p["W" + g].T @ d[g] for g in "fico")
    grads.update(dxt=dconcat[n_a:], da_prev=dconcat[:n_a], dc_prev=dc * ft)
    return grads


def lstm_backward(da, caches):
    caches, x = caches
    n_a, m, T_x = da.shape
    keys = ["dWf", "dbf", "dWi", "dbi", "dWc", "dbc", "dWo", "dbo"]
    grads = dict.fromkeys(keys, 0)
    dx = np.zeros((x.shape[0], m, T_x))
    da_prevt, dc_prevt = np.zeros((n_a, m)), np.zeros((n_a, m))
    for t in reversed(range(T_x)):
        g = lstm_cell_backward(da[..., t] + da_prevt, dc_prevt, caches[t])
        dx[..., t], da_prevt, dc_prevt = g["dxt"], g["da_prev"], g["dc_prev"]
        for k in keys:
            grads[k] = grads[k] + g[k]
    return {"dx": dx, "da0": da_prevt, **grads}


if __name__ == "__main__":
    np.random.seed(1)
    x, a0 = np.random.randn(3, 10, 4), np.random.randn(5, 10)
    params = {"Wax": np.random.randn(5, 3), "Waa": np.random.randn(5, 5), "Wya": np.random.randn(2, 5),
              "ba": np.random.randn(5, 1), "by": np.random.randn(2, 1)}
    a, y, caches = rnn_forward(x, a0, params)
    print(rnn_backward(np.random.randn(5, 10, 4), caches)["dx"][1][2])

"""Course 5, week 1: "Building your Recurrent Neural Network: Step by Step", by hand in numpy.

This module is the notebook's namespace: the basic RNN (here), the LSTM (manual_dnn.lstm) and
rnn_utils' softmax and sigmoid (manual_dnn.rnn_activations). Shapes, examples as columns and
time last:

    x : (n_x, m, T_x)     xt = x[:, :, t] : (n_x, m)     a0, a_prev, a_next : (n_a, m)
    a : (n_a, m, T_x)     y_pred : (n_y, m, T_x)          da : (n_a, m, T_x)
    Wax : (n_a, n_x)   Waa : (n_a, n_a)   ba : (n_a, 1)   Wya : (n_y, n_a)   by : (n_y, 1)

a<t> = tanh(Wax x<t> + Waa a<t-1> + ba), y<t> = softmax(Wya a<t> + by), with a<-1> = a0.
The caches are the course's: ``(a_next, a_prev, xt, parameters)`` per step and
``(caches, x)`` for the sequence. The backward passes start at the hidden states: ``da`` is the
gradient of the loss with respect to every a<t> (the softmax layer's share is computed
elsewhere, as the course says), so nothing is divided by m. Their keys are the course's in
every version: ``dxt, da_prev, dWax, dWaa, dba`` for a cell, ``dx, da0, dWax, dWaa, dba`` for the
sequence. Nothing is written into an argument; shapes that do not fit raise a ValueError.
"""

import numpy as np

from manual_dnn.lstm import lstm_backward, lstm_cell_backward, lstm_cell_forward, lstm_forward
from manual_dnn.rnn_activations import sigmoid, softmax
from manual_dnn.validation import as_matrix, as_sequence, require_keys, require_shape

__all__ = ["softmax", "sigmoid", "rnn_cell_forward", "rnn_forward", "rnn_cell_backward", "rnn_backward",
           "lstm_cell_forward", "lstm_forward", "lstm_cell_backward", "lstm_backward"]

RNN_PARAMETERS = ("Wax", "Waa", "Wya", "ba", "by")


def _weights(parameters, n_x):
    """(Wax, Waa, Wya, ba, by), checked to fit together and an input of n_x rows."""
    require_keys("parameters", parameters, RNN_PARAMETERS)
    Wax, Waa, Wya, ba, by = (np.asarray(parameters[k]) for k in RNN_PARAMETERS)
    n_a = Waa.shape[0] if Waa.ndim == 2 else 0
    n_y = Wya.shape[0] if Wya.ndim == 2 else 0
    for name, array, shape in (("Wax", Wax, (n_a, n_x)), ("Waa", Waa, (n_a, n_a)), ("Wya", Wya, (n_y, n_a)),
                               ("ba", ba, (n_a, 1)), ("by", by, (n_y, 1))):
        require_shape(f"parameters['{name}']", array, shape)
    return Wax, Waa, Wya, ba, by


def rnn_cell_forward(xt, a_prev, parameters):
    """One step: a_next = tanh(Wax xt + Waa a_prev + ba), yt_pred = softmax(Wya a_next + by).

    Parameters
    ----------
    xt : (n_x, m)   a_prev : (n_a, m)   parameters : dict with Wax, Waa, Wya, ba, by

    Returns
    -------
    a_next : (n_a, m), yt_pred : (n_y, m), cache : (a_next, a_prev, xt, parameters)
    """
    xt = as_matrix("xt", xt)
    Wax, Waa, Wya, ba, by = _weights(parameters, xt.shape[0])
    require_shape("a_prev", a_prev, (Waa.shape[0], xt.shape[1]))
    a_next = np.tanh(Wax @ xt + Waa @ a_prev + ba)
    yt_pred = softmax(Wya @ a_next + by)
    return a_next, yt_pred, (a_next, a_prev, xt, parameters)


def rnn_forward(x, a0, parameters):
    """Every step in turn, from a0.

    Parameters
    ----------
    x : (n_x, m, T_x)   a0 : (n_a, m)   parameters : as rnn_cell_forward's

    Returns
    -------
    a : (n_a, m, T_x), y_pred : (n_y, m, T_x), caches : ([cache of each step], x)
    """
    x = as_sequence("x", x)
    n_x, m, T_x = x.shape
    n_y, n_a = _weights(parameters, n_x)[2].shape
    a, y_pred, caches = np.zeros((n_a, m, T_x)), np.zeros((n_y, m, T_x)), []
    a_next = a0
    for t in range(T_x):
        a_next, yt_pred, cache = rnn_cell_forward(x[:, :, t], a_next, parameters)
        a[:, :, t], y_pred[:, :, t] = a_next, yt_pred
        caches.append(cache)
    return a, y_pred, (caches, x)


def rnn_cell_backward(da_next, cache):
    """The gradients of one step, given da_next, the gradient of the loss with respect to a_next.

    With dz = da_next * (1 - a_next^2), the gradient at tanh's input (the course's ``dtanh``):
    dxt = Wax^T dz, da_prev = Waa^T dz, dWax = dz xt^T, dWaa = dz a_prev^T, dba = sum of dz over
    the examples.

    Returns
    -------
    gradients : dict with dxt (n_x, m), da_prev (n_a, m), dWax (n_a, n_x), dWaa (n_a, n_a), dba (n_a, 1)
    """
    a_next, a_prev, xt, parameters = cache
    require_shape("da_next", da_next, np.shape(a_next))
    Wax, Waa = np.asarray(parameters["Wax"]), np.asarray(parameters["Waa"])
    dz = da_next * (1 - a_next ** 2)  # (n_a, m)
    return {"dxt": Wax.T @ dz, "da_prev": Waa.T @ dz, "dWax": dz @ xt.T, "dWaa": dz @ a_prev.T,
            "dba": np.sum(dz, axis=1, keepdims=True)}


def rnn_backward(da, caches):
    """Backpropagation through time: from the last step to the first, each step gets its own
    upstream gradient da[:, :, t] plus what came back from step t+1 (da_prev), and the
    parameters' gradients add up over the steps.

    Parameters
    ----------
    da : (n_a, m, T_x), the gradient of the loss with respect to each hidden state
    caches : (caches, x) from rnn_forward; T_x is read from da, as the course does

    Returns
    -------
    gradients : dict with dx (n_x, m, T_x), da0 (n_a, m), dWax (n_a, n_x), dWaa (n_a, n_a), dba (n_a, 1)
    """
    step_caches, x = caches
    da = as_sequence("da", da)
    n_a, m, T_x = da.shape
    if len(step_caches) < T_x:
        raise ValueError(f"da has {T_x} time steps but caches hold {len(step_caches)}")
    _, _, x1, parameters = step_caches[0]
    n_x = np.shape(x1)[0]
    dx = np.zeros((n_x, m, T_x))
    totals = {"dWax": np.zeros((n_a, n_x)), "dWaa": np.zeros((n_a, n_a)), "dba": np.zeros((n_a, 1))}
    da_prevt = np.zeros((n_a, m))
    for t in reversed(range(T_x)):
        gradients = rnn_cell_backward(da[:, :, t] + da_prevt, step_caches[t])
        dx[:, :, t], da_prevt = gradients["dxt"], gradients["da_prev"]
        for key in totals:
            totals[key] = totals[key] + gradients[key]
    return {"dx": dx, "da0": da_prevt, **totals}

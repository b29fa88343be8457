"""reference.assignments.rnn.math as float64 numpy oracles at one padded shape each.

JAX compiles once per shape (about a second for a scan and its VJP), and Hypothesis draws
hundreds of shapes; so every case is padded to rnn_strategies' MAX_* bounds, which changes
nothing in its real entries:

- inputs, examples, hidden units and time steps are padded with zeros; a padded hidden unit
  has zero weights and bias and a zero state, so it stays 0 (tanh(0) = 0; in the LSTM
  c = sigmoid(0) c_prev + sigmoid(0) tanh(0) = 0 from c_prev = 0, and a = sigmoid(0) tanh(0) = 0),
  its outgoing weights are 0, and its upstream gradient is 0; padded steps come after the real
  ones, with zero upstream gradient, so they send nothing back;
- the LSTM's W (n_a, n_a + n_x) is padded block by block, its a-columns and its x-columns
  apart, so that concat = [a_prev; xt] lines up;
- padded output rows get a bias of -1000 before the softmax: exp(-1000) is 0 in float64.
"""

import jax
import numpy as np

from reference.assignments.rnn import math
from tests.property.rnn_strategies import MAX_A, MAX_M, MAX_T, MAX_X, MAX_Y

GATES = ("f", "i", "c", "o")


def _pad(a, shape, fill=0.0):
    a = np.asarray(a, dtype=np.float64)
    out = np.full(shape, fill)
    out[tuple(slice(0, n) for n in a.shape)] = a
    return out


def _pad_gate(W, n_a):
    """W (n_a, n_a + n_x) -> (MAX_A, MAX_A + MAX_X), its a-block and x-block apart."""
    out = np.zeros((MAX_A, MAX_A + MAX_X))
    out[:n_a, :n_a] = W[:, :n_a]
    out[:n_a, MAX_A:MAX_A + W.shape[1] - n_a] = W[:, n_a:]
    return out


def _unpad_gate(W, n_a, n_x):
    return np.concatenate([W[:n_a, :n_a], W[:n_a, MAX_A:MAX_A + n_x]], axis=1)


def _rnn_weights(p):
    return (_pad(p["Wax"], (MAX_A, MAX_X)), _pad(p["Waa"], (MAX_A, MAX_A)), _pad(p["Wya"], (MAX_Y, MAX_A)),
            _pad(p["ba"], (MAX_A, 1)), _pad(p["by"], (MAX_Y, 1), -1000.0))


def _lstm_weights(p):
    n_a = p["Wf"].shape[0]
    gates = []
    for g in GATES:
        gates += [_pad_gate(p[f"W{g}"], n_a), _pad(p[f"b{g}"], (MAX_A, 1))]
    return (*gates, _pad(p["Wy"], (MAX_Y, MAX_A)), _pad(p["by"], (MAX_Y, 1), -1000.0))


def _numpy(tree):
    with jax.enable_x64(True):
        return jax.tree_util.tree_map(np.asarray, tree)


_rnn_cell = jax.jit(math.rnn_cell_outputs)
_rnn_sequence = jax.jit(math.rnn_sequence_outputs)
_lstm_cell = jax.jit(math.lstm_cell_outputs)
_lstm_sequence = jax.jit(math.lstm_sequence_outputs)


@jax.jit
def _rnn_cell_vjp(cotangent, *inputs):
    return jax.vjp(math.rnn_cell, *inputs)[1](cotangent)


@jax.jit
def _rnn_sequence_vjp(cotangent, *inputs):
    return jax.vjp(math.rnn_sequence, *inputs)[1](cotangent)


@jax.jit
def _lstm_cell_vjp(cotangents, *inputs):
    return jax.vjp(math.lstm_cell, *inputs)[1](cotangents)


@jax.jit
def _lstm_sequence_vjp(cotangent, *inputs):
    return jax.vjp(math.lstm_sequence, *inputs)[1](cotangent)


def _run(function, *args):
    with jax.enable_x64(True):
        return _numpy(function(*args))


# ---------------------------------------------------------------- the forwards

_softmax = jax.jit(math.softmax)


def softmax(z):
    n, m = z.shape
    return _run(_softmax, _pad(z, (MAX_Y, MAX_M), -1000.0))[:n, :m]


def rnn_cell(xt, a_prev, p):
    """(a_next, yt_pred) of rnn_cell_forward."""
    n_a, m = a_prev.shape
    n_y = p["Wya"].shape[0]
    Wax, Waa, Wya, ba, by = _rnn_weights(p)
    a, y = _run(_rnn_cell, _pad(xt, (MAX_X, MAX_M)), _pad(a_prev, (MAX_A, MAX_M)), Wax, Waa, Wya, ba, by)
    return a[:n_a, :m], y[:n_y, :m]


def rnn_sequence(x, a0, p):
    """(a, y_pred) of rnn_forward."""
    n_a, m = a0.shape
    n_y, T_x = p["Wya"].shape[0], x.shape[2]
    a, y = _run(_rnn_sequence, _pad(x, (MAX_X, MAX_M, MAX_T)), _pad(a0, (MAX_A, MAX_M)), *_rnn_weights(p))
    return a[:n_a, :m, :T_x], y[:n_y, :m, :T_x]


def lstm_cell(xt, a_prev, c_prev, p):
    """(a_next, c_next, yt_pred) of lstm_cell_forward."""
    n_a, m = a_prev.shape
    n_y = p["Wy"].shape[0]
    a, c, y = _run(_lstm_cell, _pad(xt, (MAX_X, MAX_M)), _pad(a_prev, (MAX_A, MAX_M)), _pad(c_prev, (MAX_A, MAX_M)),
                   *_lstm_weights(p))
    return a[:n_a, :m], c[:n_a, :m], y[:n_y, :m]


def lstm_sequence(x, a0, p):
    """(a, y, c) of lstm_forward."""
    n_a, m = a0.shape
    n_y, T_x = p["Wy"].shape[0], x.shape[2]
    a, y, c = _run(_lstm_sequence, _pad(x, (MAX_X, MAX_M, MAX_T)), _pad(a0, (MAX_A, MAX_M)), *_lstm_weights(p))
    return a[:n_a, :m, :T_x], y[:n_y, :m, :T_x], c[:n_a, :m, :T_x]


# ---------------------------------------------------------------- the gradients (VJPs)

def rnn_cell_gradients(da_next, xt, a_prev, p):
    """{dxt, da_prev, dWax, dWaa, dba}: the VJP of a_next with da_next."""
    n_x, m = xt.shape
    n_a = a_prev.shape[0]
    Wax, Waa, _, ba, _ = _rnn_weights(p)
    g = _run(_rnn_cell_vjp, _pad(da_next, (MAX_A, MAX_M)), _pad(xt, (MAX_X, MAX_M)), _pad(a_prev, (MAX_A, MAX_M)),
             Wax, Waa, ba)
    return {"dxt": g[0][:n_x, :m], "da_prev": g[1][:n_a, :m], "dWax": g[2][:n_a, :n_x], "dWaa": g[3][:n_a, :n_a],
            "dba": g[4][:n_a]}


def rnn_sequence_gradients(da, x, a0, p):
    """{dx, da0, dWax, dWaa, dba}: the VJP of every hidden state with da (T_x of da's, from the first)."""
    n_x, m, _ = x.shape
    n_a, T_x = a0.shape[0], da.shape[2]
    Wax, Waa, _, ba, _ = _rnn_weights(p)
    g = _run(_rnn_sequence_vjp, _pad(da, (MAX_A, MAX_M, MAX_T)), _pad(x, (MAX_X, MAX_M, MAX_T)),
             _pad(a0, (MAX_A, MAX_M)), Wax, Waa, ba)
    return {"dx": g[0][:n_x, :m, :T_x], "da0": g[1][:n_a, :m], "dWax": g[2][:n_a, :n_x], "dWaa": g[3][:n_a, :n_a],
            "dba": g[4][:n_a]}


def _gate_gradients(found, n_a, n_x):
    out = {}
    for k, g in enumerate(GATES):
        out[f"dW{g}"] = _unpad_gate(found[2 * k], n_a, n_x)
        out[f"db{g}"] = found[2 * k + 1][:n_a]
    return out


def lstm_cell_gradients(da_next, dc_next, xt, a_prev, c_prev, p):
    """{dxt, da_prev, dc_prev, dW*, db*}: the VJP of (a_next, c_next) with (da_next, dc_next)."""
    n_x, m = xt.shape
    n_a = a_prev.shape[0]
    weights = _lstm_weights(p)[:8]
    g = _run(_lstm_cell_vjp, (_pad(da_next, (MAX_A, MAX_M)), _pad(dc_next, (MAX_A, MAX_M))),
             _pad(xt, (MAX_X, MAX_M)), _pad(a_prev, (MAX_A, MAX_M)), _pad(c_prev, (MAX_A, MAX_M)), *weights)
    return {"dxt": g[0][:n_x, :m], "da_prev": g[1][:n_a, :m], "dc_prev": g[2][:n_a, :m],
            **_gate_gradients(g[3:], n_a, n_x)}


def lstm_sequence_gradients(da, x, a0, p):
    """{dx, da0, dW*, db*}: the VJP of every hidden state with da (T_x of da's, from the first)."""
    n_x, m, _ = x.shape
    n_a, T_x = a0.shape[0], da.shape[2]
    weights = _lstm_weights(p)[:8]
    g = _run(_lstm_sequence_vjp, _pad(da, (MAX_A, MAX_M, MAX_T)), _pad(x, (MAX_X, MAX_M, MAX_T)),
             _pad(a0, (MAX_A, MAX_M)), *weights)
    return {"dx": g[0][:n_x, :m, :T_x], "da0": g[1][:n_a, :m], **_gate_gradients(g[2:], n_a, n_x)}


# ---------------------------------------------------------------- the LSTM's math at a padded point

def padded_lstm_point(x, a0, p):
    """[x, a0, Wf, bf, Wi, bi, Wc, bc, Wo, bo] of a drawn case, padded to the bounds."""
    return [_pad(x, (MAX_X, MAX_M, MAX_T)), _pad(a0, (MAX_A, MAX_M)), *_lstm_weights(p)[:8]]


def _flat_phi(flat, da, shapes):
    parts, start = [], 0
    for shape in shapes:
        size = int(np.prod(shape))
        parts.append(flat[start:start + size].reshape(shape))
        start += size
    return (da * math.lstm_sequence(*parts)).sum()


_phi = jax.jit(_flat_phi, static_argnums=2)
_gradient = jax.jit(jax.grad(_flat_phi), static_argnums=2)


def lstm_phi_and_gradient(inputs, da):
    """(phi(flat) = <da, lstm_sequence(inputs read from flat)>, flat, JAX's gradient of phi at flat),
    at the padded point ``inputs`` (padded_lstm_point) and a padded da."""
    shapes = tuple(np.shape(a) for a in inputs)
    flat = np.concatenate([np.ravel(a) for a in inputs])
    da = _pad(da, (MAX_A, MAX_M, MAX_T))

    def phi(point):
        with jax.enable_x64(True):
            return np.asarray(_phi(point, da, shapes))
    return phi, flat, _run(_gradient, flat, da, shapes)

"""Stanford CS231n's assignment 3 ``cs231n/rnn_layers.py``, hand-written in numpy: the vanilla RNN and the LSTM,
a step and a whole sequence, word embeddings, the temporal affine layer and the masked softmax loss.

Shapes are the course's, examples first and time second: x (N, T, D), hidden states h (N, T, H), a step's
x (N, D) and h (N, H); Wx (D, H) and Wh (H, H), b (H,) -- an LSTM's are 4H wide, its gates in the order
input, forget, output, candidate (i, f, o, g). A sequence starts from h0 (and, for the LSTM, a zero cell
state). Every forward returns ``(out, cache)``, every backward the gradients of its inputs in order.
"""

import numpy as np

__all__ = ["rnn_step_forward", "rnn_step_backward", "rnn_forward", "rnn_backward", "word_embedding_forward",
           "word_embedding_backward", "sigmoid", "lstm_step_forward", "lstm_step_backward", "lstm_forward",
           "lstm_backward", "temporal_affine_forward", "temporal_affine_backward", "temporal_softmax_loss"]


def rnn_step_forward(x, prev_h, Wx, Wh, b):
    """next_h = tanh(x Wx + prev_h Wh + b), (N, H)."""
    next_h = np.tanh(x @ Wx + prev_h @ Wh + b)
    return next_h, (x, prev_h, Wx, Wh, next_h)


def rnn_step_backward(dnext_h, cache):
    """dx (N, D), dprev_h (N, H), dWx, dWh, db; tanh' = 1 - next_h**2."""
    x, prev_h, Wx, Wh, next_h = cache
    da = dnext_h * (1 - next_h ** 2)
    return da @ Wx.T, da @ Wh.T, x.T @ da, prev_h.T @ da, da.sum(axis=0)


def rnn_forward(x, h0, Wx, Wh, b):
    """Every hidden state h (N, T, H) of x (N, T, D), from h0 (N, H)."""
    N, T, _ = x.shape
    h, caches, prev = np.zeros((N, T, h0.shape[1])), [], h0
    for t in range(T):
        prev, cache = rnn_step_forward(x[:, t], prev, Wx, Wh, b)
        h[:, t] = prev
        caches.append(cache)
    return h, caches


def rnn_backward(dh, cache):
    """dx, dh0, dWx, dWh, db from dh (N, T, H), the upstream gradient of every hidden state: each step gets
    its own dh[:, t] plus what flows back from step t + 1."""
    N, T, H = dh.shape
    x0, _, Wx, Wh, _ = cache[0]
    dx, dWx, dWh, db = np.zeros((N, T, x0.shape[1])), np.zeros_like(Wx), np.zeros_like(Wh), np.zeros(H)
    dprev = np.zeros((N, H))
    for t in reversed(range(T)):
        dx[:, t], dprev, dWx_t, dWh_t, db_t = rnn_step_backward(dh[:, t] + dprev, cache[t])
        dWx, dWh, db = dWx + dWx_t, dWh + dWh_t, db + db_t
    return dx, dprev, dWx, dWh, db


def word_embedding_forward(x, W):
    """out (N, T, D): the row of W (V, D) of each word index in x (N, T)."""
    return W[x], (x, W.shape)


def word_embedding_backward(dout, cache):
    """dW (V, D): each word's rows of dout summed, a word used twice twice (np.add.at, not dW[x] += dout)."""
    x, shape = cache
    dW = np.zeros(shape)
    np.add.at(dW, x, dout)
    return dW


def sigmoid(x):
    """The course's numerically stable logistic function."""
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + z), z / (1 + z))


def lstm_step_forward(x, prev_h, prev_c, Wx, Wh, b):
    """(next_h, next_c, cache): gates a = x Wx + prev_h Wh + b (N, 4H), split i, f, o, g."""
    H = prev_h.shape[1]
    a = x @ Wx + prev_h @ Wh + b
    i, f, o, g = sigmoid(a[:, :H]), sigmoid(a[:, H:2 * H]), sigmoid(a[:, 2 * H:3 * H]), np.tanh(a[:, 3 * H:])
    next_c = f * prev_c + i * g
    next_h = o * np.tanh(next_c)
    return next_h, next_c, (x, prev_h, prev_c, Wx, Wh, i, f, o, g, next_c)


def lstm_step_backward(dnext_h, dnext_c, cache):
    """dx, dprev_h, dprev_c, dWx, dWh, db: the cell state gets dnext_c and next_h's share through tanh."""
    x, prev_h, prev_c, Wx, Wh, i, f, o, g, next_c = cache
    tanh_c = np.tanh(next_c)
    dc = dnext_c + dnext_h * o * (1 - tanh_c ** 2)
    da = np.hstack([dc * g * i * (1 - i), dc * prev_c * f * (1 - f), dnext_h * tanh_c * o * (1 - o),
                    dc * i * (1 - g ** 2)])  # (N, 4H), the gates' order
    return da @ Wx.T, da @ Wh.T, dc * f, x.T @ da, prev_h.T @ da, da.sum(axis=0)


def lstm_forward(x, h0, Wx, Wh, b):
    """Every hidden state h (N, T, H), from h0 and a zero cell state (the cell states are not returned)."""
    N, T, _ = x.shape
    h, caches = np.zeros((N, T, h0.shape[1])), []
    prev_h, prev_c = h0, np.zeros_like(h0)
    for t in range(T):
        prev_h, prev_c, cache = lstm_step_forward(x[:, t], prev_h, prev_c, Wx, Wh, b)
        h[:, t] = prev_h
        caches.append(cache)
    return h, caches


def lstm_backward(dh, cache):
    """dx, dh0, dWx, dWh, db; the cell state's gradient flows back through time too (0 after the last step)."""
    N, T, H = dh.shape
    x0, _, _, Wx, Wh = cache[0][:5]
    dx, dWx, dWh, db = np.zeros((N, T, x0.shape[1])), np.zeros_like(Wx), np.zeros_like(Wh), np.zeros(4 * H)
    dprev_h, dprev_c = np.zeros((N, H)), np.zeros((N, H))
    for t in reversed(range(T)):
        dx[:, t], dprev_h, dprev_c, dWx_t, dWh_t, db_t = lstm_step_backward(dh[:, t] + dprev_h, dprev_c, cache[t])
        dWx, dWh, db = dWx + dWx_t, dWh + dWh_t, db + db_t
    return dx, dprev_h, dWx, dWh, db


def temporal_affine_forward(x, w, b):
    """out (N, T, M) = x (N, T, D) w (D, M) + b (M,), the same affine layer at every step."""
    return x @ w + b, (x, w)


def temporal_affine_backward(dout, cache):
    x, w = cache
    return dout @ w.T, np.einsum("ntd,ntm->dm", x, dout), dout.sum(axis=(0, 1))


def temporal_softmax_loss(x, y, mask, verbose=False):
    """Softmax cross-entropy of scores x (N, T, V) at labels y (N, T), only where mask (N, T) is true,
    summed over time and averaged over the N sequences: (loss, dx)."""
    N, T, V = x.shape
    flat, labels, keep = x.reshape(N * T, V), y.reshape(N * T), mask.reshape(N * T)
    shifted = flat - flat.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    loss = -np.sum(keep * log_probs[np.arange(N * T), labels]) / N
    dflat = np.exp(log_probs)
    dflat[np.arange(N * T), labels] -= 1
    dflat *= keep[:, None] / N
    if verbose:
        print("dx_flat:", dflat.shape)
    return loss, dflat.reshape(N, T, V)

"""Course 5 week 1's math in jax.numpy: what its functions are judged against.

Each function takes the parameters one by one (the engine differentiates by input) and
runs the time steps with ``lax.scan`` (one compilation per shape, whatever T_x). tanh, the
sigmoid and softmax are analytic, so the same functions give the VJP, central differences
and the complex step. Shapes as manual_dnn.rnn's: x (n_x, m, T_x), a0 (n_a, m), time last.

The backward functions' math stops at the hidden states, as the course's backward passes
do: a cell's output is a_next (and c_next for the LSTM), a sequence's is a (n_a, m, T_x).
The LSTM sequence starts from c = 0, as the course's lstm_forward.
"""

import jax.numpy as jnp
from jax import lax

from reference.engine import ops


def softmax(x):
    return ops.softmax(x, axis=0)


def softmax_over_time(z):
    """softmax down the first axis of (n_y, m, T_x), every step and example apart."""
    return ops.softmax(z, axis=0)


def rnn_cell(xt, a_prev, Wax, Waa, ba):
    """a_next = tanh(Wax xt + Waa a_prev + ba)."""
    return ops.tanh(Wax @ xt + Waa @ a_prev + ba)


def rnn_cell_outputs(xt, a_prev, Wax, Waa, Wya, ba, by):
    """(a_next, yt_pred) of one step."""
    a_next = rnn_cell(xt, a_prev, Wax, Waa, ba)
    return a_next, softmax(Wya @ a_next + by)


def _over_time(step, carry, x):
    """``step(carry, xt) -> (carry, outputs)`` over x's last axis; the outputs stacked with time last."""
    _, outputs = lax.scan(step, carry, jnp.moveaxis(x, -1, 0))
    return tuple(jnp.moveaxis(o, 0, -1) for o in outputs)


def _common(state, *inputs):
    """``state`` in the dtype of the whole computation: the scan's carry keeps one type, so a real a0
    meets a complex x (the complex step perturbs one input at a time) as complex."""
    return state.astype(jnp.result_type(state, *inputs))


def rnn_sequence(x, a0, Wax, Waa, ba):
    """a (n_a, m, T_x): every hidden state."""
    def step(a_prev, xt):
        a_next = rnn_cell(xt, a_prev, Wax, Waa, ba)
        return a_next, (a_next,)
    return _over_time(step, _common(a0, x, Wax, Waa, ba), x)[0]


def rnn_sequence_outputs(x, a0, Wax, Waa, Wya, ba, by):
    """(a, y_pred) of rnn_forward."""
    a = rnn_sequence(x, a0, Wax, Waa, ba)
    return a, softmax_over_time(jnp.einsum("ya,amt->ymt", Wya, a) + by[:, :, None])


def lstm_cell(xt, a_prev, c_prev, Wf, bf, Wi, bi, Wc, bc, Wo, bo):
    """(a_next, c_next) of one LSTM step."""
    concat = jnp.concatenate([a_prev, xt], axis=0)
    ft = ops.sigmoid(Wf @ concat + bf)
    it = ops.sigmoid(Wi @ concat + bi)
    cct = ops.tanh(Wc @ concat + bc)
    ot = ops.sigmoid(Wo @ concat + bo)
    c_next = ft * c_prev + it * cct
    return ot * ops.tanh(c_next), c_next


def lstm_cell_outputs(xt, a_prev, c_prev, Wf, bf, Wi, bi, Wc, bc, Wo, bo, Wy, by):
    """(a_next, c_next, yt_pred) of lstm_cell_forward."""
    a_next, c_next = lstm_cell(xt, a_prev, c_prev, Wf, bf, Wi, bi, Wc, bc, Wo, bo)
    return a_next, c_next, softmax(Wy @ a_next + by)


def lstm_states(x, a0, Wf, bf, Wi, bi, Wc, bc, Wo, bo):
    """(a, c), each (n_a, m, T_x), from a0 and c = 0."""
    def step(state, xt):
        a_next, c_next = lstm_cell(xt, *state, Wf, bf, Wi, bi, Wc, bc, Wo, bo)
        return (a_next, c_next), (a_next, c_next)
    a0 = _common(a0, x, Wf, bf, Wi, bi, Wc, bc, Wo, bo)
    return _over_time(step, (a0, jnp.zeros_like(a0)), x)


def lstm_sequence(x, a0, Wf, bf, Wi, bi, Wc, bc, Wo, bo):
    """a (n_a, m, T_x): every hidden state (what lstm_backward's da is the gradient of)."""
    return lstm_states(x, a0, Wf, bf, Wi, bi, Wc, bc, Wo, bo)[0]


def lstm_sequence_outputs(x, a0, Wf, bf, Wi, bi, Wc, bc, Wo, bo, Wy, by):
    """(a, y, c) of lstm_forward."""
    a, c = lstm_states(x, a0, Wf, bf, Wi, bi, Wc, bc, Wo, bo)
    return a, softmax_over_time(jnp.einsum("ya,amt->ymt", Wy, a) + by[:, :, None]), c

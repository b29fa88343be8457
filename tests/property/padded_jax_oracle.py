"""The JAX oracles at one padded shape per depth, for the properties.

Hypothesis draws hundreds of shapes and JAX compiles once per shape (about
0.2 s each), which would dominate the suite. Padding every layer to MAX_UNITS
units and every batch to MAX_EXAMPLES examples (the strategies' bounds)
changes nothing in the real entries (padded units have zero weights and bias,
so they output relu(0) = 0 with derivative 0; padded examples are masked out
of the cost) and leaves one compiled function per depth.
"""

from functools import partial

import jax
import numpy as np

from reference.oracles import jax_network as jnet
from tests.property.bounds import MAX_EXAMPLES as EXAMPLES
from tests.property.bounds import MAX_UNITS as UNITS


def _pad(a, rows, cols):
    out = np.zeros((rows, cols))
    out[: a.shape[0], : a.shape[1]] = a
    return out


def _pad_weights(weights):
    L = len(weights)
    return [(_pad(W, 1 if l == L else UNITS, UNITS), _pad(b, 1 if l == L else UNITS, 1))
            for l, (W, b) in enumerate(weights, start=1)]


@partial(jax.jit, static_argnames="activation")
def _layer_vjp(cotangent, A_prev, W, b, activation):
    if activation is None:
        f = jnet.linear
    else:
        def f(A_, W_, b_):
            return jnet.activate(jnet.linear(A_, W_, b_), activation)
    return jax.vjp(f, A_prev, W, b)[1](cotangent)


@jnet.float64_oracle
def layer_backward(cotangent, A_prev, W, b, activation=None):
    """(dA_prev, dW / m, db / m): jnet.linear_backward or linear_activation_backward, padded."""
    (n_prev, m), n = A_prev.shape, W.shape[0]
    raw = _layer_vjp(_pad(cotangent, UNITS, EXAMPLES), _pad(A_prev, UNITS, EXAMPLES),
                     _pad(W, UNITS, UNITS), _pad(b, UNITS, 1), activation)
    dA_prev, dW, db = (np.asarray(g) for g in raw)
    return dA_prev[:n_prev, :m], dW[:n, :n_prev] / m, db[:n] / m


@partial(jax.jit, static_argnames="activation")
def _activation_vjp(dA, Z, activation):
    return jax.vjp(jnet.ACTIVATIONS[activation], Z)[1](dA)[0]


@jnet.float64_oracle
def activation_backward(dA, Z, activation):
    return np.asarray(_activation_vjp(_pad(dA, UNITS, EXAMPLES), _pad(Z, UNITS, EXAMPLES), activation))[
        : Z.shape[0], : Z.shape[1]]


_forward = jax.jit(jnet.forward)


@jnet.float64_oracle
def forward(X, weights):
    """(AL, [Z1, ..., ZL]) as jnet.forward."""
    m = X.shape[1]
    AL, Zs = _forward(_pad(X, UNITS, EXAMPLES), _pad_weights(weights))
    return np.asarray(AL)[:, :m], [np.asarray(Z)[: W.shape[0], :m] for Z, (W, _) in zip(Zs, weights)]


def model_backward(X, weights, Y):
    """jnet.model_backward, padded: every key of the seed's grads."""
    m = X.shape[1]
    mask = _pad(np.ones((1, m)), 1, EXAMPLES)
    # Padded examples repeat example 0 rather than being zeros: masked out, they
    # still pass through log(AL) and log(1 - AL), which must stay finite there
    # (a zero column could saturate AL to exactly 1 when a real one is near it).
    padded_X = _pad(X, UNITS, EXAMPLES)
    padded_X[:, m:] = padded_X[:, :1]
    grads = jnet.model_backward(padded_X, _pad_weights(weights), _pad(Y, 1, EXAMPLES), mask)
    shapes = {f"dA{l}": (W.shape[1], m) for l, (W, _) in enumerate(weights)}
    for l, (W, b) in enumerate(weights, start=1):
        shapes[f"dW{l}"], shapes[f"db{l}"] = W.shape, b.shape
    return {k: grads[k][: shapes[k][0], : shapes[k][1]] for k in shapes}


@jax.jit
def _layer_forward(A_prev, W, b):
    Z = jnet.linear(A_prev, W, b)
    return Z, jnet.activate(Z, "relu"), jnet.activate(Z, "sigmoid")


@jnet.float64_oracle
def layer_forward(A_prev, W, b):
    """(Z, relu(Z), sigmoid(Z)) of one layer."""
    n, m = W.shape[0], A_prev.shape[1]
    outputs = _layer_forward(_pad(A_prev, UNITS, EXAMPLES), _pad(W, UNITS, UNITS), _pad(b, UNITS, 1))
    return tuple(np.asarray(o)[:n, :m] for o in outputs)


_cost = jax.jit(jnet.cost)


@jnet.float64_oracle
def cost(AL, Y):
    m = Y.shape[1]
    padded_AL = _pad(AL, 1, EXAMPLES)
    padded_AL[:, m:] = 0.5  # any value in (0, 1): masked out
    return float(_cost(padded_AL, _pad(Y, 1, EXAMPLES), _pad(np.ones((1, m)), 1, EXAMPLES)))

"""The JAX math of course 1, weeks 2 and 3, as float64 numpy oracles at one padded shape.

Hypothesis draws hundreds of shapes, and JAX compiles once per shape (0.2-1 s each), so every
case is padded to the strategies' bounds and each oracle compiles once:

- features and hidden units with zeros, which changes nothing in the real entries: a zero
  row of X meets a zero weight; a padded hidden unit has zero weights and bias, so Z1 = 0,
  A1 = tanh(0) = 0, and every gradient it gets or sends is 0;
- examples with zero columns, masked out of the cost. The cost of m examples is the mean of
  the math's cost of each example alone (ops.cross_entropy divides by the examples it is
  given), so the masked cost here is the math's own ``cost`` per example, averaged over the
  real ones: the same number, summed in another order.

The training loops run MAX_STEPS iterations once and keep every iterate, so any number of
iterations up to it costs no new compilation.
"""

from functools import partial

import jax
import jax.numpy as jnp
import numpy as np

from reference.assignments.logistic_regression import math as lr_math
from reference.assignments.planar import math as planar_math
from tests.property.c1_strategies import MAX_FEATURES, MAX_HIDDEN, MAX_M, MAX_NN_STEPS, MAX_STEPS

PARAMETERS = ("W1", "b1", "W2", "b2")


def _pad(a, rows, cols=MAX_M):
    a = np.asarray(a, dtype=np.float64)
    out = np.zeros((rows, cols))
    out[: a.shape[0], : a.shape[1]] = a
    return out


def _mask(m):
    return _pad(np.ones((1, m)), 1)


def _float64(function):
    """Run ``function`` with JAX in float64; return numpy float64 (or boolean) arrays, asserted."""
    def oracle(*args, **kwargs):
        with jax.enable_x64(True):
            result = function(*args, **kwargs)
        result = jax.tree_util.tree_map(np.asarray, result)
        for leaf in jax.tree_util.tree_leaves(result):
            assert leaf.dtype in (np.float64, np.bool_), f"the oracle returned {leaf.dtype}"
        return result
    oracle.__name__ = function.__name__
    return oracle


def _masked_mean(example_cost, X, Y, mask):
    """The mean of ``example_cost(x (n, 1), y (1, 1))`` over the columns where ``mask`` is 1."""
    costs = jax.vmap(lambda x, y: example_cost(x[:, None], y[None, :]), in_axes=(1, 1))(X, Y)
    return jnp.sum(mask[0] * costs) / jnp.sum(mask)


# ---------------------------------------------------------------- logistic regression

def _lr_cost(w, b, X, Y, mask):
    return _masked_mean(lambda x, y: lr_math.cost(w, b, x, y), X, Y, mask)


def _lr_step(w, b, X, Y, mask, learning_rate):
    """math.descent_step, with the masked cost: (w, b) updated, the cost and gradients before."""
    value, (dw, db) = jax.value_and_grad(_lr_cost, argnums=(0, 1))(w, b, X, Y, mask)
    return w - learning_rate * dw, b - learning_rate * db, value, dw, db


_lr_value_and_grad = jax.jit(jax.value_and_grad(_lr_cost, argnums=(0, 1)))
_lr_sigmoid = jax.jit(lr_math.sigmoid)
_lr_predict = jax.jit(lr_math.predict)
_lr_activation = jax.jit(lr_math.activation)


def _lr_padded(w, b, X, Y=None):
    padded = (_pad(w, MAX_FEATURES, 1), np.float64(b), _pad(X, MAX_FEATURES))
    return padded if Y is None else (*padded, _pad(Y, 1), _mask(X.shape[1]))


@_float64
def sigmoid(Z):
    """math.sigmoid of Z (rows, cols), rows at most MAX_FEATURES, cols at most MAX_M."""
    return _lr_sigmoid(_pad(Z, MAX_FEATURES))[: Z.shape[0], : Z.shape[1]]


@_float64
def propagate(w, b, X, Y):
    """(cost, dw (n_x, 1), db): the math's cost and its jax.grad in w and b."""
    cost, (dw, db) = _lr_value_and_grad(*_lr_padded(w, b, X, Y))
    return cost, dw[: X.shape[0]], db


@jax.jit
def _lr_iterates(w, b, X, Y, mask, learning_rate):
    def step(carry, _):
        w_, b_, value, dw, db = _lr_step(*carry, X, Y, mask, learning_rate)
        return (w_, b_), (w_, b_, value, dw, db)
    return jax.lax.scan(step, (w, b), None, length=MAX_STEPS)[1]


@_float64
def optimize(w, b, X, Y, learning_rate, num_iterations):
    """(w, b, costs (num_iterations,), dw, db): the math's descent step num_iterations times."""
    assert 1 <= num_iterations <= MAX_STEPS
    n, k = X.shape[0], num_iterations - 1
    ws, bs, costs, dws, dbs = _lr_iterates(*_lr_padded(w, b, X, Y), np.float64(learning_rate))
    return ws[k][:n], bs[k], costs[: k + 1], dws[k][:n], dbs[k]


@_float64
def predict(w, b, X):
    """math.predict (1, m): 1.0 where the activation exceeds 0.5."""
    return _lr_predict(*_lr_padded(w, b, X))[:, : X.shape[1]]


@_float64
def activation(w, b, X):
    return _lr_activation(*_lr_padded(w, b, X))[:, : X.shape[1]]


@jax.jit
def _lr_cost_along(w, b, X, Y, mask, v_w, v_b, t):
    return _lr_cost(w + t * v_w, b + t * v_b, X, Y, mask)


def cost_along(w, b, X, Y, v_w, v_b):
    """t -> the math's cost at (w, b) + t (v_w, v_b), for a real or complex t (complex128 then)."""
    padded = (*_lr_padded(w, b, X, Y), _pad(v_w, MAX_FEATURES, 1), np.float64(v_b))

    def f(t):
        with jax.enable_x64(True):
            return np.asarray(_lr_cost_along(*padded, t))
    return f


# ---------------------------------------------------------------- planar network

def _planar_cost(W1, b1, W2, b2, X, Y, mask):
    return _masked_mean(lambda x, y: planar_math.network_cost(W1, b1, W2, b2, x, y), X, Y, mask)


def _pad_parameters(parameters):
    return (_pad(parameters["W1"], MAX_HIDDEN, MAX_FEATURES), _pad(parameters["b1"], MAX_HIDDEN, 1),
            _pad(parameters["W2"], 1, MAX_HIDDEN), _pad(parameters["b2"], 1, 1))


def _unpad_parameters(padded, n_x, n_h):
    W1, b1, W2, b2 = padded
    return {"W1": W1[:n_h, :n_x], "b1": b1[:n_h], "W2": W2[:, :n_h], "b2": b2}


_planar_forward = jax.jit(planar_math.forward)
_planar_example_costs = jax.jit(jax.vmap(lambda a, y: planar_math.cost(a[None, None], y[None, None])))
_planar_predict = jax.jit(planar_math.predict)
_planar_value_and_grad = jax.jit(jax.value_and_grad(_planar_cost, argnums=(0, 1, 2, 3)))


@_float64
def forward(X, parameters):
    """(A2, cache) of math.forward, the cache as the course's dict."""
    n_h, m = parameters["W1"].shape[0], X.shape[1]
    A2, Z1, A1, Z2 = _planar_forward(_pad(X, MAX_FEATURES), *_pad_parameters(parameters))
    return A2[:, :m], {"Z1": Z1[:n_h, :m], "A1": A1[:n_h, :m], "Z2": Z2[:, :m], "A2": A2[:, :m]}


@_float64
def cost(A2, Y):
    """math.cost (a mean over the examples), example by example."""
    padded = _pad(A2, 1) + (1 - _mask(A2.shape[1])) / 2  # padded examples at 0.5: finite, masked out
    return jnp.sum(_mask(A2.shape[1])[0] * _planar_example_costs(padded[0], _pad(Y, 1)[0])) / A2.shape[1]


@_float64
def gradients(X, Y, parameters):
    """(cost, grads): math.network_cost and its jax.grad, as the course's dW1, db1, dW2, db2."""
    value, grads = _planar_value_and_grad(*_pad_parameters(parameters), _pad(X, MAX_FEATURES), _pad(Y, 1),
                                          _mask(X.shape[1]))
    grads = _unpad_parameters(grads, X.shape[0], parameters["W1"].shape[0])
    return value, {"d" + name: grads[name] for name in PARAMETERS}


@partial(jax.jit, static_argnames="length")
def _planar_iterates(parameters, X, Y, mask, learning_rate, length):
    def step(carry, _):
        value, grads = jax.value_and_grad(_planar_cost, argnums=(0, 1, 2, 3))(*carry, X, Y, mask)
        carry = tuple(p - learning_rate * g for p, g in zip(carry, grads))
        return carry, (carry, value)
    return jax.lax.scan(step, parameters, None, length=length)[1]


@_float64
def nn_model(X, Y, parameters, num_iterations, learning_rate=1.2):
    """(parameters after num_iterations descent steps from ``parameters``, costs before each)."""
    assert 1 <= num_iterations <= MAX_NN_STEPS
    k = num_iterations - 1
    iterates, costs = _planar_iterates(_pad_parameters(parameters), _pad(X, MAX_FEATURES), _pad(Y, 1),
                                       _mask(X.shape[1]), np.float64(learning_rate), MAX_NN_STEPS)
    return _unpad_parameters(tuple(p[k] for p in iterates), X.shape[0], parameters["W1"].shape[0]), costs[: k + 1]


@_float64
def planar_predict(X, parameters):
    return _planar_predict(_pad(X, MAX_FEATURES), *_pad_parameters(parameters))[:, : X.shape[1]]


@jax.jit
def _planar_cost_along(parameters, X, Y, mask, direction, t):
    return _planar_cost(*(p + t * v for p, v in zip(parameters, direction)), X, Y, mask)


def network_cost_along(X, Y, parameters, direction):
    """t -> the math's network_cost at parameters + t direction (dicts), t real or complex."""
    padded = (_pad_parameters(parameters), _pad(X, MAX_FEATURES), _pad(Y, 1), _mask(X.shape[1]),
              _pad_parameters(direction))

    def f(t):
        with jax.enable_x64(True):
            return np.asarray(_planar_cost_along(*padded, t))
    return f

"""Course 1, week 2's logistic regression in jax.numpy: what its functions are judged against.

Shapes: X (n_x, m), w (n_x, 1), b a 0-d array, A and Y (1, m). Every function is pure
jax.numpy of its array arguments, written with reference.engine.ops, so one function serves
autodiff, central differences (float64) and the complex step (complex128). Call them inside
``jax.enable_x64(True)`` for float64.

The course's ``propagate`` is (dw, db, cost) = (grad of ``cost`` in w, in b, ``cost``): its
dw and db are gradients of the mean cost, so they carry the 1/m with no scale of their own.
"""

import jax
import jax.numpy as jnp

from reference.engine import ops

__all__ = ["sigmoid", "activation", "cost", "predict", "descent_step", "gradient_descent"]


def sigmoid(z):
    """1 / (1 + exp(-z)), elementwise, any shape."""
    return ops.sigmoid(z)


def activation(w, b, X):
    """A (1, m) = sigmoid(w.T X + b)."""
    return ops.sigmoid(w.T @ X + b)


def cost(w, b, X, Y):
    """The cross-entropy of A = activation(w, b, X) against Y (1, m), a 0-d array."""
    return ops.cross_entropy(activation(w, b, X), Y)


def predict(w, b, X):
    """Y_prediction (1, m): 1.0 where A > 0.5 (by the real part), else 0.0, as the course."""
    return jnp.where(ops.positive(activation(w, b, X) - 0.5), 1.0, 0.0)


def descent_step(w, b, X, Y, learning_rate):
    """One iteration of the course's optimize: (cost, dw, db) at (w, b), then the update.

    Returns (w - learning_rate dw, b - learning_rate db, cost, dw, db).
    """
    value, (dw, db) = jax.value_and_grad(cost, argnums=(0, 1))(w, b, X, Y)
    return w - learning_rate * dw, b - learning_rate * db, value, dw, db


def gradient_descent(w, b, X, Y, learning_rate, num_iterations):
    """``num_iterations`` (a Python int, at least 1) steps of descent_step from (w, b).

    Returns (w, b, costs (num_iterations,) before each update, dw, db of the last step):
    the course's optimize keeps costs[::100] and returns the last step's gradients.
    """
    def step(carry, _):
        w_, b_ = carry
        w_, b_, value, dw, db = descent_step(w_, b_, X, Y, learning_rate)
        return (w_, b_), (value, dw, db)

    (w, b), (costs, dws, dbs) = jax.lax.scan(step, (w, b), None, length=num_iterations)
    return w, b, costs, dws[-1], dbs[-1]

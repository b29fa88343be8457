"""Gradient descent on the network in JAX float64: the reference trajectory.

A learner's two_layer_model or L_layer_model, started from its own initial
parameters, must take these same steps: at each iteration the cost of the
current parameters, then W - lr dW and b - lr db with the gradients of that
cost (two_layer_model is the L = 2 case of the same network).
"""

from functools import partial

import jax
import jax.numpy as jnp

from reference.oracles.jax_network import cost, float64_oracle, forward

__all__ = ["gradient_descent"]


@partial(jax.jit, static_argnames="num_iterations")
def _descend(weights, X, Y, learning_rate, num_iterations):
    value_and_grad = jax.value_and_grad(lambda w: cost(forward(X, w)[0], Y))

    def step(weights, _):
        J, grads = value_and_grad(weights)
        updated = [(W - learning_rate * dW, b - learning_rate * db) for (W, b), (dW, db) in zip(weights, grads)]
        return updated, J

    return jax.lax.scan(step, weights, None, length=num_iterations)


@float64_oracle
def gradient_descent(X, Y, weights, learning_rate, num_iterations):
    """``num_iterations`` steps from ``weights`` [(W1, b1), ...].

    Returns
    -------
    weights : [(W1, b1), ...] after the last step
    costs : (num_iterations,) the cost at each iteration, before its step
    """
    weights = [(jnp.asarray(W), jnp.asarray(b)) for W, b in weights]
    return _descend(weights, jnp.asarray(X), jnp.asarray(Y), learning_rate, num_iterations)

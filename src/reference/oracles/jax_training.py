"""Gradient descent on the network in JAX float64: the reference trajectory.

A learner's two_layer_model or L_layer_model, started from its own initial
parameters, must take these same steps: at each iteration the cost of the
current parameters, then W - lr dW and b - lr db with the gradients of that
cost (two_layer_model is the L = 2 case of the same network).
"""

import jax
import jax.numpy as jnp
import numpy as np

from reference.oracles import executables
from reference.oracles.jax_network import cost, float64_oracle, forward

__all__ = ["descent_trajectory", "gradient_descent", "prefetch"]


@executables.jit
def _step(weights, X, Y, learning_rate):
    """One step: (the weights after it; the cost before it and those weights, flat in one array)."""
    J, grads = jax.value_and_grad(lambda w: cost(forward(X, w)[0], Y))(weights)
    after = [(W - learning_rate * dW, b - learning_rate * db) for (W, b), (dW, db) in zip(weights, grads)]
    return after, jnp.concatenate([J[None]] + [a.ravel() for pair in after for a in pair])


def _descend(weights, X, Y, learning_rate, num_iterations):
    """(the weights after each step, stacked on a leading axis; the cost before each step).

    A jitted step in a Python loop: one small compilation per network shape, where
    a scan of the whole loop compiles several times as long; each step's numbers
    come back as one array (one transfer per step, not one per W and b)."""
    rows, step = [], _step.specialized(weights, X, Y, learning_rate)
    for _ in range(num_iterations):
        weights, row = step(weights, X, Y, learning_rate)
        rows.append(row)
    rows = np.stack([np.asarray(row) for row in rows])  # (num_iterations, 1 + every W and b)
    trajectory, start = [], 1
    for W, b in weights:
        pair = []
        for a in (W, b):
            pair.append(rows[:, start:start + a.size].reshape(num_iterations, *a.shape))
            start += a.size
        trajectory.append(tuple(pair))
    return trajectory, rows[:, 0]


@float64_oracle
def descent_trajectory(X, Y, weights, learning_rate, num_iterations):
    """``num_iterations`` steps from ``weights`` [(W1, b1), ...], every step kept
    (one compilation serves every iteration count up to it).

    Returns
    -------
    trajectory : [(W1, b1), ...], each with a leading axis: after step 1, 2, ..., num_iterations
    costs : (num_iterations,) the cost at each iteration, before its step
    """
    weights = [(np.asarray(W, dtype=np.float64), np.asarray(b, dtype=np.float64)) for W, b in weights]
    return _descend(weights, np.asarray(X, dtype=np.float64), np.asarray(Y, dtype=np.float64),
                    np.float64(learning_rate), num_iterations)


def prefetch(layer_dims, m):
    """Start loading (or compiling) in the background the step of descent_trajectory for this network on m examples."""
    from reference.oracles import compilation_cache

    compilation_cache.use_cache()

    def spec(*shape):
        return jax.ShapeDtypeStruct(shape, np.float64)

    with jax.enable_x64(True):
        _step.prefetch([(spec(n, n_prev), spec(n, 1)) for n_prev, n in zip(layer_dims, layer_dims[1:])],
                       spec(layer_dims[0], m), spec(1, m), spec())


def gradient_descent(X, Y, weights, learning_rate, num_iterations):
    """(the weights [(W1, b1), ...] after ``num_iterations`` steps, the cost at each iteration)."""
    trajectory, costs = descent_trajectory(X, Y, weights, learning_rate, num_iterations)
    return [(W[-1], b[-1]) for W, b in trajectory], costs

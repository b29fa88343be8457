"""Course 1, week 3's planar network in jax.numpy: what its functions are judged against.

LINEAR -> TANH -> LINEAR -> SIGMOID. Shapes: X (n_x, m), W1 (n_h, n_x), b1 (n_h, 1),
Z1 and A1 (n_h, m), W2 (1, n_h), b2 (1, 1), Z2, A2 and Y (1, m). Every function is pure
jax.numpy of its array arguments, written with reference.engine.ops, so one function serves
autodiff, central differences (float64) and the complex step (complex128: tanh and the
sigmoid are analytic). Call them inside ``jax.enable_x64(True)`` for float64.

The course's ``backward_propagation`` returns the gradients of ``network_cost`` (the mean
cost) in W1, b1, W2, b2, the 1/m included, at a cache that its own forward made.
"""

import jax

from reference.engine import ops

__all__ = ["forward", "cost", "network_cost", "predict", "descent_step", "gradient_descent"]


def forward(X, W1, b1, W2, b2):
    """(A2, Z1, A1, Z2): the output (1, m) first, then the course's cache entries."""
    Z1 = W1 @ X + b1
    A1 = ops.tanh(Z1)
    Z2 = W2 @ A1 + b2
    A2 = ops.sigmoid(Z2)
    return A2, Z1, A1, Z2


def cost(A2, Y):
    """The cross-entropy of A2 against Y (1, m), a 0-d array."""
    return ops.cross_entropy(A2, Y)


def network_cost(W1, b1, W2, b2, X, Y):
    """The cost as a function of the parameters: jax.grad of it is the course's grads."""
    return cost(forward(X, W1, b1, W2, b2)[0], Y)


def predict(X, W1, b1, W2, b2):
    """predictions (1, m), booleans: A2 > 0.5 (by the real part), as the course."""
    return ops.positive(forward(X, W1, b1, W2, b2)[0] - 0.5)


def descent_step(W1, b1, W2, b2, X, Y, learning_rate):
    """One iteration of nn_model's loop: the cost and the gradients, then the update.

    Returns (W1, b1, W2, b2) updated, and the cost before the update.
    """
    value, grads = jax.value_and_grad(network_cost, argnums=(0, 1, 2, 3))(W1, b1, W2, b2, X, Y)
    W1, b1, W2, b2 = (p - learning_rate * g for p, g in zip((W1, b1, W2, b2), grads))
    return W1, b1, W2, b2, value


def gradient_descent(W1, b1, W2, b2, X, Y, learning_rate, num_iterations):
    """``num_iterations`` (a Python int, at least 1) steps of descent_step.

    Returns (W1, b1, W2, b2) after the last update and the costs (num_iterations,), each
    taken before its update (nn_model prints costs[::1000]).
    """
    def step(parameters, _):
        *parameters, value = descent_step(*parameters, X, Y, learning_rate)
        return tuple(parameters), value

    parameters, costs = jax.lax.scan(step, (W1, b1, W2, b2), None, length=num_iterations)
    return (*parameters, costs)


def update(W1, b1, W2, b2, dW1, db1, dW2, db2, learning_rate):
    """update_parameters: (W1, b1, W2, b2) each minus learning_rate times its gradient."""
    return tuple(p - learning_rate * g for p, g in zip((W1, b1, W2, b2), (dW1, db1, dW2, db2)))

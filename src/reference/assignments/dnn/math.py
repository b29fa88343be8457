"""The cat network's per-layer math in jax.numpy: what its per-layer functions are judged against.

Shapes: A_prev (n_prev, m), W (n, n_prev), b (n, 1), Z and A (n, m); AL and Y (1, m).
ReLU's derivative at 0 is 0 (reference.engine.ops), as the course's relu_backward.
"""

from reference.engine import ops


def linear(A_prev, W, b):
    """Z = W A_prev + b."""
    return W @ A_prev + b


def relu(Z):
    return ops.relu(Z)


def sigmoid(Z):
    return ops.sigmoid(Z)


def linear_relu(A_prev, W, b):
    return ops.relu(linear(A_prev, W, b))


def linear_sigmoid(A_prev, W, b):
    return ops.sigmoid(linear(A_prev, W, b))


def cost(AL, Y):
    """The cross-entropy, a scalar."""
    return ops.cross_entropy(AL, Y)

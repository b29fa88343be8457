"""The math of "Gradient Checking" in jax.numpy: what its forwards and backwards are checked against.

Pure jax.numpy functions of arrays (written with ``reference.engine.ops`` through the Regularization
math, whose three-layer network ``forward_propagation_n`` is), so each serves autodiff, central
differences in float64 and the complex step. Run them inside ``with jax.enable_x64(True):``.

- 1-D: ``J(x, theta) = theta * x``, whose derivative in theta is x (and in x is theta: what a checker
  that perturbs x instead of theta measures).
- N-D: ``network_cost(X, Y, parameters)``, X (n_x, m), Y (1, m) or (m,), parameters a dict W1..b3 of
  the three-layer network; ``course_gradients`` the dict backward_propagation_n returns when right.

The learner's own checkers (gradient_check, gradient_check_n) are judged by what they return, not
against a formula here: manual_dnn.gradient_checking is the right checker, planted_bugs the backward
with the course's two bugs.
"""

from reference.assignments.regularization import math as network

__all__ = ["J", "network_cost", "course_gradients", "network_loss"]

network_loss = network.network_loss
"""forward_propagation_n's cost with positional arrays (X, Y, W1, b1, W2, b2, W3, b3, then lambd, masks and
nudges left at their defaults): the engine's math(*inputs) for backward_propagation_n."""


def J(x, theta):
    """forward_propagation: J(theta) = theta * x, numbers or arrays of one shape."""
    return theta * x


def network_cost(X, Y, parameters):
    """forward_propagation_n's cost: the cross-entropy of the three-layer network (no L2, no dropout)."""
    return network.network_cost(X, Y, parameters)


def course_gradients(X, Y, parameters):
    """backward_propagation_n's dict when right: dW1..db3 of J, and dZ3, dA2, dZ2, dA1, dZ1 at the course's
    per-example scale (see regularization.math.course_gradients)."""
    return network.course_gradients(X, Y, parameters)

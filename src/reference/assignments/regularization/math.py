"""The math of "Regularization" in jax.numpy: what its four functions (and reg_utils') are checked against.

Every function here is pure jax.numpy of arrays, written with ``reference.engine.ops``: no randomness
and no Python branch on a value, so one function serves autodiff (``jax.grad``, ``jax.vjp``), central
differences in float64 and the complex step (complex128 inputs). Dropout masks are inputs: the checker
reads D1 and D2 from the learner's own cache and holds them fixed, as the learner's backward must.
Run these in float64 inside ``with jax.enable_x64(True):`` (never a process-wide flag).

Shapes, examples as columns:
    X (n_x, m)   W1 (n_1, n_x)  b1 (n_1, 1)   W2 (n_2, n_1)  b2 (n_2, 1)   W3 (1, n_2)  b3 (1, 1)
    D1 (n_1, m)  D2 (n_2, m)   A3, Y (1, m)
``parameters`` is a dict of the six arrays (a pytree: jax.grad differentiates every entry).

The engine calls a math as ``math(*inputs)`` on arrays: ``network_values``, ``network_loss`` and ``l2_cost`` are the
same math with positional arrays. ``network_loss`` takes the nudges last, named as the intermediates: its gradient
with respect to the input ``Z1`` is the course's dZ1 divided by m (declare it with the factor m, BY_M).

The course's gradients dict mixes two scales (manual_dnn.three_layer): dW and db are gradients of the
mean cost J, dZ and dA of m * J. ``course_gradients`` returns that dict by autodiff alone: dZ and dA are
gradients with respect to *nudges*, zero arrays added to each intermediate inside ``forward``.
"""

import jax
import jax.numpy as jnp

from reference.engine import ops

__all__ = [
    "PARAMETERS",
    "INTERMEDIATES",
    "forward",
    "cost",
    "l2_penalty",
    "regularized_cost",
    "network_cost",
    "course_gradients",
    "network_values",
    "network_loss",
    "network_loss_times_keep_prob",
    "network_loss_unscaled",
    "network_loss_unmasked",
    "l2_cost",
]

PARAMETERS = ("W1", "b1", "W2", "b2", "W3", "b3")
INTERMEDIATES = ("Z1", "A1", "Z2", "A2", "Z3")
"""What ``nudges`` may hold, and the course's dZ1, dA1, dZ2, dA2, dZ3 keys without their 'd'."""


def _dropped(Z, nudge, D, keep_prob, gradient="inverted"):
    """relu(Z) + nudge masked by D and divided by keep_prob: the course's value, always. Its gradient is the
    course's (``"inverted"``), or a likely bug's, as a learner's backward computes dA and then dZ from the
    dropped cache (np.int64(A > 0) masks dZ): ``"times_keep_prob"`` (dA * D * keep_prob), ``"unscaled"``
    (dA * D), ``"unmasked"`` (dA as it comes; dZ masked by A > 0 alone). stop_gradient keeps the value."""
    a = ops.relu(Z)
    value = (a + nudge) * D / keep_prob
    if gradient == "inverted":
        return value
    through_a, through_nudge = {"times_keep_prob": (D * keep_prob, D * keep_prob), "unscaled": (D, D),
                                "unmasked": (D, 1.0)}[gradient]
    held = jax.lax.stop_gradient
    return held(value) + (a - held(a)) * through_a + (nudge - held(nudge)) * through_nudge


def forward(X, parameters, D1=1.0, D2=1.0, keep_prob=1.0, nudges=None, dropout_gradient="inverted"):
    """The three-layer forward pass, with inverted dropout when masks are given.

    Parameters
    ----------
    X : (n_x, m)
    parameters : dict with W1, b1, W2, b2, W3, b3
    D1, D2 : (n_1, m), (n_2, m) masks of 0 and 1, or 1.0 for no dropout
    keep_prob : the scale of inverted dropout (1.0 without it)
    nudges : optional dict, a subset of INTERMEDIATES, of arrays added to that value (zeros for
        the values themselves; the gradient with respect to one is the gradient with respect to the
        intermediate). ``A1`` and ``A2`` are nudged before the mask: the course's dA1 and dA2 are
        gradients of relu(Z1) and relu(Z2).
    dropout_gradient : "inverted" (the course's), or a likely bug's gradient through the masks (_dropped)

    Returns
    -------
    dict with Z1 (n_1, m), A1, Z2 (n_2, m), A2, Z3 (1, m), A3 (1, m); A1 and A2 after mask and scaling,
    as the course's dropout cache holds them.
    """
    nudge = {} if nudges is None else nudges
    W1, b1, W2, b2, W3, b3 = (parameters[k] for k in PARAMETERS)
    Z1 = W1 @ X + b1 + nudge.get("Z1", 0.0)
    A1 = _dropped(Z1, nudge.get("A1", 0.0), D1, keep_prob, dropout_gradient)
    Z2 = W2 @ A1 + b2 + nudge.get("Z2", 0.0)
    A2 = _dropped(Z2, nudge.get("A2", 0.0), D2, keep_prob, dropout_gradient)
    Z3 = W3 @ A2 + b3 + nudge.get("Z3", 0.0)
    return {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2, "Z3": Z3, "A3": ops.sigmoid(Z3)}


def cost(A3, Y):
    """The cross-entropy J = -(1/m) sum(Y log A3 + (1 - Y) log(1 - A3)): reg_utils' compute_cost."""
    return ops.cross_entropy(A3, Y)


def l2_penalty(parameters, lambd, m):
    """(lambd / (2 m)) (||W1||² + ||W2||² + ||W3||²), squares as products so the complex step sees them."""
    return lambd / (2 * m) * sum(jnp.sum(parameters[k] * parameters[k]) for k in ("W1", "W2", "W3"))


def regularized_cost(A3, Y, parameters, lambd):
    """compute_cost_with_regularization: cross-entropy of A3 (1, m) plus the L2 penalty of the W's."""
    return cost(A3, Y) + l2_penalty(parameters, lambd, Y.shape[-1])


def network_cost(X, Y, parameters, lambd=0.0, D1=1.0, D2=1.0, keep_prob=1.0, nudges=None, dropout_gradient="inverted"):
    """J of the whole network: the cost the backward functions differentiate.

    lambd > 0 adds the L2 penalty (backward_propagation_with_regularization's J); masks and keep_prob
    give the dropout network's J (backward_propagation_with_dropout's), the masks held fixed.
    """
    A3 = forward(X, parameters, D1, D2, keep_prob, nudges, dropout_gradient)["A3"]
    return regularized_cost(A3, Y, parameters, lambd)


def course_gradients(X, Y, parameters, lambd=0.0, D1=1.0, D2=1.0, keep_prob=1.0):
    """The dict the course's backward functions return, every entry by ``jax.grad`` of network_cost.

    dW1..db3: the gradient of J (the L2 term included); dZ1, dA1, dZ2, dA2, dZ3: m times the
    gradient of J with respect to the nudge at that intermediate (the course's per-example scale).
    The L2 term does not depend on any intermediate, so these are the cross-entropy's alone, as in
    the course.
    """
    m = X.shape[1]
    values = forward(X, parameters, D1, D2, keep_prob)
    zeros = {k: jnp.zeros_like(values[k]) for k in INTERMEDIATES}
    d_parameters, d_nudges = jax.grad(network_cost, argnums=(2, 7))(X, Y, parameters, lambd, D1, D2, keep_prob,
                                                                  zeros)
    gradients = {"d" + k: g for k, g in d_parameters.items()}
    gradients.update({"d" + k: m * g for k, g in d_nudges.items()})
    return gradients


# ---------------------------------------------------------------- positional, for the engine's math(*inputs)

def network_values(X, W1, b1, W2, b2, W3, b3, D1=1.0, D2=1.0, keep_prob=1.0):
    """forward's values as a tuple (Z1, A1, Z2, A2, Z3, A3): what forward_propagation(_with_dropout) caches."""
    values = forward(X, {"W1": W1, "b1": b1, "W2": W2, "b2": b2, "W3": W3, "b3": b3}, D1, D2, keep_prob)
    return tuple(values[k] for k in ("Z1", "A1", "Z2", "A2", "Z3", "A3"))


def network_loss(X, Y, W1, b1, W2, b2, W3, b3, lambd=0.0, D1=1.0, D2=1.0, keep_prob=1.0,
                 Z1=0.0, A1=0.0, Z2=0.0, A2=0.0, Z3=0.0, dropout_gradient="inverted"):
    """network_cost with positional arrays; Z1..Z3 are the nudges (zeros of the intermediates' shapes).

    Its gradient with respect to W1..b3 is dW1..db3 of the course's dict; with respect to the nudge Z1 (A1, ...)
    it is 1/m of the course's dZ1 (dA1, ...), which carries no 1/m.
    """
    parameters = {"W1": W1, "b1": b1, "W2": W2, "b2": b2, "W3": W3, "b3": b3}
    nudges = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2, "Z3": Z3}
    return network_cost(X, Y, parameters, lambd, D1, D2, keep_prob, nudges, dropout_gradient)


# Likely bugs of backward_propagation_with_dropout: network_loss's values, the gradient a buggy backward computes.

def network_loss_times_keep_prob(*inputs):
    return network_loss(*inputs, dropout_gradient="times_keep_prob")


def network_loss_unscaled(*inputs):
    return network_loss(*inputs, dropout_gradient="unscaled")


def network_loss_unmasked(*inputs):
    return network_loss(*inputs, dropout_gradient="unmasked")


def l2_cost(A3, Y, W1, W2, W3, lambd):
    """compute_cost_with_regularization with positional arrays."""
    return regularized_cost(A3, Y, {"W1": W1, "W2": W2, "W3": W3}, lambd)

"""The course 2 week 1 JAX math at one padded shape per m, for the properties.

JAX compiles once per shape (~0.2 s); Hypothesis draws hundreds. Every layer is padded to
C2W1_MAX_UNITS units with zero weights and biases: a padded unit computes relu(0) = 0 with slope 0
(ops.relu's convention), adds nothing to the L2 penalty and gets zero gradients, so the real entries
are unchanged and cropped back. m is not padded (the cost divides by it): EXAMPLE_COUNTS keeps the
compilations to a handful.
"""

import jax
import numpy as np

from reference.assignments.gradient_checking import math as gc_math
from reference.assignments.regularization import math as reg_math
from reference.oracles.jax_network import float64_oracle
from tests.property.c2w1_strategies import C2W1_MAX_UNITS, KEYS

N = C2W1_MAX_UNITS
PADDED_SHAPES = {"W1": (N, N), "b1": (N, 1), "W2": (N, N), "b2": (N, 1), "W3": (1, N), "b3": (1, 1)}


def _pad(a, rows, cols):
    a = np.asarray(a, dtype=np.float64)
    out = np.zeros((rows, cols), dtype=a.dtype)
    out[: a.shape[0], : a.shape[1]] = a
    return out


def _pad_parameters(parameters):
    return {k: _pad(parameters[k], *PADDED_SHAPES[k]) for k in KEYS}


def _pad_mask(D, m):
    return _pad(D, N, m) if np.ndim(D) == 2 else np.ones((N, m))


def _shapes(X, parameters):
    """The real shape of every key of the course's gradients dict."""
    m = X.shape[1]
    n_1, n_2 = parameters["W1"].shape[0], parameters["W2"].shape[0]
    shapes = {"d" + k: np.shape(parameters[k]) for k in KEYS}
    shapes.update({"dZ1": (n_1, m), "dA1": (n_1, m), "dZ2": (n_2, m), "dA2": (n_2, m), "dZ3": (1, m)})
    return shapes


_forward = jax.jit(reg_math.forward)
_gradients = jax.jit(reg_math.course_gradients)
_regularized_cost = jax.jit(reg_math.regularized_cost)
_network_cost = jax.jit(reg_math.network_cost)


@float64_oracle
def forward(X, parameters, D1=1.0, D2=1.0, keep_prob=1.0):
    """reg_math.forward's dict Z1, A1, Z2, A2, Z3, A3 at the real shapes."""
    m = X.shape[1]
    values = _forward(_pad(X, N, m), _pad_parameters(parameters), _pad_mask(D1, m), _pad_mask(D2, m), keep_prob)
    n = {"1": parameters["W1"].shape[0], "2": parameters["W2"].shape[0], "3": 1}
    return {k: np.asarray(v)[: n[k[1]], :m] for k, v in values.items()}


@float64_oracle
def course_gradients(X, Y, parameters, lambd=0.0, D1=1.0, D2=1.0, keep_prob=1.0):
    """reg_math.course_gradients (backward_propagation's dict, every key) at the real shapes."""
    m = X.shape[1]
    padded = _gradients(_pad(X, N, m), Y, _pad_parameters(parameters), lambd, _pad_mask(D1, m), _pad_mask(D2, m),
                        keep_prob)
    return {k: np.asarray(padded[k])[: s[0], : s[1]] for k, s in _shapes(X, parameters).items()}


@float64_oracle
def regularized_cost(A3, Y, parameters, lambd):
    """compute_cost_with_regularization's value."""
    return _regularized_cost(A3, Y, _pad_parameters(parameters), lambd)


@float64_oracle
def network_cost(X, Y, parameters, lambd=0.0, D1=1.0, D2=1.0, keep_prob=1.0):
    """J of the whole network (the L2 term with lambd, the dropout network with masks)."""
    m = X.shape[1]
    return _network_cost(_pad(X, N, m), Y, _pad_parameters(parameters), lambd, _pad_mask(D1, m), _pad_mask(D2, m),
                         keep_prob)


_gc_gradients = jax.jit(gc_math.course_gradients)
_gc_cost = jax.jit(gc_math.network_cost)


@float64_oracle
def gc_network_cost(X, Y, parameters):
    """forward_propagation_n's cost."""
    return _gc_cost(_pad(X, N, X.shape[1]), Y, _pad_parameters(parameters))


@float64_oracle
def gc_course_gradients(X, Y, parameters):
    """backward_propagation_n's dict when right."""
    padded = _gc_gradients(_pad(X, N, X.shape[1]), Y, _pad_parameters(parameters))
    return {k: np.asarray(padded[k])[: s[0], : s[1]] for k, s in _shapes(X, parameters).items()}


_J_grad = jax.jit(jax.grad(gc_math.J, argnums=(0, 1)))


@float64_oracle
def one_dimensional_gradients(x, theta):
    """(dJ/dx, dJ/dtheta) of J = theta * x."""
    return _J_grad(np.float64(x), np.float64(theta))

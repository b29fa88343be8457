"""The math the declarations' JAX forwards are written with: jax.numpy, safe for the complex step.

A declaration's forward is one function of arrays in jax.numpy. The same function gives
every oracle: its VJP (autodiff), central differences (float64) and the complex step
(the inputs made complex128, Im f(x + ih) / h). Plain ``jnp.maximum(z, 0)`` or ``z > 0``
break the last one (complex numbers have no order) and ``jnp.maximum`` has derivative
1/2 at 0; the functions here compare real parts, so they are analytic wherever the math
is, and their derivative at a kink is the course's (0 for ReLU at 0, as ``jax.nn.relu``).
"""

import jax.numpy as jnp
from jax import lax

__all__ = ["relu", "sigmoid", "tanh", "softmax", "positive", "cross_entropy"]


def positive(Z):
    """Z > 0 by the real part: a mask that is the same for Z and for Z + i h."""
    return jnp.real(Z) > 0


def relu(Z):
    """max(Z, 0) with derivative 0 at Z == 0, the course's convention."""
    return jnp.where(positive(Z), Z, jnp.zeros_like(Z))


def sigmoid(Z):
    return 1 / (1 + jnp.exp(-Z))


def tanh(Z):
    return jnp.tanh(Z)


def softmax(Z, axis=0):
    """exp(Z) / sum(exp(Z)) along ``axis`` (down the columns by default). Shifted by the
    maximum of the real parts, held constant: softmax does not change under a shift, so the
    function stays analytic (for the complex step) and exp never overflows."""
    shift = lax.stop_gradient(jnp.max(jnp.real(Z), axis=axis, keepdims=True))
    e = jnp.exp(Z - shift)
    return e / jnp.sum(e, axis=axis, keepdims=True)


def cross_entropy(A, Y):
    """The course's cost, -1/m sum(Y log A + (1 - Y) log(1 - A)); A and Y (1, m)."""
    m = Y.shape[-1]
    return -jnp.sum(Y * jnp.log(A) + (1 - Y) * jnp.log(1 - A)) / m

"""A layer no course has, for the engine's tests: softmax with cross-entropy (numpy and JAX),
a right backward and the usual wrong ones."""

import jax.numpy as jnp
import numpy as np


def softmax_loss_forward(x, y):
    """x (N, C) scores, y (N,) labels -> (mean cross-entropy, cache)."""
    shifted = x - x.max(axis=1, keepdims=True)
    p = np.exp(shifted)
    p /= p.sum(axis=1, keepdims=True)
    return -np.log(p[np.arange(len(y)), y]).mean(), (p, y)


def softmax_loss_backward(dout, cache):
    p, y = cache
    dx = p.copy()
    dx[np.arange(len(y)), y] -= 1
    return dout * dx / len(y)


def backward_without_mean(dout, cache):
    p, y = cache
    dx = p.copy()
    dx[np.arange(len(y)), y] -= 1
    return dout * dx  # BUG: the mean's 1/N forgotten


def backward_into_cache(dout, cache):
    p, y = cache
    p[np.arange(len(y)), y] -= 1  # BUG: writes into the forward's cache
    return dout * p / len(y)


def jax_softmax_loss(x, y):
    shifted = x - jnp.max(jnp.real(x), axis=1, keepdims=True)
    log_p = shifted - jnp.log(jnp.sum(jnp.exp(shifted), axis=1, keepdims=True))
    return -jnp.mean(log_p[jnp.arange(x.shape[0]), y])


def point(seed=1, N=5, C=4):
    rng = np.random.RandomState(seed)
    return {"x": rng.randn(N, C), "y": rng.randint(0, C, N)}

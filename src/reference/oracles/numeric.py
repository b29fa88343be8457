"""Numerical differentiation, independent of autodiff.

All functions take ``f``, a scalar function of one float64 array, and work on
copies. ``complex_step`` and ``directional_complex_step`` need ``f`` to accept
complex input (the forward in ``forward_network`` does).
"""

import numpy as np

from reference.tolerances import COMPLEX_STEP, FD_STEP

__all__ = [
    "central_difference",
    "complex_step",
    "directional_fd",
    "directional_complex_step",
    "taylor_remainders",
    "convergence_order",
    "numeric_vjp",
]


def central_difference(f, x, eps=FD_STEP):
    """(f(x + eps e_i) - f(x - eps e_i)) / (2 eps) for every coordinate i."""
    x = np.array(x, dtype=np.float64)
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        original = x[index]
        x[index] = original + eps
        plus = f(x)
        x[index] = original - eps
        minus = f(x)
        x[index] = original
        grad[index] = np.real(plus - minus) / (2 * eps)
    return grad


def complex_step(f, x, h=COMPLEX_STEP):
    """Im f(x + i h e_i) / h for every coordinate: exact to rounding, no cancellation."""
    z = np.array(x, dtype=np.complex128)
    grad = np.zeros(z.shape)
    for index in np.ndindex(z.shape):
        z[index] += 1j * h
        grad[index] = np.imag(f(z)) / h
        z[index] -= 1j * h
    return grad


def directional_fd(f, x, v, eps=FD_STEP):
    """Central difference of f along v, Richardson-extrapolated: grad(f) . v + O(eps^4).

    Directions that follow the gradient are curved enough for the plain
    central difference's eps² error to show (~5e-9); extrapolating from eps
    and eps/2 removes it for two more evaluations.
    """
    def central(h):
        return float(np.real(f(x + h * v) - f(x - h * v))) / (2 * h)

    return (4 * central(eps / 2) - central(eps)) / 3


def directional_complex_step(f, x, v, h=COMPLEX_STEP):
    """Im f(x + i h v) / h = grad(f) . v, exactly up to rounding."""
    return float(np.imag(f(x + 1j * h * v)) / h)


def taylor_remainders(f, x, g_dot_v, v, hs):
    """|f(x + h v) - f(x) - h g.v| for each h: O(h²) if g is the gradient, O(h) if not."""
    f0 = f(x)
    return np.array([abs(float(np.real(f(x + h * v) - f0)) - h * g_dot_v) for h in hs])


def convergence_order(hs, remainders, floor):
    """Log-log slope of the remainders as h shrinks, or None when fewer than
    two remainders stand above the rounding ``floor``.

    The median slope over the smaller half of the usable h: a slightly wrong
    gradient looks quadratic at large h and shows its order 1 only as h -> 0.
    """
    order = np.argsort(hs)[::-1]
    hs, remainders = np.asarray(hs)[order], np.asarray(remainders)[order]
    keep = remainders > floor
    if keep.sum() < 2:
        return None
    slopes = np.diff(np.log(remainders[keep])) / np.diff(np.log(hs[keep]))
    return float(np.median(slopes[len(slopes) // 2:]))


def numeric_vjp(forward, args, cotangent, method="central-fd"):
    """Gradient of sum(cotangent * forward(*args)) for every argument, numerically:
    what a backward function computes, for ``method`` "central-fd" or "complex-step"."""
    differentiate = {"central-fd": central_difference, "complex-step": complex_step}[method]
    grads = []
    for k in range(len(args)):
        def s(x, k=k):
            trial = list(args)
            trial[k] = x
            return np.sum(cotangent * forward(*trial))

        grads.append(differentiate(s, args[k]))
    return grads

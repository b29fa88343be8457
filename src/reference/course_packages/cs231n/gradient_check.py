"""The course's numerical gradients: central differences, one coordinate at a time, to compare by eye
with a backward pass (the notebooks print ``rel_error`` of the two)."""

import numpy as np

__all__ = ["eval_numerical_gradient", "eval_numerical_gradient_array", "grad_check_sparse"]


def eval_numerical_gradient(f, x, verbose=True, h=0.00001):
    """The gradient of the scalar f(x) at x (changed in place and restored, as the course's does)."""
    grad = np.zeros_like(x, dtype=np.float64)
    for index in np.ndindex(x.shape):
        original = x[index]
        x[index] = original + h
        plus = f(x)
        x[index] = original - h
        minus = f(x)
        x[index] = original
        grad[index] = (plus - minus) / (2 * h)
        if verbose:
            print(index, grad[index])
    return grad


def eval_numerical_gradient_array(f, x, df, h=1e-5):
    """The gradient of sum(f(x) * df) at x: a layer's dx for the upstream gradient df."""
    grad = np.zeros_like(x, dtype=np.float64)
    for index in np.ndindex(x.shape):
        original = x[index]
        x[index] = original + h
        plus = np.array(f(x), dtype=np.float64)  # a copy: f may return the same array each time
        x[index] = original - h
        minus = np.array(f(x), dtype=np.float64)
        x[index] = original
        grad[index] = np.sum((plus - minus) * df) / (2 * h)
    return grad


def grad_check_sparse(f, x, analytic_grad, num_checks=10, h=1e-5):
    """Compare analytic_grad with central differences at ``num_checks`` random coordinates, printed."""
    for _ in range(num_checks):
        index = tuple(np.random.randint(n) for n in x.shape)
        original = x[index]
        x[index] = original + h
        plus = f(x)
        x[index] = original - h
        minus = f(x)
        x[index] = original
        numerical = (plus - minus) / (2 * h)
        analytic = analytic_grad[index]
        denominator = abs(numerical) + abs(analytic)
        error = abs(numerical - analytic) / denominator if denominator else 0.0
        print(f"numerical: {numerical:f} analytic: {analytic:f}, relative error: {error:e}")

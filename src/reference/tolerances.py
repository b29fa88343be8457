"""How close is close enough: one table, keyed by oracle.

Errors are relative: ||actual - expected|| / (||actual|| + ||expected||) per
tensor (the course's measure), 0 when both are 0. Every number below leaves
correct float64 code at least 1000× under it (measured: see README), while
the smallest plausible learner bug (a missing 1/m with m = 2) is 1/3.
"""

import numpy as np

__all__ = ["relative_error", "TOLERANCES", "FD_STEP", "COMPLEX_STEP", "KINK_MARGIN", "SATURATION", "TAYLOR_MIN_ORDER"]

FD_STEP = 1e-5
"""Central-difference step. Truncation error ~ eps² ~ 1e-10 and rounding
~ 1e-16 / eps ~ 1e-11 balance here: measured 1e-11..1e-10 on correct code."""

COMPLEX_STEP = 1e-20
"""Complex step: Im f(x + ih)/h has no subtraction, so any tiny h is exact."""

KINK_MARGIN = 1e-3
"""Per-function check points keep every ReLU input at least this far from 0,
far beyond what an FD step of 1e-5 can move it."""

SATURATION = 1e-12
"""AL this close to 0 or 1 makes log(1 - AL) lose its digits: not a valid point."""

TAYLOR_MIN_ORDER = 1.5
"""Taylor remainder must shrink like h^p with p >= 1.5: a right gradient gives
p = 2, a wrong one p = 1. Reported as rel_error = max(0, 2 - p), tolerance 0.5."""

TOLERANCES = {
    # Forward values: the same float64 formula in numpy and XLA; differences are
    # summation order only (~1e-16). A wrong formula is off by O(1).
    "jax-forward": 1e-10,
    # Analytic gradient vs autodiff in float64: both exact up to rounding.
    "jax-vjp": 1e-10,
    "jax-grad": 1e-10,
    # Complex step: exact to rounding, like autodiff, yet shares nothing with it.
    "complex-step": 1e-10,
    # Central differences with eps = FD_STEP (see above): correct code 1e-11..1e-10.
    "central-fd": 1e-6,
    "directional-fd": 1e-6,
    "full-fd": 1e-6,
    # update_parameters against W - lr * dW, computed in the same float64.
    "update-rule": 1e-12,
    # A training loop against JAX's gradient descent from the same start: each
    # step adds rounding only; manual_dnn is 1e-16 off after 201 steps.
    "jax-trajectory": 1e-10,
    # The Taylor test is judged by its order (TAYLOR_MIN_ORDER), see above.
    "taylor": 2 - TAYLOR_MIN_ORDER,
}


def relative_error(actual, expected, difference=None):
    """||actual - expected|| / (||actual|| + ||expected||), 0 when both are 0.

    The course's measure, for whole tensors or single numbers alike: the one
    definition every check, the report and ``explain`` use. ``difference``:
    actual - expected, when the caller has it already.
    """
    actual, expected = np.asarray(actual, dtype=np.float64), np.asarray(expected, dtype=np.float64)
    scale = np.linalg.norm(actual) + np.linalg.norm(expected)
    if difference is None:
        difference = actual - expected
    return float(np.linalg.norm(difference) / scale) if scale > 0 else 0.0

"""How the course 1 properties compare: the course's relative error, with one absolute floor.

Hypothesis finds points where a gradient nearly cancels (a dw entry of 1e-15 from terms of
order 1); there the relative error measures rounding only. Below FLOOR (per entry, summed
as a norm) two float64 results are the same number computed in another order.
"""

import numpy as np

from reference.tolerances import TOLERANCES, relative_error

TOLERANCE = TOLERANCES["jax-vjp"]  # 1e-10: float64 against float64 autodiff
FLOOR = 1e-12  # rounding of sums of at most 40 products of values below ~10


def assert_agrees(actual, expected, what):
    """relative_error(actual, expected) <= 1e-10, or the two differ by rounding only."""
    actual, expected = np.asarray(actual, dtype=np.float64), np.asarray(expected, dtype=np.float64)
    assert actual.shape == expected.shape, f"{what}: shape {actual.shape}, expected {expected.shape}"
    assert np.isfinite(actual).all(), f"{what}: not finite: {actual}"
    error = relative_error(actual, expected)
    if error <= TOLERANCE or np.linalg.norm(actual - expected) <= FLOOR * np.sqrt(actual.size):
        return
    worst = np.unravel_index(np.argmax(np.abs(actual - expected)), actual.shape) if actual.ndim else ()
    raise AssertionError(f"{what}{list(worst)}: hand-written {actual[worst]!r}, JAX {expected[worst]!r}, "
                         f"rel. error {error:.1e} > {TOLERANCE:.0e}")

"""Comparing what code under test returned with what an oracle expects.

Each comparison becomes a Check: a relative error against a tolerance, or a
contract failure (an exception, a wrong arity, shape or type, a NaN) with its
reason in words.
"""

import numpy as np

from reference.report.patterns import error_pattern
from reference.report.results import Check
from reference.tolerances import relative_error

__all__ = ["compare", "contract_failure", "unpack"]


def contract_failure(function, target, detail):
    return Check(function, target, "contract", None, None, False, detail)


def unpack(function, result, outputs):
    """Split ``result.value`` into the named outputs, or return a failing Check."""
    if result.error:
        return contract_failure(function, "call", result.error)
    if len(outputs) == 1:
        return [result.value]
    value = result.value
    if not isinstance(value, (tuple, list)) or len(value) != len(outputs):
        got = f"{len(value)} values" if isinstance(value, (tuple, list)) else type(value).__name__
        return contract_failure(function, "returns", f"returned {got}, expected ({', '.join(outputs)})")
    return list(value)


def compare(function, target, oracle, expected, actual, tolerance, who="JAX"):
    """Check ``actual`` against ``expected`` with the course's relative error."""
    expected = np.asarray(expected, dtype=np.float64)
    try:
        actual = np.asarray(actual, dtype=np.float64)
    except (TypeError, ValueError):
        return contract_failure(function, target, f"{target} is {type(actual).__name__}, not a numeric array")
    if expected.ndim == 0 and actual.size == 1:
        actual = actual.reshape(())
    if actual.shape != expected.shape:
        return contract_failure(function, target, f"{target} has shape {actual.shape}, expected {expected.shape}")
    bad = ~np.isfinite(actual)
    if bad.any():
        index = tuple(int(i) for i in np.argwhere(bad)[0])
        kind = "NaN" if np.isnan(actual[index]) else "inf"
        return contract_failure(function, target, f"{target}{list(index)} is {kind}")
    diff = np.abs(actual - expected)
    rel = relative_error(actual, expected)
    index = np.unravel_index(int(np.argmax(diff)), diff.shape) if diff.size else ()
    worst = {"index": [int(i) for i in index], "expected": float(expected[index]), "actual": float(actual[index])}
    where = f"{target}[{', '.join(map(str, worst['index']))}]" if index else target
    detail = (f"{where}: hand-written {worst['actual']:.6g}, {who} {worst['expected']:.6g}, "
              f"rel. error {rel:.1e}")
    check = Check(function, target, oracle, rel, tolerance, rel <= tolerance, detail, worst)
    if not check.passed:  # where it is wrong: kept for the heat map, named in words
        check.errors, check.pattern = error_pattern(target, actual, expected, who, tolerance)
    return check

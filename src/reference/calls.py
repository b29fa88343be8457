"""Calling code under test safely, and comparing what it returns.

Whatever the code does -- raise, print, return the wrong arity or shape,
return NaN, write into its inputs -- becomes a Check with the reason, never a
crash of the checker or noise in its report.
"""

import contextlib
import copy
import io
import warnings
from dataclasses import dataclass, field

import numpy as np

from reference.report import Check

__all__ = ["Call", "call", "compare", "contract_failure", "unpack"]


@dataclass
class Call:
    value: object = None
    error: str | None = None
    output: str = ""
    mutated: list = field(default_factory=list)  # names of arguments written into


def _same(a, b):
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return (isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.shape == b.shape
                and np.array_equal(a, b, equal_nan=True))
    if isinstance(a, (tuple, list)):
        return type(a) is type(b) and len(a) == len(b) and all(map(_same, a, b))
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    try:
        return bool(a == b)
    except Exception:
        return a is b


def call(function, names, *args):
    """Run ``function(*args)`` on copies; report what it returned, raised, printed and mutated."""
    given, pristine = copy.deepcopy(args), copy.deepcopy(args)
    output = io.StringIO()
    result = Call()
    with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output), \
            np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            result.value = function(*given)
        except Exception as error:  # the code under test may raise anything
            message = str(error).splitlines()[0] if str(error) else ""
            result.error = f"raised {type(error).__name__}: {message}".rstrip(": ")
    result.output = output.getvalue()
    result.mutated = [name for name, a, b in zip(names, given, pristine) if not _same(a, b)]
    return result


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
    scale = np.linalg.norm(actual) + np.linalg.norm(expected)
    rel = float(np.linalg.norm(diff) / scale) if scale > 0 else 0.0
    index = np.unravel_index(int(np.argmax(diff)), diff.shape) if diff.size else ()
    worst = {"index": [int(i) for i in index], "expected": float(expected[index]), "actual": float(actual[index])}
    where = f"{target}[{', '.join(map(str, worst['index']))}]" if index else target
    detail = (f"{where}: hand-written {worst['actual']:.6g}, {who} {worst['expected']:.6g}, "
              f"rel. error {rel:.1e}")
    return Check(function, target, oracle, rel, tolerance, rel <= tolerance, detail, worst)

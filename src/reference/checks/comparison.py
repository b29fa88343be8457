"""Comparing what code under test returned with what an oracle expects.

Each comparison becomes a Check: a relative error against a tolerance, or a
contract failure (an exception, a wrong arity, shape or type, a NaN) with its
reason in words, or a contract difference of a learner's own helper.
"""

import numpy as np

from reference.report.patterns import error_pattern
from reference.report.results import Check
from reference.seed_functions import SEED_FUNCTIONS
from reference.tolerances import relative_error

__all__ = ["returned", "real_array", "compare", "contract_failure", "contract_difference", "call_failure",
           "mutation_failures", "unpack", "outputs_of"]


def contract_failure(function, target, detail):
    return Check(function, target, "contract", None, None, False, detail)


def contract_difference(function, target, detail, inert=False):
    """A learner's own helper that keeps its own contract: not a failure by itself. ``inert``: one that
    no caller's failure can come from (a signature the checker called by name, an int 0 for 0.0)."""
    return Check(function, target, "contract", None, None, None, detail, differs=True, inert=inert)


def call_failure(function, result):
    """The call raised: its reason, and where in the learner's code."""
    from reference.learner.old_idioms import hint_for

    hint = hint_for(result) if result.error_type else None
    check = contract_failure(function, "call", result.error + (f": {hint}" if hint else ""))
    if result.error_type:
        check.raised = {"type": result.error_type, "message": result.error_message, "file": result.error_file,
                        "cell": result.error_cell, "line": result.error_line, "source": result.error_source,
                        "frames": list(result.frames)}
    return check


def mutation_failures(function, result, allowed=()):
    return [contract_failure(function, name, f"writes into its argument {name}: the caller's arrays change "
                             "under it; compute into a new array (np.array(x, copy=True), or x * mask) instead")
            for name in result.mutated if name not in allowed]


def returned(value):
    """What a call returned, named for a failure: None gets its likely reason."""
    if value is None:
        return "None (is a return statement missing?)"
    return f"{len(value)} values" if isinstance(value, (tuple, list)) else type(value).__name__


def unpack(function, result, outputs):
    """Split ``result.value`` into the named outputs, or return a failing Check."""
    if result.error:
        return call_failure(function, result)
    if len(outputs) == 1:
        return [result.value]
    value = result.value
    if not isinstance(value, (tuple, list)) or len(value) != len(outputs):
        return contract_failure(function, "returns", f"returned {returned(value)}, expected ({', '.join(outputs)})")
    return list(value)


def outputs_of(function, result):
    """(checks, {output name: value}) of a call, the names read from the seed
    table; the dict is None when the call raised or returned the wrong arity."""
    values = unpack(function, result, SEED_FUNCTIONS[function].outputs)
    if isinstance(values, Check):
        return [values], None
    return mutation_failures(function, result), dict(zip(SEED_FUNCTIONS[function].outputs, values))


def real_array(value):
    """``value`` as a float64 array; None when it holds complex numbers with imaginary parts (their
    real parts alone would be judged, and could pass). Raises TypeError/ValueError when not numbers."""
    array = np.asarray(value)
    if array.dtype.kind == "c":
        if np.any(array.imag != 0):
            return None
        array = array.real
    return np.asarray(array, dtype=np.float64)


def compare(function, target, oracle, expected, actual, tolerance, who="JAX", alternatives=None, regions=None,
            time_axis=None, backward=False):
    """Check ``actual`` against ``expected`` with the course's relative error.

    Shapes must match exactly: a (1, 1) array is not a scalar. When it fails,
    ``alternatives`` ({words: what a likely bug gives}, or a function returning
    that) and ``regions`` ({words: mask}) may name the bug, and ``time_axis``,
    ``backward`` say where a tensor has time steps and in which order its pass
    visits them (report/patterns.py).
    """
    expected = np.asarray(expected, dtype=np.float64)
    if actual is None:  # an unfilled template: "Z = None  # YOUR CODE HERE"
        return contract_failure(function, target, f"{target} is None")
    try:
        actual = real_array(actual)
    except (TypeError, ValueError, OverflowError):
        return contract_failure(function, target, f"{target} is {type(actual).__name__}, not a numeric array")
    if actual is None:
        return contract_failure(function, target, f"{target} is complex, with imaginary parts: not real numbers")
    if actual.shape != expected.shape:
        return contract_failure(function, target, f"{target} has shape {actual.shape}, expected {expected.shape}")
    if not np.isfinite(actual).all():
        index = tuple(int(i) for i in np.argwhere(~np.isfinite(actual))[0])
        kind = "NaN" if np.isnan(actual[index]) else "inf"
        return contract_failure(function, target, f"{target}{list(index)} is {kind}")
    diff = np.asarray(actual - expected)  # an array even for shape ()
    rel = relative_error(actual, expected, difference=diff)
    np.abs(diff, out=diff)  # in place: at the cat network's input every fresh array costs more than its arithmetic
    index = np.unravel_index(int(np.argmax(diff)), diff.shape) if diff.size else ()
    worst = {"index": [int(i) for i in index], "expected": float(expected[index]), "actual": float(actual[index])}
    where = f"{target}[{', '.join(map(str, worst['index']))}]" if index else target
    detail = (f"{where}: hand-written {worst['actual']:.6g}, {who} {worst['expected']:.6g}, "
              f"rel. error {rel:.1e}")
    check = Check(function, target, oracle, rel, tolerance, bool(rel <= tolerance), detail, worst)
    if not check.passed:  # where it is wrong: kept for the heat map, named in words
        check.errors, check.pattern = error_pattern(target, actual, expected, who, tolerance, alternatives, regions,
                                                    time_axis=time_axis, backward=backward)
    return check

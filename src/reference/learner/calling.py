"""Calling code under test: whatever it does becomes data.

It runs on copies of its arguments; what it returns, raises, prints and
writes into its arguments is recorded in a Call, never a crash of the checker
or noise on its terminal. The checks turn a Call into verdicts.
"""

import contextlib
import copy
import io
import warnings
from dataclasses import dataclass, field

import numpy as np

__all__ = ["Call", "call"]


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

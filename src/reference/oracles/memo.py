"""Remembering oracles' results while a batch is graded.

The expected values of every per-layer and model check depend only on the
check point, never on the learner: when many submissions are checked at the
same point, each oracle result is computed once. Off by default (one check
computes everything afresh); ``remembering()`` turns it on for a batch. A
result is keyed by a digest of every argument's bytes, and handed out as a
copy, so nobody downstream can change what the next submission gets.
"""

import contextlib
import copy
import hashlib

import numpy as np

__all__ = ["remembering", "remember"]

MAX_ENTRIES = 512  # a batch at one point needs a few dozen; a runaway caller cannot fill memory

_table = None


@contextlib.contextmanager
def remembering():
    """Within this context, ``remember`` keeps results across calls."""
    global _table
    previous, _table = _table, {}
    try:
        yield
    finally:
        _table = previous


def _fingerprint(value):
    if isinstance(value, np.ndarray):
        data = value if value.flags.c_contiguous else np.ascontiguousarray(value)
        return ("array", value.dtype.str, value.shape, hashlib.blake2b(data.data, digest_size=16).digest())
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, tuple(map(_fingerprint, value)))
    if isinstance(value, dict):
        return ("dict", tuple((k, _fingerprint(v)) for k, v in value.items()))
    if value is None or isinstance(value, (bool, int, float, str, np.generic)):
        return (type(value).__name__, repr(value))
    raise TypeError(f"cannot fingerprint {type(value).__name__}")


def remember(name, arguments, compute):
    """``compute()``, or a copy of what it returned before for the same ``name`` and ``arguments``."""
    if _table is None:
        return compute()
    try:
        key = (name, _fingerprint(arguments))
    except TypeError:
        return compute()
    if key not in _table:
        if len(_table) >= MAX_ENTRIES:
            _table.clear()
        _table[key] = compute()
    return copy.deepcopy(_table[key])

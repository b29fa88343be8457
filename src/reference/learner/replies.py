"""What the checker accepts from a child: every field of the annotated type, and arguments compared
by the checker itself (the child runs the learner's code, so its own opinion counts for nothing)."""

import dataclasses
import types
import typing

import numpy as np

from reference.learner.calling import FRAME_KEYS, MAX_FRAMES, _same
from reference.learner.channel import CRASHED, Died

__all__ = ["checked_fields", "checked_frames", "unchanged"]


def checked_fields(record_type, fields):
    """The fields of ``record_type`` found in ``fields``, each of the type its annotation says."""
    try:
        hints = typing.get_type_hints(record_type)
    except Exception:  # an annotation that does not resolve: each field is then checked as text or data
        hints = {}
    checked = {}
    for f in dataclasses.fields(record_type):
        if f.name not in fields:
            continue
        value, hint = fields[f.name], hints.get(f.name) or _default_type(f)
        if not _fits(value, hint):
            raise Died(f"{CRASHED} garbage on the channel: {f.name} is {type(value).__name__}")
        checked[f.name] = value
    return checked


def _default_type(f):
    """Without an annotation: the type of the field's default (text stays text), else anything."""
    if f.default_factory is not dataclasses.MISSING:
        return type(f.default_factory())
    if f.default is not dataclasses.MISSING and f.default is not None:
        return type(f.default)
    return object


def _fits(value, hint):
    if hint is object or hint is typing.Any:
        return True
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        return any(_fits(value, a) for a in args)
    if hint is type(None):
        return value is None
    if hint is list or origin is list:  # every list field holds text (names, notes) unless it says otherwise
        item = args[0] if args else str
        return isinstance(value, list) and all(_fits(v, item) for v in value)
    if isinstance(hint, type):
        return isinstance(value, hint) and not (hint is int and isinstance(value, bool))
    return True


def checked_frames(frames):
    """Whether a call chain is what calling.py records: at most MAX_FRAMES dicts of FRAME_KEYS,
    the function a text, the file and source text or None, the cell and line an int or None."""
    kinds = {"function": (str,), "file": (str, type(None)), "cell": (int, type(None)), "line": (int, type(None)),
             "source": (str, type(None))}
    return isinstance(frames, list) and len(frames) <= MAX_FRAMES and all(
        isinstance(f, dict) and set(f) == set(FRAME_KEYS) and all(
            isinstance(f[k], kinds[k]) and not isinstance(f[k], bool) for k in FRAME_KEYS) for f in frames)


def unchanged(sent, back):
    """calling._same, with a fast path for arrays equal without NaNs (np.array_equal's equal_nan=True is
    ~7x slower, and the caches at real size hold 20 MB)."""
    if isinstance(sent, np.ndarray) and isinstance(back, np.ndarray) and sent.shape == back.shape \
            and np.array_equal(sent, back):
        return True
    if isinstance(sent, (tuple, list)) and type(sent) is type(back) and len(sent) == len(back):
        return all(map(unchanged, sent, back))
    if isinstance(sent, dict) and isinstance(back, dict) and sent.keys() == back.keys():
        return all(unchanged(sent[k], back[k]) for k in sent)
    return _same(sent, back)

"""A report's entries as text, for the page and the whole report: one line per (function, target,
verdict), its pattern in words, and the learner's call chain of an exception, wrapped at WIDTH."""

import textwrap

from reference.learner.calling import chain_steps
from reference.report.in_words import failing_tensors, pattern_of
from reference.report.safe_text import one_line

__all__ = ["WIDTH", "INDENT", "wrap", "merged", "entry", "chain_lines", "patterns_of"]

WIDTH = 100  # columns: a terminal's, an e-mail's
INDENT = "      "


def wrap(text, first="", rest=INDENT):
    return textwrap.wrap(one_line(text), WIDTH, initial_indent=first, subsequent_indent=rest,
                         break_on_hyphens=False) or [first.rstrip()]


def merged(checks):
    """[(check, its oracles)]: one entry per (function, target, verdict), in order, shown by
    its first check (a wrong dW is one line, whichever oracles say so)."""
    groups = {}
    for c in checks:
        try:
            key = (one_line(c.function), one_line(c.target), c.verdict)
        except Exception:  # a check that cannot even say its verdict: its own line
            key = id(c)
        groups.setdefault(key, []).append(c)
    return [(group[0], ", ".join(dict.fromkeys(one_line(c.oracle) for c in group))) for group in groups.values()]


def entry(check, oracles, patterns, said=None):
    """A failing (or other) entry: its line, its pattern in words (unless ``said`` just before),
    the learner's call chain."""
    chain = chain_lines(check)
    detail = _raised_alone(check) if chain else check.detail  # the chain below says where
    lines = wrap(f"{check.verdict} {check.function} {check.target} ({oracles}): {detail}", "  ")
    pattern = patterns.get((one_line(check.function), one_line(check.target)))
    if pattern and pattern != said:
        lines += wrap(pattern, INDENT)
    return lines + chain


def _raised_alone(check):
    """'raised IndexError: its message's first line', without where (its call chain says it)."""
    message = str(check.raised.get("message") or "").strip()
    first = message.splitlines()[0] if message else ""
    return f"raised {check.raised.get('type')}" + (f": {first}" if first else "")


def chain_lines(check):
    """For an exception that went through several of the learner's functions: one line per frame."""
    frames = check.raised.get("frames") if isinstance(check.raised, dict) else None
    frames = [f for f in frames if isinstance(f, dict)] if isinstance(frames, list) else []
    if len(frames) < 2:
        return []
    lines = []
    for k, (frame, step) in enumerate(zip(frames, chain_steps(frames))):
        source = f": {frame.get('source')}" if frame.get("source") else ""
        lines += wrap(f"{'-> ' if k else ''}{step}{source}", INDENT, INDENT + "   ")
    return lines


def patterns_of(checks):
    """{(function, target): its pattern in words}: a failing tensor's (the JAX check's first), or the
    bug a check named on a single number."""
    found = {(one_line(c.function), one_line(c.target)): pattern_of(c) for c in failing_tensors(checks)}
    for c in checks:
        if c.passed is False and c.pattern:
            found.setdefault((one_line(c.function), one_line(c.target)), c.pattern)
    return found

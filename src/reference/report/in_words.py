"""What the pictures show, in words, for the text report; and the report in one line.

The HTML report draws three pictures (report/pictures.py); a terminal gets
the same facts as sentences: where each failing tensor is wrong (the heat
maps) and what the step size does to one entry's finite differences (the
"V"). The Taylor test's order is already in its own line.
"""

import math
import textwrap

import numpy as np

from reference.tolerances import relative_error

__all__ = ["pictures_in_words", "step_sizes_in_words", "summary", "failing_tensors", "pattern_of"]


def summary(report):
    """One line: the verdict, the root cause when there is one, what is missing."""
    failed = sum(c.passed is False for c in report.checks)
    verdict = report.verdict
    if verdict == "NOTHING CHECKED":
        return f"{report.implementation}: nothing checked"
    missing = f"; not found: {', '.join(report.missing)}" if report.missing else ""
    if failed:
        causes = ", ".join(report.root_causes)
        return f"{report.implementation}: {verdict}, {failed} of {len(report.checks)} checks; root cause {causes}" \
               + missing
    return f"{report.implementation}: {verdict}, {len(report.checks)} checks" + missing


def failing_tensors(checks):
    """One failing Check per (function, target) with per-entry errors (a tensor), the JAX one first."""
    chosen = {}
    for c in checks:
        if c.passed is False and c.errors is not None and np.size(c.errors) > 1:
            key = (c.function, c.target)
            if key not in chosen or (c.oracle.startswith("jax") and not chosen[key].oracle.startswith("jax")):
                chosen[key] = c
    return list(chosen.values())


def pattern_of(check):
    return check.pattern or "no entry stands out (errors near rounding everywhere)"


def pictures_in_words(report):
    """Lines for the text report: patterns of failing tensors, then the step-size sweep."""
    lines = []
    tensors = failing_tensors(report.checks)
    if tensors:
        lines += ["", "Where each failing tensor is wrong:"]
        for c in tensors:
            lines += textwrap.wrap(f"{c.function} {c.target}: {pattern_of(c)}", 100, initial_indent="  ",
                                   subsequent_indent="    ")
    steps = next((c for c in report.checks if c.steps), None)
    if steps is not None:
        lines += ["", *step_sizes_in_words(steps)]
    return lines


def step_sizes_in_words(check):
    """Two lines on one entry's central, forward and complex-step estimates over h."""
    s = check.steps
    where = f"{s['key']}[{', '.join(map(str, s['index']))}]"
    best = {name: _best(s["h"], s[name], s["jax"]) for name in ("central", "forward", "complex")}
    flat_h, flat_level = _flat_below(s["h"], s["complex"], s["jax"])
    text = (f"Step size, {check.function} {where} against JAX: the central difference is closest at "
            f"h = {best['central'][0]:.0e} (rel. error {best['central'][1]:.0e}), the forward difference at "
            f"h = {best['forward'][0]:.0e} ({best['forward'][1]:.0e}); the complex step is within "
            f"{flat_level:.0e} at every h <= {flat_h:.0e}.")
    hand = _relative(s["hand_written"], s["jax"])
    if hand > 1e-6:
        text += f" The hand-written value's relative error: {hand:.1e}."
    return textwrap.wrap(text, 100, subsequent_indent="  ")


def _relative(estimate, exact):
    """The report's one relative error, |a - e| / (|a| + |e|), for one entry."""
    if estimate is None:
        return math.inf
    return relative_error(estimate, exact)


def _best(hs, estimates, exact):
    """(h, relative error) of the estimate closest to ``exact``."""
    errors = [_relative(e, exact) for e in estimates]
    k = min(range(len(hs)), key=errors.__getitem__)
    return hs[k], errors[k]


def _flat_below(hs, estimates, exact):
    """(h, level): every step up to h is within ``level``, 10x the best error (at least 1e-15)."""
    errors = [_relative(e, exact) for e in estimates]
    level = max(10 * min(errors), 1e-15)
    largest = min(hs)
    for h, error in sorted(zip(hs, errors)):
        if error > level:
            break
        largest = h
    return largest, level

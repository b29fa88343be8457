"""The report in one sentence: PASS, FAIL or INCOMPLETE, the root causes by name, what is
missing (and what the file defines instead), what --only left out."""

import math

from reference.report.safe_text import as_float, joined, number

__all__ = ["verdict_line", "missing_text", "closest_margin"]


def missing_text(report):
    """'L_model_backward (did you mean L_model_backwards?), predict'."""
    return ", ".join(f"{m} (did you mean {report.did_you_mean[m]}?)" if m in report.did_you_mean else str(m)
                     for m in report.missing)


def verdict_line(report):
    """One sentence: PASS, FAIL or INCOMPLETE, the root causes by name, what is missing or not checked."""
    differs = [c for c in report.checks if c.differs]
    judged = len(report.checks) - len(differs)
    failed = [c for c in report.checks if c.passed is False]
    invalid = [c for c in report.checks if c.passed is None and not c.differs]
    verdict = report.verdict
    if verdict == "NOTHING CHECKED":
        if report.not_done:
            return f"NOTHING CHECKED: the functions found are not done yet ({joined(list(report.not_done))})."
        if report.only is not None:
            return f"NOTHING CHECKED: {joined(report.only)} (--only) gave no check."
        return "NOTHING CHECKED: none of the course's functions was found."
    causes = report.root_causes
    if verdict == "FAIL":
        named = [f"{f} (contract difference)" if f in report.contract_differences and f not in
                 report.failing_functions else f"{f} (not found)" if f in report.missing else str(f) for f in causes]
        others = [str(f) for f in report.failing_functions if f not in causes]
        text = f"FAIL: {len(failed)} of {_checks(judged)} failed. "
        if len(causes) == 1:
            text += f"Root cause: {named[0]}. Fix it first"
        else:
            text += f"{len(causes)} independent problems: {', '.join(named)}. Fix them first"
        text += f"; then re-check {', '.join(others)}." if others else "."
        if report.missing:
            text += f" Also not found: {missing_text(report)}."
        return text + _only_text(report)
    if verdict == "INCOMPLETE":
        count = len(report.missing)
        text = f"INCOMPLETE: {'not found' if count == 1 else f'{count} graded functions not found'}: " \
               f"{missing_text(report)}."
        checked = len({c.function for c in report.checks})
        if failed:
            callers = report.failing_functions
            text += (f" {len(failed)} of {_checks(judged)} failed, in {joined(callers)}, which "
                     f"call{'s' * (len(callers) == 1)} {joined(causes)}.")
        elif judged:
            text += (f" The function found passes all {_checks(judged - len(invalid))}." if checked == 1 else
                     f" The {checked} functions found pass all {_checks(judged - len(invalid))}.")
        return text + _only_text(report)
    if not judged:
        return f"NOTHING JUDGED: only contract differences ({joined(report.contract_differences)}), see above."
    text = f"PASS: all {_checks(judged - len(invalid))} passed"
    margin = closest_margin(report.checks)
    if margin == math.inf:
        text += ", every one exact"
    elif margin is not None:
        text += f", the closest {number(margin)}x under its tolerance"
    if invalid:
        text += f"; {len(invalid)} could not run (INVALID, see above)"
    if differs:
        text += f"; contract differences, consistent with your own code: {joined(report.contract_differences)}"
    if report.not_done:
        text += f"; optional, not done yet: {joined(list(report.not_done))}"
    return text + "." + _only_text(report)


def _only_text(report):
    if report.only is None:
        return ""
    return (f" Checked with --only {','.join(report.only)}"
            + (f"; not checked: {joined(report.not_checked)}." if report.not_checked else "."))


def _checks(n):
    return f"{n} check{'s' * (n != 1)}"


def closest_margin(checks):
    """How many times under its tolerance the closest passing check is; inf when every one is exact
    (a relative error of 0); None when none has a relative error."""
    margins = []
    for c in checks:
        rel, tol = as_float(c.rel_error), as_float(c.tolerance)
        if c.passed is True and rel is not None and tol is not None and math.isfinite(rel) and rel >= 0 \
                and math.isfinite(tol) and tol > 0:
            margins.append(tol / rel if rel > 0 else math.inf)
    return min(margins, default=None)

"""The report as text: a page that leads with what to fix, or the whole report (``verbose``).

The page, read top to bottom: what was checked; the verdict; each root cause
with its worst failing entries, the pattern of each in words and, for an
exception, the learner's call chain; one folded line per function whose
failures a root cause explains; what is missing; what to do next. The whole
report adds the table of every check, every failure, the notes and the
legend. Lines are at most 100 columns; nothing here raises, whatever a Check
holds (report/safe_text.py).
"""

from reference.report.entries import entry, merged, patterns_of, wrap
from reference.report.safe_text import joined, one_line
from reference.report.whole import NOT_DONE, whole_lines, whole_markdown

__all__ = ["report_text", "report_markdown_text", "header", "folded", "ENTRIES_SHOWN"]

ENTRIES_SHOWN = 3  # failing targets shown for each root cause on the page (--verbose: all)


def header(report):
    return wrap(f"manual-dnn gradcheck: {report.implementation} {report.where()}", rest="  ")


def report_text(report, verbose=False):
    """The page (``verbose``: the whole report between the verdict and what to do next)."""
    lines = header(report) + wrap(report.verdict_line(), rest="  ")
    lines += whole_lines(report) if verbose else _root_causes(report) + _explained(report) + _aside(report)
    return "\n".join(lines + ["", *_next(report, verbose)])


def report_markdown_text(report):
    """The whole report as Markdown, the verdict first, what to do next last."""
    return whole_markdown(report, _next(report, verbose=True))


SUMMARY_ORACLES = ("taylor", "directional-fd")  # a number for the whole gradient: no entry to show


def _worst_first(entries):
    """Exceptions and contract failures first (they stop everything after them), then the tensors
    with the largest errors, then checks of the whole gradient (the Taylor test)."""
    def badness(item):
        check = item[0]
        error = check.rel_error if isinstance(check.rel_error, (int, float)) else 0.0
        kind = 0 if check.oracle == "contract" else 2 if check.oracle in SUMMARY_ORACLES else 1
        return kind, -error
    return sorted(entries, key=badness)


def _root_causes(report):
    """Each root cause: its worst failing entries (all of them with --verbose), or why it is one."""
    lines = []
    failed = [c for c in report.checks if c.passed is False]
    patterns = patterns_of(failed)
    causes = report.root_causes
    for number, cause in enumerate(causes, start=1):
        title = "Root cause" if len(causes) == 1 else f"Root cause {number} of {len(causes)}"
        if cause in report.missing:
            guess = report.did_you_mean.get(cause)
            callers = _callers(report, cause)
            lines += ["", *wrap(f"{title}: {cause} is not in the file"
                                 + (f" (did you mean {guess}?)" if guess else "")
                                 + f"; {joined(callers)} call{'s' * (len(callers) == 1)} it.", rest="  ")]
            continue
        own = [c for c in report.checks if c.function == cause and (c.passed is False or c.differs)]
        entries = _worst_first(merged(own))
        kind = "contract difference" if cause not in report.failing_functions else \
            f"{len(entries)} failing target{'s' * (len(entries) != 1)}"
        lines += ["", *wrap(f"{title}: {cause} ({kind}{', the worst first' if len(entries) > 1 else ''})", rest="  ")]
        said = None
        for check, oracles in entries[:ENTRIES_SHOWN]:
            lines += entry(check, oracles, patterns, said)
            said = patterns.get((one_line(check.function), one_line(check.target)), said)
        if len(entries) > ENTRIES_SHOWN:
            more = ", ".join(one_line(c.target) for c, _ in entries[ENTRIES_SHOWN:])
            lines += wrap(f"... and {len(entries) - ENTRIES_SHOWN} more: {more} (--verbose shows them)", "  ")
    return lines


def _callers(report, missing):
    return [g for g in report.failing_functions if missing in report.explained_by.get(g, [])] or ["nothing"]


_NOUNS = {"jax-trajectory": ("trajectory", "trajectories"), "jax-vjp": ("gradient", "gradients"),
          "jax-grad": ("gradient", "gradients"), "jax-forward": ("value", "values"),
          "update-rule": ("parameter", "parameters"), "taylor": ("Taylor test", "Taylor tests")}


def folded(report, function):
    """'two_layer_model: 6 trajectories wrong, explained by linear_backward': its failing targets
    counted by what they are (gradients, trajectories, values, ...), or the exception it raised."""
    counts, raised = {}, []
    for check, _ in merged([c for c in report.checks if c.function == function and c.passed is False]):
        if isinstance(check.raised, dict) and check.raised.get("type"):
            raised.append(f"raised {one_line(check.raised['type'])}")
            continue
        nouns = _NOUNS.get(check.oracle, ("contract check", "contract checks"))
        counts[nouns] = counts.get(nouns, 0) + 1
    raised = list(dict.fromkeys(raised))  # one "raised TypeError" for every variant (relu, sigmoid) that raised it
    what = raised + ([", ".join(f"{n} {one if n == 1 else many}" for (one, many), n in counts.items()) + " wrong"]
                     if counts else [])
    return f"{function}: {', '.join(what)}, explained by {joined(report.explained_by.get(function, []))}"


def _explained(report):
    explained = report.explained_by
    if not explained:
        return []
    lines = ["", "Failing only through the root cause (fixing it should fix them too):"
             if len(report.root_causes) == 1 else "Failing only through the root causes above:"]
    for function in explained:
        lines += wrap(folded(report, function), "  ")
    return lines


def _aside(report):
    """Missing functions, INVALID checks, contract differences and notes: one line each, details in --verbose."""
    lines = []
    if report.missing and report.verdict == "FAIL":
        lines += wrap(f"Not found in the file, so not checked: {report.missing_text()}", rest="  ")
    if report.not_done:
        lines += wrap(f"{NOT_DONE}: {report.not_done_text()}", rest="  ")
    invalid = [c for c in report.checks if c.passed is None and not c.differs]
    if invalid:
        lines += wrap(f"Could not run (INVALID): {len(merged(invalid))} "
                       f"({joined(dict.fromkeys(f'{c.function} {c.target}' for c in invalid))})", rest="  ")
    others = [d for d in report.contract_differences if d not in report.root_causes]
    if others:
        lines.append("Differences from the course's contract, consistent with your code (not failures):")
        for function in others:
            details = dict.fromkeys(c.detail for c in report.checks if c.differs and c.function == function)
            lines += wrap(f"  {function}: {'; '.join(details)}", rest="      ")
    said = len(report.notes) + bool(report.supplied)
    if said:
        lines += wrap(f"{said} note{'s' * (said != 1)} (supplied helpers, skipped lines, what was printed): "
                       f"--verbose shows {'them' if said > 1 else 'it'}", rest="  ")
    return ["", *lines] if lines else []


ONLY_SHOWN = 80  # characters of a suggested --only list: a longer one is no fragment


def _next(report, verbose):
    verdict = report.verdict
    more = ""
    if not verbose and report.checks:
        failures = " and every failure" if any(c.passed is False for c in report.checks) else ""
        more = f" --verbose shows the table of all {len(report.checks)} checks{failures}."
    if verdict == "FAIL":
        causes = report.root_causes
        explained = list(report.explained_by)
        text = f"Next: fix {joined(causes)}, then check again" + (
            f"; {joined(explained)} should pass once {'it is' if len(causes) == 1 else 'they are'} right."
            if explained else ".")
    elif verdict == "INCOMPLETE":
        text = "Next: " + _completing(report)
    elif verdict == "PASS":
        text = "Next: nothing to fix." + (" Drop --only to check the whole file." if report.only is not None else "")
    else:
        text = "Next: give a file that defines the course's functions (see README: Check your own backward pass)."
    return wrap(text + more, rest="  ")


def _completing(report):
    """What to do about the missing functions: rename the near misses, write the rest, or --only."""
    guesses = report.did_you_mean
    steps = [f"rename {guesses[m]} to {m}" for m in report.missing if m in guesses]
    unwritten = [m for m in report.missing if m not in guesses]
    only = ",".join(report.found)
    fragment = report.only is None and report.found and len(only) <= ONLY_SHOWN
    if unwritten and fragment and len(report.found) < len(unwritten):  # a fragment, most likely on purpose
        return (f"to check what the file has alone, run with --only {only} (only=[...] in Python); "
                f"else " + "; ".join(steps + [f"write the {len(unwritten)} functions not found"]) + ".")
    if unwritten:
        steps.append(f"write {joined(unwritten)}")
    text = "; ".join(steps) + "."
    if fragment:
        text += f" Or check what the file has alone: --only {only} (only=[...] in Python)."
    return text

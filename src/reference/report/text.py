"""The report as text: a page that leads with what to fix, or the whole report (``verbose``).

The page, read top to bottom: what was checked; the verdict; each root cause
with its worst failing entries, the pattern of each in words and, for an
exception, the learner's call chain; one folded line per function whose
failures a root cause explains; what is missing; what to do next. The whole
report adds the table of every check, every failure, the notes and the
legend. Lines are at most 100 columns; nothing here raises, whatever a Check
holds (report/safe_text.py).
"""

import textwrap

from reference.report.in_words import failing_tensors, pattern_of, pictures_in_words
from reference.report.safe_text import joined, markdown_text, one_line
from reference.report.table import LEGEND, rows_of, table_cells, table_lines
from reference.seed_functions import DA_CONVENTIONS

__all__ = ["report_text", "report_markdown_text", "header", "merged", "chain_lines", "folded", "WIDTH",
           "ENTRIES_SHOWN"]

WIDTH = 100  # columns: a terminal's, an e-mail's
ENTRIES_SHOWN = 3  # failing targets shown for each root cause on the page (--verbose: all)
INDENT = "      "


def _wrap(text, first="", rest=INDENT):
    return textwrap.wrap(one_line(text), WIDTH, initial_indent=first, subsequent_indent=rest,
                         break_on_hyphens=False) or [first.rstrip()]


def header(report):
    return _wrap(f"manual-dnn gradcheck: {report.implementation} on layers {joined(report.network, ',')}, "
                 f"{report.examples} {report.data} examples, seed {report.seed}", rest="  ")


def report_text(report, verbose=False):
    lines = header(report) + _wrap(report.verdict_line(), rest="  ")
    if verbose:
        lines += ["", *table_lines(report.checks)]
        lines += _every_entry(report)
        if report.dA_convention:
            lines += ["", *_wrap(f"dA keys: {_convention_text(report)}", rest="  ")]
        try:
            lines += pictures_in_words(report)
        except Exception:  # the pictures in words are an aid: they never cost the verdict its report
            pass
        lines += ["", *textwrap.wrap(LEGEND, WIDTH), ""]
        for line in _listings(report):
            lines += _wrap(line)
    else:
        lines += _root_causes(report) + _explained(report) + _aside(report)
    lines += ["", *_next(report, verbose)]
    return "\n".join(lines)


# ------------------------------------------------------------------ entries

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


def _entry(check, oracles, patterns, said=None):
    """A failing (or other) entry: its line, its pattern in words (unless ``said`` just before),
    the learner's call chain."""
    chain = chain_lines(check)
    detail = _raised_alone(check) if chain else check.detail  # the chain below says where
    lines = _wrap(f"{check.verdict} {check.function} {check.target} ({oracles}): {detail}", "  ")
    pattern = patterns.get((one_line(check.function), one_line(check.target)))
    if pattern and pattern != said:
        lines += _wrap(pattern, INDENT)
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
    from reference.learner.calling import chain_steps

    lines = []
    for k, (frame, step) in enumerate(zip(frames, chain_steps(frames))):
        source = f": {frame.get('source')}" if frame.get("source") else ""
        lines += _wrap(f"{'-> ' if k else ''}{step}{source}", INDENT, INDENT + "   ")
    return lines


def _patterns(checks):
    """{(function, target): its pattern in words}: a failing tensor's (the JAX check's first), or the
    bug a check named on a single number."""
    found = {(one_line(c.function), one_line(c.target)): pattern_of(c) for c in failing_tensors(checks)}
    for c in checks:
        if c.passed is False and c.pattern:
            found.setdefault((one_line(c.function), one_line(c.target)), c.pattern)
    return found


SUMMARY_ORACLES = ("taylor", "directional-fd")  # a number for the whole gradient: no entry to show


def _worst_first(entries):
    """Exceptions and contract failures first (they stop everything after them), then the tensors
    with the largest errors, then checks of the whole gradient (the Taylor test)."""
    def badness(entry):
        check = entry[0]
        error = check.rel_error if isinstance(check.rel_error, (int, float)) else 0.0
        kind = 0 if check.oracle == "contract" else 2 if check.oracle in SUMMARY_ORACLES else 1
        return kind, -error
    return sorted(entries, key=badness)


def _root_causes(report):
    """Each root cause: its worst failing entries (all of them with --verbose), or why it is one."""
    lines = []
    failed = [c for c in report.checks if c.passed is False]
    patterns = _patterns(failed)
    causes = report.root_causes
    for number, cause in enumerate(causes, start=1):
        title = "Root cause" if len(causes) == 1 else f"Root cause {number} of {len(causes)}"
        if cause in report.missing:
            guess = report.did_you_mean.get(cause)
            callers = _callers(report, cause)
            lines += ["", *_wrap(f"{title}: {cause} is not in the file"
                                 + (f" (did you mean {guess}?)" if guess else "")
                                 + f"; {joined(callers)} call{'s' * (len(callers) == 1)} it.", rest="  ")]
            continue
        own = [c for c in report.checks if c.function == cause and (c.passed is False or c.differs)]
        entries = _worst_first(merged(own))
        kind = "contract difference" if cause not in report.failing_functions else \
            f"{len(entries)} failing target{'s' * (len(entries) != 1)}"
        lines += ["", *_wrap(f"{title}: {cause} ({kind}{', the worst first' if len(entries) > 1 else ''})", rest="  ")]
        said = None
        for check, oracles in entries[:ENTRIES_SHOWN]:
            lines += _entry(check, oracles, patterns, said)
            said = patterns.get((one_line(check.function), one_line(check.target)), said)
        if len(entries) > ENTRIES_SHOWN:
            more = ", ".join(one_line(c.target) for c, _ in entries[ENTRIES_SHOWN:])
            lines += _wrap(f"... and {len(entries) - ENTRIES_SHOWN} more: {more} (--verbose shows them)", "  ")
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
        lines += _wrap(folded(report, function), "  ")
    return lines


def _aside(report):
    """Missing functions, INVALID checks, contract differences and notes: one line each, details in --verbose."""
    lines = []
    if report.missing and report.verdict == "FAIL":
        lines += _wrap(f"Not found in the file, so not checked: {report.missing_text()}", rest="  ")
    invalid = [c for c in report.checks if c.passed is None and not c.differs]
    if invalid:
        lines += _wrap(f"Could not run (INVALID): {len(merged(invalid))} "
                       f"({joined(dict.fromkeys(f'{c.function} {c.target}' for c in invalid))})", rest="  ")
    others = [d for d in report.contract_differences if d not in report.root_causes]
    if others:
        lines += _wrap(f"Contract differences (your own helpers' contracts, consistent with your code): "
                       f"{joined(others)}", rest="  ")
    said = len(report.notes) + bool(report.supplied)
    if said:
        lines += _wrap(f"{said} note{'s' * (said != 1)} (supplied helpers, skipped lines, what was printed): "
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
    return _wrap(text + more, rest="  ")


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


def _every_entry(report):
    lines = []
    failed = [c for c in report.checks if c.passed is False]
    patterns = _patterns(failed)
    for title, entries in _sections(report):
        lines += ["", title]
        for c, oracles in entries:
            lines += _entry(c, oracles, patterns if c.passed is False else {})
    return lines


def _sections(report):
    failed = [c for c in report.checks if c.passed is False]
    invalid = [c for c in report.checks if c.passed is None and not c.differs]
    differs = [c for c in report.checks if c.differs]
    sections = []
    if failed:
        sections.append(("What failed (the worst entry of each):", merged(failed)))
    if invalid:
        sections.append(("What could not run:", merged(invalid)))
    if differs:
        sections.append(("Contract differences (your own helpers keep a contract of their own: not failures "
                         "by themselves, only through a caller that fails):", merged(differs)))
    return sections


def _convention_text(report):
    return DA_CONVENTIONS.get(report.dA_convention, f"{report.dA_convention} (a convention of its own)")


def _listings(report):
    lines = []
    if report.supplied:
        lines.append(f"Supplied by the checker, as the course did (not checked): {joined(report.supplied)}")
    if report.missing:
        lines.append(f"Not found, so not checked: {report.missing_text()}")
    if report.only is not None and report.not_checked:
        lines.append(f"Not checked (--only {','.join(report.only)}): {joined(report.not_checked)}")
    lines += [f"Note: {note}" for note in report.notes]
    return lines


# ------------------------------------------------------------------ Markdown

def report_markdown_text(report):
    """The whole report as Markdown (a pipe table and lists), the verdict first."""
    md = markdown_text
    lines = [f"**manual-dnn gradcheck**: {md(report.implementation)} on layers {md(joined(report.network, ','))}, "
             f"{md(report.examples)} {md(report.data)} examples, seed {md(report.seed)}", "",
             f"**{md(report.verdict_line())}**", ""]
    rows = rows_of(report.checks)
    if rows:
        headers, body = table_cells(rows)
        lines.append("| " + " | ".join(md(h, cell=True) for h in headers) + " |")
        lines.append("|" + "---|" * len(headers))
        lines += ["| " + " | ".join(md(x, cell=True) for x in row) + " |" for row in body]
    for title, entries in _sections(report):
        lines += ["", f"**{md(title)}**", ""]
        lines += [f"- **{c.verdict}** {md(c.function)} {md(c.target)} ({md(oracles)}): {md(c.detail)}"
                  for c, oracles in entries]
    if report.dA_convention:
        lines += ["", f"**dA keys**: {md(_convention_text(report))}"]
    lines += ["", md(LEGEND), ""]
    lines += [f"- {md(line)}" for line in _listings(report)]
    lines += ["", md(" ".join(_next(report, verbose=True)))]
    return "\n".join(lines)


"""The report as Markdown (``Report._repr_markdown_``): the verdict, what failed, where, in words.

For front ends that show Markdown but not HTML. Every piece of text is
escaped: Markdown renderers pass raw HTML through, and a learner's exception
message may contain some.
"""

import re

from reference.report.in_words import failing_tensors, pattern_of, step_sizes_in_words, summary

__all__ = ["report_markdown", "escape_markdown"]

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def escape_markdown(text):
    """Text shown literally: HTML characters as entities, Markdown punctuation backslash-escaped."""
    text = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL.sub(r"\\\1", text).replace("\n", " ")


def report_markdown(report):
    m = escape_markdown
    failed = [c for c in report.checks if c.passed is False]
    lines = [f"**manual-dnn gradcheck** — {m(summary(report))}", ""]
    if failed:
        causes = report.root_causes
        lines += [f"**Root cause{'s' if len(causes) > 1 else ''}: {m(', '.join(causes))}** — fix "
                  f"{'it' if len(causes) == 1 else 'them'} first.", "", "What failed (the worst entry of each):", ""]
        lines += [f"- {m(c.verdict)} `{c.function}` {m(c.target)} ({m(c.oracle)}): {m(c.detail)}" for c in failed]
        tensors = failing_tensors(failed)
        if tensors:
            lines += ["", "Where each failing tensor is wrong:", ""]
            lines += [f"- `{c.function}` {m(c.target)}: {m(pattern_of(c))}" for c in tensors]
    taylor = next((c for c in report.checks if c.oracle == "taylor"), None)
    if taylor is not None:
        lines += ["", f"Taylor test: {m(taylor.verdict)}, {m(taylor.detail)}."]
    steps = next((c for c in report.checks if c.steps), None)
    if steps is not None:
        lines += ["", m(" ".join(step_sizes_in_words(steps)))]
    for note in report.notes:
        lines += ["", f"Note: {m(note)}"]
    return "\n".join(lines)

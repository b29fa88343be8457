"""The whole report: the table of every check, every failure, the dA keys, the pictures in words,
the legend and every note -- as text (``--verbose``) or as Markdown."""

import textwrap

from reference.report.entries import WIDTH, entry, merged, patterns_of, wrap
from reference.report.in_words import pictures_in_words
from reference.report.safe_text import joined, markdown_text
from reference.report.table import legend, rows_of, table_cells, table_lines
from reference.seed_functions import DA_CONVENTIONS

__all__ = ["whole_lines", "whole_markdown", "NOT_DONE"]

NOT_DONE = "Not done yet (optional in the course; not checked, not failed)"


def whole_lines(report):
    """The lines between the verdict and what to do next."""
    lines = ["", *table_lines(report.checks)]
    lines += _every_entry(report)
    if report.dA_convention:
        lines += ["", *wrap(f"dA keys: {_convention_text(report)}", rest="  ")]
    try:
        lines += pictures_in_words(report)
    except Exception:  # the pictures in words are an aid: they never cost the verdict its report
        pass
    lines += ["", *textwrap.wrap(legend(report), WIDTH), ""]
    for line in _listings(report):
        lines += wrap(line)
    return lines


def _every_entry(report):
    lines = []
    failed = [c for c in report.checks if c.passed is False]
    patterns = patterns_of(failed)
    for title, entries in _sections(report):
        lines += ["", title]
        for c, oracles in entries:
            lines += entry(c, oracles, patterns if c.passed is False else {})
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
    if report.not_done:
        lines.append(f"{NOT_DONE}: {report.not_done_text()}")
    lines += [f"Note: {note}" for note in report.notes]
    return lines


# ------------------------------------------------------------------ Markdown

def whole_markdown(report, next_lines):
    """The whole report as Markdown (a pipe table and lists), the verdict first."""
    md = markdown_text
    lines = [f"**manual-dnn gradcheck**: {md(report.implementation)} {md(report.where())}", "",
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
    lines += ["", md(legend(report)), ""]
    lines += [f"- {md(line)}" for line in _listings(report)]
    lines += ["", md(" ".join(next_lines))]
    return "\n".join(lines)


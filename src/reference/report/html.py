"""The report as HTML: a fragment for Jupyter (``Report._repr_html_``) and a whole page (``--html``).

Plain HTML and CSS: no JavaScript, nothing fetched (pictures are inline PNG
data), colours that read on light and dark backgrounds (tints over the
inherited text colour), every piece of text escaped -- a learner's names and
exception messages included. Order: the verdict (complete or not, said
first) and the root cause(s), what failed in them with the worst entry, its
pattern and the learner's call chain, then each function whose failures they
explain folded (``<details>``), the pictures, the tables folded, then the notes.
"""

from html import escape

from reference.report.entries import chain_lines
from reference.report.in_words import failing_tensors, pattern_of, step_sizes_in_words
from reference.report.table import COLUMNS
from reference.report.text import folded
from reference.report.verdict import closest_margin
from reference.tolerances import TAYLOR_MIN_ORDER

__all__ = ["report_fragment", "report_page", "COLUMNS", "page"]

# Which column of the tables each oracle's Check goes in: the text report's (one home), the rest "contract".
ORDER = ["JAX", "FD", "complex", "Taylor", "full FD", "rule", "contract"]
VERDICT_COLOURS = {"PASS": "#1b7f3b", "FAIL": "#c62828", "INVALID": "#b26a00", "INCOMPLETE": "#6f42c1"}
TINTS = {"PASS": "rgba(46, 160, 67, 0.16)", "FAIL": "rgba(218, 54, 51, 0.22)", "INVALID": "rgba(210, 153, 34, 0.22)",
         "INCOMPLETE": "rgba(130, 80, 223, 0.18)"}

# Dark notebook front ends, which say so on an ancestor (JupyterLab / Notebook 7, VS Code).
DARK_THEMES = ('[data-jp-theme-light="false"]', "body.vscode-dark")

STYLE = """
.mdnn-report { font-family: inherit; line-height: 1.45; max-width: 62rem; }
.mdnn-report .mdnn-verdict { border-left: 6px solid; padding: 0.5rem 0.8rem; margin: 0.3rem 0 0.8rem;
  border-radius: 4px; }
.mdnn-report .mdnn-badge { color: #fff; font-weight: 700; padding: 0.05rem 0.45rem; border-radius: 3px;
  margin-right: 0.4rem; letter-spacing: 0.03em; }
.mdnn-report .mdnn-muted { opacity: 0.75; font-size: 0.88em; }
.mdnn-report h4 { margin: 1rem 0 0.4rem; font-size: 1.02em; }
.mdnn-report code, .mdnn-report pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  font-size: 0.9em; background: rgba(127, 127, 127, 0.14); border-radius: 3px; padding: 0 0.25rem; }
.mdnn-report pre { white-space: pre-wrap; word-break: break-word; padding: 0.3rem 0.5rem; margin: 0.2rem 0; }
.mdnn-report ul { margin: 0.2rem 0 0.5rem 1.1rem; padding: 0; }
.mdnn-report .mdnn-pattern { font-style: italic; }
.mdnn-report .mdnn-tag { font-size: 0.78em; border: 1px solid; border-radius: 3px; padding: 0 0.3rem;
  margin-left: 0.3rem; }
.mdnn-report table { border-collapse: collapse; font-variant-numeric: tabular-nums; font-size: 0.9em;
  margin: 0.2rem 0 0.6rem; }
.mdnn-report th, .mdnn-report td { border: 1px solid rgba(127, 127, 127, 0.35); padding: 0.15rem 0.45rem;
  text-align: right; vertical-align: top; }
.mdnn-report th:first-child, .mdnn-report td:first-child,
.mdnn-report th.mdnn-left, .mdnn-report td.mdnn-left { text-align: left; }
.mdnn-report td small { display: block; opacity: 0.8; font-size: 0.78em; }
.mdnn-report .mdnn-pictures { display: flex; flex-wrap: wrap; gap: 0.8rem; }
.mdnn-report figure { margin: 0; max-width: 100%; }
.mdnn-report figure img { max-width: 100%; height: auto; border-radius: 4px;
  border: 1px solid rgba(127, 127, 127, 0.35); background: #fff; }
.mdnn-report figcaption { font-size: 0.85em; opacity: 0.85; }
.mdnn-report details { margin: 0.4rem 0; }
.mdnn-report summary { cursor: pointer; font-weight: 600; }
.mdnn-report .mdnn-v { font-weight: 700; }
.mdnn-report .mdnn-v-PASS { color: #1b7f3b; } .mdnn-report .mdnn-v-FAIL { color: #c62828; }
.mdnn-report .mdnn-v-INVALID { color: #9a5b00; }
""" + "".join(f"""
{theme} .mdnn-report .mdnn-v-PASS {{ color: #56d364; }} {theme} .mdnn-report .mdnn-v-FAIL {{ color: #ff7b72; }}
{theme} .mdnn-report .mdnn-v-INVALID {{ color: #e3b341; }}""" for theme in DARK_THEMES) + "\n"

PAGE_STYLE = """
:root { color-scheme: light dark; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 1.5rem auto;
  padding: 0 1rem; max-width: 64rem; background: #ffffff; color: #1f2328; }
@media (prefers-color-scheme: dark) { body { background: #0f1217; color: #e6edf3; }
  body .mdnn-report .mdnn-v-PASS { color: #56d364; } body .mdnn-report .mdnn-v-FAIL { color: #ff7b72; }
  body .mdnn-report .mdnn-v-INVALID { color: #e3b341; } }
"""


def e(text):
    return escape(str(text), quote=True)


def report_fragment(report, every_map=False):
    """The report as one self-contained HTML fragment (its own scoped <style>). In a notebook (the
    default) only the root causes' heat maps are drawn: every check() is saved in the .ipynb."""
    failed = [c for c in report.checks if c.passed is False]
    parts = [f'<div class="mdnn-report"><style>{STYLE}</style>', _verdict(report, failed)]
    if failed:
        parts.append(_failures(report, failed))
    parts.append(_pictures(report, every_map))
    if report.checks:
        parts += [f"<details><summary>Function by oracle ({len({c.function for c in report.checks})} functions)"
                  f"</summary>{_compact_table(report.checks)}</details>",
                  f"<details><summary>Every check ({len(report.checks)})</summary>{_full_table(report.checks)}"
                  "</details>"]
    parts.append(_details(report))
    parts.append("</div>")
    return "\n".join(p for p in parts if p)


def report_page(report):
    """The report as a whole HTML page, readable offline."""
    title = f"manual-dnn gradcheck: {report.implementation}"
    return page(title, report_fragment(report, every_map=True))


def page(title, body):
    """A complete page around ``body`` (already HTML), light or dark as the reader prefers."""
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<meta name=\"color-scheme\" content=\"light dark\">\n"
            f"<title>{e(title)}</title>\n<style>{PAGE_STYLE}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n")


# ------------------------------------------------------------------ verdict and failures

def _verdict(report, failed):
    invalid = [c for c in report.checks if c.passed is None]
    verdict = report.verdict
    missing = ", ".join(f"<code>{e(m)}</code>" + (f" (did you mean <code>{e(report.did_you_mean[m])}</code>?)"
                                                 if m in report.did_you_mean else "") for m in report.missing)
    if verdict == "NOTHING CHECKED":
        word, text = "INVALID", "Nothing checked: none of the course's functions was found."
    elif verdict == "FAIL":
        word = "FAIL"
        causes = report.root_causes
        others = [f for f in report.failing_functions if f not in causes]
        if len(causes) == 1:
            text = f"Root cause: <code>{e(causes[0])}</code>. Fix it first"
        else:
            text = (f"{len(causes)} independent problems: " + ", ".join(f"<code>{e(c)}</code>" for c in causes)
                    + ". Fix them first")
        text += ("; then re-check " + ", ".join(f"<code>{e(f)}</code>" for f in others) if others else "") + "."
        text = f"<strong>{text}</strong> {len(failed)} of {len(report.checks)} checks failed."
        text += f" Also not found: {missing}." if missing else ""
    elif verdict == "INCOMPLETE":
        word = "INCOMPLETE"
        text = f"<strong>Not found: {missing}.</strong>"
        if failed:
            text += (f" {len(failed)} of {len(report.checks)} checks failed, in "
                     + ", ".join(f"<code>{e(f)}</code>" for f in report.failing_functions) + ", for want of them.")
        elif report.checks:
            text += f" The functions found pass all {len(report.checks) - len(invalid)} checks."
    else:
        word = "PASS" if report.passed else "INVALID"
        text = f"All {len(report.checks) - len(invalid)} checks passed"
        margin = closest_margin(report.checks)
        if margin == float("inf"):
            text += ", every one exact"
        elif margin is not None:
            text += f", the closest {_times(margin)} under its tolerance"
        text += "." + (f" {len(invalid)} could not run (INVALID)." if invalid else "")
    if report.only is not None:
        text += (f" Checked with --only <code>{e(','.join(report.only))}</code>"
                 + (f"; not checked: {e(', '.join(report.not_checked))}." if report.not_checked else "."))
    colour = VERDICT_COLOURS[word]
    about = f"{e(report.implementation)} {e(report.where())}"
    return (f'<div class="mdnn-verdict" style="border-color: {colour}; background: {TINTS[word]}">'
            f'<span class="mdnn-badge" style="background: {colour}">{word}</span>{text}'
            f'<div class="mdnn-muted">manual-dnn gradcheck · {about}</div></div>')


def _failures(report, failed):
    """The root causes, each failing target with its worst entry, pattern and call chain; then each
    function whose failures they explain, folded (its one line as the summary)."""
    causes = [c for c in report.root_causes if c not in report.missing]
    explained = report.explained_by
    functions = causes + [f for f in dict.fromkeys(c.function for c in failed) if f not in causes]
    patterns = {(c.function, c.target): pattern_of(c) for c in failing_tensors(failed)}
    patterns.update({(c.function, c.target): c.pattern for c in failed if c.pattern})
    out = ["<h4>What failed (the worst entry of each)</h4>"]
    for missing in (c for c in report.root_causes if c in report.missing):
        guess = report.did_you_mean.get(missing)
        out.append(f'<div><strong><code>{e(missing)}</code></strong><span class="mdnn-tag">root cause</span>'
                   f"<ul><li>not in the file" + (f": did you mean <code>{e(guess)}</code>?" if guess else "")
                   + "</li></ul></div>")
    for function in functions:
        body = _function_failures(function, failed, patterns)
        if function in explained:
            summary = e(folded(report, function))
            out.append(f"<details><summary><code>{e(function)}</code> {summary.split(':', 1)[1]}</summary>"
                       f"{body}</details>")
        else:
            tag = '<span class="mdnn-tag">root cause</span>' if function in causes else ""
            out.append(f"<div><strong><code>{e(function)}</code></strong>{tag}{body}</div>")
    return "\n".join(out)


def _function_failures(function, failed, patterns):
    items = []
    targets = {}
    for c in failed:
        if c.function == function:
            targets.setdefault(c.target, []).append(c)
    for target, checks in targets.items():
        first = next((c for c in checks if c.oracle.startswith("jax")), checks[0])
        oracles = ", ".join(e(c.oracle) for c in checks)
        body = (f"<pre>{e(first.detail)}</pre>" if first.oracle == "contract"
                else f"<code>{e(first.detail)}</code>")
        pattern = patterns.get((function, target))
        pattern = f'<br><span class="mdnn-pattern">{e(pattern)}</span>' if pattern else ""
        chain = chain_lines(first)
        chain = f"<pre>{e(chr(10).join(line.strip() for line in chain))}</pre>" if chain else ""
        items.append(f"<li><code>{e(target)}</code> <span class=\"mdnn-muted\">({oracles})</span>: "
                     f"{body}{pattern}{chain}</li>")
    return f"<ul>{''.join(items)}</ul>"


# ------------------------------------------------------------------ pictures

CAPTIONS = {
    "taylor": "The remainder of the first-order Taylor expansion along a direction v. With the right gradient "
              "it falls like h² (slope 2 on log-log axes); with a wrong one the error in gᵀv leaves a term "
              "in h (slope 1).",
    "steps": "One gradient entry estimated three ways, against JAX, as the step h shrinks: the central "
             "difference's error falls like h² (truncation) until rounding, growing like ε/h, takes over "
             "(best near ε^(1/3)); the forward difference's falls only like h; the complex step has no "
             "subtraction and stays exact.",
}
MAPS = ("Where each failing gradient is wrong: every entry's |hand-written − expected| / (|hand-written| + "
        "|expected|), on a log colour scale. A bright column points at one input (a transposed or "
        "mis-indexed input), a row at one unit, a uniform colour at one factor for all (like a missing 1/m).")
SHOWN_WIDTH = 480  # pixels: two pictures side by side in a notebook or on the page


def _pictures(report, every_map=True):
    from reference.report.pictures import mapped_tensors, png_data_uri, report_figures

    figures = report_figures(report, every_map)
    if not figures:
        return ""
    out = ["<h4>Pictures</h4>", '<div class="mdnn-pictures">']
    maps_started = False
    left_out = len(mapped_tensors(report)) - sum(kind == "map" for kind, *_ in figures)
    for kind, title, check, figure in figures:
        if kind == "map" and not maps_started:
            more = (f" The maps of the {left_out} other failing gradients are on the full page "
                    "(manual-dnn gradcheck --impl FILE --html PAGE)." if left_out else "")
            out += ["</div>", f"<p>{e(MAPS + more)}</p>", '<div class="mdnn-pictures">']
            maps_started = True
        width, height = figure.get_size_inches()
        shown = f'width="{SHOWN_WIDTH}" height="{round(SHOWN_WIDTH * height / width)}"'
        if kind == "steps":
            caption = CAPTIONS[kind] + " " + " ".join(step_sizes_in_words(check))
        elif kind == "taylor":
            caption = f"{check.verdict}: {check.detail}. " + CAPTIONS[kind]
        else:
            caption = f"{pattern_of(check)} ({check.oracle})"
        out.append(f'<figure style="width: {SHOWN_WIDTH}px"><img src="{png_data_uri(figure)}" {shown} '
                   f'alt="{e(title)}"><figcaption><strong>{e(title)}.</strong> {e(caption)}</figcaption></figure>')
    out.append("</div>")
    return "\n".join(out)


# ------------------------------------------------------------------ tables

def _column(check):
    return COLUMNS.get(check.oracle, "contract")


def _verdict_of(checks):
    verdicts = [c.passed for c in checks]
    return "FAIL" if False in verdicts else "INVALID" if None in verdicts else "PASS"


def _times(x):
    if x == float("inf"):
        return "∞×"
    mantissa, exponent = f"{x:.0e}".split("e")
    return f"{mantissa}e{int(exponent)}×"


def _cell(checks):
    """One table cell for the checks of one function (or target) under one oracle column."""
    if not checks:
        return "<td></td>"
    verdict = _verdict_of(checks)
    style = f' style="background: {TINTS[verdict]}"'
    title = "; ".join(f"{c.target}: {c.verdict}" for c in checks)
    if checks[0].oracle == "taylor":
        orders = [c.measured for c in checks if c.measured is not None]
        value = f"p = {min(orders):.2f}" if orders else verdict.lower()
        note = f"needs p ≥ {TAYLOR_MIN_ORDER}"
    else:
        judged = [c for c in checks if c.rel_error is not None and c.tolerance]
        if not judged:  # contract failures, or nothing measurable
            value, note = {"FAIL": "fails", "INVALID": "invalid", "PASS": "ok"}[verdict], ""
        else:
            worst = max(judged, key=lambda c: c.rel_error / c.tolerance)
            value = f"{worst.rel_error:.1e}"
            ratio = worst.rel_error / worst.tolerance
            note = f"{_times(ratio)} over" if ratio > 1 else f"{_times(1 / ratio)} under" if ratio > 0 else "exact"
    note = f"<small>{e(note)}</small>" if note else ""
    return f'<td{style} title="{e(title)}">{e(value)}{note}</td>'


def _grouped(checks, key):
    rows = {}
    for c in checks:
        rows.setdefault(key(c), {}).setdefault(_column(c), []).append(c)
    return rows


def _table(rows, first_headers):
    used = [h for h in ORDER if any(h in cells for cells in rows.values())]
    head = "".join(f'<th class="mdnn-left">{e(h)}</th>' for h in first_headers)
    head += "".join(f"<th>{e(h)}</th>" for h in used) + "<th>verdict</th>"
    body = []
    for key, cells in rows.items():
        verdict = _verdict_of([c for checks in cells.values() for c in checks])
        names = "".join(f'<td class="mdnn-left"><code>{e(k)}</code></td>' for k in key)
        body.append(f"<tr>{names}{''.join(_cell(cells.get(h, [])) for h in used)}"
                    f'<td class="mdnn-v mdnn-v-{verdict}">{verdict}</td></tr>')
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _compact_table(checks):
    """One row per function: the worst of its targets under each oracle, and the margin to the tolerance."""
    return _table(_grouped(checks, lambda c: (c.function,)), ["function"])


def _full_table(checks):
    return _table(_grouped(checks, lambda c: (c.function, c.target)), ["function", "target"])


# ------------------------------------------------------------------ details

def _details(report):
    from reference.report.table import legend

    items = []
    if report.supplied:
        items.append(f"<li>Supplied by the checker, as the course did (not checked): {e(', '.join(report.supplied))}"
                     "</li>")
    if report.missing:
        items.append(f"<li>Not found, so not checked: {e(report.missing_text())}</li>")
    if getattr(report, "not_done", None):
        items.append(f"<li>Not done yet (optional in the course; not checked, not failed): "
                     f"{e(report.not_done_text())}</li>")
    if report.only is not None and report.not_checked:
        items.append(f"<li>Not checked (--only {e(','.join(report.only))}): {e(', '.join(report.not_checked))}</li>")
    items += [f"<li>{e(note)}</li>" for note in report.notes]
    out = []
    if items:
        out.append(f"<details><summary>Notes ({len(items)})</summary><ul>{''.join(items)}</ul></details>")
    out.append(f"<details><summary>How to read this</summary><p>{e(legend(report))} A cell shows the worst relative "
               "error of its checks and how many times under (or over) its tolerance it is.</p></details>")
    return "\n".join(out)

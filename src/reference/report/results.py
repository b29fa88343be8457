"""Check results, the root causes, and the report as text, Markdown or JSON.

The renderers never raise, whatever a Check holds (no checks at all, only
contract failures, NaN or inf numbers, multi-line or very long messages):
a report that cannot be shown would hide the verdict it carries.
"""

import json
import math
import re
import textwrap
from dataclasses import dataclass, field, fields

from reference.report.in_words import pictures_in_words
from reference.seed_functions import DA_CONVENTIONS, SEED_FUNCTIONS, callees, direct_callees, level
from reference.tolerances import TAYLOR_MIN_ORDER

__all__ = ["Check", "Report"]

ORDER = list(SEED_FUNCTIONS)


def _position(function):
    return (level(function), ORDER.index(function), "") if function in SEED_FUNCTIONS else (99, 99, str(function))


@dataclass
class Check:
    """One comparison: ``passed`` is True, False, or None when no valid point was found.

    A contract difference (``differs``): a learner's own helper returns or
    takes something other than the course's helper does, in a way its own code
    is consistent with. It is neither a pass nor a failure (``passed`` None);
    it can be the root cause of a failure of a function that calls it.
    """

    function: str
    target: str
    oracle: str
    rel_error: float | None
    tolerance: float | None
    passed: bool | None
    detail: str = ""
    worst: dict | None = None  # {"index": [...], "expected": x, "actual": y}
    measured: float | None = None  # what the Taylor test measured: the order p
    pattern: str | None = None  # where a failing tensor is wrong, in words (report/patterns.py)
    remainders: dict | None = None  # the Taylor test's sweep: {"h": [...], "remainder": [...], "floor": x}
    steps: dict | None = None  # one entry by three numerical derivatives over h (oracles/step_sizes.py)
    differs: bool = False  # a contract difference of a learner's own helper (passed is None)
    raised: dict | None = None  # {"type", "message", "file", "cell", "line", "source"} of an exception
    # Per-entry relative errors of a failing tensor, for its heat map: memory, not JSON.
    errors: object = field(default=None, repr=False, compare=False, metadata={"json": False})

    def __post_init__(self):
        if self.differs:
            self.passed = None  # a difference is never a pass or a failure by itself

    @property
    def verdict(self):
        if self.differs:
            return "DIFFERS"
        return {True: "PASS", False: "FAIL", None: "INVALID"}.get(self.passed, "FAIL")

    def to_dict(self):
        """The JSON fields (``errors`` stays out) and the verdict."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.metadata.get("json", True)} | {
            "verdict": self.verdict}


@dataclass
class Report:
    implementation: str
    network: list
    examples: int
    data: str
    seed: int
    checks: list = field(default_factory=list)
    supplied: list = field(default_factory=list)
    missing: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    dA_convention: str | None = None  # "dA{l-1}" or "dA{l}" (seed_functions.DA_CONVENTIONS), None if unknown
    call_graph: dict = field(default_factory=dict)  # the learner's own: name -> [seed functions it calls]

    @property
    def failing_functions(self):
        """Every function with a failing check, lowest level first."""
        return sorted({c.function for c in self.checks if c.passed is False}, key=_position)

    @property
    def contract_differences(self):
        """The learner's own helpers whose contract differs from the course's."""
        return sorted({c.function for c in self.checks if c.differs}, key=_position)

    @property
    def root_causes(self):
        """The problems no other problem explains, lowest level first.

        A problem is a failing function, or a contract difference of a helper
        that a failing function calls itself (a caller that passes shows the
        difference is used consistently there). A failure of f explains one of
        g only when g calls f, directly or through others; a difference only
        a failure of its direct caller. Calls are the learner's own call graph
        where it is known, else the course's. So independent failures are each
        a root cause.
        """
        graph = self.call_graph or None
        reach = {}

        def calls(g):
            if g not in reach:
                reach[g] = callees(g, graph)
            return reach[g]

        failing = self.failing_functions
        differing = [d for d in self.contract_differences if d not in failing
                     and any(d in direct_callees(g, graph) for g in failing)]

        def explains(f, g):
            if f == g:
                return False
            if f in differing:
                return f in direct_callees(g, graph)
            # in a cycle of calls, the lower function explains the higher one
            return f in calls(g) and not (g in calls(f) and _position(f) >= _position(g))

        problems = failing + differing
        return sorted((g for g in problems if not any(explains(f, g) for f in problems)), key=_position)

    @property
    def root_cause(self):
        causes = self.root_causes
        return causes[0] if causes else None

    @property
    def passed(self):
        """True when something was checked and nothing failed. A contract
        difference alone does not fail: it matters only through a failure of
        a function that calls it, which fails the report by itself."""
        judged = [c for c in self.checks if not c.differs]
        return bool(judged) and all(c.passed is not False for c in judged)

    # ------------------------------------------------------------ renderings

    def to_json(self):
        """The report as strict JSON (non-finite numbers become null; per-entry error arrays stay out)."""
        try:
            checks = [c.to_dict() for c in self.checks]
        except Exception:  # a Check holding something that cannot be copied: keep what can be read
            checks = [dict(vars(c), verdict=c.verdict, errors=None) for c in self.checks]
        return json.dumps(_jsonable({
            "passed": self.passed,
            "root_cause": self.root_cause,
            "root_causes": self.root_causes,
            "failing_functions": self.failing_functions,
            "contract_differences": self.contract_differences,
            "dA_convention": self.dA_convention,
            "implementation": self.implementation,
            "network": self.network,
            "examples": self.examples,
            "data": self.data,
            "seed": self.seed,
            "supplied": self.supplied,
            "missing": self.missing,
            "notes": self.notes,
            "call_graph": self.call_graph,
            "checks": checks,
        }), indent=2, allow_nan=False)

    def to_text(self):
        lines = [_line(f"manual-dnn gradcheck: {self.implementation} on layers {_joined(self.network, ',')}, "
                       f"{self.examples} {self.data} examples, seed {self.seed}"), ""]
        lines += _table(self.checks)
        for title, entries in self._sections():
            lines += ["", title]
            for c in entries:
                lines += _wrapped(f"  {c.verdict} {_line(c.function)} {_line(c.target)} ({_line(c.oracle)}): "
                                  f"{c.detail}", "      ")
        if self.dA_convention:
            lines += ["", *textwrap.wrap(_line(f"dA keys: {self._convention_text()}"), 100, subsequent_indent="  ")]
        try:
            lines += pictures_in_words(self)
        except Exception:  # the pictures in words are an aid: they never cost the verdict its report
            pass
        lines += ["", *textwrap.wrap(LEGEND, 100), ""]
        for line in self._listings():
            lines += textwrap.wrap(_line(line), 100, subsequent_indent="      ") or [""]
        lines.append(_line(self.verdict_line()))
        return "\n".join(lines)

    def to_markdown(self):
        """The same content as to_text, as Markdown (a pipe table and lists)."""
        md = _markdown_text
        lines = [f"**manual-dnn gradcheck**: {md(self.implementation)} on layers {md(_joined(self.network, ','))}, "
                 f"{md(self.examples)} {md(self.data)} examples, seed {md(self.seed)}", ""]
        rows = _rows(self.checks)
        if rows:
            headers, body = _table_cells(rows)
            lines.append("| " + " | ".join(md(h, cell=True) for h in headers) + " |")
            lines.append("|" + "---|" * len(headers))
            lines += ["| " + " | ".join(md(x, cell=True) for x in row) + " |" for row in body]
        for title, entries in self._sections():
            lines += ["", f"**{md(title)}**", ""]
            lines += [f"- **{c.verdict}** {md(c.function)} {md(c.target)} ({md(c.oracle)}): {md(c.detail)}"
                      for c in entries]
        if self.dA_convention:
            lines += ["", f"**dA keys**: {md(self._convention_text())}"]
        lines += ["", md(LEGEND), ""]
        lines += [f"- {md(line)}" for line in self._listings()]
        lines += ["", f"**{md(self.verdict_line())}**"]
        return "\n".join(lines)

    def _sections(self):
        failed = [c for c in self.checks if c.passed is False]
        invalid = [c for c in self.checks if c.passed is None and not c.differs]
        differs = [c for c in self.checks if c.differs]
        sections = []
        if failed:
            sections.append(("What failed (the worst entry of each):", failed))
        if invalid:
            sections.append(("What could not run:", invalid))
        if differs:
            sections.append(("Contract differences (your own helpers keep a contract of their own: not failures "
                             "by themselves, only through a caller that fails):", differs))
        return sections

    def _convention_text(self):
        return DA_CONVENTIONS.get(self.dA_convention, f"{self.dA_convention} (a convention of its own)")

    def _listings(self):
        lines = []
        if self.supplied:
            lines.append(f"Supplied by the checker, as the course did (not checked): {_joined(self.supplied)}")
        if self.missing:
            lines.append(f"Not found, so not checked: {_joined(self.missing)}")
        lines += [f"Note: {note}" for note in self.notes]
        return lines

    def verdict_line(self):
        """The last line: PASS or FAIL, and the root causes by name."""
        differs = [c for c in self.checks if c.differs]
        judged = len(self.checks) - len(differs)
        failed = [c for c in self.checks if c.passed is False]
        invalid = [c for c in self.checks if c.passed is None and not c.differs]
        if not self.checks:
            return "NOTHING CHECKED: none of the seed's functions was found."
        if failed:
            causes = self.root_causes
            named = [f"{f} (contract difference)" if f in self.contract_differences and f not in
                     self.failing_functions else str(f) for f in causes]
            others = [str(f) for f in self.failing_functions if f not in causes]
            text = f"FAIL: {len(failed)} of {judged} checks failed. "
            if len(causes) == 1:
                text += f"Root cause: {named[0]}. Fix it first"
            else:
                text += f"{len(causes)} independent problems: {', '.join(named)}. Fix them first"
            return text + (f"; then re-check {', '.join(others)}." if others else ".")
        if not judged:
            return f"NOTHING JUDGED: only contract differences ({_joined(self.contract_differences)}), see above."
        text = f"PASS: all {judged - len(invalid)} checks passed"
        margin = _closest_margin(self.checks)
        if margin is not None:
            text += f", the closest {_number(margin)}x under its tolerance"
        if invalid:
            text += f"; {len(invalid)} could not run (INVALID, see above)"
        if differs:
            text += f"; contract differences, consistent with your own code: {_joined(self.contract_differences)}"
        return text + "."

    # Rich display: HTML in Jupyter, the text report in a terminal, one line as repr.
    def _repr_html_(self):
        from reference.report.html import report_fragment

        return report_fragment(self)

    def _repr_markdown_(self):
        from reference.report.markdown import report_markdown

        return report_markdown(self)

    def _repr_pretty_(self, printer, cycle):
        printer.text(self.to_text())

    def __str__(self):
        return self.to_text()

    def __repr__(self):
        from reference.report.in_words import summary

        return f"<Report {summary(self)}>"


def _closest_margin(checks):
    margins = []
    for c in checks:
        rel, tol = _float(c.rel_error), _float(c.tolerance)
        if c.passed is True and rel is not None and tol is not None and math.isfinite(rel) and rel >= 0 \
                and math.isfinite(tol) and tol > 0:
            margins.append(tol / max(rel, 1e-300))
    return min(margins, default=None)


# ---------------------------------------------------------------- safe pieces

def _float(x):
    try:
        return None if x is None or isinstance(x, str) else float(x)
    except (TypeError, ValueError, OverflowError):
        return None


def _number(x):
    """1.0e-10, nan, inf, or "-": any value, never an exception."""
    if x is None:
        return "-"
    value = _float(x)
    if value is None:
        return _line(str(x))[:12]
    return f"{value:.1e}" if math.isfinite(value) else str(value)


def _line(text):
    """One line: newlines, tabs and other control characters become spaces."""
    try:
        text = str(text)
    except Exception:
        text = "(cannot be shown)"
    return re.sub(r"[\x00-\x1f\x7f\u2028\u2029\x85]", " ", text)


def _joined(items, separator=", "):
    try:
        return separator.join(map(_line, items)) if not isinstance(items, str) else _line(items)
    except TypeError:
        return _line(items)


def _wrapped(text, indent):
    """A list entry: its first line as is, the rest of a multi-line text indented."""
    parts = str(text).splitlines() or [""]
    return [_line(parts[0])] + [indent + _line(p) for p in parts[1:]]


def _jsonable(x):
    if x is None or isinstance(x, (bool, str)):
        return x
    if isinstance(x, int):
        return int(x)
    if isinstance(x, float):
        return x if math.isfinite(x) else None
    if isinstance(x, dict):
        return {str(k): _jsonable(v) for k, v in x.items()}
    if isinstance(x, (list, tuple, set, frozenset)):
        return [_jsonable(v) for v in x]
    if hasattr(x, "item") and callable(x.item):  # numpy scalars and 0-d arrays
        try:
            return _jsonable(x.item())
        except (TypeError, ValueError):
            pass
    if hasattr(x, "tolist") and callable(x.tolist):
        try:
            return _jsonable(x.tolist())
        except (TypeError, ValueError):
            pass
    return _line(x)


_MARKDOWN = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "\\|", "*": "\\*", "_": "\\_", "`": "\\`",
             "[": "\\[", "]": "\\]", "#": "\\#", "\\": "\\\\"}


def _markdown_text(text, cell=False):
    """Text shown as itself in Markdown: special characters escaped, one line
    (a line break in a table cell is <br>)."""
    escaped = "".join(_MARKDOWN.get(ch, ch) for ch in _line_keeping_breaks(text))
    return escaped.replace("\n", "<br>" if cell else " ")


def _line_keeping_breaks(text):
    try:
        text = str(text)
    except Exception:
        text = "(cannot be shown)"
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return re.sub(r"[\x00-\x09\x0b-\x1f\x7f\u2028\u2029\x85]", " ", text)


# ---------------------------------------------------------------- the table

COLUMNS = {"jax-forward": "JAX", "jax-vjp": "JAX", "jax-grad": "JAX", "jax-trajectory": "JAX",
           "update-rule": "rule", "rule": "rule", "central-fd": "FD", "directional-fd": "FD", "full-fd": "full FD",
           "complex-step": "complex", "taylor": "Taylor"}
HEADERS = ["JAX", "FD", "complex", "full FD", "Taylor", "rule", "contract"]
NAME_WIDTH = 40  # longer function or target names are cut in the table (the lists below show them whole)
CONTRACT_WIDTH = 40


def _rows(checks):
    """{(function, target): {column: the check shown there}} in order of appearance."""
    rows = {}
    for c in checks:
        row = rows.setdefault((_line(c.function), _line(c.target)), {})
        column = COLUMNS.get(c.oracle, "contract")
        if column not in row or c.passed is False:
            row[column] = c
    return rows


def _cell(check, column):
    if check is None:
        return ""
    if column == "contract":
        text = "differs" if check.differs else check.verdict if check.passed is not False else _line(check.detail)
        return text if len(text) <= CONTRACT_WIDTH else text[:CONTRACT_WIDTH - 3] + "..."
    if check.passed is None and not check.differs:
        return "invalid"
    if check.oracle == "rule" and check.passed:  # judged by a rule (shapes, zeros, the same twice), no number
        return "ok"
    if check.measured is not None:
        measured = _float(check.measured)
        return f"p={measured:.2f}" if measured is not None and math.isfinite(measured) else f"p={_number(measured)}"
    return _number(check.rel_error)


def _tolerance_cell(rows, column):
    if column == "Taylor":
        return f"p>={TAYLOR_MIN_ORDER}"
    if column == "contract":
        return ""
    return _number(next((c.tolerance for r in rows.values() for k, c in r.items() if k == column), None))


def _row_verdict(row):
    checks = list(row.values())
    if any(c.passed is False for c in checks):
        return "FAIL"
    if any(c.passed is None and not c.differs for c in checks):
        return "INVALID"
    if any(c.differs for c in checks):
        return "DIFFERS"
    return "PASS"


def _cut(name):
    return name if len(name) <= NAME_WIDTH else name[:NAME_WIDTH - 3] + "..."


def _table_cells(rows):
    """(headers, [row cells]): function, target, a column per oracle family used, verdict."""
    used = [h for h in HEADERS if any(h in r for r in rows.values())]
    headers = ["function", "target", *used, "verdict"]
    body = [["", "tolerance", *(_tolerance_cell(rows, h) for h in used), ""]]
    for (function, target), row in rows.items():
        body.append([_cut(function), _cut(target), *(_cell(row.get(h), h) for h in used), _row_verdict(row)])
    return headers, body


def _table(checks):
    """One row per (function, target); a column per oracle family; never raises."""
    rows = _rows(checks)
    if not rows:
        return ["(no checks)"]
    headers, body = _table_cells(rows)
    widths = [max(len(str(r[i])) for r in [headers, *body]) for i in range(len(headers))]
    widths = [max(w, 9) if i >= 2 else w for i, w in enumerate(widths)]

    def line(cells):
        out = []
        for i, (cell, width) in enumerate(zip(cells, widths)):
            out.append(str(cell).ljust(width) if i < 2 or i == len(cells) - 1 else str(cell).rjust(width))
        return "  ".join(out).rstrip()

    return [line(headers)] + [line(r) for r in body]


LEGEND = ("JAX: autodiff (VJP per function, grad of the cost for L_model_backward).  FD: central differences "
          "(per coordinate; along directions for L_model_backward).  complex: complex step.  Taylor: the "
          "remainder falls like h^p (p = 2: right, 1: wrong).  rule: W - lr * dW (update_parameters); keys, "
          "shapes, zero biases, the same result twice (initialisers).  JAX for the training loops: gradient "
          "descent from the loop's own start.  Errors are "
          "||actual - expected|| / (||actual|| + ||expected||).  The per-layer functions are checked on "
          "small layers (4 -> 3 units, 5 examples), update_parameters on a 4,3,2,1 network, the training "
          "loops for 1 and 201 iterations on 10 examples (6,4,1 and 6,5,3,1), L_model_* on the network above.")

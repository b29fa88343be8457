"""Check results, the root causes, and the report as text, Markdown or JSON.

The renderers never raise, whatever a Check holds (no checks at all, only
contract failures, NaN or inf numbers, multi-line or very long messages):
they build on report/safe_text.py and report/table.py.
"""

import json
import math
import textwrap
from dataclasses import dataclass, field, fields

from reference.report.in_words import pictures_in_words
from reference.report.safe_text import as_float, joined, jsonable, markdown_text, number, one_line, wrapped
from reference.report.table import ASSIGNMENT_LEGEND, LEGEND, rows_of, table_cells, table_lines
from reference.seed_functions import DA_CONVENTIONS, SEED_FUNCTIONS, callees, direct_callees, level

__all__ = ["Check", "Report"]

ORDER = list(SEED_FUNCTIONS)


def _position(function, functions=None, graph=None):
    """Where ``function`` sorts: lower levels of the call graph first, then the table's order.
    ``functions``: the assignment's names in order (default the cat network's); ``graph``: its
    call graph (name -> names), where it is not the seed table's."""
    if functions is None:
        return (level(function), ORDER.index(function), "") if function in SEED_FUNCTIONS else (99, 99, str(function))
    if function in functions:
        return (_level(function, graph or {}), functions.index(function), "")
    return (99, 99, str(function))


def _level(name, graph, seen=()):
    """0 for a function that calls none of the table's, else one above its highest callee."""
    callees = [c for c in graph.get(name, ()) if c not in seen and c != name]
    return 1 + max(_level(c, graph, (*seen, name)) for c in callees) if callees else 0


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
    assignment: str = "dnn"  # the assignment checked (reference.assignments)
    functions: list | None = None  # its functions in the table's order; None: the cat network's seed table
    point: str = ""  # the check point in words, for assignments other than the cat network
    not_done: dict = field(default_factory=dict)  # optional function (and variant) -> why it is not done yet

    def _position(self, function):
        if self.functions is None:
            return _position(function)
        return _position(function, self.functions, self.call_graph)

    @property
    def failing_functions(self):
        """Every function with a failing check, lowest level first."""
        return sorted({c.function for c in self.checks if c.passed is False}, key=self._position)

    @property
    def contract_differences(self):
        """The learner's own helpers whose contract differs from the course's."""
        return sorted({c.function for c in self.checks if c.differs}, key=self._position)

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
            return f in calls(g) and not (g in calls(f) and self._position(f) >= self._position(g))

        problems = failing + differing
        return sorted((g for g in problems if not any(explains(f, g) for f in problems)), key=self._position)

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
        return json.dumps(jsonable({
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
            "not_done": self.not_done,
            "notes": self.notes,
            "call_graph": self.call_graph,
            "assignment": self.assignment,
            "point": self.point or None,
            "checks": checks,
        }), indent=2, allow_nan=False)

    def to_text(self):
        lines = [one_line(f"manual-dnn gradcheck: {self.implementation} {self.where()}"), ""]
        lines += table_lines(self.checks)
        for title, entries in self._sections():
            lines += ["", title]
            for c, oracles in entries:
                lines += wrapped(f"  {c.verdict} {one_line(c.function)} {one_line(c.target)} ({one_line(oracles)}): "
                                 f"{c.detail}", "      ")
        if self.dA_convention:
            lines += ["", *textwrap.wrap(one_line(f"dA keys: {self._convention_text()}"), 100, subsequent_indent="  ")]
        try:
            lines += pictures_in_words(self)
        except Exception:  # the pictures in words are an aid: they never cost the verdict its report
            pass
        lines += ["", *textwrap.wrap(self.legend, 100), ""]
        for line in self._listings():
            lines += textwrap.wrap(one_line(line), 100, subsequent_indent="      ") or [""]
        lines.append(one_line(self.verdict_line()))
        return "\n".join(lines)

    def to_markdown(self):
        """The same content as to_text, as Markdown (a pipe table and lists)."""
        md = markdown_text
        lines = [f"**manual-dnn gradcheck**: {md(self.implementation)} {md(self.where())}", ""]
        rows = rows_of(self.checks)
        if rows:
            headers, body = table_cells(rows)
            lines.append("| " + " | ".join(md(h, cell=True) for h in headers) + " |")
            lines.append("|" + "---|" * len(headers))
            lines += ["| " + " | ".join(md(x, cell=True) for x in row) + " |" for row in body]
        for title, entries in self._sections():
            lines += ["", f"**{md(title)}**", ""]
            lines += [f"- **{c.verdict}** {md(c.function)} {md(c.target)} ({md(oracles)}): {md(c.detail)}"
                      for c, oracles in entries]
        if self.dA_convention:
            lines += ["", f"**dA keys**: {md(self._convention_text())}"]
        lines += ["", md(self.legend), ""]
        lines += [f"- {md(line)}" for line in self._listings()]
        lines += ["", f"**{md(self.verdict_line())}**"]
        return "\n".join(lines)

    @property
    def legend(self):
        """How to read the table: the cat network's words, or any other assignment's."""
        return LEGEND if self.functions is None else ASSIGNMENT_LEGEND

    def where(self):
        """What was checked and at which point, in words: "on layers 5,4,3,1, 6 synthetic examples, seed 0"."""
        if self.functions is not None:
            return one_line(f"as {self.assignment}, at {self.point}")
        return one_line(f"on layers {joined(self.network, ',')}, {self.examples} {self.data} examples, "
                        f"seed {self.seed}")

    def _sections(self):
        failed = [c for c in self.checks if c.passed is False]
        invalid = [c for c in self.checks if c.passed is None and not c.differs]
        differs = [c for c in self.checks if c.differs]
        sections = []
        if failed:
            sections.append(("What failed (the worst entry of each):", _merged(failed)))
        if invalid:
            sections.append(("What could not run:", _merged(invalid)))
        if differs:
            sections.append(("Contract differences (your own helpers keep a contract of their own: not failures "
                             "by themselves, only through a caller that fails):", _merged(differs)))
        return sections

    def _convention_text(self):
        return DA_CONVENTIONS.get(self.dA_convention, f"{self.dA_convention} (a convention of its own)")

    def _listings(self):
        lines = []
        if self.supplied:
            lines.append(f"Supplied by the checker, as the course did (not checked): {joined(self.supplied)}")
        if self.missing:
            lines.append(f"Not found, so not checked: {joined(self.missing)}")
        if self.not_done:
            lines.append(f"Not done yet (optional in the course; not checked, not failed): {self.not_done_text()}")
        lines += [f"Note: {note}" for note in self.notes]
        return lines

    def not_done_text(self):
        """"conv_backward (the template's `... = None` is still there); ..." in words."""
        return "; ".join(f"{name} ({why})" for name, why in self.not_done.items())

    def verdict_line(self):
        """The last line: PASS or FAIL, and the root causes by name."""
        differs = [c for c in self.checks if c.differs]
        judged = len(self.checks) - len(differs)
        failed = [c for c in self.checks if c.passed is False]
        invalid = [c for c in self.checks if c.passed is None and not c.differs]
        if not self.checks and self.not_done:
            return f"NOTHING CHECKED: the functions found are not done yet ({joined(list(self.not_done))})."
        if not self.checks:
            return "NOTHING CHECKED: none of the course's functions was found."
        if failed:
            causes = self.root_causes
            named = [f"{f} (contract difference)" if f in self.contract_differences and f not in
                     self.failing_functions else str(f) for f in causes]
            others = [str(f) for f in self.failing_functions if f not in causes]
            text = f"FAIL: {len(failed)} of {_checks(judged)} failed. "
            if len(causes) == 1:
                text += f"Root cause: {named[0]}. Fix it first"
            else:
                text += f"{len(causes)} independent problems: {', '.join(named)}. Fix them first"
            return text + (f"; then re-check {', '.join(others)}." if others else ".")
        if not judged:
            return f"NOTHING JUDGED: only contract differences ({joined(self.contract_differences)}), see above."
        text = f"PASS: all {_checks(judged - len(invalid))} passed"
        if self.missing or self.not_done:
            found = len({c.function for c in self.checks})
            apart = [f"{len(self.missing)} not found"] * bool(self.missing) + \
                [f"{len(self.not_done)} optional not done yet"] * bool(self.not_done)
            text = (f"PASS for the {found} function{'s' * (found != 1)} found: all {_checks(judged - len(invalid))} "
                    f"passed ({', '.join(apart)}, see above)")
        margin = _closest_margin(self.checks)
        if margin is not None:
            text += f", the closest {number(margin)}x under its tolerance"
        if invalid:
            text += f"; {len(invalid)} could not run (INVALID, see above)"
        if differs:
            text += f"; contract differences, consistent with your own code: {joined(self.contract_differences)}"
        return text + "."

    def assert_passed(self):
        """Raise AssertionError with the whole text report unless the report passed: a one-line
        pytest test (``check_backward(...).assert_passed()``) whose failure message says why."""
        if not self.passed:
            raise AssertionError("\n" + self.to_text())
        return self

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


def _merged(checks):
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


def _checks(n):
    return f"{n} check{'s' * (n != 1)}"


def _closest_margin(checks):
    margins = []
    for c in checks:
        rel, tol = as_float(c.rel_error), as_float(c.tolerance)
        if c.passed is True and rel is not None and tol is not None and math.isfinite(rel) and rel >= 0 \
                and math.isfinite(tol) and tol > 0:
            margins.append(tol / max(rel, 1e-300))
    return min(margins, default=None)

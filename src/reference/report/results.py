"""Check results, the root causes, the verdict, and the report as JSON (as text: report/text.py).

The renderers never raise, whatever a Check holds (no checks at all, only
contract failures, NaN or inf numbers, multi-line or very long messages):
they build on report/safe_text.py and report/table.py.
"""

import json
from dataclasses import dataclass, field, fields

from reference.report.safe_text import joined, jsonable, one_line
from reference.report.verdict import missing_text, verdict_line
from reference.seed_functions import SEED_FUNCTIONS, callees, direct_callees, level

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
    inert: bool = False  # a difference no caller's failure can come from (a signature called by name, 0 for 0.0)
    # An exception: {"type", "message", "file", "cell", "line", "source"} of the function under test's own
    # line, and "frames": the learner's call chain, outermost first, each {function, file, cell, line, source}.
    raised: dict | None = None
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
    missing: list = field(default_factory=list)  # graded functions of the file's assignment it lacks (checked ones)
    notes: list = field(default_factory=list)
    dA_convention: str | None = None  # "dA{l-1}" or "dA{l}" (seed_functions.DA_CONVENTIONS), None if unknown
    call_graph: dict = field(default_factory=dict)  # the learner's own: name -> [seed functions it calls]
    found: list = field(default_factory=list)  # the graded functions the implementation defines
    did_you_mean: dict = field(default_factory=dict)  # missing function -> a name the file defines, near it
    only: list | None = None  # the functions named by --only (then their callees are checked too), or None
    not_checked: list = field(default_factory=list)  # the assignment's functions --only left out
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
    def complete(self):
        """True when the file has every graded function that was to be checked."""
        return not self.missing

    def _problems(self):
        """(the problems, explains(f, g)): failing functions, the contract differences and the
        missing functions that a failing function calls; ``explains`` says when a problem f
        explains a failure of g (see root_causes)."""
        graph = self.call_graph or None
        reach = {}

        def calls(g):
            if g not in reach:
                reach[g] = callees(g, graph)
            return reach[g]

        failing = self.failing_functions
        differing = [d for d in self.contract_differences if d not in failing
                     and any(c.differs and not c.inert for c in self.checks if c.function == d)
                     and any(d in direct_callees(g, graph) for g in failing)]
        missing = [m for m in self.missing if m not in failing and any(m in calls(g) for g in failing)]

        def explains(f, g):
            if f == g:
                return False
            if f in differing:
                return f in direct_callees(g, graph)
            # in a cycle of calls, the lower function explains the higher one
            return f in calls(g) and not (g in calls(f) and self._position(f) >= self._position(g))

        return failing + differing + missing, explains

    @property
    def root_causes(self):
        """The problems no other problem explains, lowest level first.

        A problem is a failing function, a contract difference of a helper
        that a failing function calls itself (a caller that passes shows the
        difference is used consistently there), or a graded function the file
        lacks that a failing function calls (``L_model_backward`` fails for want
        of a misspelt ``linear_activation_backward``). A failure of f explains
        one of g only when g calls f, directly or through others; a difference
        only a failure of its direct caller. Calls are the learner's own call
        graph where it is known, else the course's. So independent failures
        are each a root cause.
        """
        problems, explains = self._problems()
        return sorted((g for g in problems if not any(explains(f, g) for f in problems)), key=self._position)

    @property
    def root_cause(self):
        causes = self.root_causes
        return causes[0] if causes else None

    @property
    def explained_by(self):
        """{failing function that is no root cause: the root causes that explain its failures}."""
        causes, (_, explains) = self.root_causes, self._problems()
        return {g: [f for f in causes if explains(f, g)] for g in self.failing_functions if g not in causes}

    @property
    def passed(self):
        """True when the file is complete, something was checked and nothing failed. A
        contract difference alone does not fail: it matters only through a failure of a
        function that calls it, which fails the report by itself."""
        judged = [c for c in self.checks if not c.differs]
        return bool(judged) and all(c.passed is not False for c in judged) and self.complete

    @property
    def verdict(self):
        """PASS; FAIL (a function the file wrote is wrong); INCOMPLETE (a graded function
        is missing, and every failure, if any, follows from one that is); NOTHING CHECKED."""
        if not self.checks and self.complete:
            return "NOTHING CHECKED"
        if set(self.root_causes) - set(self.missing):
            return "FAIL"
        if not self.complete:
            return "INCOMPLETE"
        return "PASS" if self.passed else "NOTHING JUDGED"

    # ------------------------------------------------------------ renderings

    def to_json(self):
        """The report as strict JSON (non-finite numbers become null; per-entry error arrays stay out)."""
        try:
            checks = [c.to_dict() for c in self.checks]
        except Exception:  # a Check holding something that cannot be copied: keep what can be read
            checks = [dict(vars(c), verdict=c.verdict, errors=None) for c in self.checks]
        return json.dumps(jsonable({
            "verdict": self.verdict,
            "passed": self.passed,
            "complete": self.complete,
            "root_cause": self.root_cause,
            "root_causes": self.root_causes,
            "failing_functions": self.failing_functions,
            "explained_by": self.explained_by,
            "contract_differences": self.contract_differences,
            "dA_convention": self.dA_convention,
            "implementation": self.implementation,
            "network": self.network,
            "examples": self.examples,
            "data": self.data,
            "seed": self.seed,
            "found": self.found,
            "supplied": self.supplied,
            "missing": self.missing,
            "not_done": self.not_done,
            "did_you_mean": self.did_you_mean,
            "only": self.only,
            "not_checked": self.not_checked,
            "notes": self.notes,
            "call_graph": self.call_graph,
            "assignment": self.assignment,
            "point": self.point or None,
            "checks": checks,
        }), indent=2, allow_nan=False)

    def to_text(self, verbose=False):
        """The report as text: a page that leads with what to fix; ``verbose`` the whole report
        (the table, every failure, the notes and the legend)."""
        from reference.report.text import report_text

        return report_text(self, verbose)

    def to_markdown(self):
        """The whole report as Markdown (a pipe table and lists)."""
        from reference.report.text import report_markdown_text

        return report_markdown_text(self)

    def where(self):
        """What was checked and at which point, in words: "on layers 5,4,3,1, 6 synthetic examples, seed 0"."""
        if self.functions is not None:
            return one_line(f"as {self.assignment}, at {self.point}")
        return one_line(f"on layers {joined(self.network, ',')}, {self.examples} {self.data} examples, "
                        f"seed {self.seed}")

    def not_done_text(self):
        """"conv_backward (the template's `... = None` is still there); ..." in words."""
        return "; ".join(f"{name} ({why})" for name, why in self.not_done.items())

    def missing_text(self):
        """'L_model_backward (did you mean L_model_backwards?), predict'."""
        return missing_text(self)

    def verdict_line(self):
        """One sentence: PASS, FAIL or INCOMPLETE, the root causes by name, what is missing or not checked."""
        return verdict_line(self)

    def assert_passed(self):
        """Raise AssertionError with the whole text report unless the report passed: a one-line
        pytest test (``check_backward(...).assert_passed()``) whose failure message says why."""
        if not self.passed:
            raise AssertionError("\n" + self.to_text(verbose=True))
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

"""One submission checked as ``gradcheck --impl`` does: its status, a verdict per function of its assignment
(the cat network's seed functions, or another assignment's table), a score.

Statuses: passed, failed (a function the file wrote is wrong), incomplete
(a graded function is missing, and nothing else is wrong but through it),
unloadable (the file cannot be loaded, or defines none of the seed's
functions), timeout (loading or a call ran out of time), crashed (the
learner's process died during a call), error (the checker itself failed: its
bug, never the learner's fault).
Function verdicts: pass, fail, error (an exception or a crash of the call),
timeout, missing, supplied (a helper the checker gave, as the course did).

Scoring: by default a function that fails only because a function it calls
fails (or is missing) keeps its points -- the one at fault loses them
(``root``); ``inherited`` takes points from every function that fails.
"""

import json
import time
from dataclasses import dataclass, field

from reference.learner.implementation import ImplementationError
from reference.learner.sandbox import (
    DEFAULT_MEMORY,
    DEFAULT_TIMEOUT,
    TIMED_OUT,
    SandboxError,
    assignment_of,
    call_failure_kind,
    open_sandboxed,
)
from reference.report.safe_text import one_line
from reference.seed_functions import SEED_FUNCTIONS
from reference.tracebacks import failure_line

__all__ = ["Settings", "Outcome", "grade_submission", "function_verdicts", "default_weights", "points", "score",
           "functions_of", "STATUSES", "VERDICTS", "SCORINGS"]

STATUSES = ("passed", "failed", "incomplete", "unloadable", "timeout", "crashed", "error")
VERDICTS = ("pass", "fail", "error", "timeout", "missing", "supplied")
SCORINGS = ("root", "inherited")  # who loses the points of a failure another function explains
FAILED = ("fail", "error", "timeout")


@dataclass(frozen=True)
class Settings:
    """How every submission of a batch is checked (the same point for all)."""

    layers: tuple | None = None
    examples: int | None = None
    seed: int = 0
    timeout: float = DEFAULT_TIMEOUT
    memory: int = DEFAULT_MEMORY
    weights: tuple | None = None  # ((function, weight), ...); None: 1 for each
    scoring: str = "root"  # SCORINGS: "root" (a failure a callee explains costs nothing) or "inherited"
    assignment: str | None = None  # what every submission is checked as; None: recognised, each its own


@dataclass
class Outcome:
    submission: str
    status: str
    score: float
    verdicts: dict  # seed function -> one of VERDICTS
    root_causes: list = field(default_factory=list)
    convention: str | None = None
    reason: str = ""
    seconds: float = 0.0
    report: dict | None = None  # the full report, as gradcheck --json gives it
    text: str = ""  # the report as gradcheck prints it (or the reason it could not run)
    explained_by: dict = field(default_factory=dict)  # failing function -> the root causes that explain it
    points: dict = field(default_factory=dict)  # function -> (points earned, points possible)
    assignment: str = "dnn"  # the assignment it was checked as
    missing: list | None = None  # the functions the report says it lacks (None: no report)


def functions_of(assignment):
    """{name: row} of an assignment's functions (the cat network's seed table for ``dnn`` or None)."""
    if assignment in (None, "dnn"):
        return SEED_FUNCTIONS
    from reference.assignments import assignment as named

    return named(assignment).table


def function_verdicts(report):
    """{function of the report's assignment: verdict} from a Report."""
    verdicts = {}
    for name in functions_of(report.assignment):
        checks = [c for c in report.checks if c.function == name]
        calls = [call_failure_kind(c.detail) for c in checks if c.target == "call" and c.passed is False]
        if "timeout" in calls:
            verdicts[name] = "timeout"
        elif calls:
            verdicts[name] = "error"
        elif any(c.passed is False for c in checks):
            verdicts[name] = "fail"
        elif checks:
            verdicts[name] = "pass"
        elif name in report.supplied:
            verdicts[name] = "supplied"
        else:
            verdicts[name] = "missing"
    return verdicts


def default_weights(verdicts, assignment="dnn", missing=None):
    """1 for each function the course asks learners to write (not its helpers) in the
    notebooks (or files) the submission is from: a Step-by-Step file is not scored on the
    Application's loops, nor a layers.py on the classifiers. ``missing``: the functions the
    report says the submission lacks; one absent but not among them is not scored (its course
    version never had it: a 2017 layers.py has no layer norm). A submission where nothing was
    found: every such function."""
    table = functions_of(assignment)
    notebooks = {table[name].notebook for name, verdict in verdicts.items()
                 if name in table and verdict not in ("missing", "supplied")}
    return {name: 1.0 for name, f in table.items()
            if not f.helper and getattr(f, "graded", True) and (f.notebook in notebooks or not notebooks)
            and (missing is None or verdicts.get(name) != "missing" or name in missing)}


def points(verdicts, weights=None, explained_by=None, scoring="root", assignment="dnn", missing=None):
    """{function: (points earned, points possible)} for the learner's functions; supplied ones do not count.

    ``weights``: {function: weight}; functions it does not name weigh 0. None: default_weights (of
    ``assignment``, with ``missing``).
    ``explained_by``: {failing function: the root causes that explain it} (Report.explained_by).
    With ``scoring`` "root", a function that fails only through functions that lose points
    themselves (failing or missing ones that weigh something) keeps its own; "inherited" takes
    them from every function that fails.
    """
    weights = dict(weights) if weights is not None else default_weights(verdicts, assignment, missing)
    table = functions_of(assignment)  # weights of another assignment's functions do not count here
    counted = {name: w for name, w in weights.items()
               if w > 0 and name in table and verdicts.get(name, "missing") != "supplied"}
    explained_by = explained_by or {}

    def at_fault(name):
        return verdicts.get(name, "missing") in (*FAILED, "missing") and weights.get(name, 0) > 0

    def earned(name, weight):
        verdict = verdicts.get(name, "missing")
        if verdict == "pass":
            return weight
        causes = explained_by.get(name, [])
        inherited = verdict in FAILED and causes and all(at_fault(c) and c != name for c in causes)
        return weight if scoring == "root" and inherited else 0.0

    return {name: (earned(name, w), w) for name, w in counted.items()}


def score(verdicts, weights=None, explained_by=None, scoring="root", assignment="dnn", missing=None):
    """The weighted fraction of the learner's points earned (see ``points``), 0 when none count."""
    found = points(verdicts, weights, explained_by, scoring, assignment, missing)
    total = sum(w for _, w in found.values())
    return round(sum(e for e, _ in found.values()) / total, 4) if total else 0.0


def _status(report):
    kinds = {call_failure_kind(c.detail) for c in report.checks if c.target == "call" and c.passed is False}
    if "timeout" in kinds:
        return "timeout"
    if "crashed" in kinds:
        return "crashed"
    return {"PASS": "passed", "INCOMPLETE": "incomplete"}.get(report.verdict, "failed")


def grade_submission(path, settings):
    """Check one submission in its sandbox; never raises for anything the submission does."""
    from reference.checks.checker import check

    started = time.monotonic()
    of = settings.assignment or assignment_of(path) or "dnn"  # what it is checked as, read before it runs

    def ended(status, reason, **found):
        nothing = dict.fromkeys(functions_of(of), "missing")
        return Outcome(str(path), status, found.pop("score", 0.0), found.pop("verdicts", nothing), reason=reason,
                       seconds=round(time.monotonic() - started, 2), text=found.pop("text", reason),
                       assignment=found.pop("assignment", of), **found)

    try:
        impl = open_sandboxed(path, settings.timeout, settings.memory, assignment=settings.assignment)
    except SandboxError as error:  # the checker's, not the submission's: regrade it
        return ended("error", str(error))
    except ImplementationError as error:
        return ended("timeout" if TIMED_OUT in str(error) else "unloadable", str(error))
    try:
        report = check(impl, settings.layers, settings.examples, settings.seed)
        if not report.checks:
            return ended("unloadable", f"{path}: defines none of the course's functions", text=report.to_text())
        verdicts, explained, name = function_verdicts(report), report.explained_by, report.assignment
        how = (settings.weights, explained, settings.scoring, name, list(report.missing))
        return ended(_status(report), one_line(report.verdict_line()), assignment=name, missing=how[-1],
                     score=score(verdicts, *how), points=points(verdicts, *how), verdicts=verdicts,
                     root_causes=report.root_causes, convention=report.dA_convention,
                     report=json.loads(report.to_json()), text=report.to_text(), explained_by=explained)
    except Exception as error:  # the checker's own failure (an OracleError, a bug): said, never the learner's
        return ended("error", failure_line(error, context=f"grading {path}"))

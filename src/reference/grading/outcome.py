"""One submission checked as ``gradcheck --impl`` does: its status, a verdict per seed function, a score.

Statuses: passed, failed (a check failed), unloadable (the file cannot be
loaded, or defines none of the seed's functions), timeout (loading or a call
ran out of time), crashed (the learner's process died during a call), error
(the checker itself failed: its bug, never the learner's fault).
Function verdicts: pass, fail, error (an exception or a crash of the call),
timeout, missing, supplied (a helper the checker gave, as the course did).
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
    call_failure_kind,
    open_sandboxed,
)
from reference.seed_functions import SEED_FUNCTIONS

__all__ = ["Settings", "Outcome", "grade_submission", "function_verdicts", "default_weights", "score", "STATUSES",
           "VERDICTS"]

STATUSES = ("passed", "failed", "unloadable", "timeout", "crashed", "error")
VERDICTS = ("pass", "fail", "error", "timeout", "missing", "supplied")


@dataclass(frozen=True)
class Settings:
    """How every submission of a batch is checked (the same point for all)."""

    layers: tuple | None = None
    examples: int | None = None
    seed: int = 0
    timeout: float = DEFAULT_TIMEOUT
    memory: int = DEFAULT_MEMORY
    weights: tuple | None = None  # ((function, weight), ...); None: 1 for each


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


def function_verdicts(report):
    """{seed function: verdict} from a Report."""
    verdicts = {}
    for name in SEED_FUNCTIONS:
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


def default_weights(verdicts):
    """1 for each function the course asks learners to write (not its helpers) in the
    notebooks the submission is from: a Step-by-Step file is not scored on the
    Application's loops. A submission where nothing was found: every such function."""
    notebooks = {SEED_FUNCTIONS[name].notebook for name, verdict in verdicts.items()
                 if verdict not in ("missing", "supplied")}
    return {name: 1.0 for name, f in SEED_FUNCTIONS.items()
            if not f.helper and (f.notebook in notebooks or not notebooks)}


def score(verdicts, weights=None):
    """The weighted fraction of the learner's functions that pass; supplied ones do not count.

    ``weights``: {function: weight}; functions it does not name weigh 0. None: default_weights.
    """
    weights = dict(weights) if weights is not None else default_weights(verdicts)
    counted = {name: w for name, w in weights.items() if w > 0 and verdicts.get(name, "missing") != "supplied"}
    total = sum(counted.values())
    return round(sum(w for name, w in counted.items() if verdicts.get(name) == "pass") / total, 4) if total else 0.0


def _status(report):
    kinds = {call_failure_kind(c.detail) for c in report.checks if c.target == "call" and c.passed is False}
    if "timeout" in kinds:
        return "timeout"
    if "crashed" in kinds:
        return "crashed"
    return "passed" if report.passed else "failed"


def grade_submission(path, settings):
    """Check one submission in its sandbox; never raises for anything the submission does."""
    from reference.checks.checker import check

    started = time.monotonic()
    nothing = dict.fromkeys(SEED_FUNCTIONS, "missing")

    def ended(status, reason, **found):
        return Outcome(str(path), status, found.pop("score", 0.0), found.pop("verdicts", nothing), reason=reason,
                       seconds=round(time.monotonic() - started, 2), text=found.pop("text", reason), **found)

    try:
        impl = open_sandboxed(path, settings.timeout, settings.memory)
    except SandboxError as error:  # the checker's, not the submission's: regrade it
        return ended("error", str(error))
    except ImplementationError as error:
        return ended("timeout" if TIMED_OUT in str(error) else "unloadable", str(error))
    try:
        report = check(impl, settings.layers, settings.examples, settings.seed)
    except Exception as error:  # the checker's own failure (an OracleError, a bug): said, never the learner's
        message = str(error).splitlines()[0] if str(error) else ""
        return ended("error", f"the checker failed ({type(error).__name__}: {message})")
    if not report.checks:
        return ended("unloadable", f"{path}: defines none of the course's functions", text=report.to_text())
    verdicts = function_verdicts(report)
    text = report.to_text()
    return ended(_status(report), text.splitlines()[-1], score=score(verdicts, settings.weights),
                 verdicts=verdicts, root_causes=report.root_causes, convention=report.dA_convention,
                 report=json.loads(report.to_json()), text=text)

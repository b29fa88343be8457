"""Check results, the root cause, and the report as a table or JSON."""

import json
import textwrap
from dataclasses import asdict, dataclass, field

from reference.seed_functions import SEED_FUNCTIONS, callees, level
from reference.tolerances import TAYLOR_MIN_ORDER

__all__ = ["Check", "Report"]

ORDER = list(SEED_FUNCTIONS)


def _position(function):
    return (level(function), ORDER.index(function)) if function in SEED_FUNCTIONS else (99, 99)


@dataclass
class Check:
    """One comparison: ``passed`` is True, False, or None when no valid point was found."""

    function: str
    target: str
    oracle: str
    rel_error: float | None
    tolerance: float | None
    passed: bool | None
    detail: str = ""
    worst: dict | None = None  # {"index": [...], "expected": x, "actual": y}
    measured: float | None = None  # what the Taylor test measured: the order p

    @property
    def verdict(self):
        return {True: "PASS", False: "FAIL", None: "INVALID"}[self.passed]


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

    @property
    def failing_functions(self):
        """Every function with a failing check, lowest level first."""
        return sorted({c.function for c in self.checks if c.passed is False}, key=_position)

    @property
    def root_causes(self):
        """The failing functions that no other failure explains: a failure of f
        explains one of g only when g calls f (the course's call graph)."""
        failing = self.failing_functions
        return [g for g in failing if not any(f in callees(g) for f in failing if f != g)]

    @property
    def root_cause(self):
        causes = self.root_causes
        return causes[0] if causes else None

    @property
    def passed(self):
        return bool(self.checks) and all(c.passed is not False for c in self.checks)

    def to_json(self):
        return json.dumps(
            {
                "passed": self.passed,
                "root_cause": self.root_cause,
                "root_causes": self.root_causes,
                "failing_functions": self.failing_functions,
                "implementation": self.implementation,
                "network": self.network,
                "examples": self.examples,
                "data": self.data,
                "seed": self.seed,
                "supplied": self.supplied,
                "missing": self.missing,
                "notes": self.notes,
                "checks": [dict(asdict(c), verdict=c.verdict) for c in self.checks],
            },
            indent=2,
        )

    def to_text(self):
        lines = [
            f"manual-dnn gradcheck: {self.implementation} on layers {','.join(map(str, self.network))}, "
            f"{self.examples} {self.data} examples, seed {self.seed}",
            "",
        ]
        lines += _table(self.checks)
        invalid = [c for c in self.checks if c.passed is None]
        failed = [c for c in self.checks if c.passed is False]
        if failed or invalid:
            lines += ["", "What failed (the worst entry of each):" if failed else "What could not run:"]
        for c in failed + invalid:
            lines.append(f"  {c.verdict} {c.function} {c.target} ({c.oracle}): {c.detail}")
        lines += ["", *textwrap.wrap(LEGEND, 100), ""]
        if self.supplied:
            lines.append(f"Supplied by the checker, as the course did (not checked): {', '.join(self.supplied)}")
        if self.missing:
            lines.append(f"Not found, so not checked: {', '.join(self.missing)}")
        for note in self.notes:
            lines += textwrap.wrap(f"Note: {note}", 100, subsequent_indent="      ")
        lines.append(self._verdict(failed, invalid))
        return "\n".join(lines)

    def _verdict(self, failed, invalid):
        if not self.checks:
            return "NOTHING CHECKED: none of the seed's functions was found."
        if failed:
            causes = self.root_causes
            others = [f for f in self.failing_functions if f not in causes]
            text = f"FAIL: {len(failed)} of {len(self.checks)} checks failed. "
            if len(causes) == 1:
                text += f"Root cause: {causes[0]}. Fix it first"
            else:
                text += f"{len(causes)} independent problems: {', '.join(causes)}. Fix them first"
            return text + (f"; then re-check {', '.join(others)}." if others else ".")
        margin = min((c.tolerance / max(c.rel_error, 1e-300) for c in self.checks
                      if c.passed and c.rel_error is not None and c.tolerance), default=None)
        text = f"PASS: all {len(self.checks) - len(invalid)} checks passed"
        if margin is not None:
            text += f", the closest {margin:.1e}x under its tolerance"
        if invalid:
            text += f"; {len(invalid)} could not run (INVALID, see above)"
        return text + "."


def _fmt(x):
    return "-" if x is None else f"{x:.1e}"


def _table(checks):
    """One row per (function, target); a column per oracle family."""
    columns = {"jax-forward": "JAX", "jax-vjp": "JAX", "jax-grad": "JAX", "jax-trajectory": "JAX",
               "update-rule": "rule", "rule": "rule",
               "central-fd": "FD", "directional-fd": "FD", "full-fd": "full FD",
               "complex-step": "complex", "taylor": "Taylor"}
    headers = ["JAX", "FD", "complex", "full FD", "Taylor", "rule"]
    rows, seen = {}, []
    for c in checks:
        key = (c.function, c.target)
        if key not in rows:
            rows[key] = {}
            seen.append(key)
        col = columns.get(c.oracle, "contract")
        rows[key][col] = c if col not in rows[key] or c.passed is False else rows[key][col]
    used = [h for h in headers if any(h in r for r in rows.values())]
    width = max(len(f) for f, _ in seen) if seen else 10
    tw = max([len(t) for _, t in seen] + [9])
    out = [f"{'function':<{width}}  {'target':<{tw}}" + "".join(f"{h:>10}" for h in used) + "   verdict",
           f"{'':<{width}}  {'tolerance':<{tw}}" + "".join(f"{_tolerance_cell(rows, h):>10}" for h in used)]
    for key in seen:
        row = rows[key]
        cells = "".join(f"{_cell(row.get(h)):>10}" for h in used)
        verdicts = [c.passed for c in row.values()]
        verdict = "FAIL" if False in verdicts else "INVALID" if None in verdicts else "PASS"
        if "contract" in row and row["contract"].passed is False:
            cells = f"  {row['contract'].detail[:10 * len(used) - 2]:<{10 * len(used) - 2}}"
        out.append(f"{key[0]:<{width}}  {key[1]:<{tw}}{cells}   {verdict}")
    return out


def _tolerance_cell(rows, column):
    if column == "Taylor":
        return f"p>={TAYLOR_MIN_ORDER}"
    return _fmt(next((c.tolerance for r in rows.values() for k, c in r.items() if k == column), None))


LEGEND = ("JAX: autodiff (VJP per function, grad of the cost for L_model_backward).  FD: central differences "
          "(per coordinate; along directions for L_model_backward).  complex: complex step.  Taylor: the "
          "remainder falls like h^p (p = 2: right, 1: wrong).  rule: W - lr * dW (update_parameters); keys, "
          "shapes, zero biases, the same result twice (initialisers).  JAX for the training loops: gradient "
          "descent from the loop's own start.  Errors are "
          "||actual - expected|| / (||actual|| + ||expected||).  The per-layer functions are checked on "
          "small layers (4 -> 3 units, 5 examples), update_parameters on a 4,3,2,1 network, the training "
          "loops for 1 and 201 iterations on 10 examples (6,4,1 and 6,5,3,1), L_model_* on the network above.")


def _cell(check):
    if check is None:
        return ""
    if check.oracle == "rule":
        return "ok"
    if check.passed is None:
        return "invalid"
    if check.measured is not None:
        return f"p={check.measured:.2f}"
    return _fmt(check.rel_error)

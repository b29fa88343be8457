"""The report's table: one row per (function, target), a column per oracle family, and
the legend that says what the columns mean."""

import math

from reference.report.safe_text import as_float, number, one_line
from reference.tolerances import TAYLOR_MIN_ORDER

__all__ = ["COLUMNS", "HEADERS", "LEGEND", "ENGINE_LEGEND", "legend", "rows_of", "table_cells", "table_lines"]


COLUMNS = {"jax-forward": "JAX", "jax-vjp": "JAX", "jax-grad": "JAX", "jax-trajectory": "JAX",
           "update-rule": "rule", "rule": "rule", "central-fd": "FD", "directional-fd": "FD", "full-fd": "full FD",
           "complex-step": "complex", "taylor": "Taylor"}
HEADERS = ["JAX", "FD", "complex", "full FD", "Taylor", "rule", "contract"]
NAME_WIDTH = 40  # longer function or target names are cut in the table (the lists below show them whole)
CONTRACT_WIDTH = 40


def rows_of(checks):
    """{(function, target): {column: the check shown there}} in order of appearance."""
    rows = {}
    for c in checks:
        row = rows.setdefault((one_line(c.function), one_line(c.target)), {})
        column = COLUMNS.get(c.oracle, "contract")
        if column not in row or c.passed is False:
            row[column] = c
    return rows


def _cell(check, column):
    if check is None:
        return ""
    if column == "contract":
        text = "differs" if check.differs else check.verdict if check.passed is not False else one_line(check.detail)
        return text if len(text) <= CONTRACT_WIDTH else text[:CONTRACT_WIDTH - 3] + "..."
    if check.passed is None and not check.differs:
        return "invalid"
    if check.oracle == "rule" and check.passed:  # judged by a rule (shapes, zeros, the same twice), no number
        return "ok"
    if check.measured is not None:
        measured = as_float(check.measured)
        return f"p={measured:.2f}" if measured is not None and math.isfinite(measured) else f"p={number(measured)}"
    return number(check.rel_error)


def _tolerance_cell(rows, column):
    if column == "Taylor":
        return f"p>={TAYLOR_MIN_ORDER}"
    if column == "contract":
        return ""
    return number(next((c.tolerance for r in rows.values() for k, c in r.items() if k == column), None))


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


def table_cells(rows):
    """(headers, [row cells]): function, target, a column per oracle family used, verdict."""
    used = [h for h in HEADERS if any(h in r for r in rows.values())]
    headers = ["function", "target", *used, "verdict"]
    body = [["", "tolerance", *(_tolerance_cell(rows, h) for h in used), ""]]
    for (function, target), row in rows.items():
        body.append([_cut(function), _cut(target), *(_cell(row.get(h), h) for h in used), _row_verdict(row)])
    return headers, body


def table_lines(checks):
    """One row per (function, target); a column per oracle family; never raises."""
    rows = rows_of(checks)
    if not rows:
        return ["(no checks)"]
    headers, body = table_cells(rows)
    widths = [max(len(str(r[i])) for r in [headers, *body]) for i in range(len(headers))]
    widths = [max(w, 9) if i >= 2 else w for i, w in enumerate(widths)]

    def line(cells):
        out = []
        for i, (cell, width) in enumerate(zip(cells, widths)):
            out.append(str(cell).ljust(width) if i < 2 or i == len(cells) - 1 else str(cell).rjust(width))
        return "  ".join(out).rstrip()

    return [line(headers)] + [line(r) for r in body]


ENGINE_LEGEND = ("JAX: the same math in jax.numpy, float64 (a function's value, or its VJP for a gradient).  FD: "
                 "central differences of that math, coordinate by coordinate (step 1e-5).  complex: the complex "
                 "step, where the math is analytic.  Taylor: the remainder falls like h^p (p = 2: right, 1: wrong) "
                 "along one direction.  rule: what is judged by a rule (a mask's rate, a checker's difference, a "
                 "training loop's start).  Errors are ||actual - expected|| / (||actual|| + ||expected||).  "
                 "INVALID: no oracle can judge there (a kink, a tie), or a failure the course's own template "
                 "causes, said why.")


def legend(report):
    """The legend of a report: the cat network's (its check points in words), or the engine's."""
    return LEGEND if getattr(report, "functions", None) is None else ENGINE_LEGEND


LEGEND = ("JAX: autodiff (VJP per function, grad of the cost for L_model_backward).  FD: central differences "
          "(per coordinate; along directions for L_model_backward).  complex: complex step.  Taylor: the "
          "remainder falls like h^p (p = 2: right, 1: wrong).  rule: W - lr * dW (update_parameters); keys, "
          "shapes, zero biases, the same result twice (initialisers).  JAX for the training loops: gradient "
          "descent from the loop's own start.  Errors are "
          "||actual - expected|| / (||actual|| + ||expected||).  The per-layer functions are checked on "
          "small layers (4 -> 3 units, 5 examples), update_parameters on a 4,3,2,1 network, the training "
          "loops for 1 and 201 iterations on 10 examples (6,4,1 and 6,5,3,1), L_model_* and predict on the network "
          "above.")


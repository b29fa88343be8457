"""An implementation checked against an assignment: every declared function it defines, at one
check point, into a Report."""

import re

from reference.engine.judging import Run, check_function, prefetch
from reference.engine.points import draw_point
from reference.learner.child import CAPPED, OUTPUT_CAP
from reference.report.results import Report

__all__ = ["check_assignment", "report_of"]


def check_assignment(impl, assignment, seed=0, sizes=None, only=None, settings=None):
    """The Report of ``impl`` (an Implementation) on ``assignment`` at the point drawn with
    ``seed`` (and ``sizes``, default the assignment's fixed ones); ``only``: the names to check;
    ``settings``: values every row sees beside the point's (the network of --layers, say)."""
    point = draw_point(assignment.points, seed, sizes)
    values = {**point.values, "seed": seed, **(settings or {})}
    run = Run(impl, assignment)
    rows = [row for row in assignment.functions if row.name in impl and (only is None or row.name in only)]
    for row in rows:  # compiling is most of a first check: the programs start while the learner's code runs
        prefetch(row, values)
    for row in rows:
        check_function(run, row, values)
    return report_of(run, impl, assignment, point)


def report_of(run, impl, assignment, point):
    graph = assignment.call_graph
    # A backward reads its forward's cache: the forward's failures explain its own only where that cache is not the
    # course's (a forward wrong in its output alone hands on the right cache), or where none is to compare.
    own = run.facts.get("own_caches", set())
    needs = {row.name: list(row.needs) for row in assignment.functions
             if row.name in own or not any(how.learner and how.course for how in row.prepare.values())}
    graph.update({name: list(dict.fromkeys([*calls, *needs.get(name, ())]))
                  for name, calls in (getattr(impl, "calls", None) or {}).items()})
    if getattr(assignment, "name", None) == "dnn":  # the cat network keeps its own words and order
        report = Report(getattr(impl, "label", "implementation"), list(point.values.get("layer_dims") or []),
                        point.values.get("examples"), "synthetic", point.seed)
    else:
        report = Report(getattr(impl, "label", "implementation"), [], point.values.get("m"), "synthetic",
                        point.seed, assignment=getattr(assignment, "name", "check_backward"),
                        functions=[row.name for row in assignment.functions], point=point.describe())
    report.checks, report.call_graph = run.checks, graph
    report.supplied, report.missing = list(getattr(impl, "supplied", [])), list(getattr(impl, "missing", []))
    # An optional function (the course does not grade it) the file lacks leaves it complete: not done, not missing.
    optional = {row.name for row in getattr(assignment, "functions", ()) if not row.graded}
    report.not_done = {**{name: "not in the file" for name in report.missing if name in optional}, **_not_done(run)}
    report.missing = [name for name in report.missing if name not in optional]
    report.missing += _called_but_absent(run, assignment, report.missing)
    report.notes = list(point.notes) + list(getattr(impl, "notes", [])) + run.notes
    report.dA_convention = run.facts.get("dA_convention")
    printed = "".join(run.printed)
    lines = printed.count("\n") + (1 if printed and not printed.endswith("\n") else 0)
    if lines:
        report.notes.append(f"the functions printed {lines} line(s) while being checked (captured, not shown)")
    capped = printed.count(CAPPED)
    if capped:
        report.notes.append(f"the functions printed more than {OUTPUT_CAP >> 20} MiB {capped} time(s): "
                            "the checker kept the first MiB each time")
    return report


def _called_but_absent(run, assignment, missing):
    """Functions of the assignment a call failed without: its NameError names one the file neither defines nor
    was given (a fragment calling forward_propagation_n, which the course's notebook defines). Missing, then,
    whether the course grades them or not: the failure is theirs, not the caller's."""
    names = {row.name for row in getattr(assignment, "functions", ())}
    found = []
    for check in run.checks:
        raised = check.raised if check.passed is False and isinstance(check.raised, dict) else {}
        absent = re.fullmatch(r"name '(\w+)' is not defined", str(raised.get("message", ""))) \
            if raised.get("type") == "NameError" else None
        if absent and absent[1] in names and absent[1] not in (*missing, *found) and not run.has(absent[1]):
            found.append(absent[1])
    return found


def _not_done(run):
    """{label: why} of the optional functions not done: one entry for a function none of whose variants
    was judged ("pool_backward"), one per variant where others were ("pool_backward (average)")."""
    found = {}
    for key, why in run.not_done.items():
        name = key.split(" (")[0]
        found.setdefault(key if any(c.function == name for c in run.checks) else name, why)
    return found

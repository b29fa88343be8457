"""What course 1 week 3 needs beyond data: layer_sizes by a rule, the forward's cache dict, and a
prediction's type (the course's predict returns booleans, A2 > 0.5)."""

import numpy as np

from reference.checks.comparison import call_failure, compare, contract_difference, contract_failure
from reference.engine.contract import bind
from reference.report.results import Check
from reference.tolerances import TOLERANCES

__all__ = ["layer_sizes", "cache_entries", "boolean_predictions"]


def layer_sizes(run, row, values):
    argnames, arguments, checks = bind(row, run.signature(row.name), values, run.aliases)
    run.add(checks)
    if arguments is None:
        return
    result = run.call(row.name, argnames, arguments)
    if result.error:
        run.add([call_failure(row.name, result)])
        return
    expected = (values["X"].shape[0], 4, values["Y"].shape[0])
    try:
        found = tuple(int(n) for n in result.value)
    except (TypeError, ValueError):
        found = None
    if found != expected:
        run.add([contract_failure(row.name, "(n_x, n_h, n_y)", f"returned {result.value!r:.60}, expected {expected}: "
                                  "n_x from X's rows, n_h = 4 (the course's), n_y from Y's rows")])
    else:
        run.add([Check(row.name, "(n_x, n_h, n_y)", "rule", None, None, True, f"{expected} for X {values['X'].shape}")])


def cache_entries(run, row, values, returned, suffix):
    """The forward's cache: a dict with Z1, A1, Z2, A2, each the network's value."""
    from reference.engine.judging import expected_values

    cache = returned.get("cache")
    if not isinstance(cache, dict):
        run.add([contract_failure(row.name, "cache", f"cache is {type(cache).__name__}, not the course's dict of "
                                  "Z1, A1, Z2, A2")])
        return
    outputs = expected_values(row, values)
    for key in ("Z1", "A1", "Z2", "A2"):
        if key not in cache:
            run.add([contract_failure(row.name, f"cache {key}", f"no {key!r} in the cache: backward_propagation "
                                      "reads it there")])
            continue
        run.add([compare(row.name, f"cache {key}", "jax-forward", outputs[key], cache[key], TOLERANCES["jax-forward"])])


def boolean_predictions(run, row, values, returned, suffix):
    """A prediction of 0/1 numbers where the course's is booleans: the same classes, said as a difference."""
    found = returned.get("predictions")
    kind = np.asarray(found).dtype.kind if found is not None else "b"
    if kind != "b":
        run.add([contract_difference(row.name, "predictions", f"predictions are {np.asarray(found).dtype} where the "
                                     "course's are booleans (A2 > 0.5): the same classes", inert=True)])

"""The check of forward_propagation_with_dropout: its masks are judged by what dropout is.

Its values must be the network's with the masks it drew (read from its own cache, held fixed in
the JAX math): A3, and each cached Z and A (A1 and A2 after the mask and the 1 / keep_prob). The
masks themselves must be 0/1 and keep a unit with probability keep_prob: measured on a wide layer
(100,000 entries each, so 0.01 is seven standard deviations). Which masks it draws is reported,
not judged: the course's (np.random.seed(1), rand < keep_prob) or another valid draw.
"""

import numpy as np

from reference.checks.comparison import call_failure, compare, contract_failure, mutation_failures
from reference.engine.contract import bind, unpack
from reference.engine.declarations import Lazy
from reference.report.results import Check
from reference.tolerances import TOLERANCES

__all__ = ["dropout_forward", "CACHE"]

CACHE = ("Z1", "D1", "A1", "W1", "b1", "Z2", "D2", "A2", "W2", "b2", "Z3", "A3", "W3", "b3")
VALUES = ("Z1", "A1", "Z2", "A2", "Z3", "A3")
WIDE = {"n_x": 3, "n_1": 50, "n_2": 50, "m": 2000}  # 100,000 entries in each mask
RATE_TOLERANCE = 0.01
network_values = Lazy("reference.assignments.regularization.math", "network_values")


def _call(run, row, values):
    """(A3, cache) of the learner's forward at ``values``, or None (the failure added to ``run``)."""
    argnames, arguments, checks = bind(row, run.signature(row.name), values, run.aliases)
    run.add(checks)
    if arguments is None:
        return None
    result = run.call(row.name, argnames, arguments)
    if result.error:
        run.add([call_failure(row.name, result)])
        return None
    run.add(mutation_failures(row.name, result))
    returned, checks = unpack(row, result.value)
    run.add(checks)
    if returned is None:
        return None
    cache = returned["cache"]
    if not isinstance(cache, (tuple, list)) or len(cache) != len(CACHE):
        run.add([contract_failure(row.name, "cache", f"cache is not the course's ({', '.join(CACHE)})")])
        return None
    return returned["A3"], cache


def _mask(run, row, cache, name, shape):
    mask = np.asarray(cache[CACHE.index(name)])
    if mask.shape != shape or not np.isin(mask.astype(np.float64), (0.0, 1.0)).all():
        run.add([contract_failure(row.name, name, f"{name} is not a mask of 0s and 1s of shape {shape}")])
        return None
    return mask.astype(np.float64)


def dropout_forward(run, row, values):
    found = _call(run, row, values)
    if found is None:
        return
    A3, cache = found
    X, keep_prob, parameters = values["X"], values["keep_prob"], values["parameters"]
    D1 = _mask(run, row, cache, "D1", (parameters["W1"].shape[0], X.shape[1]))
    D2 = _mask(run, row, cache, "D2", (parameters["W2"].shape[0], X.shape[1]))
    if D1 is None or D2 is None:
        return
    from reference.engine import oracles  # JAX: only when a check runs, never when the table is read

    inputs = [X, *(parameters[k] for k in ("W1", "b1", "W2", "b2", "W3", "b3")), D1, D2, np.float64(keep_prob)]
    expected = dict(zip(VALUES, oracles.values(network_values, inputs)))
    run.add([compare(row.name, "A3", "jax-forward", expected["A3"], A3, TOLERANCES["jax-forward"])])
    for name in VALUES:
        check = compare(row.name, f"cache {name}", "jax-forward", expected[name], cache[CACHE.index(name)],
                        TOLERANCES["jax-forward"])
        if check.passed is False:
            check.detail += " (the network's values with the masks it drew: A1 and A2 after the mask and / keep_prob)"
        run.add([check])
    _rate(run, row, values)
    _course_masks(run, row, values, D1, D2)


def _rate(run, row, values):
    """The fraction of units each mask keeps, on a wide layer: keep_prob, within RATE_TOLERANCE."""
    from reference.assignments.regularization.points import network

    X, Y, parameters = network(WIDE, np.random.RandomState(values.get("seed", 0) + 1))
    found = _call(run, row, {**values, "X": X, "Y": Y, "parameters": parameters})
    if found is None:
        return
    keep_prob = values["keep_prob"]
    for name, shape in (("D1", (WIDE["n_1"], WIDE["m"])), ("D2", (WIDE["n_2"], WIDE["m"]))):
        mask = _mask(run, row, found[1], name, shape)
        if mask is None:
            return
        rate = float(mask.mean())
        passed = abs(rate - keep_prob) <= RATE_TOLERANCE
        detail = f"{name} keeps {rate:.3f} of {mask.size:,} units at keep_prob = {keep_prob}"
        if not passed:
            detail += _why(rate, keep_prob)
        deviation = None if passed else abs(rate - keep_prob)  # a rule, not a margin: no number when it holds
        run.add([Check(row.name, f"{name} rate", "rule", deviation, RATE_TOLERANCE, passed, detail)])


def _why(rate, keep_prob):
    from math import erf, sqrt

    normal = 0.5 * (1 + erf(keep_prob / sqrt(2)))  # P(randn < keep_prob)
    if abs(rate - normal) <= RATE_TOLERANCE:
        return (f", as np.random.randn(...) < keep_prob keeps ({normal:.3f}): dropout keeps a unit with probability "
                "keep_prob, so draw the mask with np.random.rand (uniform in [0, 1))")
    if abs(rate - (1 - keep_prob)) <= RATE_TOLERANCE:
        return (", 1 - keep_prob: the comparison is the wrong way round (keep a unit where rand < keep_prob, "
                "not > keep_prob)")
    return "; dropout keeps a unit with probability keep_prob: D = np.random.rand(...) < keep_prob"


def _course_masks(run, row, values, D1, D2):
    course = values["dropout_cache"]
    if np.array_equal(D1, np.asarray(course[1], dtype=np.float64)) and np.array_equal(
            D2, np.asarray(course[6], dtype=np.float64)):
        return
    run.notes.append(f"{row.name} draws other masks than the course's (np.random.seed(1), then "
                     "np.random.rand(...) < keep_prob for D1 and D2): valid dropout, judged as such, but the "
                     "notebook's expected numbers will differ")

"""Training loops judged by where they go: gradient descent of a declared cost, in JAX.

A loop (``optimize``, ``nn_model``, ``model``) is called for 0 iterations (where it starts:
its own initialiser's parameters, or those it is given), then for a few more; after each it
must hold the parameters of JAX's gradient descent from that start, with the learning rate it
was given, and where it records costs, the costs at iterations 0, R, 2R, ... A row names this
check with ``check=descent(...)``.
"""

from dataclasses import dataclass

import numpy as np

from reference.checks.comparison import call_failure, compare, contract_difference, contract_failure, returned
from reference.engine.contract import bind
from reference.report.results import Check
from reference.tolerances import TOLERANCES

__all__ = ["Descent", "descent"]


@dataclass(frozen=True)
class Descent:
    """cost: the JAX cost as a function of (*parameters, *data); parameters, data: their names
    (point values, the data passed to the loop too); read(returned) -> (parameters dict, costs or
    None, words on the version or None), raising ValueError with the problem in words; steps: the
    iteration counts judged after 0; record_every: the course records the cost every R iterations
    (from 0); learning_rate: the value used (not the course's default: a loop that ignores its
    argument must show; with ``rate`` None, the loop's own fixed rate); start: where the loop starts
    when that is known without running it (the w, b optimize is given; model's zeros) -- the
    course's optimize and model fail at 0 iterations (their last step's gradients are unbound)."""

    cost: object
    parameters: tuple
    data: tuple
    read: object
    steps: tuple = (1, 201)
    record_every: int = 100
    learning_rate: float = 0.05
    iterations: str = "num_iterations"
    rate: str | None = "learning_rate"  # None: the loop takes no learning rate (nn_model: update's default)
    start: object = None  # (values) -> {parameter: value}: where it starts, when it cannot run 0 iterations
    also: object = None  # (row, returned, expected parameters, values) -> [Check]: the rest of the last run's result


def descent(**settings):
    """A row's ``check``: the loop against JAX's gradient descent (see Descent)."""
    how = Descent(**settings)

    def check(run, row, values):
        _check(run, row, values, how)
    return check


def _call(run, row, values, how, n):
    varied = {**values, how.iterations: n, how.rate or "learning_rate": how.learning_rate}
    argnames, arguments, checks = bind(row, run.signature(row.name), varied, run.aliases)
    if arguments is None:
        return None, checks
    result = run.call(row.name, argnames, arguments)
    if result.error:
        return None, checks + [call_failure(row.name, result)]
    try:
        parameters, costs, words = how.read(result.value)
    except (ValueError, TypeError, KeyError, IndexError) as error:
        return None, checks + [contract_failure(row.name, "returns", f"returned {returned(result.value)}: {error}")]
    missing = [p for p in how.parameters if p not in parameters]
    if missing:
        return None, checks + [contract_failure(row.name, "parameters", f"no {', '.join(missing)} in what it returned")]
    return (parameters, costs, words, result.value), checks


def _check(run, row, values, how):
    runs, checks = {}, []
    counts = how.steps if how.start is not None else (0, *how.steps)
    for n in counts:
        found, problems = _call(run, row, values, how, n)
        checks += [c for c in problems if c.target != "signature" or n == counts[0]]  # a signature is said once
        if found is None:
            run.checks += checks
            return
        runs[n] = found
    words = runs[counts[0]][2]
    if words:
        checks.append(contract_difference(row.name, "returns", words))
    if how.start is not None:
        start = how.start(values)
    else:
        start = runs[0][0]
        again, _ = _call(run, row, values, how, 0)
        if again is None or not all(np.array_equal(np.asarray(start[p]), np.asarray(again[0][p]))
                                    for p in how.parameters):
            checks.append(contract_failure(row.name, "reproducible", "two calls start from different parameters: the "
                                           "course seeds the random generator first thing in the function"))
            run.checks += checks
            return
        checks.append(Check(row.name, "reproducible", "rule", None, None, True,
                            "two calls start from the same parameters"))
    start_values = [np.asarray(start[p], dtype=np.float64) for p in how.parameters]
    data = [values[d] for d in how.data]
    trajectory, costs = _trajectory(how, start_values, data, max(how.steps))
    for n in how.steps:
        parameters, recorded, _, returned = runs[n]
        for k, name in enumerate(how.parameters):
            checks.append(compare(row.name, f"{name} after {n} iteration{'s' * (n > 1)}", "jax-trajectory",
                                  trajectory[n - 1][k], _as_shape(parameters[name], trajectory[n - 1][k]),
                                  TOLERANCES["jax-trajectory"]))
        if n > 1 and all(np.array_equal(np.asarray(parameters[p]), np.asarray(start[p])) for p in how.parameters):
            checks.append(contract_failure(row.name, "parameters", f"unchanged after {n} iterations: is the result "
                                           "of the update assigned back?"))
        if n == max(how.steps) and recorded is not None:
            checks += _costs(row, recorded, costs[::how.record_every], n, how.record_every)
        if n == max(how.steps) and how.also is not None:
            checks += how.also(row, returned, dict(zip(how.parameters, trajectory[n - 1])), values)
    run.checks += checks


def _trajectory(how, start, data, n):
    """([parameters after step 1..n], costs before each step), by JAX."""
    def run():
        step = _stepper(how.cost)
        parameters, steps, costs = list(start), [], []
        for _ in range(n):
            parameters, value = step(parameters, data, how.learning_rate)
            steps.append([np.asarray(p) for p in parameters])
            costs.append(float(value))
        return steps, np.array(costs)

    from reference.engine import oracles  # JAX: when a loop is judged, never when a table is read

    return oracles.run_oracle("descent", how.cost, run, ("descent", tuple(start), tuple(data), how.learning_rate, n))


def _as_shape(actual, expected):
    """``actual`` in ``expected``'s shape where they differ by singleton axes only (a b of shape (1,) where
    the course's is a number: the difference, if any, is said where it began, not in every step)."""
    try:
        array = np.asarray(actual, dtype=np.float64)
    except (TypeError, ValueError, OverflowError):
        return actual
    squeeze = [n for n in array.shape if n != 1] == [n for n in np.shape(expected) if n != 1]
    return array.reshape(np.shape(expected)) if squeeze and array.shape != np.shape(expected) else actual


_steppers = {}


def _stepper(cost):
    """One jitted step of gradient descent on ``cost`` (compiled once per shape)."""
    if cost not in _steppers:
        import jax

        def step(parameters, data, learning_rate):
            value, grads = jax.value_and_grad(lambda p: cost(*p, *data))(parameters)
            return [p - learning_rate * g for p, g in zip(parameters, grads)], value
        _steppers[cost] = jax.jit(step)
    return _steppers[cost]


def _costs(row, recorded, expected, n, every):
    try:
        count = len(recorded)
    except TypeError:
        return [contract_failure(row.name, "costs", f"costs is {type(recorded).__name__}, expected a list")]
    if count != len(expected):
        at = ", ".join(str(i) for i in range(0, n, every))
        return [contract_failure(row.name, "costs", f"recorded {count} costs in {n} iterations; the course records "
                                 f"the cost at iterations {at} ({len(expected)} costs)")]
    try:
        squeezed = [float(np.squeeze(c)) for c in recorded]
    except (TypeError, ValueError):
        return [contract_failure(row.name, "costs", "the costs recorded are not numbers")]
    return [compare(row.name, "costs", "jax-trajectory", expected, squeezed, TOLERANCES["jax-trajectory"])]

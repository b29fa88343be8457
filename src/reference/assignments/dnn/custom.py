"""What the cat network's rows need beyond data: the caches' layouts, the learner's own helpers
with their own contract, the kink of ReLU, and the checks of the whole network and of the
Application's functions (reference.checks: the dA conventions, directional differences and the
Taylor test at the real size, the training loops' trajectories), run at the network's point.

Imports of the checks (JAX) happen inside the functions: reading the table must not import JAX.
"""

import dataclasses

import numpy as np

from reference.checks.comparison import contract_difference, contract_failure, real_array
from reference.engine.declarations import from_course

__all__ = ["cache_is", "activation_cache", "activation_backward", "relu_kink", "network_check"]


def cache_equal(actual, expected):
    """Whether a cache holds exactly the expected arrays, in the expected nesting."""
    try:
        if isinstance(expected, tuple):
            return isinstance(actual, (tuple, list)) and len(actual) == len(expected) and all(
                cache_equal(a, e) for a, e in zip(actual, expected))
        actual = real_array(actual)  # None: complex, with imaginary parts: no cache of real numbers
        return actual is not None and actual.shape == expected.shape and np.allclose(actual, expected, rtol=1e-12,
                                                                                      atol=0)
    except (TypeError, ValueError, OverflowError):
        return False


def cache_is(expected, words):
    """A custom check: the returned cache is ``expected(values)``, else a contract failure ``words``."""
    def check(run, row, values, returned, suffix):
        if "cache" in returned and not cache_equal(returned["cache"], expected(values)):
            run.add([contract_failure(row.name, "cache", words)], suffix)
    return check


def activation_cache(run, row, values, returned, suffix):
    """sigmoid or relu: the course's cache is Z; a learner's own helper may keep A (or another
    thing) instead: a difference its backward must follow, not a failure."""
    from reference.engine.judging import expected_values

    if "cache" not in returned or cache_equal(returned["cache"], values["Z"]):
        return
    A = expected_values(row, values)["A"] if _is_array(returned["cache"]) else None  # the math in float64
    held = "A" if A is not None and cache_equal(returned["cache"], A) else "something other than Z"
    run.add([contract_difference(row.name, "cache", f"its cache is {held}, not Z as the course's {row.name}'s: "
                                                    "a difference its backward must follow")], suffix)


def _is_array(value):
    try:
        return real_array(value) is not None
    except (TypeError, ValueError, OverflowError):
        return False


def activation_backward(run, row, values):
    """relu_backward or sigmoid_backward on the course's cache, Z; a learner's own helper may
    take the cache its own forward makes (A, say): when it fails on Z but is right on that
    cache, that is a contract difference. Then ReLU's kink: dZ = 0 where Z == 0."""
    from reference.engine.judging import check_function

    course = run.scratch()
    check_function(course, dataclasses.replace(row, check=None), values)
    own = None
    if any(c.passed is False for c in course.checks):
        own = _own_cache(run, row, values["Z"])
        if own is not None and not cache_equal(own, values["Z"]):
            theirs = run.scratch()
            check_function(theirs, dataclasses.replace(row, check=None, prepare={"cache": from_course(lambda v: own)}),
                           values)
            if theirs.checks and all(c.passed is True for c in theirs.checks):
                run.absorb(course, checks=False)
                run.absorb(theirs)
                run.add([contract_difference(
                    row.name, "cache", f"takes the cache the file's own {_activation(row)} forward makes, not Z as the "
                    f"course's {row.name} does: a difference the course's caches ((A_prev, W, b), Z) do not follow")])
                if row.name == "relu_backward":
                    relu_kink(run, row, values, own_cache=True)
                return
            run.absorb(theirs, checks=False)
    run.absorb(course)
    if row.name == "relu_backward":
        relu_kink(run, row, values)


def _own_cache(run, row, Z):
    """The activation cache the learner's own code makes for ``Z``: its own helper's
    (relu(Z)[1]), else its linear_activation_forward's for a layer whose Z is ``Z``
    (A_prev = Z, W = I, b = 0); None when it has neither."""
    n = Z.shape[0]
    activation = _activation(row)
    for function, argnames, args, pick in (
            (activation, ("Z",), (Z,), lambda v: v[1]),
            ("linear_activation_forward", ("A_prev", "W", "b", "activation"),
             (Z, np.eye(n), np.zeros((n, 1)), activation), lambda v: v[1][1])):
        if not run.has(function):
            continue
        value = run.call(function, argnames, args).value
        try:
            cache = pick(value)
            if isinstance(cache, (tuple, list, dict)) or np.shape(cache) == Z.shape:  # (Z,), {"Z": Z}, A
                return cache
        except (TypeError, IndexError, KeyError, ValueError):
            pass  # not a cache; perhaps the other function makes one
    return None


def _activation(row):
    """relu or sigmoid, the activation a helper row computes or differentiates."""
    return row.name.split("_")[0]


def relu_kink(run, row, values, own_cache=False):
    """At Z == 0 the course's dZ is 0 (so is jax.nn.relu's); finite differences are invalid
    there, so only JAX judges this point."""
    from reference.checks.comparison import compare, outputs_of
    from reference.checks.points import KINK_SHAPE
    from reference.oracles import jax_network as jnet
    from reference.tolerances import TOLERANCES

    rng = np.random.RandomState(values.get("seed", 0) + 7)
    Z = rng.choice([-1.0, 0.0, 1.0], KINK_SHAPE)
    Z[0, 0] = 0.0
    dA = rng.uniform(0.5, 1.5, KINK_SHAPE)
    cache = _own_cache(run, row, Z) if own_cache else Z
    if cache is None:
        return
    checks, found = outputs_of("relu_backward", run.call("relu_backward", ("dA", "cache"), (dA, cache)))
    if found is None or checks:  # the call failure is reported once already, as is writing into dA
        return
    kink = {"wrong only where Z == 0, the ReLU's kink: the course's relu_backward gives 0 there (dZ[Z <= 0] = 0)":
            Z == 0}
    run.add([compare("relu_backward", "dZ at Z == 0", "jax-vjp", jnet.activation_backward(dA, Z, "relu"),
                     found["dZ"], TOLERANCES["jax-vjp"], regions=kink)])


def network_check(kind):
    """A row's check of the whole network or of the Application's functions (reference.checks),
    at the network point the settings name (the cat network by default)."""
    def check(run, row, values):
        _NETWORK_CHECKS[kind](run, row, values)
    check.__name__ = f"network_check_{kind}"
    return check


def _network_point(run, values):
    """The network's check point; what drawing it had to say (parameters redrawn) goes first in the notes."""
    from manual_dnn.training import CAT_EXAMPLES, CAT_NETWORK
    from reference.checks.checker import _point

    layer_dims = list(values.get("layer_dims") or CAT_NETWORK)
    X, Y = values.get("network_X"), values.get("network_Y")
    examples = X.shape[1] if X is not None else values.get("examples") or CAT_EXAMPLES
    point = _point(layer_dims, examples, values.get("seed", 0), X, Y)
    run.notes[:0] = [note for note in point.notes if note not in run.notes]
    return point


def _model_forward(run, row, values):
    from reference.checks.model_checks import model_forward_checks

    checks, output = model_forward_checks(run.impl, _network_point(run, values))
    run.checks += checks
    run.printed.append(output)


def _model_backward(run, row, values):
    from reference.checks.model_checks import model_backward_checks

    rng = np.random.RandomState(values.get("seed", 0))
    checks, output, convention = model_backward_checks(run.impl, _network_point(run, values), rng,
                                                       values.get("full_fd", False), values.get("params"))
    run.checks += checks
    run.printed.append(output)
    run.facts["dA_convention"] = convention


def _update(run, row, values):
    from reference.checks.checker import _point
    from reference.checks.update_checks import update_checks

    rng = np.random.RandomState(values.get("seed", 0))
    checks, output, notes = update_checks(run.impl, rng, _point([4, 3, 2, 1], 5, values.get("seed", 0)))
    _take(run, checks, output, notes)


def _initialisers(run, row, values):
    from reference.checks.application_checks import initializer_checks

    if run.facts.setdefault("initialisers checked", False):
        return  # one check covers both initialisers
    run.facts["initialisers checked"] = True
    _take(run, *initializer_checks(run.impl))


def _loop(run, row, values):
    from reference.checks.application_checks import training_loop_checks

    _take(run, *training_loop_checks(run.impl, row.name, values.get("seed", 0)))


def _predict(run, row, values):
    from reference.checks.application_checks import predict_checks

    checks, output = predict_checks(run.impl, _network_point(run, values))
    _take(run, checks, output, [])


def _take(run, checks, output, notes):
    run.checks += checks
    run.printed.append(output)
    run.notes += notes


_NETWORK_CHECKS = {"model_forward": _model_forward, "model_backward": _model_backward, "update": _update,
                   "initialisers": _initialisers, "loop": _loop, "predict": _predict}

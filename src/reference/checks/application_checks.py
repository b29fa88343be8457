"""Checks of the "Application" notebook's functions: the two initialisers, the
two training loops and predict.

A training loop is judged by where it goes. Started from its own initial
parameters (what it returns for ``num_iterations = 0``), it must take the JAX
oracle's steps of gradient descent (oracles/jax_training.py) with the learning
rate it is given, and, in the course's current version, record the cost at
iterations 0, 100, 200, ... Older versions return ``parameters`` alone and keep
their costs to themselves: that is reported, not failed.
"""

import numpy as np

import manual_dnn
from reference.checks.comparison import call_failure, compare, contract_failure, returned
from reference.learner import course_modules
from reference.oracles import jax_network as jnet
from reference.oracles.jax_training import descent_trajectory
from reference.report.patterns import UNCHANGED
from reference.report.results import Check
from reference.seed_functions import SEED_FUNCTIONS, parameter_names
from reference.tolerances import TOLERANCES

__all__ = ["initializer_checks", "training_loop_checks", "predict_checks", "describe_initialisation"]

TWO_LAYER_DIMS = (6, 4, 1)
DEEP_DIMS = [6, 5, 3, 1]
EXAMPLES = 10
LEARNING_RATE = 0.05  # not the course's default 0.0075: a loop that ignores its argument must show
ITERATIONS = 201  # costs at 0, 100 and 200
RECORD_EVERY = 100


def _arguments(name):
    return SEED_FUNCTIONS[name].arguments


def _rule(function, target, detail):
    """A passing check judged by a rule (shapes, zeros, reproducibility), not by a number."""
    return Check(function, target, "rule", None, None, True, detail)


# ---------------------------------------------------------------- initialisers

def _initialisations(dims):
    """{description: W's} for the course's initialisations (and the rand slip), likely seeds."""
    found = {}
    for seed in range(11):
        for draw in ("randn", "rand"):
            for scaled in (False, True):
                rng = np.random.RandomState(seed)
                params = {}
                for l in range(1, len(dims)):
                    W = getattr(rng, draw)(dims[l], dims[l - 1])
                    params[f"W{l}"] = W / np.sqrt(dims[l - 1]) if scaled else W * 0.01
                scale = "/ sqrt(n_{l-1})" if scaled else "* 0.01"
                found[f"{draw} {scale}, np.random.seed({seed})"] = params
    return found


def describe_initialisation(parameters, dims):
    """Which of the course's initialisations ``parameters`` is, in words (or None)."""
    for description, candidate in _initialisations(dims).items():
        if all(np.array_equal(np.asarray(parameters.get(k)), v) for k, v in candidate.items()):
            return description
    return None


def _parameter_problems(parameters, dims):
    """What is wrong with an initialiser's dict, as sentences (empty when nothing)."""
    if not isinstance(parameters, dict):
        return [f"returned {returned(parameters)}, expected the parameters dict"]
    expected = parameter_names(len(dims) - 1)
    if sorted(parameters) != sorted(expected):
        return [f"keys {sorted(map(str, parameters))}, expected {expected}"]
    problems = []
    for l in range(1, len(dims)):
        W, b = np.asarray(parameters[f"W{l}"]), np.asarray(parameters[f"b{l}"])
        if W.shape != (dims[l], dims[l - 1]):
            problems.append(f"W{l} has shape {W.shape}, expected {(dims[l], dims[l - 1])}")
        elif not np.isfinite(W).all():
            problems.append(f"W{l} is not finite")
        elif dims[l] > 1 and (W == W[:1]).all():
            problems.append(f"every row of W{l} is the same: the units stay symmetric and learn the same thing")
        if b.shape != (dims[l], 1):
            problems.append(f"b{l} has shape {b.shape}, expected {(dims[l], 1)}")
        elif np.any(b != 0):
            problems.append(f"b{l} is not zeros: the course initialises biases to 0")
    return problems


def _scale_in_words(parameters, dims):
    """The course's scale the W's are drawn at (their spread pooled over the layers), or None."""
    weights = [W for W, _ in _weights(parameters, len(dims) - 1)]

    def spread(scale):  # the RMS of W / scale(n_{l-1}) over every layer: about 1 at the scale drawn with
        return np.sqrt(np.mean(np.concatenate([(W / scale(n)).ravel() ** 2 for W, n in zip(weights, dims)])))

    near = [how for how, scale in (("randn * 0.01", lambda n: 0.01), ("randn / sqrt(n)", lambda n: 1 / np.sqrt(n)))
            if 0.5 <= spread(scale) <= 2]
    return near[0] if len(near) == 1 else None


def _initialisation_note(name, parameters, dims):
    how = describe_initialisation(parameters, dims)
    if how is None:
        scale = _scale_in_words(parameters, dims)
        if scale:
            return (f"{name} initialises W at the scale of {scale}, but not with the course's seed "
                    "(none, or one other than 0-10): its numbers differ from the course's")
        return f"{name} initialises W in its own way (neither randn * 0.01 nor randn / sqrt(n), seeds 0-10)"
    if how.startswith("rand "):
        return (f"{name} initialises W as {how}: np.random.rand draws from [0, 1), so every weight is "
                "positive; the course draws with np.random.randn (reported, not judged)")
    return f"{name} initialises W as {how}"


def initializer_checks(impl):
    """initialize_parameters(6, 4, 1) and initialize_parameters_deep([6, 5, 3, 1]):
    keys, shapes, zero biases, broken symmetry, the same result twice.
    Returns (checks, printed output, notes)."""
    checks, printed, notes = [], [], []
    for name, args, dims in (("initialize_parameters", TWO_LAYER_DIMS, TWO_LAYER_DIMS),
                             ("initialize_parameters_deep", (DEEP_DIMS,), DEEP_DIMS)):
        if name not in impl:
            continue
        first, second = (impl.call(name, _arguments(name), *args) for _ in range(2))
        printed += [first.output, second.output]
        if first.error:
            checks.append(call_failure(name, first))
            continue
        problems = _parameter_problems(first.value, dims)
        checks += [contract_failure(name, "parameters", p) for p in problems]
        if problems:
            continue
        checks.append(_rule(name, "parameters", f"keys, shapes and zero biases for layers {list(dims)}"))
        if second.error or _parameter_problems(second.value, dims) or not all(
                np.array_equal(first.value[k], second.value[k]) for k in first.value):
            checks.append(contract_failure(name, "reproducible", "two calls gave different parameters: the course "
                                           "seeds inside (np.random.seed) so that every run starts the same"))
        else:
            checks.append(_rule(name, "reproducible", "two calls give the same parameters"))
        notes.append(_initialisation_note(name, first.value, dims))
    return checks, "".join(printed), notes


# ---------------------------------------------------------------- training loops

def training_point(seed=0):
    """X (6, 10) pixels in [0, 1], Y (1, 10) labels with both classes."""
    rng = np.random.RandomState(seed)
    X = rng.uniform(0, 1, (DEEP_DIMS[0], EXAMPLES))
    Y = rng.randint(0, 2, (1, EXAMPLES)).astype(np.float64)
    Y[0, :2] = (0.0, 1.0)
    return X, Y


def _split(name, result):
    """(parameters, costs or None, version words) from what a loop returned, or a failing Check."""
    if result.error:
        return call_failure(name, result)
    value = result.value
    if isinstance(value, dict):
        return value, None, "returns parameters only (older course versions)"
    if isinstance(value, (tuple, list)) and len(value) == 2 and isinstance(value[0], dict):
        return value[0], value[1], "returns (parameters, costs) (current course versions)"
    return contract_failure(name, "returns", f"returned {returned(value)}, expected (parameters, costs) or parameters")


def _weights(parameters, L):
    return [(np.asarray(parameters[f"W{l}"], dtype=np.float64), np.asarray(parameters[f"b{l}"], dtype=np.float64))
            for l in range(1, L + 1)]


def training_loop_checks(impl, name, seed=0):
    """two_layer_model or L_layer_model against the oracle's trajectory.
    Returns (checks, printed output, notes)."""
    if name not in impl:
        return [], "", []
    dims = TWO_LAYER_DIMS if name == "two_layer_model" else DEEP_DIMS
    L = len(dims) - 1
    X, Y = training_point(seed)
    runs = {n: impl.call(name, _arguments(name), X, Y, dims, LEARNING_RATE, n, False) for n in (0, 1, ITERATIONS)}
    again = impl.call(name, _arguments(name), X, Y, dims, LEARNING_RATE, 0, False)
    printed = "".join(r.output for r in [*runs.values(), again])
    split = {n: _split(name, r) for n, r in runs.items()}
    failed = [s for s in split.values() if isinstance(s, Check)]
    if failed:
        return failed[:1], printed, []
    start, _, version = split[0]
    keys = parameter_names(L)
    missing = [k for k in keys if k not in start]
    if missing:
        failure = contract_failure(name, "parameters", f"no {', '.join(missing)} in the returned parameters")
        return [failure], printed, []
    notes = [f"{name} {version}"]
    how = describe_initialisation(start, dims)
    if how:
        notes.append(f"{name} starts from W = {how}")
    repeat = _split(name, again)
    if isinstance(repeat, Check) or not all(np.array_equal(start[k], repeat[0].get(k)) for k in keys):
        return [contract_failure(name, "reproducible", "two calls start from different parameters: the course "
                                 "calls np.random.seed(1) first thing in the function")], printed, notes
    checks = [_rule(name, "reproducible", "two calls start from the same parameters")]
    start_check, init_output = _start_check(impl, name, dims, start)
    printed += init_output
    checks += start_check
    trajectory, expected_costs = descent_trajectory(X, Y, _weights(start, L), LEARNING_RATE, ITERATIONS)
    for n in (1, ITERATIONS):
        parameters, costs, _ = split[n]
        expected = [(W[n - 1], b[n - 1]) for W, b in trajectory]
        found = [compare(name, f"{key} after {n} iteration{'s' * (n > 1)}", "jax-trajectory",
                         expected[int(key[1:]) - 1][key[0] == "b"], parameters.get(key), TOLERANCES["jax-trajectory"],
                         alternatives={UNCHANGED: start[key]})
                 if key in parameters else contract_failure(name, key, f"no '{key}' after {n} iterations")
                 for key in keys]
        if n > 1 and all(np.array_equal(parameters.get(k), start[k]) for k in keys):
            found.append(contract_failure(name, "parameters", f"unchanged after {n} iterations: is the result of "
                                          "update_parameters assigned back to parameters?"))
        checks += found
        if n == ITERATIONS and costs is not None:
            checks += _cost_checks(name, costs, expected_costs[::RECORD_EVERY])
    return checks, printed, notes


INITIALISER = {"two_layer_model": "initialize_parameters", "L_layer_model": "initialize_parameters_deep"}
COURSE_INITIALISERS = {"initialize_parameters": manual_dnn.initialize_parameters,
                       "initialize_parameters_deep": course_modules.initialize_parameters_deep}


def _initialiser_outputs(impl, init, dims):
    """([(who, parameters)], printed): ``init`` called as the course's loop calls it --
    the file's own if it has one (and it is reproducible), and the course's
    Application version (dnn_app_utils gave it; manual_dnn's loops start there)."""
    args = tuple(dims) if init == "initialize_parameters" else (list(dims),)
    outputs = [(f"the course's {init}", COURSE_INITIALISERS[init](*args))]
    if init not in impl:
        return outputs, ""
    first, second = (impl.call(init, _arguments(init), *args) for _ in range(2))
    usable = not first.error and not second.error and isinstance(first.value, dict) and isinstance(
        second.value, dict) and first.value.keys() == second.value.keys() and all(
        np.array_equal(first.value[k], second.value[k]) for k in first.value)
    if usable:
        outputs.insert(0, (f"the file's {init}", first.value))
    return outputs, first.output + second.output


def _same_start(start, parameters):
    return all(np.array_equal(start.get(k), v) for k, v in parameters.items())


def _start_check(impl, name, dims, start):
    """The loop starts where its initialiser does: the course's two_layer_model calls
    initialize_parameters, L_layer_model initialize_parameters_deep (the file's own,
    or the Application's randn / sqrt(n) one that dnn_app_utils gave)."""
    init = INITIALISER[name]
    expected, printed = _initialiser_outputs(impl, init, dims)
    for who, parameters in expected:
        if _same_start(start, parameters):
            return [_rule(name, "start", f"starts where {who} does")], printed
    other = next(i for i in INITIALISER.values() if i != init)
    alternatives, more = _initialiser_outputs(impl, other, dims)
    wrong = next((who for who, parameters in alternatives if _same_start(start, parameters)), None)
    if wrong:
        detail = f"starts from {wrong}'s parameters; the course's {name} calls {init}"
    else:
        detail = (f"starts from parameters that {' or '.join(who for who, _ in expected)} does not give "
                  f"(the course's {name} calls {init} after np.random.seed(1))")
    return [contract_failure(name, "start", detail)], printed + more


def _cost_checks(name, costs, expected):
    """The costs a current-version loop records: one every RECORD_EVERY iterations, from 0."""
    try:
        count = len(costs)
    except TypeError:
        return [contract_failure(name, "costs", f"costs is {type(costs).__name__}, expected a list")]
    if count != len(expected):
        at = ", ".join(str(i) for i in range(0, ITERATIONS, RECORD_EVERY))
        return [contract_failure(name, "costs", f"recorded {count} costs in {ITERATIONS} iterations; the course "
                                 f"records the cost at iterations {at} ({len(expected)} costs)")]
    return [compare(name, "costs", "jax-trajectory", expected, [np.squeeze(c) for c in costs],
                    TOLERANCES["jax-trajectory"])]


# ---------------------------------------------------------------- predict

def _both_classes(point):
    """The point's weights with the output bias moved so that half the examples
    come out above 1/2 and half below (a point that predicts one class for all
    cannot tell a threshold, or a prediction that reads y, from a constant)."""
    weights = [(W, b.copy()) for W, b in point.weights]
    _, Zs = jnet.model_forward(point.X, weights, point.Y)  # compiled once already, for L_model_*
    z = np.sort(Zs[-1][0])
    if len(z) > 1:
        k = len(z) // 2
        weights[-1][1][:] -= (z[k - 1] + z[k]) / 2  # between two outputs: no tie at exactly 1/2
    return weights


def predict_checks(impl, point):
    """predict(X, y, parameters) on a network point: (AL > 0.5) as 0/1, shape (1, m),
    whatever y says. Returns (checks, printed output)."""
    if "predict" not in impl:
        return [], ""
    weights = _both_classes(point)
    parameters = {f"{p}{l}": array for l, wb in enumerate(weights, start=1) for p, array in zip("Wb", wb)}
    AL, _ = jnet.model_forward(point.X, weights, point.Y)
    if (np.abs(AL - 0.5) < 1e-9).any():  # a tie would judge only the convention at 0.5
        return [Check("predict", "p", "jax-forward", None, TOLERANCES["jax-forward"], None,
                      "an output within 1e-9 of 0.5 at this point: the threshold cannot be judged")], ""
    expected = (AL > 0.5).astype(np.float64)
    first = impl.call("predict", _arguments("predict"), point.X, point.Y, parameters)
    flipped = impl.call("predict", _arguments("predict"), point.X, 1 - point.Y, parameters)
    printed = first.output + flipped.output
    if first.error:
        return [call_failure("predict", first)], printed
    checks = [compare("predict", "p", "jax-forward", expected, first.value, TOLERANCES["jax-forward"])]
    if flipped.error or not np.array_equal(np.asarray(first.value), np.asarray(flipped.value)):
        checks.append(contract_failure("predict", "p", "changes when y changes: a prediction may not look at the "
                                       "labels (y is only for the accuracy)"))
    return checks, printed

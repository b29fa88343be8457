"""Checks of the "Application" notebook's functions: the two training loops and
predict (the two initialisers: initialiser_checks.py).

A training loop is judged by where it goes. Started from its own initial
parameters (what it returns for ``num_iterations = 0``), it must take the JAX
oracle's steps of gradient descent (oracles/jax_training.py) with the learning
rate it is given, and, in the course's current version, record the cost at
iterations 0, 100, 200, ... Older versions return ``parameters`` alone and keep
their costs to themselves: that is reported, not failed. Every run is called
after the same ``np.random.seed(1)``, so a loop that does not seed numpy itself
starts from the same place in each; whether it does is reported, not judged.

predict is called the way its own signature names its arguments, as the
engine calls every function (engine/contract.py: ``predict(X, parameters)``,
``predict(parameters, X)``): another order or no ``y`` is a contract
difference, not a failure.
"""

import numpy as np

from reference.checks.comparison import call_failure, compare, contract_difference, contract_failure, returned
from reference.checks.initialiser_checks import (
    DEEP_DIMS,
    OTHER_SEED,
    SEED,
    TWO_LAYER_DIMS,
    call_initialiser,
    course_initialisation,
    describe_initialisation,
    initialisation_words,
    initializer_checks,
    parameter_problems,
    same_parameters,
    structure_problems,
    weights,
)
from reference.engine.contract import bind
from reference.oracles import jax_network as jnet
from reference.oracles.jax_training import descent_trajectory
from reference.report.patterns import UNCHANGED
from reference.report.results import Check
from reference.seed_functions import SEED_FUNCTIONS, parameter_names
from reference.tolerances import TOLERANCES

__all__ = ["initializer_checks", "training_loop_checks", "predict_checks", "describe_initialisation"]

EXAMPLES = 10
LEARNING_RATE = 0.05  # not the course's default 0.0075: a loop that ignores its argument must show
ITERATIONS = 201  # costs at 0, 100 and 200
RECORD_EVERY = 100


def _arguments(name):
    return SEED_FUNCTIONS[name].arguments


def _rule(function, target, detail):
    """A passing check judged by a rule (reproducibility, the start), not by a number."""
    return Check(function, target, "rule", None, None, True, detail)


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


def training_loop_checks(impl, name, seed=0):
    """two_layer_model or L_layer_model against the oracle's trajectory.
    Returns (checks, printed output, notes)."""
    if name not in impl:
        return [], "", []
    dims = TWO_LAYER_DIMS if name == "two_layer_model" else DEEP_DIMS
    L = len(dims) - 1
    X, Y = training_point(seed)

    def run(iterations, after=SEED):
        return impl.call(name, _arguments(name), X, Y, dims, LEARNING_RATE, iterations, False, seed=after)

    runs = {n: run(n) for n in (0, 1, ITERATIONS)}
    other = run(0, OTHER_SEED)
    printed = "".join(r.output for r in [*runs.values(), other])
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
    problems = structure_problems({k: start[k] for k in keys}, dims)
    if problems:  # no trajectory starts from these
        return [contract_failure(name, "start", f"at 0 iterations: {p}") for p in problems], printed, []
    notes = [f"{name} {version}"]
    repeat = _split(name, other)
    if not isinstance(repeat, Check) and same_parameters(repeat[0], start, keys):
        checks = [_rule(name, "reproducible", "two calls start from the same parameters")]
    else:
        again = run(0)
        printed += again.output
        repeat = _split(name, again)
        if isinstance(repeat, Check) or not same_parameters(repeat[0], start, keys):
            return [contract_failure(name, "reproducible", (
                f"two calls after the same np.random.seed({SEED}) start from different parameters: it draws from a "
                "generator no numpy seed fixes; the course calls np.random.seed(1) first thing in the "
                "function"))], printed, notes
        checks = [_rule(name, "reproducible", f"two calls after np.random.seed({SEED}) start from the same "
                        "parameters")]
        notes.append(f"{name} does not seed numpy itself (the course's calls np.random.seed(1) first thing): "
                     f"its start follows its caller's seed; checked here after np.random.seed({SEED}), as the "
                     "course's would be (reported, not judged)")
    how = describe_initialisation(start, dims)
    if how:
        notes.append(f"{name} starts from W = {how}")
    start_checks, init_output = _start_checks(impl, name, dims, start)
    printed += init_output
    checks += start_checks
    trajectory, expected_costs = descent_trajectory(X, Y, weights(start, L), LEARNING_RATE, ITERATIONS)
    for n in (1, ITERATIONS):
        parameters, costs, _ = split[n]
        expected = [(W[n - 1], b[n - 1]) for W, b in trajectory]
        found = [compare(name, f"{key} after {n} iteration{'s' * (n > 1)}", "jax-trajectory",
                         expected[int(key[1:]) - 1][key[0] == "b"], parameters.get(key), TOLERANCES["jax-trajectory"],
                         alternatives={UNCHANGED: start[key]})
                 if key in parameters else contract_failure(name, key, f"no '{key}' after {n} iterations")
                 for key in keys]
        if n > 1 and same_parameters(parameters, start, keys):
            found.append(contract_failure(name, "parameters", f"unchanged after {n} iterations: is the result of "
                                          "update_parameters assigned back to parameters?"))
        checks += found
        if n == ITERATIONS and costs is not None:
            checks += _cost_checks(name, costs, expected_costs[::RECORD_EVERY])
    return checks, printed, notes


INITIALISER = {"two_layer_model": "initialize_parameters", "L_layer_model": "initialize_parameters_deep"}


def _initialiser_outputs(impl, init, dims):
    """([(who, parameters)], printed): ``init`` called as the course's loop calls it --
    the file's own if it has one (after the same np.random.seed as the loop), and the
    course's Application version (dnn_app_utils gave it; manual_dnn's loops start there).
    Empty when ``init`` cannot make a network of ``dims``."""
    course = course_initialisation(init, dims)
    if course is None:
        return [], ""
    outputs = [(f"the course's {init}", course)]
    if init not in impl:
        return outputs, ""
    own = call_initialiser(impl, init, dims)
    if not own.error and not structure_problems(own.value, dims):
        outputs.insert(0, (f"the file's {init}", own.value))
    return outputs, own.output


def _start_checks(impl, name, dims, start):
    """The loop starts where its initialiser does: the course's two_layer_model calls
    initialize_parameters, L_layer_model initialize_parameters_deep (the file's own,
    or the Application's randn / sqrt(n) one that dnn_app_utils gave). A start from
    the other initialiser fails; a start of its own is a difference, judged from there
    (unless its units are symmetric or its biases not zero)."""
    init = INITIALISER[name]
    expected, printed = _initialiser_outputs(impl, init, dims)
    for who, parameters in expected:
        if same_parameters(start, parameters):
            return [_rule(name, "start", f"starts where {who} does")], printed
    other = next(i for i in INITIALISER.values() if i != init)
    alternatives, more = _initialiser_outputs(impl, other, dims)
    wrong = next((who for who, parameters in alternatives if same_parameters(start, parameters)), None)
    printed += more
    if wrong:
        detail = f"starts from {wrong}'s parameters; the course's {name} calls {init}"
        return [contract_failure(name, "start", detail)], printed
    problems = parameter_problems({k: start[k] for k in parameter_names(len(dims) - 1)}, dims)
    if problems:
        return [contract_failure(name, "start", f"at 0 iterations: {p}") for p in problems], printed
    whose = " or ".join(who for who, _ in expected)
    return [contract_difference(name, "start", (
        f"starts from W at {initialisation_words(start, dims)}, not from {whose} (the course's {name} calls "
        f"{init} after np.random.seed(1)): its training is judged from that start"))], printed


def _cost_checks(name, costs, expected):
    """The costs a current-version loop records: one every RECORD_EVERY iterations, from 0."""
    try:
        count = len(costs)
        costs = [np.squeeze(c) for c in costs]
    except Exception:  # a learner's object may fail len() or iteration in any way
        return [contract_failure(name, "costs", f"costs is {type(costs).__name__}, expected a list")]
    if count != len(expected):
        at = ", ".join(str(i) for i in range(0, ITERATIONS, RECORD_EVERY))
        return [contract_failure(name, "costs", f"recorded {count} costs in {ITERATIONS} iterations; the course "
                                 f"records the cost at iterations {at} ({len(expected)} costs)")]
    return [compare(name, "costs", "jax-trajectory", expected, costs, TOLERANCES["jax-trajectory"])]


# ---------------------------------------------------------------- predict

def _both_classes(point):
    """The point's weights with the output bias moved so that half the examples
    come out above 1/2 and half below (a point that predicts one class for all
    cannot tell a threshold, or a prediction that reads y, from a constant)."""
    _, Zs = jnet.model_forward(point.X, point.weights, point.Y)  # computed once already, for L_model_*
    ws = [(W, b.copy()) for W, b in point.weights]
    z = np.sort(Zs[-1][0])
    if len(z) > 1:
        k = len(z) // 2
        ws[-1][1][:] -= (z[k - 1] + z[k]) / 2  # between two outputs: no tie at exactly 1/2
    return ws


PREDICT_ALIASES = {"parameters": ("params",)}  # a learner's predict(x, params)


def predict_checks(impl, point):
    """predict(X, y, parameters) on a network point: (AL > 0.5) as 0/1, shape (1, m),
    whatever y says. Returns (checks, printed output)."""
    if "predict" not in impl:
        return [], ""
    ws = _both_classes(point)
    parameters = {f"{p}{l}": array for l, wb in enumerate(ws, start=1) for p, array in zip("Wb", wb)}
    AL, _ = jnet.model_forward(point.X, ws, point.Y)
    if (np.abs(AL - 0.5) < 1e-9).any():  # a tie would judge only the convention at 0.5
        return [Check("predict", "p", "jax-forward", None, TOLERANCES["jax-forward"], None,
                      "an output within 1e-9 of 0.5 at this point: the threshold cannot be judged")], ""
    expected = (AL > 0.5).astype(np.float64)
    row, signature = SEED_FUNCTIONS["predict"], impl.signatures.get("predict")
    argnames, _, checks = bind(row, signature, {"X": point.X, "y": point.Y, "parameters": parameters},
                               PREDICT_ALIASES)
    if argnames is None:  # its parameters cannot be matched to X, y, parameters
        return checks, ""

    def predict(y):
        _, arguments, _ = bind(row, signature, {"X": point.X, "y": y, "parameters": parameters}, PREDICT_ALIASES)
        return impl.call("predict", argnames, *arguments)

    first = predict(point.Y)
    flipped = predict(1 - point.Y) if "y" in argnames else None
    printed = first.output + (flipped.output if flipped else "")
    if first.error:
        return checks + [call_failure("predict", first)], printed
    checks.append(compare("predict", "p", "jax-forward", expected, first.value, TOLERANCES["jax-forward"]))
    if flipped and (flipped.error or not _same_prediction(first.value, flipped.value)):
        checks.append(contract_failure("predict", "p", "changes when y changes: a prediction may not look at the "
                                       "labels (y is only for the accuracy)"))
    return checks, printed


def _same_prediction(a, b):
    try:
        return bool(np.array_equal(np.asarray(a), np.asarray(b)))
    except Exception:  # ragged or otherwise strange values: not the same prediction
        return False

"""Checks of the per-layer functions, on small points (shapes 4 -> 3, m = 5).

Forward values against the JAX network; each backward function against three
oracles: the VJP of its forward in JAX, central differences and the complex
step of the same forward in plain numpy. Arguments and outputs are named as
in the seed table (``reference.seed_functions``).

The four helpers the course supplied (sigmoid, relu, sigmoid_backward,
relu_backward) may be a learner's own, with their own contract: ``sigmoid``
returning A alone, a cache that holds A, a backward that takes that cache.
Where the learner's code is consistent with it, that is a contract
difference, not a failure (see ``Check.differs``).
"""

import numpy as np

from reference.checks.comparison import (
    call_failure,
    compare,
    contract_difference,
    contract_failure,
    mutation_failures,
    outputs_of,
)
from reference.checks.points import layer_point
from reference.oracles import jax_network as jnet
from reference.oracles import numpy_network as fwd
from reference.oracles.numeric import numeric_vjp
from reference.seed_functions import SEED_FUNCTIONS
from reference.tolerances import TOLERANCES

__all__ = ["forward_checks", "backward_checks", "COST_EXAMPLES"]

COST_EXAMPLES = 6  # compute_cost's point: AL and Y are (1, 6)
WHO = {"jax-vjp": "JAX", "jax-forward": "JAX", "central-fd": "FD", "complex-step": "complex step"}
BACKWARD_ORACLES = ("jax-vjp", "central-fd", "complex-step")
NUMPY_ACTIVATIONS = {"relu": fwd.relu, "sigmoid": fwd.sigmoid}
OTHER_ACTIVATION = {"relu": "sigmoid", "sigmoid": "relu"}


class _Run:
    """Calls into an implementation, collecting the checks and what it printed."""

    def __init__(self, impl):
        self.impl, self.checks, self.printed = impl, [], []

    def call(self, function, *args):
        result = self.impl.call(function, SEED_FUNCTIONS[function].arguments, *args)
        self.printed.append(result.output)
        return result

    def outputs(self, function, *args):
        """The named outputs of one call (None if it raised or returned the wrong arity)."""
        checks, values = outputs_of(function, self.call(function, *args))
        self.checks.extend(checks)
        return values

    def compare_all(self, function, oracle, expected, actual, suffix="", alternatives=None, regions=None):
        """``alternatives``/``regions``: {output name: what report/patterns.py takes} for a failing output."""
        alternatives, regions = alternatives or {}, regions or {}
        found = [compare(function, name + suffix, oracle, expected[name], actual[name], TOLERANCES[oracle],
                         WHO[oracle], alternatives.get(name), regions.get(name)) for name in expected if name in actual]
        self.checks.extend(found)
        return found


def _cache_equal(actual, expected):
    try:
        if isinstance(expected, tuple):
            return len(actual) == len(expected) and all(_cache_equal(a, e) for a, e in zip(actual, expected))
        actual = np.asarray(actual)
        if actual.dtype.kind == "c":  # not the real numbers the course caches
            return False
        actual = np.asarray(actual, dtype=np.float64)
        return actual.shape == expected.shape and np.allclose(actual, expected, rtol=1e-12, atol=0)
    except (TypeError, ValueError, OverflowError):
        return False


# ---------------------------------------------------------------- forward

def forward_checks(impl, rng):
    """linear_forward, sigmoid, relu, linear_activation_forward, compute_cost."""
    p = layer_point(rng)
    A_prev, W, b, Z = p["A_prev"], p["W"], p["b"], p["Z"]
    run = _Run(impl)
    _check_linear_forward(run, A_prev, W, b)
    Z_kink = Z.copy()
    Z_kink[0, :2] = 0.0  # relu(0) = 0 and sigmoid(0) = 1/2 are checked too
    _check_activation_forward(run, "sigmoid", Z_kink)
    _check_activation_forward(run, "relu", Z_kink)
    for activation in ("relu", "sigmoid"):
        _check_linear_activation_forward(run, A_prev, W, b, activation)
    _check_compute_cost(run, rng)
    return run.checks, "".join(run.printed)


def _check_linear_forward(run, A_prev, W, b):
    if "linear_forward" not in run.impl:
        return
    values = run.outputs("linear_forward", A_prev, W, b)
    if values is not None:
        run.compare_all("linear_forward", "jax-forward", {"Z": jnet.linear_value(A_prev, W, b)}, values)
        if not _cache_equal(values["cache"], (A_prev, W, b)):
            run.checks.append(contract_failure("linear_forward", "cache", "cache is not (A, W, b)"))


def _check_activation_forward(run, function, Z):
    """sigmoid or relu: A against JAX; the course's contract is (A, cache = Z).

    A learner's own helper returning A alone, or a cache other than Z, keeps
    its own contract: a contract difference, with A still checked.
    """
    if function not in run.impl:
        return
    result = run.call(function, Z)
    if result.error:
        run.checks.append(call_failure(function, result))
        return
    run.checks.extend(mutation_failures(function, result))
    expected_A = jnet.activation_value(Z, SEED_FUNCTIONS[function].activation)
    value = result.value
    if isinstance(value, (tuple, list)) and len(value) != 2:
        run.checks.append(contract_failure(function, "returns", f"returned {len(value)} values, expected (A, cache)"))
        return
    if not isinstance(value, (tuple, list)):
        run.compare_all(function, "jax-forward", {"A": expected_A}, {"A": value})
        run.checks.append(contract_difference(
            function, "returns", f"returns A alone, not (A, cache) as the course's {function}: "
            f"a difference its callers must follow"))
        return
    A, cache = value
    run.compare_all(function, "jax-forward", {"A": expected_A}, {"A": A})
    if not _cache_equal(cache, Z):
        held = "A" if _cache_equal(cache, expected_A) else "not Z"
        run.checks.append(contract_difference(
            function, "cache", f"its cache is {'A' if held == 'A' else 'something other than Z'}, not Z as the "
            f"course's {function}'s: a difference its backward must follow"))


def _check_linear_activation_forward(run, A_prev, W, b, activation):
    function = "linear_activation_forward"
    if function not in run.impl:
        return
    values = run.outputs(function, A_prev, W, b, activation)
    if values is None:
        return
    suffix = f" ({activation})"
    Z = jnet.linear_value(A_prev, W, b)
    expected = jnet.activation_value(Z, activation)
    other = OTHER_ACTIVATION[activation]
    swapped = {"A": lambda: {_swapped(activation): jnet.activation_value(Z, other)}}
    run.compare_all(function, "jax-forward", {"A": expected}, values, suffix, swapped)
    if not _cache_equal(values["cache"], ((A_prev, W, b), W @ A_prev + b)):
        run.checks.append(contract_failure(function, "cache" + suffix, "cache is not ((A_prev, W, b), Z)"))


def _check_compute_cost(run, rng):
    """The cross-entropy against JAX; the course's cost is a scalar (shape ())."""
    AL = rng.uniform(0.05, 0.95, (1, COST_EXAMPLES))
    Y = rng.randint(0, 2, (1, COST_EXAMPLES)).astype(np.float64)
    Y[0, :2] = (0.0, 1.0)  # both labels, so both log terms count
    if "compute_cost" not in run.impl:
        return
    values = run.outputs("compute_cost", AL, Y)
    if values is None:
        return
    expected = jnet.cost_value(AL, Y)
    try:
        shape = np.shape(values["cost"])
    except (TypeError, ValueError):
        shape = None
    if shape is not None and shape != () and np.size(values["cost"]) == 1:
        right = compare("compute_cost", "cost", "jax-forward", expected, np.reshape(values["cost"], ()),
                        TOLERANCES["jax-forward"]).passed
        run.checks.append(contract_failure(
            "compute_cost", "cost", f"cost has shape {shape}, not (): the course's compute_cost returns a "
            f"scalar -- its template ends with cost = np.squeeze(cost) (which turns [[17]] into 17) and asserts "
            f"cost.shape == ()" + ("; its value is right" if right else "")))
        return
    run.compare_all("compute_cost", "jax-forward", {"cost": expected}, values)


# ---------------------------------------------------------------- backward

def _layer_forward(activation):
    if activation is None:
        return lambda A, W, b: W @ A + b
    g = NUMPY_ACTIVATIONS[activation]
    return lambda A, W, b: g(W @ A + b)


def _expected_activation_backward(dA, Z, activation, method):
    """{"dZ": ...} of relu_backward or sigmoid_backward, by ``method``."""
    if method == "jax-vjp":
        return {"dZ": jnet.activation_backward(dA, Z, activation)}
    return {"dZ": numeric_vjp(NUMPY_ACTIVATIONS[activation], (Z,), dA, method)[0]}


def _expected_linear_backward(p, activation, method):
    """{"dA_prev", "dW", "db"} of linear_backward (activation None) or
    linear_activation_backward, by ``method``."""
    A_prev, W, b, dA = p["A_prev"], p["W"], p["b"], p["dA"]
    if method == "jax-vjp":
        if activation is None:
            grads = jnet.linear_backward(dA, A_prev, W, b)
        else:
            grads = jnet.linear_activation_backward(dA, A_prev, W, b, activation)
    else:
        dA_prev, dW, db = numeric_vjp(_layer_forward(activation), (A_prev, W, b), dA, method)
        m = A_prev.shape[1]
        grads = (dA_prev, dW / m, db / m)  # the seed's convention: 1/m on dW and db only
    return dict(zip(("dA_prev", "dW", "db"), grads))


def _swapped(activation):
    return (f"computed with {OTHER_ACTIVATION[activation]}'s formula, not {activation}'s: are the activations "
            f"swapped?")


def _judge(run, function, values, expected_by, suffix="", alternatives=None):
    """Compare ``values`` with every backward oracle; a wrong shape or a NaN is said once.
    ``alternatives`` ({output: function giving {words: value}}) may name a failing output's bug."""
    for method in BACKWARD_ORACLES:
        found = run.compare_all(function, method, expected_by(method), values, suffix,
                                alternatives if method == "jax-vjp" else None)
        broken = {c.target for c in found if c.oracle == "contract"}
        values = {k: v for k, v in values.items() if k + suffix not in broken}


def backward_checks(impl, rng):
    """relu_backward, sigmoid_backward, linear_backward, linear_activation_backward."""
    run = _Run(impl)
    p = layer_point(rng)
    A_prev, W, b, Z, dA = p["A_prev"], p["W"], p["b"], p["Z"], p["dA"]
    relu_takes_own_cache = _check_activation_backward(run, "relu_backward", p)
    _check_activation_backward(run, "sigmoid_backward", p)
    if "linear_backward" in impl:
        values = run.outputs("linear_backward", dA, (A_prev, W, b))
        if values is not None:
            _judge(run, "linear_backward", values, lambda method: _expected_linear_backward(p, None, method))
    for activation in ("relu", "sigmoid"):
        if "linear_activation_backward" not in impl:
            break
        values = run.outputs("linear_activation_backward", dA, ((A_prev, W, b), Z), activation)
        if values is not None:
            other = {name: lambda name=name, a=activation: {
                _swapped(a): _expected_linear_backward(p, OTHER_ACTIVATION[a], "jax-vjp")[name]}
                for name in ("dA_prev", "dW", "db")}
            _judge(run, "linear_activation_backward", values,
                   lambda method, a=activation: _expected_linear_backward(p, a, method), f" ({activation})", other)
    if "relu_backward" in impl:
        run.checks.extend(_relu_kink_checks(impl, rng, relu_takes_own_cache))
    return run.checks, "".join(run.printed)


def _check_activation_backward(run, function, p):
    """relu_backward or sigmoid_backward on the course's cache, Z.

    A learner's own helper may take the cache its own forward makes (A, say)
    instead; when it fails on Z but is right on that cache, it is a contract
    difference. Returns True in that case (the cache is then the file's own).
    """
    if function not in run.impl:
        return False
    activation = SEED_FUNCTIONS[function].activation
    dA, Z = p["dA"], p["Z"]

    def attempt(cache):
        attempt = _Run(run.impl)
        values = attempt.outputs(function, dA, cache)
        if values is not None:
            _judge(attempt, function, values, lambda method: _expected_activation_backward(dA, Z, activation, method))
        run.printed += attempt.printed
        return attempt.checks

    course = attempt(Z)
    if any(c.passed is False for c in course):
        own = _own_cache(run.impl, activation, Z)
        theirs = attempt(own) if own is not None and not _cache_equal(own, Z) else []
        if theirs and all(c.passed is True for c in theirs):
            run.checks += theirs + [contract_difference(
                function, "cache", f"takes the cache the file's own {activation} forward makes, not Z as the "
                f"course's {function} does: a difference the course's caches ((A_prev, W, b), Z) do not follow")]
            return True
    run.checks += course
    return False


def _own_cache(impl, activation, Z):
    """The activation cache the learner's own code makes for ``Z``: its own
    helper's (sigmoid(Z)[1]), else its linear_activation_forward's for a layer
    whose Z is ``Z`` (A_prev = Z, W = I, b = 0); None when it has neither."""
    n = Z.shape[0]
    for function, args, pick in ((activation, (Z,), lambda v: v[1]),
                                 ("linear_activation_forward", (Z, np.eye(n), np.zeros((n, 1)), activation),
                                  lambda v: v[1][1])):
        if function not in impl:
            continue
        value = impl.call(function, SEED_FUNCTIONS[function].arguments, *args).value
        try:
            cache = pick(value)
            if isinstance(cache, (tuple, list, dict)) or np.shape(cache) == Z.shape:  # (Z,), {"Z": Z}, A
                return cache
        except (TypeError, IndexError, KeyError, ValueError):
            pass  # not a cache; perhaps the other function makes one
    return None


def _relu_kink_checks(impl, rng, own_cache=False):
    """At Z == 0 the seed's dZ is 0 (so is jax.nn.relu's); finite differences
    are invalid there, so only JAX judges this point."""
    Z = rng.choice([-1.0, 0.0, 1.0], (3, 5))
    Z[0, 0] = 0.0
    dA = rng.uniform(0.5, 1.5, (3, 5))
    cache = _own_cache(impl, "relu", Z) if own_cache else Z
    if cache is None:
        return []
    checks, values = outputs_of("relu_backward",
                                impl.call("relu_backward", SEED_FUNCTIONS["relu_backward"].arguments, dA, cache))
    if values is None or checks:  # the call failure is reported once already, as is writing into dA
        return []
    kink = {"wrong only where Z == 0, the ReLU's kink: the course's relu_backward gives 0 there (dZ[Z <= 0] = 0)":
            Z == 0}
    return [compare("relu_backward", "dZ at Z == 0", "jax-vjp",
                    jnet.activation_backward(dA, Z, "relu"), values["dZ"], TOLERANCES["jax-vjp"], regions=kink)]

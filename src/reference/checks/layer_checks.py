"""Checks of the per-layer functions, on small points (shapes 4 -> 3, m = 5).

Forward values against the JAX network; each backward function against three
oracles: the VJP of its forward in JAX, central differences and the complex
step of the same forward in plain numpy.
"""

import numpy as np

from reference.checks.comparison import compare, contract_failure, unpack
from reference.checks.points import layer_point
from reference.oracles import jax_network as jnet
from reference.oracles import numpy_network as fwd
from reference.oracles.numeric import numeric_vjp
from reference.tolerances import TOLERANCES

__all__ = ["forward_checks", "backward_checks"]

WHO = {"jax-vjp": "JAX", "jax-forward": "JAX", "central-fd": "FD", "complex-step": "complex step",
       "update-rule": "rule"}


def _mutation_failures(function, result):
    return [contract_failure(function, name, f"writes into its argument {name}") for name in result.mutated]


def _compare_all(function, oracle, expected, actual, suffix=""):
    """Compare each output in ``actual`` with its expected value."""
    return [compare(function, name + suffix, oracle, expected[name], actual[name], TOLERANCES[oracle],
                    WHO[oracle]) for name in expected if name in actual]


def _run(function, impl, argnames, args, outputs):
    """Call, then return (checks so far, dict of outputs or None)."""
    result = impl.call(function, argnames, *args)
    values = unpack(function, result, outputs)
    if isinstance(values, list):
        return _mutation_failures(function, result), dict(zip(outputs, values)), result.output
    return [values], None, result.output


def _run_into(checks, printed, function, impl, argnames, args, outputs):
    """_run, collecting its checks and output; returns the outputs, or None when the call failed."""
    found, values, output = _run(function, impl, argnames, args, outputs)
    checks.extend(found)
    printed.append(output)
    return values


# ---------------------------------------------------------------- forward

def forward_checks(impl, rng):
    """linear_forward, sigmoid, relu, linear_activation_forward, compute_cost."""
    p = layer_point(rng)
    A_prev, W, b, Z = p["A_prev"], p["W"], p["b"], p["Z"]
    checks, printed = [], []

    def run(function, argnames, args, outputs, expected, cache_expected, cache_label, suffix=""):
        if function not in impl:
            return
        values = _run_into(checks, printed, function, impl, argnames, args, outputs)
        if values is None:
            return
        checks.extend(_compare_all(function, "jax-forward", expected, values, suffix))
        if cache_expected is not None and not _cache_equal(values["cache"], cache_expected):
            checks.append(contract_failure(function, "cache" + suffix, f"cache is not {cache_label}"))

    run("linear_forward", ("A", "W", "b"), (A_prev, W, b), ("Z", "cache"),
        {"Z": jnet.linear_value(A_prev, W, b)}, (A_prev, W, b), "(A, W, b)")
    Z_kink = Z.copy()
    Z_kink[0, :2] = 0.0  # relu(0) = 0 and sigmoid(0) = 1/2 are checked too
    for name in ("sigmoid", "relu"):
        run(name, ("Z",), (Z_kink,), ("A", "cache"), {"A": jnet.activation_value(Z_kink, name)}, Z_kink, "Z")
    for act in ("relu", "sigmoid"):
        run("linear_activation_forward", ("A_prev", "W", "b", "activation"), (A_prev, W, b, act),
            ("A", "cache"), {"A": jnet.activation_value(jnet.linear_value(A_prev, W, b), act)},
            ((A_prev, W, b), Z), "((A_prev, W, b), Z)", f" ({act})")
    AL = rng.uniform(0.05, 0.95, (1, 6))
    Y = rng.randint(0, 2, (1, 6)).astype(np.float64)
    Y[0, :2] = (0.0, 1.0)  # both labels, so both log terms count
    run("compute_cost", ("AL", "Y"), (AL, Y), ("cost",), {"cost": jnet.cost_value(AL, Y)}, None, "")
    return checks, "".join(printed)


def _cache_equal(actual, expected):
    try:
        if isinstance(expected, tuple):
            return len(actual) == len(expected) and all(_cache_equal(a, e) for a, e in zip(actual, expected))
        actual = np.asarray(actual, dtype=np.float64)
        return actual.shape == expected.shape and np.allclose(actual, expected, rtol=1e-12, atol=0)
    except (TypeError, ValueError):
        return False


# ---------------------------------------------------------------- backward

def _layer_forward(activation):
    if activation is None:
        return lambda A, W, b: W @ A + b
    g = fwd.relu if activation == "relu" else fwd.sigmoid
    return lambda A, W, b: g(W @ A + b)


def _expected_backward(function, p, activation, method):
    A_prev, W, b, Z, dA = p["A_prev"], p["W"], p["b"], p["Z"], p["dA"]
    m = A_prev.shape[1]
    if function in ("relu_backward", "sigmoid_backward"):
        act = function.split("_")[0]
        if method == "jax-vjp":
            return {"dZ": jnet.activation_backward(dA, Z, act)}
        g = fwd.relu if act == "relu" else fwd.sigmoid
        return {"dZ": numeric_vjp(g, (Z,), dA, method)[0]}
    if method == "jax-vjp":
        if function == "linear_backward":
            grads = jnet.linear_backward(dA, A_prev, W, b)
        else:
            grads = jnet.linear_activation_backward(dA, A_prev, W, b, activation)
    else:
        dA_prev, dW, db = numeric_vjp(_layer_forward(activation), (A_prev, W, b), dA, method)
        grads = (dA_prev, dW / m, db / m)  # the seed's convention: 1/m on dW and db only
    return dict(zip(("dA_prev", "dW", "db"), grads))


def backward_checks(impl, rng):
    """relu_backward, sigmoid_backward, linear_backward, linear_activation_backward."""
    checks, printed = [], []
    p = layer_point(rng)
    A_prev, W, b, Z, dA = p["A_prev"], p["W"], p["b"], p["Z"], p["dA"]
    cases = [
        ("relu_backward", None, ("dA", "cache"), (dA, Z), ("dZ",)),
        ("sigmoid_backward", None, ("dA", "cache"), (dA, Z), ("dZ",)),
        ("linear_backward", None, ("dZ", "cache"), (dA, (A_prev, W, b)), ("dA_prev", "dW", "db")),
        ("linear_activation_backward", "relu", ("dA", "cache", "activation"),
         (dA, ((A_prev, W, b), Z), "relu"), ("dA_prev", "dW", "db")),
        ("linear_activation_backward", "sigmoid", ("dA", "cache", "activation"),
         (dA, ((A_prev, W, b), Z), "sigmoid"), ("dA_prev", "dW", "db")),
    ]
    for function, activation, argnames, args, outputs in cases:
        if function not in impl:
            continue
        values = _run_into(checks, printed, function, impl, argnames, args, outputs)
        if values is None:
            continue
        suffix = f" ({activation})" if activation else ""
        for method in ("jax-vjp", "central-fd", "complex-step"):
            expected = _expected_backward(function, p, activation, method)
            found = _compare_all(function, method, expected, values, suffix)
            checks.extend(found)
            # A wrong shape or a NaN is said once, not once per oracle.
            broken = {c.target for c in found if c.oracle == "contract"}
            values = {k: v for k, v in values.items() if k + suffix not in broken}
    if "relu_backward" in impl:
        checks.extend(_relu_kink_checks(impl, rng))
    return checks, "".join(printed)


def _relu_kink_checks(impl, rng):
    """At Z == 0 the seed's dZ is 0 (so is jax.nn.relu's); finite differences
    are invalid there, so only JAX judges this point."""
    Z = rng.choice([-1.0, 0.0, 1.0], (3, 5))
    Z[0, 0] = 0.0
    dA = rng.uniform(0.5, 1.5, (3, 5))
    _, values, _ = _run("relu_backward", impl, ("dA", "cache"), (dA, Z), ("dZ",))
    if values is None:  # the call failure is reported once already, as is writing into dA
        return []
    return [compare("relu_backward", "dZ at Z == 0", "jax-vjp",
                            jnet.activation_backward(dA, Z, "relu"), values["dZ"], TOLERANCES["jax-vjp"])]

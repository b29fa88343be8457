"""Checks of the whole network: L_model_forward and L_model_backward, at the
check point (by default the seed's cat network at its real size).

L_model_backward is judged key by key against jax.grad of the cost, then
along directions by central differences and the complex step, then all
together by the Taylor test, and with ``full_fd`` coordinate by coordinate.
"""

import re

import numpy as np

from reference.checks.comparison import compare, contract_failure, outputs_of, returned
from reference.oracles import jax_network as jnet
from reference.oracles import memo
from reference.oracles.cost_slots import parameters_line, slot
from reference.oracles.full_fd import full_central_differences
from reference.oracles.numeric import convergence_order, directional_complex_step, directional_fd, taylor_remainders
from reference.oracles.numpy_network import forward
from reference.oracles.step_sizes import step_sweep
from reference.report.backprop_patterns import dAL_pattern
from reference.report.results import Check
from reference.seed_functions import SEED_FUNCTIONS, dA_keys, detect_dA_convention, parameter_names
from reference.tolerances import FD_STEP, KINK_MARGIN, TAYLOR_MIN_ORDER, TOLERANCES, relative_error

__all__ = ["model_forward_checks", "model_backward_checks", "seed_caches", "taylor_check"]

DIRECTION_TRIES = 5
FD_Z_MOVE = KINK_MARGIN / 10
TAYLOR_STEPS = np.logspace(-1, -5, 9)


def seed_caches(X, weights):
    """AL and the caches in the seed's layout, [((A_prev, W, b), Z), ...], from our own forward."""
    AL, Zs = forward(X, weights)
    caches, A = [], X
    for (W, b), Z in zip(weights, Zs):
        caches.append(((A, W, b), Z))
        A = np.maximum(Z, 0)
    return AL, caches


def model_forward_checks(impl, point):
    function = "L_model_forward"
    if function not in impl:
        return [], ""
    result = impl.call(function, SEED_FUNCTIONS[function].arguments, point.X, point.parameters)
    checks, values = outputs_of(function, result)
    if values is None:
        return checks, result.output
    AL, caches = values["AL"], values["caches"]
    jax_AL, jax_Zs = jnet.model_forward(point.X, point.weights, point.Y)
    checks.append(compare(function, "AL", "jax-forward", jax_AL, AL, TOLERANCES["jax-forward"]))
    L = len(point.weights)
    if not isinstance(caches, (list, tuple)) or len(caches) != L:
        got = len(caches) if isinstance(caches, (list, tuple)) else type(caches).__name__
        checks.append(contract_failure(function, "caches", f"{got} caches, expected one per layer ({L})"))
        return checks, result.output
    for l, (cache, Z) in enumerate(zip(caches, jax_Zs), start=1):
        try:
            actual_Z = cache[1]
        except (TypeError, IndexError, KeyError):
            checks.append(contract_failure(function, f"caches[{l - 1}]", "not ((A_prev, W, b), Z)"))
            continue
        check = compare(function, f"Z{l}", "jax-forward", Z, actual_Z, TOLERANCES["jax-forward"])
        if not check.passed:
            checks.append(check)
    return checks, result.output


def model_backward_checks(impl, point, rng, full_fd=False, params=None):
    """Returns (checks, printed output, the dA convention of the grads or None).

    Every dA key is checked under the convention the grads' keys follow
    (``seed_functions.DA_CONVENTIONS``): dA{l-1} (since v4) or dA{l} (before
    v4), each the gradient for the input of layer l. Which one is reported,
    not judged; keys that follow neither are a failure.
    """
    function = "L_model_backward"
    if function not in impl:
        return [], "", None
    X, Y, weights = point.X, point.Y, point.weights
    L = len(weights)
    AL, caches = memo.remember("seed_caches", (X, weights), lambda: seed_caches(X, weights))  # once per batch
    result = impl.call(function, SEED_FUNCTIONS[function].arguments, AL, Y, caches)
    checks, values = outputs_of(function, result)
    if values is None:
        return checks, result.output, None
    grads = values["grads"]
    if not isinstance(grads, dict):
        return checks + [contract_failure(function, "returns", f"returned {returned(grads)}, "
                                          f"expected the grads dict")], result.output, None
    expected = jnet.model_backward(X, weights, Y)
    keys = [str(k) for k in grads]
    convention = detect_dA_convention(keys, L)
    targets = {}  # grads key -> the oracle's key for the same gradient
    if convention is None:
        found = sorted((k for k in keys if re.fullmatch(r"dA\d+", k)), key=lambda k: int(k[2:]))
        checks.append(contract_failure(function, "dA keys", (
            f"grads has {', '.join(found) if found else 'no dA keys'}; expected dA0..dA{L - 1} (dA{{l-1}}, the "
            f"course's keys since v4) or dA1..dA{L} (dA{{l}}, before v4), each for the input of layer l")))
    else:
        targets.update({key: f"dA{k}" for key, k in dA_keys(L, convention).items()})
    for name in parameter_names(L):
        targets["d" + name] = "d" + name
    good = {}  # oracle key -> the learner's array, for every key of the right shape
    for key, oracle_key in sorted(targets.items(), key=lambda kv: _grad_order(kv[1], L)):
        if key not in grads:
            checks.append(contract_failure(function, key, f"no '{key}' in grads"))
            continue
        check = compare(function, key, "jax-grad", expected[oracle_key], grads[key], TOLERANCES["jax-grad"])
        checks.append(check)
        if check.oracle != "contract":
            good[oracle_key] = (key, np.asarray(grads[key], dtype=np.float64))
    by_oracle_key = {k: grad for k, (_, grad) in good.items()}
    failing = [c for c in checks if c.oracle == "jax-grad" and c.passed is False]
    words = dAL_pattern(by_oracle_key, caches, AL, Y) if failing else None
    for check in failing if words else ():
        check.pattern = words  # one reason for every tensor, said as such
    inputs = [A for (A, _, _), _ in caches]  # A0 = X .. A(L-1): computed once for every slot
    for oracle_key, (key, grad) in good.items():
        checks.extend(_directional_checks(key, oracle_key, grad, X, weights, Y, rng, inputs))
    checks.append(taylor_check(by_oracle_key, X, weights, Y, rng))
    _sweep_step_sizes(checks, by_oracle_key, expected, X, weights, Y)
    if full_fd:
        checks.extend(_full_fd_checks(by_oracle_key, X, weights, Y, params))
    return checks, result.output, convention


def _grad_order(oracle_key, L):
    """dW{L}, db{L}, dA{L-1}, ..., dW1, db1, dA0: the order backprop finds them."""
    kind, l = oracle_key[1], int(oracle_key[2:])
    layer = l + 1 if kind == "A" else l
    return (L - layer, "WbA".index(kind))


def _direction(grad, rng):
    """Half along the hand-written gradient, half random, unit length.

    A purely random direction in 245,760 dimensions sees only ~1/sqrt(n) of
    the gradient, which drowns in finite-difference rounding; the random half
    keeps errors orthogonal to the gradient visible. For a matrix it is a b^T,
    a and b standard normal: any error e still has E[(e . r)^2] = |e|^2, as for a
    full Gaussian matrix, from n + m draws instead of n m (2.5 million at the cat
    network's input); a vector's entries are standard normal. Drawn by a
    Generator seeded from ``rng``, combined in place: at the cat network's input
    every fresh array costs more than the arithmetic.
    """
    draw = np.random.default_rng(rng.randint(2**32, dtype=np.uint64)).standard_normal
    v = draw(grad.shape[0])[:, None] @ draw(grad.shape[1])[None, :] if grad.ndim == 2 else draw(grad.shape)
    flat_v, flat_g = v.reshape(-1), np.ascontiguousarray(grad, dtype=np.float64).reshape(-1)
    r_norm, g_norm = np.sqrt(flat_v @ flat_v), np.sqrt(flat_g @ flat_g)
    if g_norm == 0:
        v /= r_norm
        return v
    cosine = (flat_v @ flat_g) / (r_norm * g_norm)
    sign = 1.0 if cosine >= 0 else -1.0  # never cancels: |g/|g| + sign r/|r|| >= 1
    v *= sign * g_norm / r_norm  # |g| r/|r|, then + g: |g| times the direction
    v += grad
    v /= g_norm * np.sqrt(2 + 2 * sign * cosine)
    return v


def _scalar_check(key, oracle, expected, actual, detail):
    rel = relative_error(actual, expected)
    who = "FD" if oracle == "directional-fd" else "complex step"
    return Check("L_model_backward", key, oracle, rel, TOLERANCES[oracle], rel <= TOLERANCES[oracle],
                  f"{detail}: hand-written {actual:.10g}, {who} {expected:.10g}, rel. error {rel:.1e}")


def _directional_checks(key, oracle_key, grad, X, weights, Y, rng, inputs=None):
    """``grad`` (the learner's ``key``) along directions, as the gradient ``oracle_key`` names."""
    s = slot(X, weights, Y, oracle_key, inputs)
    l = int(oracle_key[2:])
    feeds_relu = (l + 1 if oracle_key[1] == "A" else l) < len(weights)
    for _ in range(DIRECTION_TRIES):
        v = _direction(grad, rng)
        dz = s.response(v)
        # Scale v so one step moves the slot's first Z by FD_Z_MOVE at most: as far as is
        # safe from the kinks (KINK_MARGIN), so J moves as much as possible above rounding.
        moved = FD_STEP * np.abs(dz).max()
        if moved > 0:  # v is ours: scaled in place
            v *= FD_Z_MOVE / moved
            dz *= FD_Z_MOVE / moved
        kept = s.away_from_kinks(v, dz, FD_STEP) if feeds_relu else (v, dz)
        if kept is not None:
            v, dz = kept
            line = s.along(v, dz)
            if line.valid_between(0.0, FD_STEP, -FD_STEP):
                break
    else:
        return [Check("L_model_backward", key, "directional-fd", None, TOLERANCES["directional-fd"], None,
                       "every direction tried moves a ReLU input across 0 or AL saturates: FD invalid here")]
    analytic = float(np.ascontiguousarray(grad).reshape(-1) @ v.reshape(-1))
    return [
        _scalar_check(key, "directional-fd", directional_fd(line.f, 0.0, 1.0), analytic, f"{key} . v"),
        _scalar_check(key, "complex-step", directional_complex_step(line.f, 0.0, 1.0), analytic, f"{key} . v"),
    ]


def taylor_check(good, X, weights, Y, rng):
    """|J(theta + h v) - J(theta) - h g.v| must fall like h² over a sweep of h."""
    names = parameter_names(len(weights))
    if not all("d" + n in good for n in names):
        return Check("L_model_backward", "all dW, db", "taylor", None, TOLERANCES["taylor"], None,
                      "needs every dW and db")
    flat = [w for pair in weights for w in pair]
    g = np.concatenate([good["d" + n].ravel() for n in names])
    v = _direction(g, rng)
    parts = [p.reshape(w.shape) for p, w in zip(np.split(v, np.cumsum([w.size for w in flat])[:-1]), flat)]
    line = parameters_line(X, weights, Y, list(zip(parts[::2], parts[1::2])))

    def f(h):
        return float(line.f(h))

    base = line.pattern(0.0)
    hs = [h for h in TAYLOR_STEPS if base is not None and line.pattern(h) == base]
    g_dot_v = float(g @ v)
    remainders = taylor_remainders(f, 0.0, g_dot_v, 1.0, hs)
    floor = 1e3 * np.finfo(float).eps * max(1.0, abs(f(0.0)))
    order = convergence_order(hs, remainders, floor)
    sweep = {"h": [float(h) for h in hs], "remainder": [float(r) for r in remainders], "floor": float(floor)}
    if order is None:
        if hs and (remainders <= floor).all():
            return Check("L_model_backward", "all dW, db", "taylor", 0.0, TOLERANCES["taylor"], True,
                          f"remainder at rounding level for every h in [{hs[-1]:.0e}, {hs[0]:.0e}]", remainders=sweep)
        return Check("L_model_backward", "all dW, db", "taylor", None, TOLERANCES["taylor"], None,
                      f"only {len(hs)} steps keep every ReLU input on its side of 0: no order measurable",
                      remainders=sweep)
    shortfall = max(0.0, 2.0 - order)
    return Check("L_model_backward", "all dW, db", "taylor", shortfall, TOLERANCES["taylor"],
                  order >= TAYLOR_MIN_ORDER, remainders=sweep,
                  measured=order, detail=f"remainder falls like h^{order:.2f} over h in [{hs[-1]:.0e}, {hs[0]:.0e}] "
                  f"(h^2: right gradient, h^1: wrong)")


def _sweep_step_sizes(checks, good, expected, X, weights, Y):
    """The step-size sweep of one entry, kept on its jax-grad Check (for the "V" picture):
    the worst entry of the worst failing dW or db, else the largest entry of dW of the last layer."""
    graded = [c for c in checks if c.oracle == "jax-grad" and c.target[:2] in ("dW", "db") and c.target in good]
    failing = [c for c in graded if c.passed is False]
    if failing:
        chosen = max(failing, key=lambda c: c.rel_error)
        index = tuple(chosen.worst["index"])
    else:
        chosen = next((c for c in graded if c.target == f"dW{len(weights)}"), None)
        if chosen is None:
            return
        index = np.unravel_index(int(np.argmax(np.abs(expected[chosen.target]))), expected[chosen.target].shape)
    key = chosen.target
    chosen.steps = step_sweep(X, weights, Y, key, index) | {
        "jax": float(expected[key][index]), "hand_written": float(good[key][index])}


def _full_fd_checks(good, X, weights, Y, params):
    names = params or parameter_names(len(weights))
    names = [n for n in names if "d" + n in good]
    estimates, invalid = full_central_differences(X, weights, Y, names)
    checks = []
    for name in names:
        ok = ~invalid[name]
        check = compare("L_model_backward", "d" + name, "full-fd", np.where(ok, estimates[name], 0.0),
                        np.where(ok, good["d" + name], 0.0), TOLERANCES["full-fd"], "FD")
        skipped = int((~ok).sum())
        if skipped:
            check.detail += (f"; {skipped} of {ok.size} coordinates excluded: their step moves a ReLU input "
                             f"across 0 (checked by JAX only)")
        checks.append(check)
    return checks


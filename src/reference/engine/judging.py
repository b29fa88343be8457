"""One declared function, called at a point and judged against its math's oracles.

For each variant of a row (each activation, each mode): the prepared arguments (a cache from
the course's forward or from the learner's own), the call with the learner's own signature,
what it returned read by the course's structure, then every returned value the row judges:
a ``Value`` against the math's output (JAX), a ``Gradient`` against the math's VJP (JAX),
central differences and the complex step of the same math, with the row's scale (the
course's 1/m on dW and db). Writing into an argument, an exception, a wrong shape or a NaN
are contract failures, each once.
"""

import dataclasses

import numpy as np

from reference.checks.comparison import (
    call_failure,
    compare,
    contract_difference,
    contract_failure,
    mutation_failures,
)
from reference.engine import instances, oracles
from reference.engine.contract import bind, normal, unpack
from reference.engine.unfilled import unfilled_reason
from reference.learner.replies import unchanged as _same
from reference.oracles.numeric import convergence_order, taylor_remainders
from reference.report.results import Check
from reference.tolerances import TOLERANCES

__all__ = ["Run", "check_function", "prefetch", "math_inputs", "math_of", "expected_values", "expected_gradients",
           "expected_gradients_by", "WHO"]

WHO = {"jax-forward": "JAX", "jax-vjp": "JAX", "central-fd": "FD", "complex-step": "complex step"}
TAYLOR_STEPS = np.logspace(-2, -6, 9)


class Run:
    """One implementation being checked: its calls, the checks found, what it printed, notes, and
    the optional functions it has not done yet ({name: why}, never failures)."""

    def __init__(self, impl, assignment=None):
        self.impl, self.assignment = impl, assignment
        self.checks, self.printed, self.notes = [], [], []
        self.facts = {}  # what a custom check found for the report (the dA convention)
        self.not_done = {}

    def scratch(self):
        """A run of the same implementation whose checks are kept apart (an attempt)."""
        return Run(self.impl, self.assignment)

    def absorb(self, other, checks=True):
        """Take ``other``'s printed output and notes (and its checks, unless told not to)."""
        self.printed += other.printed
        self.notes += other.notes
        self.facts.update(other.facts)
        self.not_done.update(other.not_done)
        if checks:
            self.checks += other.checks

    def has(self, name):
        return name in self.impl

    def call(self, name, argnames, args):
        result = self.impl.call(name, tuple(argnames), *args)
        self.printed.append(result.output)
        return result

    def signature(self, name):
        return (getattr(self.impl, "signatures", None) or {}).get(name)

    @property
    def aliases(self):
        return getattr(self.assignment, "aliases", {}) or {}

    def add(self, checks, suffix=""):
        for check in checks:
            if suffix and not check.target.endswith(suffix):
                check.target += suffix
            self.checks.append(check)


def check_function(run, row, values):
    """Every check of ``row`` at the point ``values`` (a dict), added to ``run``."""
    if row.check is not None:
        row.check(run, row, values)
        return
    if row.math is None and not row.judge and not row.custom:
        return  # declared for its contract only (the course's own helper): nothing to judge
    first = len(run.checks)
    for variant in row.variants:
        if not _has(run, row, variant.requires):
            run.notes.append(f"{row.name}{variant.suffix} not checked: the file's version has no "
                             f"{' or '.join(variant.requires)} parameter")
            continue
        varied, at = _varied(row, variant, values)
        start = len(run.checks)
        _check_variant(run, varied, at, variant.suffix)
        if row.excuse is not None:
            _excuse(run, varied, at, variant.suffix, run.checks[start:])
    note = test_globals_note(run, row.name) if any(c.passed is False for c in run.checks[first:]) else None
    if note and note not in run.notes:
        run.notes.append(note)


def _varied(row, variant, values):
    """(the row as ``variant`` changes it, the point's values with the variant's)."""
    changes = {"math": variant.math, "complex_step": variant.complex_step, "numerical": variant.numerical}
    varied = dataclasses.replace(row, **{**{k: v for k, v in changes.items() if v is not None}, **variant.row})
    extra = variant.values(values) if callable(variant.values) else variant.values
    return varied, {**values, **extra}


def prefetch(row, values):
    """Start, in the background, the programs the row's oracles will run at the point ``values``
    (each variant; its caches as the course's forward makes them, the learner's own having their
    shapes). A head start only: a row whose inputs cannot be made so is left to its check."""
    if (row.math is None and not any(v.math for v in row.variants)) or not row.judge:
        return
    for variant in row.variants:
        try:
            varied, at = _varied(row, variant, values)
            if varied.math is None or any(how.course is None for how in varied.prepare.values()):
                continue
            for name, how in varied.prepare.items():
                at[name] = how.course(at)
            names, arrays = math_inputs(varied, at)
            wrt = sorted({names.index(g.of) for g in varied.gradients.values()})
            methods = ["jax-vjp"] if varied.invalid and varied.invalid(at) else _methods(varied)
            oracles.prefetch(math_of(varied, at), arrays, wrt, lambda outputs, r=varied, v=at: _cotangents(
                r, v, dict(zip(r.math_outputs, outputs))), methods)
        except Exception:  # only a head start
            continue


def _excuse(run, row, values, suffix, checks):
    """The variant's failures made INVALID, with the row's reason, where ``row.excuse`` says the
    course's own template, not the learner, fails there (the [pad:-pad] slice at pad 0)."""
    failing = [c for c in checks if c.passed is False]
    reason = row.excuse(run, row, values, suffix, failing) if failing else None
    for check in failing if reason else ():
        check.passed, check.detail = None, f"{reason} [{check.detail}]"


def _has(run, row, parameters):
    """Whether the learner's constructor of ``row`` (or, unknown, the course's) takes one of ``parameters``."""
    if not parameters:
        return True
    signature = (getattr(run.impl, "constructors", None) or {}).get(row.name)
    return signature is None or any(normal(p) in {normal(a) for a in parameters} for p, _ in signature)


def _check_variant(run, row, values, suffix):
    values = dict(values)
    values.update(_prepare(run, row, values, suffix))
    argnames, arguments, checks = bind(row, run.signature(row.name), values, run.aliases)
    run.add(checks, suffix)
    if arguments is None:
        return
    if row.instance is not None:  # a method: called on an object the learner's class builds first
        built, checks = instances.spec(run, row, values)
        run.add(checks, suffix)
        if built is None:
            return
        argnames, arguments = ["self", *argnames], [built, *arguments]
    result = run.call(row.name, argnames, arguments)
    if not row.graded and _not_done(run, row, result, suffix):
        return
    if result.error:
        run.add([_failure(run, row.name, result)], suffix)
        return
    allowed = (*row.mutable, *row.harmless_writes, *row.writes, "self")  # self: a copy the checker built
    run.add(mutation_failures(row.name, result, allowed=allowed), suffix)
    for name in result.mutated:
        if name in row.mutable:  # allowed (the course's own code does it), and said: the caller's arrays change
            run.add([contract_difference(row.name, name, f"writes into the {name} it is given (allowed: the "
                                         "course's own code did too; the caller's arrays change under it)",
                                         inert=True)], suffix)
    for name in result.mutated:
        if name in row.harmless_writes and (note := f"warning: {row.name} writes into its argument {name}: "
                                            f"{row.harmless_writes[name]}") not in run.notes:
            run.notes.append(note)
    returned, checks = unpack(row, result.value, row.alternatives)
    run.add(checks, suffix)
    if returned is None:
        return
    _judge(run, row, values, returned, suffix)
    for custom in row.custom:
        custom(run, row, values, returned, suffix)


def _not_done(run, row, result, suffix):
    """Whether an optional (ungraded) function is still the course's unfilled template, or waits for
    one that is: then it is listed as not done, never failed."""
    sources = getattr(run.impl, "sources", None) or {}
    reason = unfilled_reason(sources.get(row.name), result)
    waiting = [name for name in (getattr(run.impl, "calls", None) or {}).get(row.name, ())
               if name != row.name and name in run.not_done]
    if reason is None and waiting and (result.error or result.value is None):
        reason = f"it calls {', '.join(waiting)}, not done yet"
    if reason is None:
        return False
    run.not_done[row.name + suffix] = reason
    return True


def _failure(run, name, result):
    """call_failure, with the words for an unfilled template or for a global that only the file's
    test code assigns."""
    check = call_failure(name, result)
    unfilled = unfilled_reason((getattr(run.impl, "sources", None) or {}).get(name), result)
    check.detail += f" -- not written yet: {unfilled}" if unfilled else _test_global(run, name, result)
    return check


def test_globals_note(run, name):
    """A note for a function that failed while reading globals only the file's top-level code assigns (a
    test cell's ``Wf = np.random.randn(...)``): they held the test cell's values, not its arguments'."""
    found = (getattr(run.impl, "test_globals", None) or {}).get(name, ())
    if not found:
        return None
    names = ", ".join(g for g, _ in found)
    return (f"{name} reads {names}, global{'s' * (len(found) > 1)} that only the file's top-level code assigns "
            f"({found[0][1]}, a test cell): there {'they hold' if len(found) > 1 else 'it holds'} the test "
            f"cell's values, not those of the arguments {name} is called with; take "
            f"{'them' if len(found) > 1 else 'it'} from its arguments (parameters[\"{found[0][0]}\"], say)")


def _test_global(run, name, result):
    if result.error_type != "NameError" or not result.error_message:
        return ""
    missing = result.error_message.split("'")[1] if result.error_message.count("'") >= 2 else ""
    for global_name, where in (getattr(run.impl, "test_globals", None) or {}).get(name, ()):
        if global_name == missing:
            return (f" -- {missing} is a global that only the file's top-level code assigns ({where}), a test "
                    f"cell that did not run here: the checker calls {name} on its own, with its arguments; "
                    f"compute {missing} inside the function from them")
    return ""


def _prepare(run, row, values, suffix):
    """{argument: value} for the row's prepared arguments (caches)."""
    prepared = {}
    for name, how in row.prepare.items():
        value, why = None, "did not give one it could use"
        if how.learner and run.has(how.learner):
            given = [{**values, **prepared}[a] for a in how.learner_arguments]  # an argument prepared above too
            result = run.call(how.learner, how.learner_arguments, given)
            if not result.error:
                try:
                    value = how.pick(result.value)
                except Exception:  # a result of another shape: the course's cache instead, said below
                    value = None
                reason = how.usable(value, values) if value is not None and how.usable else None
                if reason:
                    value, why = None, reason
            if value is None and how.course is not None:
                run.notes.append(f"{row.name}{suffix} was called with the course's {name}: the file's "
                                 f"{how.learner} {why}")
            elif value is not None and (how.course is None or not _same(value, how.course({**values, **prepared}))):
                run.facts.setdefault("own_caches", set()).add(row.name)  # its forward can explain its failures
        elif how.learner and how.course is not None:
            run.notes.append(f"{row.name}{suffix} was called with the course's {name}: the file has no "
                             f"{how.learner}")
        if value is None and how.course is not None:
            value = how.course({**values, **prepared})
        prepared[name] = value
    return prepared


def math_inputs(row, values):
    """(names, arrays) of the row's math inputs at ``values``."""
    names, arrays = [], []
    for spec in row.math_inputs:
        if isinstance(spec, str):
            names.append(spec)
            arrays.append(oracles.as_input(values[spec]))
        else:
            name, pick = spec
            names.append(name)
            arrays.append(oracles.as_input(pick(values)))
    return names, arrays


def math_of(row, values):
    """The row's math, its static arguments (``row.math_static``) bound from ``values``."""
    if not row.math_static:
        return row.math
    return oracles.bound(row.math, {name: values[name] for name in row.math_static})


def expected_values(row, values):
    """{math output name: value} at ``values``."""
    _, arrays = math_inputs(row, values)
    return dict(zip(row.math_outputs, oracles.values(math_of(row, values), arrays)))


def _cotangents(row, values, outputs):
    cotangents = []
    for name in row.math_outputs:
        if name in row.cotangent:
            cotangents.append(np.asarray(values[row.cotangent[name]], dtype=np.float64))
        elif np.ndim(outputs[name]) == 0:
            cotangents.append(np.float64(1.0))  # a scalar loss: its own gradient
        else:
            cotangents.append(np.zeros(np.shape(outputs[name])))  # not differentiated through
    return cotangents


def _scale(gradient, values):
    return gradient.scale(values) if callable(gradient.scale) else gradient.scale


def expected_gradients(row, values, method):
    """{returned name: expected gradient} by ``method`` (jax-vjp, central-fd, complex-step)."""
    return expected_gradients_by(row, values, (method,))[method]


def expected_gradients_by(row, values, methods):
    """{method: {returned name: expected gradient}} for each of ``methods``, from one compiled program."""
    names, arrays = math_inputs(row, values)
    gradients = row.gradients
    wrt = sorted({names.index(g.of) for g in gradients.values()})
    cotangents = _cotangents(row, values, expected_values(row, values))
    found = oracles.gradients(math_of(row, values), arrays, wrt, cotangents, methods)
    return {method: {name: dict(zip(wrt, found[method]))[names.index(g.of)] * _scale(g, values)
                     for name, g in gradients.items()} for method in methods}


def _fitted(row, name, actual, expected, suffix):
    """``actual`` reshaped to the expected shape where a row (or its judge of ``name``) allows a
    singleton difference, with the difference said once; else as it is."""
    exact = getattr(row.judge.get(name), "exact_shape", None)
    if row.exact_shapes if exact is None else exact:
        return actual, []
    try:
        shape = np.shape(actual)
        size = np.size(actual)
    except Exception:
        return actual, []
    if shape == np.shape(expected) or size != np.size(expected) or _squeezed(shape) != _squeezed(np.shape(expected)):
        return actual, []  # the same shape, or another one than a singleton difference: compared as it is
    detail = f"{name} has shape {shape}, the course's {np.shape(expected)}: the same values, read as that shape"
    return np.reshape(np.asarray(actual, dtype=np.float64), np.shape(expected)), [
        contract_difference(row.name, name, detail)]


def _squeezed(shape):
    return tuple(n for n in shape if n != 1)


def _shape_failure(row, name, judge, expected, actual):
    """A value of the right size in the wrong shape, said in the course's words (and whether its
    values are right), or None when the problem is another."""
    try:
        shape, size = np.shape(actual), np.size(actual)
    except Exception:
        return None
    if shape == np.shape(expected) or size != np.size(expected):
        return None
    right = compare(row.name, name, "jax-forward", expected, np.reshape(actual, np.shape(expected)),
                    TOLERANCES["jax-forward"]).passed
    return contract_failure(row.name, name, f"{name} has shape {shape}, not {np.shape(expected)}: {judge.shape_words}"
                            + ("; its value is right" if right else ""))


def _convention(run, row, values, judged, suffix):
    """The row as judged: by another version's math (its Convention) where the values returned fit that
    math and not the row's own, the difference said; else as it is."""
    if not row.conventions or not row.values:
        return row

    def fits(math):
        outputs = expected_values(dataclasses.replace(row, math=math), values)
        return all(name in judged and compare(row.name, name, "jax-forward", outputs[judge.of], judged[name],
                                              TOLERANCES["jax-forward"]).passed for name, judge in row.values.items())
    if fits(row.math):
        return row
    for convention in row.conventions:
        if fits(convention.math):
            run.add([contract_difference(row.name, "convention", convention.words)], suffix)
            return dataclasses.replace(row, math=convention.math)
    return row


def _judge(run, row, values, returned, suffix):
    judged = {name: returned[name] for name in row.judge if name in returned}
    row = _convention(run, row, values, judged, suffix)
    if row.values:
        outputs = expected_values(row, values)
        for name, judge in row.values.items():
            if name in judged:
                actual, checks = _fitted(row, name, judged[name], outputs[judge.of], suffix)
                run.add(checks, suffix)
                check = compare(row.name, name, "jax-forward", outputs[judge.of], actual,
                                TOLERANCES["jax-forward"], WHO["jax-forward"], time_axis=row.time_axes.get(name),
                                alternatives=_likely(row, values,
                                                     lambda r, of=judge.of: expected_values(r, values)[of]))
                if judge.shape_words and check.oracle == "contract":
                    check = _shape_failure(row, name, judge, outputs[judge.of], actual) or check
                if check.passed is False and check.rel_error is not None and check.rel_error <= judge.near:
                    check = contract_difference(row.name, name, f"{name} is within {check.rel_error:.1e} of the "
                                                f"course's, not within its {check.tolerance:.0e}: a guard such as an "
                                                "epsilon inside a logarithm? accepted, not failed", inert=True)
                run.add([check], suffix)
    gradients = {name: judged[name] for name in row.gradients if name in judged}
    if not gradients:
        return
    reason = row.invalid(values) if row.invalid else None
    methods = _methods(row)
    good = dict(gradients)
    fitted_once = set()
    by_method = expected_gradients_by(row, values, [m for m in methods if not reason or m == "jax-vjp"])
    for method in methods:
        if reason and (method != "jax-vjp" or not row.vjp_at_invalid):
            run.add([Check(row.name, name, method, None, TOLERANCES[method], None, f"{reason}: {WHO[method]} "
                           "cannot judge here") for name in good], suffix)
            continue
        expected = by_method[method]
        for name in list(good):
            actual, checks = _fitted(row, name, good[name], expected[name], suffix)
            if name not in fitted_once:
                run.add(checks, suffix)
                fitted_once.add(name)
            likely = _likely(row, values, lambda r, name=name: expected_gradients_by(r, values, ["jax-vjp"])[
                "jax-vjp"][name]) if method == "jax-vjp" else None
            check = compare(row.name, name, method, expected[name], actual, TOLERANCES[method], WHO[method],
                            time_axis=row.time_axes.get(name), backward=True, alternatives=likely)
            run.add([check], suffix)
            if check.oracle == "contract":  # a wrong shape or a NaN is said once, not by every oracle
                del good[name]
            else:
                good[name] = actual
    if row.taylor and not reason and good.keys() == row.gradients.keys():
        run.add([_taylor(row, values, good)], suffix)


def _methods(row):
    """The oracles that judge a row's gradients: JAX's VJP, and central differences and the complex step
    (where the math is analytic) unless the row is JAX's alone."""
    return ["jax-vjp"] + (["central-fd"] + (["complex-step"] if row.complex_step else [])) * row.numerical


def _likely(row, values, expected):
    """compare's alternatives: a function giving {words: what each of the row's likely bugs gives},
    ``expected(row)`` being the value judged under a row's math; None when it declares none."""
    if not row.likely:
        return None
    return lambda: {bug.words: expected(dataclasses.replace(row, math=bug.math)) for bug in row.likely}


def _taylor(row, values, good):
    """|phi(x + h v) - phi(x) - h <g, v>| must fall like h² over a sweep of h, with g the
    learner's gradients (their scale undone) and v one random direction over every input."""
    names, arrays = math_inputs(row, values)
    gradients = row.gradients
    rng = np.random.RandomState(0)
    wrt = sorted({names.index(g.of) for g in gradients.values()})
    g = {names.index(gradients[n].of): np.asarray(a, dtype=np.float64) / _scale(gradients[n], values)
         for n, a in good.items()}
    directions = {i: rng.randn(*np.shape(arrays[i])) for i in wrt}
    norm = np.sqrt(sum(np.sum(d ** 2) for d in directions.values()))
    directions = {i: d / norm for i, d in directions.items()}
    cotangents = _cotangents(row, values, expected_values(row, values))
    math = math_of(row, values)

    def phi(shifted):
        inputs = list(arrays)
        for i in wrt:
            inputs[i] = arrays[i] + shifted * directions[i]
        outputs = oracles.values(math, inputs)
        return float(sum(np.sum(u * y) for u, y in zip(cotangents, outputs)))

    g_dot_v = float(sum(np.sum(g[i] * directions[i]) for i in wrt))
    hs = list(TAYLOR_STEPS)
    remainders = taylor_remainders(lambda t: phi(float(t[0])), np.zeros(1), g_dot_v, np.ones(1), hs)
    floor = 1e3 * np.finfo(float).eps * max(1.0, abs(phi(0.0)))
    order = convergence_order(hs, remainders, floor)
    target = "all " + ", ".join(good)
    sweep = {"h": [float(h) for h in hs], "remainder": [float(r) for r in remainders], "floor": float(floor)}
    if order is None:
        passed = bool((remainders <= floor).all())
        return Check(row.name, target, "taylor", 0.0 if passed else None, TOLERANCES["taylor"], passed or None,
                     "remainder at rounding level for every h" if passed else "no order measurable",
                     remainders=sweep)
    return Check(row.name, target, "taylor", max(0.0, 2.0 - order), TOLERANCES["taylor"],
                 order >= 2 - TOLERANCES["taylor"], remainders=sweep, measured=order,
                 detail=f"remainder falls like h^{order:.2f} (h^2: right gradient, h^1: wrong)")


"""What "Gradient Checking" needs beyond data: the course's planted bugs told from a learner's, and the
learner's own checkers judged by what they return.

backward_propagation_n comes from the course with dW2 doubled and db1 quadrupled on purpose: a file
that leaves them is the course's code, reported with where they are, never failed. A checker is called
as the course calls it and must return one number: the right checker's difference (computed here with
the course's forward and two-sided differences) on a right backward (below the course's 2e-7), on the
planted-bug one and on one with dW2 halved (both far above it), at the course's epsilon 1e-7 and at
1e-3, where a two-sided difference is still close to the truth (2e-9...3e-7) but a one-sided one is not.
"""

import numpy as np

from reference.assignments.gradient_checking.planted_bugs import PLANTED_FACTORS
from reference.checks.comparison import call_failure, contract_difference, contract_failure
from reference.engine.contract import bind
from reference.report.results import Check
from reference.tolerances import relative_error

__all__ = ["backward_n", "checker", "THRESHOLD"]

THRESHOLD = 2e-7  # the course's "there is a mistake" line (1e-7 in 2017)
AGREEMENT = 1e-4  # relative: a checker's difference against the right checker's, where it is not rounding
ROUNDING = 1e-10  # absolute: two right two-sided differences at epsilon 1e-3 agree to this


def backward_n(run, row, values):
    """backward_propagation_n by the generic judge; failures that are exactly the course's planted bugs
    become differences (and a note), so a file that leaves them as handed out passes."""
    import dataclasses

    from reference.engine.judging import check_function

    trial = run.scratch()
    check_function(trial, dataclasses.replace(row, check=None), values)
    planted = _planted(trial.checks, values)
    kept = []
    for check in trial.checks:
        if check.target in planted and check.passed is False:
            continue
        if check.oracle == "taylor" and planted and check.passed is False:
            continue  # the Taylor test of gradients the planted bugs scale: said by the rows below
        kept.append(check)
    trial.checks = kept
    run.absorb(trial)
    for target in planted:
        run.add([contract_difference(row.name, target, f"{target} is {PLANTED_FACTORS[target]:g}x the gradient: "
                                     "the course's planted bug, left as the course handed it out", inert=True)])
    if planted:
        run.notes.append(f"backward_propagation_n still has the course's planted bug(s) in {', '.join(planted)} "
                         f"({', '.join(f'{k} x{PLANTED_FACTORS[k]:g}' for k in planted)}): the notebook asks you "
                         "to find them with your gradient_check_n; not failed, since the course put them there")


def _planted(checks, values):  # noqa: ARG001 -- the point is in the checks' worst entries
    """The gradients whose every failure is the course's planted factor times the right value."""
    failing = {c.target for c in checks if c.passed is False and c.oracle != "taylor"}
    if not failing or not failing <= set(PLANTED_FACTORS):
        return []
    worst = {c.target: c for c in checks if c.target in failing and c.oracle == "jax-vjp"}
    found = []
    for target in sorted(failing):
        check = worst.get(target)
        if check is None or check.worst is None:
            return []
        ratio = check.worst["actual"] / check.worst["expected"] if check.worst["expected"] else None
        if ratio is None or abs(ratio - PLANTED_FACTORS[target]) > 1e-6 * PLANTED_FACTORS[target]:
            return []
        found.append(target)
    return found


def checker(arguments, backward="backward_propagation", forward="forward_propagation"):
    """A row's check of a learner's gradient checker (gradient_check or gradient_check_n)."""
    def check(run, row, values):
        _checker(run, row, values, arguments)
        calls = (getattr(run.impl, "calls", None) or {}).get(row.name)
        if calls is not None and row.name == "gradient_check" and backward not in calls and forward not in calls:
            run.notes.append(f"{row.name} does not call backward_propagation (nor forward_propagation): it computes "
                             "J and its derivative itself, which is right for J = theta x but would never see a "
                             "wrong backward_propagation")
    return check


def _expected(row, values, gradients, epsilon):
    from manual_dnn import gradient_checking as right

    if row.name == "gradient_check":
        grad = right.backward_propagation(values["x"], values["theta"]) if gradients is None else gradients
        plus = right.forward_propagation(values["x"], values["theta"] + epsilon)
        minus = right.forward_propagation(values["x"], values["theta"] - epsilon)
        return right.difference_of(np.asarray(grad, dtype=np.float64), np.asarray((plus - minus) / (2 * epsilon)))
    return right.gradient_check_n(values["parameters"], gradients, values["X"], values["Y"], epsilon)


def _probes(row, values):
    """[(words, gradients given (None: the learner's own backward), epsilon, right?)]."""
    if row.name == "gradient_check":
        return [("at the course's epsilon 1e-7", None, 1e-7)]
    return [("on a right backward, epsilon 1e-7", values["gradients"], 1e-7),
            ("on the course's planted-bug backward, epsilon 1e-7", values["planted"], 1e-7),
            ("on a backward with dW2 halved, epsilon 1e-7", values["halved"], 1e-7),
            ("on a right backward, epsilon 1e-3", values["gradients"], 1e-3)]


def _checker(run, row, values, arguments):
    for words, gradients, epsilon in _probes(row, values):
        given = {**values, "epsilon": epsilon, **({} if gradients is None else {"gradients": gradients})}
        argnames, args, checks = bind(row, run.signature(row.name), given, run.aliases)
        run.add([c for c in checks if words == _probes(row, values)[0][0]])
        if args is None:
            return
        result = run.call(row.name, argnames, args)
        if result.error:
            run.add([call_failure(row.name, result)])
            return
        value = result.value
        try:
            number = float(np.asarray(value, dtype=np.float64))
            if np.ndim(value) != 0 and np.size(value) != 1:
                raise TypeError
        except (TypeError, ValueError):
            shape = f"an array of shape {np.shape(value)}" if hasattr(value, "shape") else type(value).__name__
            run.add([contract_failure(row.name, "difference", f"returned {shape}, not one number: the course's "
                                      "difference is ||grad - gradapprox|| / (||grad|| + ||gradapprox||) of the whole "
                                      "vectors, which its threshold applies to")])
            return
        own_backward = gradients is None
        if own_backward:  # gradient_check: the learner's own backward_propagation, as the right checker would use it
            grad = _learners_backward(run, values)
            if grad is None:
                return
            expected = _expected(row, values, grad, epsilon)
        else:
            expected = _expected(row, values, gradients, epsilon)
        run.add([_judge(row, words, number, float(expected), epsilon)])


def _learners_backward(run, values):
    if not run.has("backward_propagation"):
        from manual_dnn import gradient_checking as right

        return right.backward_propagation(values["x"], values["theta"])
    result = run.call("backward_propagation", ("x", "theta"), (values["x"], values["theta"]))
    try:
        return np.float64(np.asarray(result.value, dtype=np.float64).reshape(()))
    except (TypeError, ValueError):
        return None  # its own failure is backward_propagation's row


def _judge(row, words, actual, expected, epsilon):
    target = f"difference {words}"
    if expected < THRESHOLD / 10:  # the right checker sees nothing wrong: rounding, or at 1e-3 the truncation
        close = abs(actual - expected) <= (ROUNDING if epsilon > 1e-5 else THRESHOLD / 2)
        detail = f"returned {actual:.3g}, the right checker {expected:.3g}"
        if not close:
            detail += _fingerprint(actual, expected, epsilon)
        return Check(row.name, target, "rule", None if close else abs(actual - expected), None, close, detail)
    rel = relative_error(actual, expected)
    passed = rel <= AGREEMENT
    detail = f"returned {actual:.6g}, the right checker {expected:.6g} (rel. error {rel:.1e})"
    if not passed:
        detail += _fingerprint(actual, expected, epsilon)
    return Check(row.name, target, "rule", rel if not passed else None, AGREEMENT, passed, detail)


def _fingerprint(actual, expected, epsilon):
    if actual < 0:
        return ": a difference is never negative (norm(grad - gradapprox), not norm(grad) - norm(gradapprox))"
    if abs(actual - 1) < 1e-6:
        return (": 1 is what gradapprox = 0 gives (J_plus and J_minus at the same point, or / 2 * epsilon "
                "multiplying by epsilon)")
    if abs(actual - 1 / 3) < 1e-4 and expected < THRESHOLD:
        return (": 1/3 is what a gradapprox twice or half the gradient gives (dividing by epsilon, not 2 epsilon; "
                "or thetaminus built from thetaplus)")
    if epsilon > 1e-5 and actual > 100 * max(expected, 1e-12):
        return (": at epsilon 1e-3 a two-sided difference is still this close; a one-sided one, "
                "(J(theta + eps) - J(theta)) / eps, is not")
    return ""

"""What CS231n's layers need beyond data: dropout, whose forward is random.

dropout_forward is judged by what it did, not against one expected array: in training, out / x
must be 0 or one scale s for every unit, the fraction kept must be p (the probability of keeping,
2018 on) or 1 - p (of dropping, 2016-2017: a difference of version, said so), s must be 1 / that
fraction (inverted dropout), and in test mode out must be x.
dropout_backward is judged against the VJP of x * mask with the mask the learner's own forward
applied (out / x, read from one call of it), held fixed.
"""

import numpy as np

from reference.engine.declarations import from_course
from reference.tolerances import TOLERANCES

__all__ = ["dropout_forward", "applied_mask", "out_and_cache", "course_dropout", "DROPOUT_TRAIN", "groups",
           "kept_fraction_words"]

SEED = 123
DROPOUT_TRAIN = from_course(lambda v: {"mode": "train", "p": v["p"], "seed": SEED})


def out_and_cache(result):
    out, cache = result
    return np.asarray(out, dtype=np.float64), cache


def course_dropout(values):
    from manual_dnn.cs231n_layers import dropout_forward as reference

    return reference(values["x"], dict(values["dropout_param"]))


def applied_mask(values):
    """The mask the forward applied: out / x (x is never near 0 at the check points)."""
    return values["dropout_result"][0] / values["x"]


def groups(values):
    from reference.assignments.cs231n_layers.points import settings

    return settings(values["G"])


def kept_fraction_words(fraction, p):
    """Which reading of p a kept fraction follows: 'keep', 'drop', or None (neither)."""
    spread = 4 * np.sqrt(p * (1 - p) / 600) + 0.02
    if abs(fraction - p) < spread:
        return "keep"
    if abs(fraction - (1 - p)) < spread:
        return "drop"
    return None


def dropout_forward(run, row, values):
    from reference.checks.comparison import call_failure, compare, contract_failure
    x, p = values["x_dropout"], values["p"]
    train = {"mode": "train", "p": p, "seed": SEED}
    result = run.call(row.name, ("x", "dropout_param"), (x, train))
    if result.error:
        run.add([call_failure(row.name, result)])
    else:
        run.add(_train_checks(row.name, result.value, x, p))
    test = run.call(row.name, ("x", "dropout_param"), (x, {"mode": "test", "p": p}))
    if test.error:
        run.add([call_failure(row.name, test)], " (test)")
        return
    try:
        out = test.value[0]
    except (TypeError, IndexError, KeyError):
        run.add([contract_failure(row.name, "returns", "did not return (out, cache) in test mode")], " (test)")
        return
    check = compare(row.name, "out", "jax-forward", x, out, TOLERANCES["jax-forward"], "x (test mode is the identity)")
    if check.passed is False and _is_array(out) and np.shape(out) == x.shape:
        ratio = np.asarray(out, dtype=np.float64) / x
        if np.allclose(ratio, ratio.flat[0]):
            check.detail = (f"test mode returns x times {ratio.flat[0]:.4g}, not x: inverted dropout scales in "
                            "training only, so that test mode is the identity")
    run.add([check], " (test)")


def _is_array(value):
    try:
        np.asarray(value, dtype=np.float64)
        return True
    except (TypeError, ValueError):
        return False


def _train_checks(name, value, x, p):
    from reference.checks.comparison import compare, contract_difference, contract_failure
    try:
        out, cache = value
        out = np.asarray(out, dtype=np.float64)
    except (TypeError, ValueError):
        return [contract_failure(name, "returns", "did not return (out, cache) in training mode")]
    if out.shape != x.shape:
        return [contract_failure(name, "out", f"out has shape {out.shape}, expected {x.shape}")]
    ratio = out / x
    kept = ~np.isclose(ratio, 0.0, atol=1e-12)
    fraction = float(kept.mean())
    scales = ratio[kept]
    checks = []
    if kept.any() and not np.allclose(scales, scales[0], rtol=1e-9):
        return [contract_failure(name, "out", "out / x is not one number for every unit kept: the mask must "
                                 "keep a unit (times one scale) or drop it")]
    reading = kept_fraction_words(fraction, p)
    if reading is None:
        return [contract_failure(name, "out", f"kept {fraction:.0%} of the units with p = {p}: neither p (the "
                                 "probability of keeping a unit, 2018 on) nor 1 - p (of dropping it, 2016-2017)")]
    if reading == "drop":
        checks.append(contract_difference(name, "p", f"reads p = {p} as the probability of dropping a unit (kept "
                                          f"{fraction:.0%}): the 2016-2017 course's contract; from 2018 p is the "
                                          "probability of keeping one"))
    kept_probability = p if reading == "keep" else 1 - p
    scale = float(scales[0]) if kept.any() else 0.0
    expected = 1 / kept_probability
    if abs(scale - expected) > 1e-9 * expected:
        what = "no scaling (plain dropout)" if abs(scale - 1) < 1e-9 else f"a scale of {scale:.4g}"
        checks.append(contract_failure(name, "out", f"kept units are multiplied by {what}; inverted dropout "
                                       f"divides them by the probability of keeping ({kept_probability:g}), "
                                       f"times {expected:.4g}"))
    else:
        checks.append(compare(name, "out", "jax-forward", x * np.where(kept, expected, 0.0), out,
                              TOLERANCES["jax-forward"], "x * mask"))
    return checks


OVERFLOW_SHIFT = 800.0  # exp(800) overflows float64 (its largest is about exp(709))


def survives_large_scores(run, row, values, returned, suffix):
    """softmax_loss at scores shifted by OVERFLOW_SHIFT must give the same loss and dx: the softmax does
    not change when a row is shifted, but exp of a large score overflows unless the row's max is
    subtracted first. A numerical error, not a wrong gradient: the report says so."""
    from reference.checks.comparison import call_failure, contract_failure

    x = values["x"] + OVERFLOW_SHIFT
    result = run.call(row.name, ("x", "y"), (x, values["y"]))
    if result.error:
        run.add([call_failure(row.name, result)], " (large scores)")
        return
    try:
        loss, dx = result.value
        finite = np.isfinite(np.asarray(loss, dtype=np.float64)).all() and np.isfinite(
            np.asarray(dx, dtype=np.float64)).all()
    except (TypeError, ValueError):
        return  # a wrong contract is said by the generic checks already
    if not finite:
        run.add([contract_failure(row.name, "loss", f"scores shifted by {OVERFLOW_SHIFT:g} (the same softmax) give "
                                  "a loss or dx that is not finite: exp overflows. Subtract each row's maximum "
                                  "before exp -- a numerical error, not a wrong gradient")], " (large scores)")

"""What course 1 week 2 needs beyond data: initialize_with_zeros judged by a rule, and what model
returns beside its parameters (the predictions of both sets, by the parameters it learnt)."""

import numpy as np

from reference.checks.comparison import compare, contract_difference, contract_failure, returned
from reference.engine.contract import bind, unpack
from reference.tolerances import TOLERANCES

__all__ = ["initialize_with_zeros", "model_predictions", "read_optimize", "read_model"]


def initialize_with_zeros(run, row, values):
    from reference.checks.comparison import call_failure

    argnames, arguments, checks = bind(row, run.signature(row.name), values, run.aliases)
    run.add(checks)
    if arguments is None:
        return
    result = run.call(row.name, argnames, arguments)
    if result.error:
        run.add([call_failure(row.name, result)])
        return
    found, checks = unpack(row, result.value)
    run.add(checks)
    if found is None:
        return
    dim = values["dim"]
    run.add([compare(row.name, "w", "jax-forward", np.zeros((dim, 1)), found["w"], TOLERANCES["jax-forward"])])
    run.add([compare(row.name, "b", "jax-forward", np.float64(0.0), found["b"], TOLERANCES["jax-forward"])])
    b = found["b"]
    if isinstance(b, (int, np.integer)) and not isinstance(b, bool):
        run.add([contract_difference(row.name, "b", "b is the integer 0, the course's 0.0 since 2021 (its test "
                                     "asserts type(b) == float; older versions wrote b = 0)", inert=True)])


def read_optimize(value):
    """(parameters, costs, words) of what optimize returned: (params, grads, costs)."""
    if not isinstance(value, (tuple, list)) or len(value) != 3 or not isinstance(value[0], dict):
        raise ValueError("expected (params, grads, costs)")
    return value[0], value[2], None


def read_model(value):
    """(parameters, costs, words) of model's dict d."""
    if not isinstance(value, dict):
        raise ValueError("expected the dict d")
    missing = [k for k in ("w", "b") if k not in value]
    if missing:
        raise ValueError(f"no {', '.join(map(repr, missing))} in d")
    return {"w": value["w"], "b": value["b"]}, value.get("costs"), None


def model_predictions(row, d, expected, values):
    """model's Y_prediction_train and _test, against the predictions of the parameters it should have learnt."""
    from reference.engine import oracles
    from reference.engine.declarations import Lazy

    predict = Lazy("reference.assignments.logistic_regression.math", "predict")
    checks = []
    for key, X in (("Y_prediction_train", values["X_train"]), ("Y_prediction_test", values["X_test"])):
        if key not in d:
            checks.append(contract_failure(row.name, key, f"no {key!r} in d (it has {', '.join(map(repr, d))})"))
            continue
        (wanted,) = oracles.values(predict, (expected["w"], expected["b"], X))
        checks.append(compare(row.name, key, "jax-forward", wanted, d[key], TOLERANCES["jax-forward"]))
    if "costs" not in d:
        checks.append(contract_failure(row.name, "costs", f"no 'costs' in d: returned {returned(d)}"))
    return checks

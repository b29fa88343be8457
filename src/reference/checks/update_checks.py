"""The check of update_parameters: every W and b against W - lr * dW."""

from reference.checks.comparison import compare, contract_failure
from reference.tolerances import TOLERANCES

__all__ = ["update_checks"]


def update_checks(impl, rng, point):
    """update_parameters against W - lr * dW; updating in place is noted, not failed."""
    if "update_parameters" not in impl:
        return [], "", []
    params = point.parameters
    grads = {"d" + k: rng.randn(*v.shape) for k, v in params.items()}
    learning_rate = 0.1
    result = impl.call("update_parameters", ("parameters", "grads", "learning_rate"), params, grads, learning_rate)
    notes = []
    if result.error:
        return [contract_failure("update_parameters", "call", result.error)], result.output, notes
    if "parameters" in result.mutated:
        notes.append("update_parameters updates the parameters in place: the seed's own behaviour, "
                     "so not a failure (manual_dnn returns new arrays)")
    checks = [contract_failure("update_parameters", name, f"writes into its argument {name}")
              for name in result.mutated if name != "parameters"]
    new = result.value
    if not isinstance(new, dict):
        failure = contract_failure("update_parameters", "returns",
                                   f"returned {type(new).__name__}, expected the parameters dict")
        return checks + [failure], result.output, notes
    for name, value in params.items():
        if name not in new:
            checks.append(contract_failure("update_parameters", name, f"no '{name}' in the returned dict"))
            continue
        checks.append(compare("update_parameters", name, "update-rule", value - learning_rate * grads["d" + name],
                              new[name], TOLERANCES["update-rule"], "rule"))
    return checks, result.output, notes

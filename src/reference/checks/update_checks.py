"""The check of update_parameters: every W and b against W - lr * dW."""

from reference.checks.comparison import call_failure, compare, contract_failure, mutation_failures, returned
from reference.report.patterns import UNCHANGED
from reference.seed_functions import SEED_FUNCTIONS
from reference.tolerances import TOLERANCES

__all__ = ["update_checks"]


def update_checks(impl, rng, point):
    """update_parameters against W - lr * dW; updating in place is noted, not failed."""
    if "update_parameters" not in impl:
        return [], "", []
    params = point.parameters
    grads = {"d" + k: rng.randn(*v.shape) for k, v in params.items()}
    learning_rate = 0.1
    result = impl.call("update_parameters", SEED_FUNCTIONS["update_parameters"].arguments,
                       params, grads, learning_rate)
    notes = []
    if result.error:
        return [call_failure("update_parameters", result)], result.output, notes
    checks = mutation_failures("update_parameters", result, allowed=("parameters",))
    new = result.value
    if "parameters" in result.mutated and isinstance(new, dict):
        notes.append("update_parameters changes the parameters dict it is given, as the course's own code "
                     "does: allowed")
    if not isinstance(new, dict):
        failure = contract_failure("update_parameters", "returns",
                                   f"returned {returned(new)}, expected the parameters dict")
        return checks + [failure], result.output, notes
    for name, value in params.items():
        if name not in new:
            checks.append(contract_failure("update_parameters", name, f"no '{name}' in the returned dict"))
            continue
        slips = {UNCHANGED: value, f"the step has the wrong sign: {name} + learning_rate * d{name} climbs the "
                 f"gradient (descent subtracts it)": value + learning_rate * grads["d" + name]}
        checks.append(compare("update_parameters", name, "update-rule", value - learning_rate * grads["d" + name],
                              new[name], TOLERANCES["update-rule"], "rule", alternatives=slips))
    return checks, result.output, notes

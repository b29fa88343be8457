"""The seed's functions: one table that the loader, the checks, the root-cause
logic and the report all read.

Each entry is a function of the course's notebooks with its arguments, its
outputs and the seed functions it calls in the course's own code (its call
graph). The call graph decides root causes: a failure of ``f`` explains a
failure of ``g`` only when ``g`` calls ``f``, directly or through others.
"""

from dataclasses import dataclass

__all__ = ["SeedFunction", "SEED_FUNCTIONS", "HELPERS", "level", "callees", "parameter_names"]


@dataclass(frozen=True)
class SeedFunction:
    name: str
    arguments: tuple  # the course's argument names, in order
    outputs: tuple  # the names of what it returns (one name: returned as is, not as a tuple)
    calls: tuple = ()  # seed functions it calls in the course's code
    helper: bool = False  # given to learners by the course's utility module (dnn_utils)


# In the order of the "Step by Step" notebook, then the "Application" notebook's two models and predict.
SEED_FUNCTIONS = {f.name: f for f in (
    SeedFunction("initialize_parameters", ("n_x", "n_h", "n_y"), ("parameters",)),
    SeedFunction("initialize_parameters_deep", ("layer_dims",), ("parameters",)),
    SeedFunction("linear_forward", ("A", "W", "b"), ("Z", "cache")),
    SeedFunction("sigmoid", ("Z",), ("A", "cache"), helper=True),
    SeedFunction("relu", ("Z",), ("A", "cache"), helper=True),
    SeedFunction("linear_activation_forward", ("A_prev", "W", "b", "activation"), ("A", "cache"),
                 calls=("linear_forward", "sigmoid", "relu")),
    SeedFunction("L_model_forward", ("X", "parameters"), ("AL", "caches"), calls=("linear_activation_forward",)),
    SeedFunction("compute_cost", ("AL", "Y"), ("cost",)),
    SeedFunction("sigmoid_backward", ("dA", "cache"), ("dZ",), helper=True),
    SeedFunction("relu_backward", ("dA", "cache"), ("dZ",), helper=True),
    SeedFunction("linear_backward", ("dZ", "cache"), ("dA_prev", "dW", "db")),
    SeedFunction("linear_activation_backward", ("dA", "cache", "activation"), ("dA_prev", "dW", "db"),
                 calls=("linear_backward", "relu_backward", "sigmoid_backward")),
    SeedFunction("L_model_backward", ("AL", "Y", "caches"), ("grads",), calls=("linear_activation_backward",)),
    SeedFunction("update_parameters", ("parameters", "grads", "learning_rate"), ("parameters",)),
    SeedFunction("two_layer_model", ("X", "Y", "layers_dims", "learning_rate", "num_iterations", "print_cost"),
                 ("parameters", "costs"), calls=("initialize_parameters", "linear_activation_forward", "compute_cost",
                                                 "linear_activation_backward", "update_parameters")),
    SeedFunction("L_layer_model", ("X", "Y", "layers_dims", "learning_rate", "num_iterations", "print_cost"),
                 ("parameters", "costs"), calls=("initialize_parameters_deep", "L_model_forward", "compute_cost",
                                                 "L_model_backward", "update_parameters")),
    SeedFunction("predict", ("X", "y", "parameters"), ("p",), calls=("L_model_forward",)),
)}

HELPERS = tuple(name for name, f in SEED_FUNCTIONS.items() if f.helper)


def callees(name):
    """Every seed function ``name`` calls, directly or through others."""
    found, todo = set(), list(SEED_FUNCTIONS[name].calls) if name in SEED_FUNCTIONS else []
    while todo:
        callee = todo.pop()
        if callee not in found:
            found.add(callee)
            todo.extend(SEED_FUNCTIONS[callee].calls if callee in SEED_FUNCTIONS else ())
    return found


def level(name):
    """0 for a function that calls no seed function, else one above its highest callee."""
    calls = SEED_FUNCTIONS[name].calls if name in SEED_FUNCTIONS else ()
    return 1 + max(map(level, calls)) if calls else 0


def parameter_names(L):
    """["W1", "b1", ..., "WL", "bL"]: the keys of the seed's parameters dict."""
    return [f"{p}{l}" for l in range(1, L + 1) for p in ("W", "b")]

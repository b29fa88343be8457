"""The seed's functions: one table that the loader, the checks, the root-cause
logic and the report all read.

Each entry is a function of the course's notebooks: its arguments and outputs
(the checks call it with these names and unpack these outputs), the seed
functions it calls in the course's own code (its call graph), where manual_dnn
defines it and which module checks it (the per-layer functions are declared in
``reference.assignments.dnn``; the whole network's are checked by ``reference.checks``). To find every
place of one function, grep its name: the table, ``home``, the ``check``
module (each is checked under its own name there), ``reference.oracles``,
``reference.bug_zoo`` and ``tests/``.

The call graph decides root causes: a failure of ``f`` explains a failure of
``g`` only when ``g`` calls ``f``, directly or through others. A learner's own
code may call differently (inline a helper, never call it); the loader then
records the learner's graph and the report uses it (``callees(name, graph)``).
"""

from dataclasses import dataclass

__all__ = ["SeedFunction", "SEED_FUNCTIONS", "HELPERS", "level", "callees", "direct_callees", "parameter_names",
           "DA_CONVENTIONS", "dA_keys", "detect_dA_convention"]


@dataclass(frozen=True)
class SeedFunction:
    name: str
    arguments: tuple  # the course's argument names, in order
    outputs: tuple  # the names of what it returns (one name: returned as is, not as a tuple)
    calls: tuple = ()  # seed functions it calls in the course's code
    helper: bool = False  # given to learners by the course's utility module (dnn_utils)
    activation: str | None = None  # the activation a helper computes or differentiates
    home: str = ""  # the manual_dnn module that defines it
    check: str = ""  # the module that checks it: the dnn assignment's declaration, or a reference.checks module
    notebook: str = "Step by Step"  # the course notebook where learners write it ("Application" for the models)


_LAYER, _MODEL, _UPDATE, _APPLICATION = "reference.assignments.dnn", "reference.checks.model_checks", \
    "reference.checks.update_checks", "reference.checks.application_checks"
_INITIALISER = "reference.checks.initialiser_checks"

# In the order of the "Step by Step" notebook, then the "Application" notebook's two models and predict.
SEED_FUNCTIONS = {f.name: f for f in (
    SeedFunction("initialize_parameters", ("n_x", "n_h", "n_y"), ("parameters",),
                 home="manual_dnn.initialization", check=_INITIALISER),
    SeedFunction("initialize_parameters_deep", ("layer_dims",), ("parameters",),
                 home="manual_dnn.initialization", check=_INITIALISER),
    SeedFunction("linear_forward", ("A", "W", "b"), ("Z", "cache"),
                 home="manual_dnn.linear", check=_LAYER),
    SeedFunction("sigmoid", ("Z",), ("A", "cache"), helper=True, activation="sigmoid",
                 home="manual_dnn.activations", check=_LAYER),
    SeedFunction("relu", ("Z",), ("A", "cache"), helper=True, activation="relu",
                 home="manual_dnn.activations", check=_LAYER),
    SeedFunction("linear_activation_forward", ("A_prev", "W", "b", "activation"), ("A", "cache"),
                 calls=("linear_forward", "sigmoid", "relu"), home="manual_dnn.layer", check=_LAYER),
    SeedFunction("L_model_forward", ("X", "parameters"), ("AL", "caches"), calls=("linear_activation_forward",),
                 home="manual_dnn.network", check=_MODEL),
    SeedFunction("compute_cost", ("AL", "Y"), ("cost",), home="manual_dnn.network", check=_LAYER),
    SeedFunction("sigmoid_backward", ("dA", "cache"), ("dZ",), helper=True, activation="sigmoid",
                 home="manual_dnn.activations", check=_LAYER),
    SeedFunction("relu_backward", ("dA", "cache"), ("dZ",), helper=True, activation="relu",
                 home="manual_dnn.activations", check=_LAYER),
    SeedFunction("linear_backward", ("dZ", "cache"), ("dA_prev", "dW", "db"),
                 home="manual_dnn.linear", check=_LAYER),
    SeedFunction("linear_activation_backward", ("dA", "cache", "activation"), ("dA_prev", "dW", "db"),
                 calls=("linear_backward", "relu_backward", "sigmoid_backward"),
                 home="manual_dnn.layer", check=_LAYER),
    SeedFunction("L_model_backward", ("AL", "Y", "caches"), ("grads",), calls=("linear_activation_backward",),
                 home="manual_dnn.network", check=_MODEL),
    SeedFunction("update_parameters", ("parameters", "grads", "learning_rate"), ("parameters",),
                 home="manual_dnn.network", check=_UPDATE),
    SeedFunction("two_layer_model", ("X", "Y", "layers_dims", "learning_rate", "num_iterations", "print_cost"),
                 ("parameters", "costs"), calls=("initialize_parameters", "linear_activation_forward", "compute_cost",
                                                 "linear_activation_backward", "update_parameters"),
                 home="manual_dnn.training", check=_APPLICATION, notebook="Application"),
    SeedFunction("L_layer_model", ("X", "Y", "layers_dims", "learning_rate", "num_iterations", "print_cost"),
                 ("parameters", "costs"), calls=("initialize_parameters_deep", "L_model_forward", "compute_cost",
                                                 "L_model_backward", "update_parameters"),
                 home="manual_dnn.training", check=_APPLICATION, notebook="Application"),
    SeedFunction("predict", ("X", "y", "parameters"), ("p",), calls=("L_model_forward",),
                 home="manual_dnn.training", check=_APPLICATION, notebook="Application"),
)}

HELPERS = tuple(name for name, f in SEED_FUNCTIONS.items() if f.helper)


def direct_callees(name, graph=None):
    """The seed functions ``name`` calls itself: in ``graph`` (name -> names,
    a learner's own call graph) where it names ``name``, else in the course's code."""
    if graph is not None and name in graph:
        return tuple(graph[name])
    return SEED_FUNCTIONS[name].calls if name in SEED_FUNCTIONS else ()


def callees(name, graph=None):
    """Every seed function ``name`` calls, directly or through others.

    ``graph`` (name -> names it calls), where given, replaces the course's
    calls for the functions it names: a learner's own call graph.
    """
    found, todo = set(), list(direct_callees(name, graph))
    while todo:
        callee = todo.pop()
        if callee not in found:
            found.add(callee)
            todo.extend(direct_callees(callee, graph))
    return found


def level(name):
    """0 for a function that calls no seed function, else one above its highest callee."""
    calls = SEED_FUNCTIONS[name].calls if name in SEED_FUNCTIONS else ()
    return 1 + max(map(level, calls)) if calls else 0


def parameter_names(L):
    """["W1", "b1", ..., "WL", "bL"]: the keys of the seed's parameters dict."""
    return [f"{p}{l}" for l in range(1, L + 1) for p in ("W", "b")]


# ---------------------------------------------------------------- L_model_backward's dA keys

# Two conventions, both the course's own: since v4 the template stores the
# gradient for A[l-1] (the input of layer l) under "dA" + str(l - 1); before v4
# it stored the same gradient under "dA" + str(l) (there is no dA0).
DA_CONVENTIONS = {
    "dA{l-1}": "dA{l-1} holds the gradient for A[l-1], the input of layer l (keys dA0..dA{L-1}): "
               "the course's convention since v4",
    "dA{l}": "dA{l} holds the gradient for A[l-1], the input of layer l (keys dA1..dA{L}, no dA0): "
             "the course's convention before v4",
}


def dA_keys(L, convention):
    """{grads key: k} for an L-layer network: the key holds m·dJ/dA[k] (A0 = X)."""
    shift = 0 if convention == "dA{l-1}" else 1
    return {f"dA{k + shift}": k for k in range(L)}


def detect_dA_convention(keys, L):
    """The convention a grads dict's keys follow, or None when they follow neither.

    Keys beyond the convention's own (a learner may keep dAL = dJ/dAL too) do
    not change it: dA0..dA{L-1} present is the v4+ convention whatever else is.
    """
    keys = set(keys)
    if set(dA_keys(L, "dA{l-1}")) <= keys:
        return "dA{l-1}"
    if set(dA_keys(L, "dA{l}")) <= keys and "dA0" not in keys:
        return "dA{l}"
    return None

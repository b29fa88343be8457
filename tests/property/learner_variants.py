"""Learner files as source text: every seed function with another signature or another return.

A variant of a function is its ``def`` line (arguments renamed, reordered,
missing, extra, defaulted, ``*args``, keyword-only) and a body that calls the
course's own function (``__course__``, manual_dnn) with what the learner's
names hold, then returns a drawn reshaping of the result (the value itself, as
a list, one output replaced by junk, a dict with a key replaced, transposed
arrays, None, a number, a string, nested junk...). As source, a variant runs
in process (``exec`` into a namespace) and in the sandbox (written to a file)
alike. Each drawn variant says what the checker owes it:

- ``harmless``: the signature and the return keep the course's contract (a
  renamed argument, one defaulted extra, the outputs as a list): no failure;
- ``junk``: what it returns is not the course's value in any form (None, a
  number, a string, nested junk): a failure of that function;
- otherwise (a reordered argument, a replaced output...) only a verdict.
"""

from dataclasses import dataclass

from hypothesis import strategies as st

from reference.seed_functions import SEED_FUNCTIONS

HEADER = "import numpy as np\nimport manual_dnn as __course__\n"

# What each output is, for the reshapings that fit it.
OUTPUT_KINDS = {"parameters": "dict", "grads": "dict", "costs": "list", "cache": "tuple", "caches": "list",
                "cost": "scalar"}

JUNK_LEAVES = st.sampled_from([
    "None", "0", "-1", "2.5", "True", "'abc'", "''", "float('nan')", "float('inf')", "1j", "b'xy'",
    "np.zeros((2, 3))", "np.ones((5, 4, 3))", "np.array(1.0)", "np.empty((0, 5))", "np.ones((3, 5), dtype=complex)",
    "np.full((3, 5), np.nan)", "np.ones((3, 5), dtype=bool)", "np.arange(6)", "np.float64(2.0)",
    "np.array(['a', 'b'])", "np.array([None, 1.0], dtype=object)", "[[1, 2], [3]]", "range(3)", "set()",
    "object()", "len", "(x for x in [1, 2])",
])
JUNK_KEYS = st.sampled_from(["'W1'", "'b1'", "'W2'", "'b3'", "'dW1'", "'db2'", "'dA0'", "'dA1'", "'cache'", "0", "1"])
JUNK = st.recursive(JUNK_LEAVES, lambda inner: st.one_of(
    st.lists(inner, max_size=3).map(lambda xs: "[" + ", ".join(xs) + "]"),
    st.lists(inner, max_size=3).map(lambda xs: "(" + "".join(x + ", " for x in xs) + ")"),
    st.dictionaries(JUNK_KEYS, inner, max_size=3).map(lambda d: "{" + ", ".join(f"{k}: {v}" for k, v in d.items())
                                                      + "}")), max_leaves=6)


@dataclass(frozen=True)
class Variant:
    function: str
    signature: str  # which kind of signature (SIGNATURES)
    parameters: tuple  # the def line's parameters, as source
    passes: tuple  # what the body passes to the course's function, in the course's order
    returns: str  # an expression of ``value``, what the course's function returned
    shape: str  # "same", "harmless", "junk" or "changed": what the return is
    harmless_signature: bool

    @property
    def harmless(self):
        return self.harmless_signature and self.shape in ("same", "harmless")

    @property
    def junk(self):
        return self.shape == "junk" and self.harmless_signature

    def source(self):
        return (f"def {self.function}({', '.join(self.parameters)}):\n"
                f"    value = __course__.{self.function}({', '.join(self.passes)})\n"
                f"    return {self.returns}\n")


# ---------------------------------------------------------------- signatures

def _predict_understood(names):
    """Whether the checker reads these predict parameter names as the course's X, y, parameters."""
    roles = [{"x": "X", "y": "y", "parameters": "parameters", "params": "parameters"}.get(n.lower()) for n in names]
    return None not in roles and len(set(roles)) == len(roles) and {"X", "parameters"} <= set(roles)


def _signatures(function):
    """Strategy of (kind, parameters, passes, harmless) for ``function``."""
    args = list(SEED_FUNCTIONS[function].arguments)
    n = len(args)
    choices = [
        st.just(("course", args, args, True)),
        st.just(("renamed", [f"my_{a.lower()}" for a in args], [f"my_{a.lower()}" for a in args], True)),
        st.just(("defaulted", [f"{a}=None" for a in args], args, True)),
        st.just(("extra defaulted", [*args, "verbose=False"], args, True)),
        st.just(("*args", ["*args"], ["*args"], True)),
        st.just(("**kwargs", [*args, "**kwargs"], args, True)),
        st.just(("extra", [*args, "extra"], args, False)),
        st.just(("keyword-only", [*args[:-1], "*", args[-1]], args, False)),
    ]
    if n > 1:
        choices.append(st.permutations(args).filter(lambda p: list(p) != args).map(
            lambda p: ("reordered", list(p), args, function == "predict")))
        choices.append(st.integers(0, n - 1).map(lambda k: (
            "missing", args[:k] + args[k + 1:], [a if i != k else "None" for i, a in enumerate(args)],
            function == "predict" and args[k] == "y")))
    if function == "predict":
        choices.append(st.sampled_from([["X", "parameters"], ["parameters", "X"], ["x", "params"],
                                        ["parameters", "X", "Y"]]).map(
            lambda names: ("predict's own", names, ["X" if "X" in names else "x", "None",
                                                   "parameters" if "parameters" in names else "params"],
                           _predict_understood(names))))
    return st.one_of(choices)


# ---------------------------------------------------------------- returns

def _reshapings(expression, kind, depth=0):
    """Strategy of (source, shape) for a value of ``kind`` ("dict", "list", "tuple", "array", "scalar",
    or a tuple of kinds for a function's several outputs) held in ``expression``."""
    same = st.just((expression, "same"))
    junk = JUNK.map(lambda j: (j, "junk"))
    changed = []
    if isinstance(kind, tuple):
        items = [_reshapings(f"{expression}[{i}]", k, depth + 1) for i, k in enumerate(kind)]
        changed.append(st.tuples(*items).map(lambda parts: (
            "(" + "".join(p + ", " for p, _ in parts) + ")",
            "same" if all(s == "same" for _, s in parts) else "changed")))
        changed.append(st.just((f"list({expression})", "harmless")))
        changed.append(st.just((f"{expression}[:-1]", "changed")))
        changed.append(JUNK.map(lambda j: (f"tuple({expression}) + ({j},)", "changed")))
        changed.append(st.just((f"tuple(reversed({expression}))", "changed")))
    elif kind == "dict":
        changed.append(st.tuples(JUNK_KEYS, JUNK).map(lambda kj: (f"{{**{expression}, {kj[0]}: {kj[1]}}}", "changed")))
        changed.append(JUNK.map(lambda j: (f"{{k: {j} for k in {expression}}}", "changed")))
        changed.append(st.just((f"{{k: v for k, v in {expression}.items() if k != list({expression})[0]}}",
                                "changed")))
        changed.append(st.just((f"{{k.lower(): np.asarray(v).T for k, v in {expression}.items()}}", "changed")))
        changed.append(st.just((f"list({expression}.values())", "changed")))
    elif kind == "list":
        changed.append(st.just((f"tuple({expression})", "changed")))
        changed.append(JUNK.map(lambda j: (f"list({expression})[:1] + [{j}]", "changed")))
    elif kind in ("array", "scalar"):
        changed += [st.just((f"np.asarray({expression}).T", "changed")),
                    st.just((f"np.asarray({expression}).ravel()", "changed")),
                    st.just((f"np.asarray({expression}).reshape(1, -1)", "changed")),
                    st.just((f"np.asarray({expression}, dtype=np.float32)", "changed")),
                    st.just((f"np.asarray({expression}).tolist()", "changed")),
                    st.just((f"np.asarray({expression}).astype(int)", "changed"))]
    if depth:  # inside a returned tuple: junk there is a changed part, not a junk return
        junk = JUNK.map(lambda j: (j, "changed"))
    return st.one_of(same, junk, *changed)


def _output_kind(function):
    outputs = SEED_FUNCTIONS[function].outputs
    kinds = tuple(OUTPUT_KINDS.get(o, "array") for o in outputs)
    return kinds if len(kinds) > 1 else kinds[0]


@st.composite
def variants(draw, function):
    """A Variant of ``function``."""
    kind, parameters, passes, harmless = draw(_signatures(function))
    returns, shape = draw(_reshapings("value", _output_kind(function)))
    return Variant(function, kind, tuple(parameters), tuple(passes), returns, shape, harmless)


SIGNATURE_KINDS = ("course", "renamed", "defaulted", "extra defaulted", "*args", "**kwargs", "extra", "keyword-only",
                   "reordered", "missing")


# ---------------------------------------------------------------- loops that call the file's initialiser

LOOPS_FROM_THE_FILES_INITIALISER = {
    "L_layer_model": '''
def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    parameters = initialize_parameters_deep(layers_dims)
    costs = []
    for i in range(num_iterations):
        AL, caches = __course__.L_model_forward(X, parameters)
        cost = __course__.compute_cost(AL, Y)
        grads = __course__.L_model_backward(AL, Y, caches)
        parameters = __course__.update_parameters(parameters, grads, learning_rate)
        if i % 100 == 0:
            costs.append(cost)
    return parameters, costs
''',
    "two_layer_model": '''
def two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    n_x, n_h, n_y = layers_dims
    parameters = initialize_parameters(n_x, n_h, n_y)
    costs = []
    for i in range(num_iterations):
        AL, caches = __course__.L_model_forward(X, parameters)
        cost = __course__.compute_cost(AL, Y)
        grads = __course__.L_model_backward(AL, Y, caches)
        parameters = __course__.update_parameters(parameters, grads, learning_rate)
        if i % 100 == 0:
            costs.append(cost)
    return parameters, costs
''',
}
INITIALISER_OF = {"initialize_parameters_deep": "L_layer_model", "initialize_parameters": "two_layer_model"}

# Initialisers that draw from numpy's global generator without seeding it (the course's own seed inside).
UNSEEDED_INITIALISERS = {
    "initialize_parameters_deep": '''
def initialize_parameters_deep(layer_dims):
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters["W" + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.01
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters
''',
    "initialize_parameters": '''
def initialize_parameters(n_x, n_h, n_y):
    return {"W1": np.random.randn(n_h, n_x) * 0.01, "b1": np.zeros((n_h, 1)),
            "W2": np.random.randn(n_y, n_h) * 0.01, "b2": np.zeros((n_y, 1))}
''',
}

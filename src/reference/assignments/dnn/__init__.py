"""The cat network of course 1, week 4 ("Building your Deep Neural Network: Step by Step" and
"Deep Neural Network - Application"), as an assignment of the engine.

The contracts (arguments, outputs, call graph, notebook) are the seed table's
(reference.seed_functions). The per-layer functions are declared: their JAX math, which returned
value is which gradient (the course's 1/m on dW and db), the caches the checker builds in the
course's layout. The whole network's functions and the Application's are checked by the
reference.checks modules their rows name (reference/assignments/dnn/custom.py).
"""

from reference.assignments.dnn import custom
from reference.assignments.dnn.points import POINTS
from reference.engine.assignment import Assignment
from reference.engine.declarations import (
    PER_M,
    Function,
    Gradient,
    Lazy,
    Likely,
    Value,
    Variant,
    from_course,
    from_point,
)
from reference.learner import course_modules
from reference.seed_functions import SEED_FUNCTIONS

__all__ = ["ASSIGNMENT"]


def _math(name):
    return Lazy("reference.assignments.dnn.math", name)


def _swapped(activation, other):
    return Likely(f"computed with {other}'s formula, not {activation}'s: are the activations swapped?",
                  _math(f"linear_{other}"))


ACTIVATIONS = (Variant({"activation": "relu"}, " (relu)", _math("linear_relu"),
                       row={"likely": (_swapped("relu", "sigmoid"),)}),
               Variant({"activation": "sigmoid"}, " (sigmoid)", _math("linear_sigmoid"),
                       row={"likely": (_swapped("sigmoid", "relu"),)}))
LINEAR_GRADIENTS = {"dA_prev": Gradient("A_prev"), "dW": Gradient("W", PER_M), "db": Gradient("b", PER_M)}
AT_THE_KINK = {"Z": from_course(lambda v: v["Z_kink"])}  # the activations' forwards are judged at Z == 0 too
COST_SHAPE = ("the course's compute_cost returns a scalar -- its template ends with cost = np.squeeze(cost) "
              "(which turns [[17]] into 17) and asserts cost.shape == ()")

# How each function is judged; its contract comes from the seed table.
JUDGING = {
    "initialize_parameters": dict(check=custom.network_check("initialisers")),
    "initialize_parameters_deep": dict(check=custom.network_check("initialisers")),
    "linear_forward": dict(math=_math("linear"), math_inputs=("A", "W", "b"), math_outputs=("Z",),
                           judge={"Z": Value("Z")},
                           custom=(custom.cache_is(lambda v: (v["A"], v["W"], v["b"]), "cache is not (A, W, b)"),)),
    "sigmoid": dict(math=_math("sigmoid"), math_inputs=("Z",), math_outputs=("A",), judge={"A": Value("A")},
                    alternatives=("A",), prepare=AT_THE_KINK, custom=(custom.activation_cache,)),
    "relu": dict(math=_math("relu"), math_inputs=("Z",), math_outputs=("A",), judge={"A": Value("A")},
                 alternatives=("A",), prepare=AT_THE_KINK, custom=(custom.activation_cache,)),
    "linear_activation_forward": dict(
        math_inputs=("A_prev", "W", "b"), math_outputs=("A",), judge={"A": Value("A")}, variants=ACTIVATIONS,
        custom=(custom.cache_is(lambda v: ((v["A_prev"], v["W"], v["b"]), v["Z"]),
                                "cache is not ((A_prev, W, b), Z)"),)),
    "L_model_forward": dict(check=custom.network_check("model_forward")),
    "compute_cost": dict(math=_math("cost"), math_inputs=("AL", "Y"), math_outputs=("cost",),
                         judge={"cost": Value("cost", shape_words=COST_SHAPE)}),
    "sigmoid_backward": dict(math=_math("sigmoid"), math_inputs=("Z",),
                             cotangent={"out": "dA"}, judge={"dZ": Gradient("Z")},
                             prepare={"cache": from_course(lambda v: v["Z"])}, check=custom.activation_backward),
    "relu_backward": dict(math=_math("relu"), math_inputs=("Z",),
                          cotangent={"out": "dA"}, judge={"dZ": Gradient("Z")},
                          prepare={"cache": from_course(lambda v: v["Z"])}, check=custom.activation_backward),
    "linear_backward": dict(math=_math("linear"), math_inputs=("A_prev", "W", "b"), cotangent={"out": "dZ"},
                            judge=LINEAR_GRADIENTS, prepare={"cache": from_point("A_prev", "W", "b")}),
    "linear_activation_backward": dict(
        math_inputs=("A_prev", "W", "b"), cotangent={"out": "dA"}, judge=LINEAR_GRADIENTS, variants=ACTIVATIONS,
        prepare={"cache": from_course(lambda v: ((v["A_prev"], v["W"], v["b"]), v["Z"]))}),
    "L_model_backward": dict(check=custom.network_check("model_backward")),
    "update_parameters": dict(check=custom.network_check("update")),
    "two_layer_model": dict(check=custom.network_check("loop")),
    "L_layer_model": dict(check=custom.network_check("loop")),
    "predict": dict(check=custom.network_check("predict")),
}


def _row(seed):
    returns = seed.outputs if len(seed.outputs) > 1 else seed.outputs[0]
    return Function(seed.name, seed.arguments, returns, calls=seed.calls, helper=seed.helper,
                    notebook=seed.notebook, home=seed.home, **JUDGING[seed.name])


ASSIGNMENT = Assignment(
    "dnn", "Building your Deep Neural Network: Step by Step, and its Application", "course 1, week 4",
    functions=tuple(_row(seed) for seed in SEED_FUNCTIONS.values()), points=POINTS,
    course_modules=course_modules.contents,
    reference="manual_dnn", versions=("v1-v3 (dA{l} keys)", "v4 on (dA{l-1} keys)", "public_tests", "app-v2", "app-v3"))

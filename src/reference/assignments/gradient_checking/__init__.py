"""Course 2, week 1, "Gradient Checking": the learner writes the checker itself.

1-D: forward_propagation J = theta x and backward_propagation dJ/dtheta = x, judged like any forward
and backward; N-D: the three-layer network's forward_propagation_n and backward_propagation_n (both
handed out by the course, the backward with two planted bugs: custom.backward_n). The checkers,
gradient_check and gradient_check_n, are judged by what they return (custom.checker).
"""

from reference.assignments.gradient_checking import custom
from reference.assignments.gradient_checking.points import POINTS
from reference.engine.assignment import Assignment
from reference.engine.declarations import BY_M, Function, Gradient, Keys, Lazy, Value, from_course

__all__ = ["ASSIGNMENT"]

MATH = "reference.assignments.gradient_checking.math"
NOTEBOOK = "Gradient Checking"
PARAMETERS = ("W1", "b1", "W2", "b2", "W3", "b3")
INTERMEDIATES = ("Z1", "A1", "Z2", "A2", "Z3")
CACHE_POSITIONS = {"Z1": 0, "A1": 1, "Z2": 4, "A2": 5, "Z3": 8}


def _nudge(name):
    return (name, lambda values: 0.0 * values["cache"][CACHE_POSITIONS[name]])


def _constant(name, value):
    return (name, lambda values: value)


def _gc_utils():
    from manual_dnn import gradient_checking as gc

    return {"gc_utils": {name: getattr(gc, name) for name in (
        "sigmoid", "relu", "dictionary_to_vector", "vector_to_dictionary", "gradients_to_vector")}}


def _helper(name, arguments, returns):
    return Function(name, arguments, returns, helper=True, graded=False, notebook=NOTEBOOK)


FUNCTIONS = (
    _helper("dictionary_to_vector", ("parameters",), ("theta", "keys")),
    _helper("vector_to_dictionary", ("theta",), "parameters"),
    _helper("gradients_to_vector", ("gradients",), "theta"),
    Function("forward_propagation", ("x", "theta"), "J", math=Lazy(MATH, "J"), math_inputs=("x", "theta"),
             math_outputs=("J",), judge={"J": Value("J")}, exact_shapes=False, notebook=NOTEBOOK,
             home="manual_dnn.gradient_checking", description="J(theta) = theta x"),
    Function("backward_propagation", ("x", "theta"), "dtheta", math=Lazy(MATH, "J"), math_inputs=("x", "theta"),
             math_outputs=("J",), judge={"dtheta": Gradient("theta")}, exact_shapes=False, notebook=NOTEBOOK,
             home="manual_dnn.gradient_checking", description="dJ/dtheta = x"),
    Function("gradient_check", ("x", "theta", "epsilon"), "difference", calls=("forward_propagation",
             "backward_propagation"), check=custom.checker(("x", "theta", "epsilon")), notebook=NOTEBOOK,
             signatures=(("x", "theta", "epsilon", "print_msg"),), home="manual_dnn.gradient_checking",
             description="the two-sided difference of J against backward_propagation, one number"),
    Function("forward_propagation_n", ("X", "Y", "parameters"), ("cost", "cache"),
             math=Lazy(MATH, "network_loss"), math_inputs=("X", "Y", *PARAMETERS), math_outputs=("cost",),
             judge={"cost": Value("cost")}, exact_shapes=False, graded=False, notebook=NOTEBOOK,
             home="manual_dnn.gradient_checking", description="the three-layer network's cost (handed out)"),
    Function("backward_propagation_n", ("X", "Y", "cache"),
             Keys("dZ3", "dW3", "db3", "dA2", "dZ2", "dW2", "db2", "dA1", "dZ1", "dW1", "db1"),
             math=Lazy(MATH, "network_loss"),
             math_inputs=("X", "Y", *PARAMETERS, _constant("lambd", 0.0), _constant("D1", 1.0), _constant("D2", 1.0),
                          _constant("keep_prob", 1.0), *(_nudge(n) for n in INTERMEDIATES)),
             judge={**{f"d{p}": Gradient(p) for p in PARAMETERS},
                    **{f"d{n}": Gradient(n, BY_M) for n in INTERMEDIATES}},
             prepare={"cache": from_course(lambda values: values["cache"])}, check=custom.backward_n,
             graded=False, notebook=NOTEBOOK, home="manual_dnn.gradient_checking", taylor=True,
             description="handed out with dW2 doubled and db1 quadrupled, for the checker to find"),
    Function("gradient_check_n", ("parameters", "gradients", "X", "Y", "epsilon"), "difference",
             calls=("forward_propagation_n", "dictionary_to_vector", "vector_to_dictionary", "gradients_to_vector"),
             check=custom.checker(("parameters", "gradients", "X", "Y", "epsilon")), notebook=NOTEBOOK,
             signatures=(("parameters", "gradients", "X", "Y", "epsilon", "print_msg"),),
             home="manual_dnn.gradient_checking",
             description="the two-sided difference of every parameter against the gradients given, one number"),
)

ASSIGNMENT = Assignment(
    "gradient_checking", "Gradient Checking", "course 2, week 1", functions=FUNCTIONS, points=POINTS,
    course_modules=_gc_utils, reference="manual_dnn.gradient_checking",
    aliases={"parameters": ("params",), "gradients": ("grads",), "epsilon": ("eps",)},
    explain=Lazy("reference.assignments.gradient_checking.explain", "explain"),
    versions=("2017 (1e-7)", "v1 (2018-2020, 2e-7)", "public_tests (2021-2023, print_msg)", "public_tests-2024"))

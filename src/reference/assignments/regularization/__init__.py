"""Course 2, week 1, "Regularization": L2 regularization and inverted dropout on a three-layer network.

The learner writes four functions; the network itself (``reg_utils``: forward_propagation,
backward_propagation, compute_cost, ...) is the course's, rebuilt from manual_dnn.three_layer.
Each backward is judged on a right cache of its forward's layout, built by manual_dnn (the dropout
one with the course's masks, which the JAX math reads from that cache and holds fixed), so a wrong
forward is never blamed on a backward. The gradients dict's dW and db are gradients of the mean
cost J; its dZ and dA carry no 1/m (gradients of m J): ``BY_M``.
"""

import numpy as np

from reference.assignments.regularization import custom
from reference.assignments.regularization.points import POINTS
from reference.engine.assignment import Assignment
from reference.engine.declarations import BY_M, Function, Gradient, Keys, Lazy, Likely, Value, from_course

__all__ = ["ASSIGNMENT"]

MATH = "reference.assignments.regularization.math"
PARAMETERS = ("W1", "b1", "W2", "b2", "W3", "b3")
INTERMEDIATES = ("Z1", "A1", "Z2", "A2", "Z3")
GRADIENTS = Keys("dZ3", "dW3", "db3", "dA2", "dZ2", "dW2", "db2", "dA1", "dZ1", "dW1", "db1")
NOTEBOOK = "Regularization"
# What a dropout backward gets wrong, by the gradient it computes instead (math.py, _dropped)
DROPOUT_BUGS = (
    Likely("multiplied by keep_prob where the course divides (dA1 = dA1 * D1 / keep_prob): the kept units' "
           "gradient keep_prob² too small per masked layer", Lazy(MATH, "network_loss_times_keep_prob")),
    # first: where a backward neither masks nor scales, its dZ, dW and db equal an unscaled one's (A > 0 masks dZ)
    Likely("not divided by keep_prob (dA1 = dA1 / keep_prob is missing)", Lazy(MATH, "network_loss_unscaled")),
    Likely("dA1 and dA2 never masked by D1, D2 (nor divided by keep_prob): the units the forward dropped get a "
           "gradient", Lazy(MATH, "network_loss_unmasked")),
)


def _zeros_of(name):
    """A nudge: zeros of the intermediate's shape, (n_l, m) (its gradient is the intermediate's)."""
    layer = "W" + name[1]
    return (name, lambda values: np.zeros((values[layer].shape[0], values["X"].shape[1])))


def _network_inputs(D1, D2, keep_prob, lambd):
    """network_loss's inputs: X, Y, the parameters, lambd, the masks and keep_prob, the nudges."""
    return ("X", "Y", *PARAMETERS, lambd, D1, D2, keep_prob, *(_zeros_of(n) for n in INTERMEDIATES))


JUDGED_GRADIENTS = {**{f"d{p}": Gradient(p) for p in PARAMETERS},
                    **{f"d{n}": Gradient(n, BY_M) for n in INTERMEDIATES}}
ONE = ("one", lambda values: 1.0)


def _reg_utils():
    from manual_dnn import three_layer

    def plot_decision_boundary(model, X, y):
        """Draws nothing here: the checker has no screen."""

    def load_2D_dataset(*args, **kwargs):
        raise FileNotFoundError("datasets/data.mat: the course's dataset is not available to the checker")

    names = ("sigmoid", "relu", "initialize_parameters", "forward_propagation", "compute_cost",
             "backward_propagation", "update_parameters", "predict", "predict_dec")
    return {name: getattr(three_layer, name) for name in names} | {
        "plot_decision_boundary": plot_decision_boundary, "load_2D_dataset": load_2D_dataset}


def _course_modules():
    return {"reg_utils": _reg_utils()}


def _helper(name, arguments, returns, calls=()):
    return Function(name, arguments, returns, calls=calls, helper=True, graded=False, notebook=NOTEBOOK)


FUNCTIONS = (
    _helper("sigmoid", ("x",), "s"),
    _helper("relu", ("x",), "s"),
    _helper("initialize_parameters", ("layer_dims",), "parameters"),
    _helper("forward_propagation", ("X", "parameters"), ("A3", "cache"), calls=("relu", "sigmoid")),
    _helper("compute_cost", ("a3", "Y"), "cost"),
    _helper("backward_propagation", ("X", "Y", "cache"), "gradients"),
    _helper("update_parameters", ("parameters", "grads", "learning_rate"), "parameters"),
    _helper("predict", ("X", "y", "parameters"), "p", calls=("forward_propagation",)),
    Function("compute_cost_with_regularization", ("A3", "Y", "parameters", "lambd"), "cost",
             math=Lazy(MATH, "l2_cost"), math_inputs=("A3", "Y", "W1", "W2", "W3", "lambd"), math_outputs=("cost",),
             judge={"cost": Value("cost")}, calls=("compute_cost",), exact_shapes=False, notebook=NOTEBOOK,
             home="manual_dnn.regularization",
             description="the cross-entropy plus (lambd / 2m) times the sum of the W's squares"),
    Function("backward_propagation_with_regularization", ("X", "Y", "cache", "lambd"), GRADIENTS,
             math=Lazy(MATH, "network_loss"), math_inputs=_network_inputs(ONE, ONE, ONE, "lambd"),
             judge=JUDGED_GRADIENTS, prepare={"cache": from_course(lambda values: values["cache"])},
             notebook=NOTEBOOK, home="manual_dnn.regularization", taylor=True,
             description="each dW gains (lambd / m) W; db, dZ, dA do not change"),
    Function("forward_propagation_with_dropout", ("X", "parameters", "keep_prob"), ("A3", "cache"),
             calls=("relu", "sigmoid"), check=custom.dropout_forward, notebook=NOTEBOOK,
             home="manual_dnn.regularization",
             description="masks of 0/1 kept with probability keep_prob, activations divided by keep_prob"),
    Function("backward_propagation_with_dropout", ("X", "Y", "cache", "keep_prob"), GRADIENTS,
             math=Lazy(MATH, "network_loss"),
             math_inputs=_network_inputs(("D1", lambda values: values["dropout_cache"][1]),
                                         ("D2", lambda values: values["dropout_cache"][6]), "keep_prob",
                                         ("lambd", lambda values: 0.0)),
             judge=JUDGED_GRADIENTS, prepare={"cache": from_course(lambda values: values["dropout_cache"])},
             notebook=NOTEBOOK, home="manual_dnn.regularization", taylor=True, likely=DROPOUT_BUGS,
             description="dA1 and dA2 masked by the forward's D1, D2 and divided by keep_prob"),
    Function("model", ("X", "Y", "learning_rate", "num_iterations", "print_cost", "lambd", "keep_prob"), "parameters",
             calls=("initialize_parameters", "forward_propagation", "forward_propagation_with_dropout", "compute_cost",
                    "compute_cost_with_regularization", "backward_propagation",
                    "backward_propagation_with_regularization", "backward_propagation_with_dropout",
                    "update_parameters"),
             helper=True, graded=False, notebook=NOTEBOOK),
)

ASSIGNMENT = Assignment(
    "regularization", "Regularization", "course 2, week 1", functions=FUNCTIONS, points=POINTS,
    course_modules=_course_modules, reference="manual_dnn.regularization",
    aliases={"A3": ("a3", "AL"), "parameters": ("params",), "lambd": ("lambda_", "lam")},
    explain=Lazy("reference.assignments.regularization.explain", "explain"),
    versions=("2017 (testCases)", "v2a (2019-2020)", "public_tests (2021-2024)"))

"""Course 1, week 3, "Planar data classification with one hidden layer": LINEAR -> TANH -> LINEAR ->
SIGMOID, trained by nn_model.

backward_propagation's grads are the gradients of the mean cost (the 1/m inside), judged at the cache
the network's forward makes; nn_model is judged by where it goes (JAX's gradient descent from where
it starts, at update_parameters' default learning rate 1.2, which it does not take as an argument),
for 1 and 21 steps: at that rate the loss later falls off a saddle, where rounding grows by ten orders
of magnitude within a hundred steps and no trajectory can be compared.
"""

from manual_dnn import planar as _planar
from reference.assignments.planar import custom
from reference.assignments.planar.points import POINTS
from reference.engine.assignment import Assignment
from reference.engine.declarations import Function, Gradient, Keys, Lazy, Value, from_course
from reference.engine.descent import descent
from reference.engine.initialisers import initialiser

__all__ = ["ASSIGNMENT"]

MATH = "reference.assignments.planar.math"
NOTEBOOK = "Planar data classification"
PARAMETERS = ("W1", "b1", "W2", "b2")


def _scaled(dims):
    import numpy as np

    rng = np.random.RandomState(2)
    return {"randn * 0.01, np.random.seed(2) (the course's)": {
        f"W{l}": rng.randn(dims[l], dims[l - 1]) * 0.01 for l in (1, 2)}}


def _planar_utils():
    from manual_dnn import planar_data
    from manual_dnn.logistic_regression import sigmoid

    def plot_decision_boundary(model, X, y):
        """Draws nothing here: the checker has no screen."""

    return {"planar_utils": {"sigmoid": sigmoid, "load_planar_dataset": planar_data.load_planar_dataset,
                             "plot_decision_boundary": plot_decision_boundary}}


def _read_parameters(value):
    if not isinstance(value, dict):
        raise ValueError("expected the parameters dict")
    return value, None, None


FUNCTIONS = (
    Function("sigmoid", ("x",), "s", helper=True, graded=False, notebook=NOTEBOOK),
    Function("layer_sizes", ("X", "Y"), ("n_x", "n_h", "n_y"), check=custom.layer_sizes, notebook=NOTEBOOK,
             home="manual_dnn.planar", description="(X's rows, 4, Y's rows)"),
    Function("initialize_parameters", ("n_x", "n_h", "n_y"), "parameters",
             check=initialiser(lambda v: [v["n_x"], v["n_h"], v["n_y"]], _scaled), notebook=NOTEBOOK,
             home="manual_dnn.planar", description="W randn * 0.01, b zeros"),
    Function("forward_propagation", ("X", "parameters"), ("A2", "cache"), math=Lazy(MATH, "forward"),
             math_inputs=("X", *PARAMETERS), math_outputs=("A2", "Z1", "A1", "Z2"), judge={"A2": Value("A2")},
             custom=(custom.cache_entries,), calls=("sigmoid",), notebook=NOTEBOOK, home="manual_dnn.planar",
             description="A2 = sigmoid(W2 tanh(W1 X + b1) + b2), and the cache dict"),
    Function("compute_cost", ("A2", "Y"), "cost", math=Lazy(MATH, "cost"), math_inputs=("A2", "Y"),
             math_outputs=("cost",), judge={"cost": Value("cost", near=1e-6)},
             signatures=(("A2", "Y", "parameters"),), notebook=NOTEBOOK, home="manual_dnn.planar",
             description="the cross-entropy, a number"),
    Function("backward_propagation", ("parameters", "cache", "X", "Y"), Keys("dW1", "db1", "dW2", "db2"),
             math=Lazy(MATH, "network_cost"), math_inputs=(*PARAMETERS, "X", "Y"),
             judge={f"d{p}": Gradient(p) for p in PARAMETERS},
             prepare={"cache": from_course(lambda v: _planar.forward_propagation(v["X"], v["parameters"])[1])},
             needs=("forward_propagation",), notebook=NOTEBOOK, home="manual_dnn.planar", taylor=True,
             description="dZ2 = A2 - Y, dZ1 = W2.T dZ2 * (1 - A1**2), each dW and db over m"),
    Function("update_parameters", ("parameters", "grads", "learning_rate"), Keys(*PARAMETERS),
             math=Lazy(MATH, "update"), math_inputs=(*PARAMETERS, *(("d" + p, lambda v, p=p: v["grads"]["d" + p])
                                                                   for p in PARAMETERS), "learning_rate"),
             math_outputs=PARAMETERS, judge={p: Value(p) for p in PARAMETERS}, mutable=("parameters",),
             notebook=NOTEBOOK, home="manual_dnn.planar",
             description="each parameter minus the rate times its gradient"),
    Function("nn_model", ("X", "Y", "n_h", "num_iterations", "print_cost"), "parameters",
             calls=("layer_sizes", "initialize_parameters", "forward_propagation", "compute_cost",
                    "backward_propagation", "update_parameters"),
             check=descent(cost=Lazy(MATH, "network_cost"), parameters=PARAMETERS, data=("X", "Y"),
                           read=_read_parameters, rate=None, learning_rate=1.2, steps=(1, 21)),
             notebook=NOTEBOOK, home="manual_dnn.planar", description="gradient descent at rate 1.2"),
    Function("predict", ("parameters", "X"), "predictions", math=Lazy(MATH, "predict"),
             math_inputs=("X", *PARAMETERS), math_outputs=("predictions",), judge={"predictions": Value("predictions")},
             custom=(custom.boolean_predictions,), calls=("forward_propagation",), notebook=NOTEBOOK,
             home="manual_dnn.planar", description="A2 > 0.5"),
)

ASSIGNMENT = Assignment(
    "planar", "Planar data classification with one hidden layer", "course 1, week 3", functions=FUNCTIONS,
    points=POINTS, course_modules=_planar_utils, reference="manual_dnn.planar",
    aliases={"parameters": ("params",), "learning_rate": ("lr", "alpha")},
    explain=Lazy("reference.assignments.planar.explain", "explain"),
    versions=("v1 (2017)", "v2-v6c (compute_cost with parameters)", "public_tests (2021 on)"))

"""Course 1, week 2, "Logistic Regression with a Neural Network mindset": one sigmoid unit.

propagate's dw and db are gradients of the mean cost (the 1/m inside), its cost the cost; optimize
and model are judged by where they go (JAX's gradient descent from where they start: the w and b
optimize is given, model's zeros; both fail at 0 iterations in every course version, their last
step's gradients being unbound).
"""

import numpy as np

from reference.assignments.logistic_regression import custom
from reference.assignments.logistic_regression.points import POINTS
from reference.engine.assignment import Assignment
from reference.engine.declarations import Function, Gradient, Keys, Lazy, Value
from reference.engine.descent import descent

__all__ = ["ASSIGNMENT"]

MATH = "reference.assignments.logistic_regression.math"
NOTEBOOK = "Logistic Regression"
COST = Lazy(MATH, "cost")


def _lr_utils():
    def load_dataset():
        raise FileNotFoundError("datasets/train_catvnoncat.h5: the checker does not load the course's data here")
    return {"lr_utils": {"load_dataset": load_dataset}}


FUNCTIONS = (
    Function("sigmoid", ("z",), "s", math=Lazy(MATH, "sigmoid"), math_inputs=("z",), math_outputs=("s",),
             judge={"s": Value("s")}, notebook=NOTEBOOK, home="manual_dnn.logistic_regression",
             description="1 / (1 + exp(-z)), elementwise"),
    Function("initialize_with_zeros", ("dim",), ("w", "b"), check=custom.initialize_with_zeros, notebook=NOTEBOOK,
             home="manual_dnn.logistic_regression", description="w (dim, 1) zeros, b 0.0"),
    Function("propagate", ("w", "b", "X", "Y"), (Keys("dw", "db"), "cost"), math=COST,
             math_inputs=("w", "b", "X", "Y"), math_outputs=("cost",), calls=("sigmoid",),
             judge={"dw": Gradient("w"), "db": Gradient("b", exact_shape=False), "cost": Value("cost")},
             notebook=NOTEBOOK, home="manual_dnn.logistic_regression", taylor=True,
             description="the cost and its gradients dw = X (A - Y).T / m, db = sum(A - Y) / m"),
    Function("optimize", ("w", "b", "X", "Y", "num_iterations", "learning_rate", "print_cost"),
             ("params", "grads", "costs"), calls=("propagate",),
             check=descent(cost=COST, parameters=("w", "b"), data=("X", "Y"), read=custom.read_optimize,
                           start=lambda values: {"w": values["w"], "b": values["b"]}),
             notebook=NOTEBOOK, home="manual_dnn.logistic_regression",
             description="gradient descent from the w, b given, the cost every 100 iterations"),
    Function("predict", ("w", "b", "X"), "Y_prediction", math=Lazy(MATH, "predict"), math_inputs=("w", "b", "X"),
             math_outputs=("Y_prediction",), judge={"Y_prediction": Value("Y_prediction")}, calls=("sigmoid",),
             notebook=NOTEBOOK, home="manual_dnn.logistic_regression",
             description="1.0 where sigmoid(w.T X + b) > 0.5, else 0.0, shape (1, m)"),
    Function("model", ("X_train", "Y_train", "X_test", "Y_test", "num_iterations", "learning_rate", "print_cost"),
             "d", calls=("initialize_with_zeros", "optimize", "predict"),
             check=descent(cost=COST, parameters=("w", "b"), data=("X_train", "Y_train"), read=custom.read_model,
                           start=lambda values: {"w": np.zeros((values["dim"], 1)), "b": np.float64(0.0)},
                           also=custom.model_predictions),
             notebook=NOTEBOOK, home="manual_dnn.logistic_regression",
             description="optimize from zeros, then predict both sets"),
)

ASSIGNMENT = Assignment(
    "logistic_regression", "Logistic Regression with a Neural Network mindset", "course 1, week 2",
    functions=FUNCTIONS, points=POINTS, course_modules=_lr_utils, reference="manual_dnn.logistic_regression",
    aliases={"learning_rate": ("lr", "alpha"), "num_iterations": ("iterations", "num_iters")},
    explain=Lazy("reference.assignments.logistic_regression.explain", "explain"),
    versions=("v1-v4", "v5-v6a", "public_tests (2021 on)"))

"""Course 2, week 1, "Initialization": three initialisers of the three-layer network and no backward.

Judged by the dicts they return (reference.engine.initialisers): keys, shapes, zero biases, finite
values; zeros must be all zeros (its identical rows are the lesson), random and He must break the
symmetry; which scale and seed each draws, and whether it seeds numpy itself, is reported, not judged.
"""

import numpy as np

from reference.engine.assignment import Assignment
from reference.engine.declarations import Function
from reference.engine.initialisers import initialiser
from reference.engine.points import Points

__all__ = ["ASSIGNMENT"]

NOTEBOOK = "Initialization"
LAYERS = [3, 4, 2, 1]  # unequal sizes: a transposed W or a fan-out scale shows


def _scaled(dims, seed, scale, words):
    rng = np.random.RandomState(seed)
    return {words: {f"W{l}": rng.randn(dims[l], dims[l - 1]) * scale(dims[l - 1]) for l in range(1, len(dims))}}


def _random(dims):
    return _scaled(dims, 3, lambda n: 10, "randn * 10, np.random.seed(3) (the course's)")


def _he(dims):
    words = "randn * sqrt(2 / n_{l-1}), np.random.seed(3) (He's, the course's)"
    return _scaled(dims, 3, lambda n: np.sqrt(2 / n), words)


def _init_utils():
    from manual_dnn import three_layer

    names = ("sigmoid", "relu", "forward_propagation", "backward_propagation", "update_parameters", "predict",
             "predict_dec")
    return {"init_utils": {name: getattr(three_layer, name) for name in names}
            | {"compute_loss": three_layer.compute_cost}}


def _dims(values):
    return values["layers_dims"]


FUNCTIONS = (
    Function("initialize_parameters_zeros", ("layers_dims",), "parameters", check=initialiser(_dims, zeros=True),
             notebook=NOTEBOOK, home="manual_dnn.three_initializations", description="every W and b zero"),
    Function("initialize_parameters_random", ("layers_dims",), "parameters", check=initialiser(_dims, _random),
             notebook=NOTEBOOK, home="manual_dnn.three_initializations", description="W = randn * 10, b = 0"),
    Function("initialize_parameters_he", ("layers_dims",), "parameters", check=initialiser(_dims, _he),
             notebook=NOTEBOOK, home="manual_dnn.three_initializations",
             description="W = randn * sqrt(2 / n_{l-1}), b = 0"),
    Function("model", ("X", "Y", "learning_rate", "num_iterations", "print_cost", "initialization"), "parameters",
             calls=("initialize_parameters_zeros", "initialize_parameters_random", "initialize_parameters_he"),
             helper=True, graded=False, notebook=NOTEBOOK),
)

ASSIGNMENT = Assignment(
    "initialization", "Initialization", "course 2, week 1", functions=FUNCTIONS,
    points=Points(sizes={}, fixed={}, build=lambda sizes, rng: {"layers_dims": list(LAYERS)}),
    course_modules=_init_utils, reference="manual_dnn.three_initializations",
    versions=("2017 (He at [2, 4, 1])", "public_tests (He at [3, 1, 2])"))

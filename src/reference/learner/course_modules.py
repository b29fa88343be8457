"""The course's utility modules, as a learner's file imports them, rebuilt from manual_dnn.

"Step by Step" gave learners ``dnn_utils`` (the activations and their
derivatives); "Application" gave ``dnn_app_utils_v3`` (or ``_v2``): every
Step-by-Step function, solved, plus ``load_data``. Where the course's own
helper behaves differently from manual_dnn, the version here behaves like the
course's, so that a loop written against the course's helpers runs the same.
"""

import types

import manual_dnn as md
from manual_dnn.data import load_data as _load_data
from reference.seed_functions import HELPERS

__all__ = ["COURSE_MODULE_NAMES", "course_modules", "supplied_functions", "contents"]


def initialize_parameters_deep(layer_dims):
    """dnn_app_utils' version: randn / sqrt(n_{l-1}) after np.random.seed(1)."""
    return md.initialize_parameters_deep(layer_dims, scaled=True, seed=1)


def update_parameters(parameters, grads, learning_rate):
    """dnn_app_utils' version writes the new arrays into the caller's dict and
    returns it, so a loop that forgets to assign the result still learns there."""
    parameters.update(md.update_parameters(parameters, grads, learning_rate))
    return parameters


def load_data():
    """Reads datasets/*.h5 under the working directory, as the course's does."""
    return _load_data("datasets")


def print_mislabeled_images(classes, X, y, p):
    """Draws nothing here: the checker has no screen."""


_ACTIVATIONS = {name: getattr(md, name) for name in HELPERS}
_APPLICATION = {
    **_ACTIVATIONS,
    **{name: getattr(md, name) for name in (
        "initialize_parameters", "linear_forward", "linear_activation_forward", "L_model_forward", "compute_cost",
        "linear_backward", "linear_activation_backward", "L_model_backward", "predict")},
    "initialize_parameters_deep": initialize_parameters_deep,
    "update_parameters": update_parameters,
    "load_data": load_data,
    "print_mislabeled_images": print_mislabeled_images,
}
_MODULES = {"dnn_utils": _ACTIVATIONS, "dnn_utils_v2": _ACTIVATIONS,
            "dnn_app_utils": _APPLICATION, "dnn_app_utils_v2": _APPLICATION, "dnn_app_utils_v3": _APPLICATION}
COURSE_MODULE_NAMES = tuple(_MODULES)


def course_modules():
    """{module name: a fresh module object}, to put in sys.modules while a learner's file loads."""
    modules = {}
    for name, contents in _MODULES.items():
        module = types.ModuleType(name, f"The course's {name}, rebuilt by manual-dnn's checker.")
        module.__dict__.update(contents)
        modules[name] = module
    return modules


def supplied_functions():
    """{name: object} of every function these modules supply: a learner's seed
    function that *is* one of these objects was supplied, not written."""
    return dict(_APPLICATION)


def contents():
    """{module name: {name: object}}: what each of the course's modules holds."""
    return {name: dict(members) for name, members in _MODULES.items()}

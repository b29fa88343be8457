"""Loading a course 2 week 1 corpus file in this process, for the corpus sanity test only.

Not the checker (the engine loads learners' files in its sandbox); just enough to call a file's
functions: each top-level import and definition is run on its own (a failing import is skipped), the
rest (test-case cells, training runs, plots) is not run at all. The course's helper modules the files
import are stand-ins built from manual_dnn, with the names course_modules.md lists; the names the
notebook's first cell gave (np and the helpers) are there already, as the checker will supply them.
"""

import ast
import types
from pathlib import Path
from unittest import mock

import numpy as np

from manual_dnn import gradient_checking, three_layer
from reference.learner.source import code_cells

HERE = Path(__file__).resolve().parent
NETWORK = ("sigmoid", "relu", "initialize_parameters", "forward_propagation", "backward_propagation", "compute_cost",
           "update_parameters", "predict", "predict_dec")
GC_UTILS = ("sigmoid", "relu", "dictionary_to_vector", "vector_to_dictionary", "gradients_to_vector")


def _no_data(*args, **kwargs):
    raise FileNotFoundError("datasets/data.mat: the corpus sanity test has no data")


def _draw_nothing(*args, **kwargs):
    return None


def _init_utils_backward(X, Y, cache):
    """init_utils' backward: lower-case keys, the 1/m folded into dz3 (so into every dz and da)."""
    m = X.shape[1]
    grads = three_layer.backward_propagation(X, Y, cache)
    renamed = {key[:2].lower() + key[2:] if key[1] in "ZA" else key: value for key, value in grads.items()}
    return {key: value / m if key[1] in "za" else value for key, value in renamed.items()}


def _stand_ins():
    network = {name: getattr(three_layer, name) for name in NETWORK}
    contents = {
        "reg_utils": {**network, "load_2D_dataset": _no_data, "plot_decision_boundary": _draw_nothing},
        "init_utils": {**network, "compute_loss": three_layer.compute_cost,
                       "backward_propagation": _init_utils_backward,
                       "load_dataset": _no_data, "plot_decision_boundary": _draw_nothing},
        "gc_utils": {name: getattr(gradient_checking, name) for name in GC_UTILS},
        "testCases": {},
        "public_tests": {},
    }
    modules = {}
    for name, names in contents.items():
        module = types.ModuleType(name, "a stand-in for the course's module, built from manual_dnn")
        module.__dict__.update(names)
        modules[name] = module
    return modules


FIRST_CELL = {"reg_utils": NETWORK, "gc_utils": GC_UTILS, "init_utils": ()}


def load(path, first_cell="reg_utils"):
    """{name: value} of a file's imports and definitions, in a namespace that has np and the helpers already."""
    modules = _stand_ins()
    namespace = {"__name__": "learner", "np": np}
    namespace.update({name: getattr(modules[first_cell], name) for name in FIRST_CELL[first_cell]})
    with mock.patch.dict("sys.modules", modules):
        for _, source in code_cells(Path(path)):
            for node in parse(source).body:
                if isinstance(node, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.ClassDef)) or _constant(node):
                    try:
                        exec(compile(ast.Module([node], []), str(path), "exec"), namespace)
                    except ImportError:
                        pass
    return namespace


def _constant(node):
    """Whether ``node`` binds names to a literal (WEIGHTS = ("W1", "W2", "W3"))."""
    if not isinstance(node, ast.Assign):
        return False
    try:
        ast.literal_eval(node.value)
    except ValueError:
        return False
    return True


def parse(source):
    """The cell's source as an AST; IPython magics were turned into Python by code_cells."""
    return ast.parse(source)

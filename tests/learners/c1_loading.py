"""A course 1 corpus file's functions, read in this process for the sanity tests (not the checker's loader).

Only definitions are kept: function and class definitions, the imports of numpy, copy and math, a
constant or an instance of the file's own class assigned at the top level. Test cells, training
runs and the course's helper modules (lr_utils, planar_utils, testCases, public_tests) are left
out; ``np`` and ``copy`` are supplied, as the notebook's first cell did, and planar_utils'
``sigmoid`` where the file imports it from there.
"""

import ast
import tokenize
from pathlib import Path

import nbformat
import numpy as np
from IPython.core.inputtransformer2 import TransformerManager

from manual_dnn.logistic_regression import sigmoid as course_sigmoid

KEPT_MODULES = {"numpy", "copy", "math"}


def source_cells(path):
    """The file's code as Python source, one string per notebook cell (one for a .py file)."""
    path = Path(path)
    if path.suffix == ".ipynb":
        notebook = nbformat.read(path, as_version=4)
        transform = TransformerManager().transform_cell
        return [transform(cell.source) for cell in notebook.cells if cell.cell_type == "code"]
    with tokenize.open(path) as f:  # honours a coding line or a BOM, as Python does
        return [f.read()]


def _kept(node, classes):
    if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
        return True
    if isinstance(node, ast.Import):
        return all(alias.name.split(".")[0] in KEPT_MODULES for alias in node.names)
    if isinstance(node, ast.ImportFrom):
        return (node.module or "").split(".")[0] in KEPT_MODULES
    if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
        return True
    return (isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)
            and isinstance(node.value.func, ast.Name) and node.value.func.id in classes)


def _imports_course_sigmoid(tree):
    return any(isinstance(node, ast.ImportFrom) and node.module == "planar_utils"
               and any(alias.name == "sigmoid" for alias in node.names) for node in tree.body)


def load(path):
    """The namespace the file's definitions make."""
    namespace = {"np": np, "copy": __import__("copy"), "__name__": "learner"}
    for source in source_cells(path):
        tree = ast.parse(source, filename=str(path))
        if _imports_course_sigmoid(tree):
            namespace["sigmoid"] = course_sigmoid
        classes = {node.name for node in tree.body if isinstance(node, ast.ClassDef)}
        kept = ast.Module(body=[node for node in tree.body if _kept(node, classes)], type_ignores=[])
        exec(compile(kept, str(path), "exec"), namespace)
    return namespace


def find(namespace, name):
    """The file's function ``name``: at the top level, a static method of a class, or a method
    of an instance the file creates; None when the file has none."""
    candidate = namespace.get(name)
    if callable(candidate) and not isinstance(candidate, type):
        return candidate
    for value in list(namespace.values()):
        if isinstance(value, type) and isinstance(value.__dict__.get(name), staticmethod):
            return getattr(value, name)
    for value in list(namespace.values()):
        if not isinstance(value, type) and name in type(value).__dict__ and callable(getattr(value, name)):
            return getattr(value, name)
    return None

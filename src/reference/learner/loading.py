"""What the checker checks: the seed's functions, found in a module, a .py
file, a Jupyter notebook or a mapping (such as a notebook's ``globals()``).

A learner's file often uses sigmoid, relu, sigmoid_backward and relu_backward
without defining them: the course supplied them from a utility module
(``from dnn_utils import ...``). They are supplied here the same way, from
manual_dnn, and reported as supplied rather than checked.
"""

import ast
import contextlib
import io
import sys
import types
from pathlib import Path

from reference.learner.implementation import Implementation, ImplementationError
from reference.learner.source import code_cells
from reference.seed_functions import HELPERS, SEED_FUNCTIONS

__all__ = ["ImplementationError", "load_implementation"]

# The course's utility modules, as a learner's file imports them.
HELPER_MODULES = ("dnn_utils", "dnn_utils_v2", "dnn_app_utils_v2", "dnn_app_utils_v3")


def _helpers():
    import manual_dnn

    return {name: getattr(manual_dnn, name) for name in HELPERS}


def from_mapping(mapping, label="mapping", supplied=None):
    supplied = supplied or {}
    functions, own_supplied, missing = {}, [], []
    for name in SEED_FUNCTIONS:
        value = mapping.get(name)
        if value is None:
            missing.append(name)
        elif supplied.get(name) is value:
            own_supplied.append(name)
        elif callable(value):
            functions[name] = value
        else:
            missing.append(name)
    return Implementation(label, functions, own_supplied, missing)


def _statements(path, where, source, strict):
    """Each top-level statement compiled on its own, so one failing line
    (a test-case call, an import of the course's testCases) spares the rest."""
    try:
        tree = ast.parse(source, filename=where or path)
    except SyntaxError as error:
        if error.lineno is None:  # e.g. null bytes: not source code at all
            raise ImplementationError(f"{path}: not a Python source file ({error.msg})") from None
        if strict:
            raise ImplementationError(f"{path}: {where}line {error.lineno}: {error.msg}") from None
        return [], [f"{where}line {error.lineno}: SyntaxError: {error.msg} (the whole cell)"]
    except ValueError as error:  # null bytes, on older Pythons
        raise ImplementationError(f"{path}: not a Python source file ({error})") from None
    return [(node.lineno, compile(ast.Module([node], []), str(path), "exec")) for node in tree.body], []


def from_path(path):
    """Run a learner's .py file or .ipynb notebook and collect its seed functions.

    Top-level statements that fail are skipped and listed (a learner's file
    usually ends in test-case calls that need the course's files); the
    function definitions around them still count.
    """
    path = Path(path)
    if not path.is_file():
        raise ImplementationError(f"{path}: no such file")
    helpers = _helpers()
    skipped, programs = [], []
    for where, source in code_cells(path):
        statements, problems = _statements(path, where, source, strict=path.suffix != ".ipynb")
        programs += [(where, line, code) for line, code in statements]
        skipped += problems
    namespace = {"__name__": "learner_implementation", "__file__": str(path), **helpers}
    shims = {name: types.ModuleType(name) for name in HELPER_MODULES}
    for shim in shims.values():
        shim.__dict__.update(helpers)
    saved = {name: sys.modules.get(name) for name in shims}
    sys.modules.update(shims)
    sys.path.insert(0, str(path.parent))
    output = io.StringIO()
    try:
        with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
            for where, line, code in programs:
                try:
                    exec(code, namespace)
                except (Exception, SystemExit) as error:
                    message = str(error).splitlines()[0] if str(error) else ""
                    skipped.append(f"{where}line {line}: {type(error).__name__}: {message}".rstrip(": "))
    finally:
        sys.path.remove(str(path.parent))
        for name, module in saved.items():
            if module is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = module
    implementation = from_mapping(namespace, str(path), helpers)
    implementation.output = output.getvalue()
    implementation.skipped = skipped
    return implementation


def load_implementation(source):
    """A module, a path to a .py file or .ipynb notebook, or a mapping -> Implementation.

    A path is loaded and called in a sandboxed child process (reference.learner.sandbox);
    modules and mappings (a notebook's ``globals()``) stay in this process.
    """
    if isinstance(source, Implementation):
        return source
    if isinstance(source, types.ModuleType):
        return from_mapping(vars(source), source.__name__)
    if isinstance(source, (str, Path)):
        from reference.learner.sandbox import open_sandboxed

        return open_sandboxed(source)
    if hasattr(source, "get"):
        return from_mapping(source, "mapping")
    raise ImplementationError(f"cannot check {type(source).__name__}: give a module, a .py path or a mapping")

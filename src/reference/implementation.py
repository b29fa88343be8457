"""What the checker checks: the seed's functions, found in a module, a .py
file or a mapping (such as a notebook's ``globals()``).

A learner's file often uses sigmoid, relu, sigmoid_backward and relu_backward
without defining them: the course supplied them from a utility module
(``from dnn_utils import ...``). They are supplied here the same way, from
manual_dnn, and reported as supplied rather than checked.
"""

import contextlib
import io
import sys
import types
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["SEED_FUNCTIONS", "HELPERS", "Implementation", "ImplementationError", "load_implementation"]

SEED_FUNCTIONS = (
    "linear_forward",
    "sigmoid",
    "relu",
    "linear_activation_forward",
    "L_model_forward",
    "compute_cost",
    "sigmoid_backward",
    "relu_backward",
    "linear_backward",
    "linear_activation_backward",
    "L_model_backward",
    "update_parameters",
)
HELPERS = ("sigmoid", "relu", "sigmoid_backward", "relu_backward")
# The course's utility modules, as a learner's file imports them.
HELPER_MODULES = ("dnn_utils", "dnn_utils_v2", "dnn_app_utils_v2", "dnn_app_utils_v3")


class ImplementationError(Exception):
    """The implementation could not be loaded (one line, for exit code 2)."""


@dataclass
class Implementation:
    label: str
    functions: dict  # name -> callable, for the seed's functions it defines
    supplied: list = field(default_factory=list)  # helpers the checker provided
    missing: list = field(default_factory=list)
    output: str = ""  # what loading printed (captured)


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


def from_path(path):
    path = Path(path)
    if not path.is_file():
        raise ImplementationError(f"{path}: no such file")
    try:
        source = path.read_text(encoding="utf-8")
        code = compile(source, str(path), "exec")
    except SyntaxError as error:
        raise ImplementationError(f"{path}: line {error.lineno}: {error.msg}") from None
    except (UnicodeDecodeError, ValueError) as error:
        raise ImplementationError(f"{path}: not a Python source file ({error})") from None
    helpers = _helpers()
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
            exec(code, namespace)
    except (Exception, SystemExit) as error:
        raise ImplementationError(
            f"{path}: running it raised {type(error).__name__}: {error}".splitlines()[0]
        ) from None
    finally:
        sys.path.remove(str(path.parent))
        for name, module in saved.items():
            if module is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = module
    implementation = from_mapping(namespace, str(path), helpers)
    implementation.output = output.getvalue()
    return implementation


def load_implementation(source):
    """A module, a path to a .py file, or a mapping -> Implementation."""
    if isinstance(source, types.ModuleType):
        return from_mapping(vars(source), source.__name__)
    if isinstance(source, (str, Path)):
        return from_path(source)
    if hasattr(source, "get"):
        return from_mapping(source, "mapping")
    raise ImplementationError(f"cannot check {type(source).__name__}: give a module, a .py path or a mapping")

"""Code written for Python 2 or NumPy 1 that runs differently, or not at all, here: what an exception
raised by such code means, in one sentence a learner can act on. (NumPy 1 turned a one-element array
such as course 4's bias b (1, 1, 1) into a number wherever one was needed -- float(b), Z[i, h, w, c] =
s + b; NumPy 1.25 deprecated that and NumPy 2.4 refuses it.)

    hint_for(call)  # -> "H_new = 1 + (H + 2 * pad - HH) / stride (line 314) is a float in Python 3 ..."

Read from the exception (its type, message, file and line) and, for Python 2's ``/``, the learner's
own source: the line that failed uses a name that an earlier line of the same function computed with
``/``, which divided integers exactly in Python 2 and gives a float in Python 3.
"""

import ast
import linecache
import re

import numpy as np

__all__ = ["hint_for"]

# What NumPy 2 (and 1.24/1.25 before it) removed, as the message names it -> what to write instead.
REMOVED = {"float": "float", "int": "int", "bool": "bool", "object": "object", "complex": "complex", "str": "str",
           "long": "int", "unicode": "str", "asscalar": "x.item()", "alltrue": "np.all", "sometrue": "np.any",
           "product": "np.prod", "cumproduct": "np.cumprod", "NaN": "np.nan", "Inf": "np.inf", "NINF": "-np.inf",
           "float_": "np.float64", "infty": "np.inf", "row_stack": "np.vstack"}
PYTHON2_NAMES = {"xrange": "range", "unicode": "str", "raw_input": "input", "long": "int", "basestring": "str",
                 "unichr": "chr", "reduce": "functools.reduce"}
INTEGER_NEEDED = ("cannot be interpreted as an integer", "expected a sequence of integers", "slice indices must be",
                  "only integers, slices", "must be an integer", "integer argument expected")


def hint_for(call):
    """A sentence on what the failure of ``call`` (a Call) means when old code caused it, else None."""
    kind, message = call.error_type or "", call.error_message or ""
    if kind == "NameError":
        found = re.search(r"name '(\w+)' is not defined", message)
        if found and found.group(1) in PYTHON2_NAMES:
            return (f"{found.group(1)} is Python 2's; this is Python 3, where it is "
                    f"{PYTHON2_NAMES[found.group(1)]}: the file was written for Python 2")
    if kind == "AttributeError":
        found = re.search(r"module 'numpy' has no attribute '(\w+)'|`np\.(\w+)` was removed", message)
        name = found and (found.group(1) or found.group(2))
        if name in REMOVED:
            return (f"np.{name} was removed from NumPy (1.24 and 2.0): write {REMOVED[name]} "
                    "instead; the file was written for NumPy 1")
        found = re.search(r"module 'numpy\.lib' has no attribute '(\w+)'", message)
        if found and hasattr(np, found.group(1)):  # NumPy 2 keeps np.lib's old aliases (np.lib.pad) at np only
            return (f"np.lib.{found.group(1)} is gone since NumPy 2.0: write np.{found.group(1)} "
                    "instead; the file was written for NumPy 1")
    if kind == "TypeError" and "only 0-dimensional arrays can be converted to Python scalars" in message:
        return (f"NumPy-1 code that NumPy {np.__version__} refuses: float() or int() of an array with more than "
                "zero dimensions, even one holding a single number such as the bias b of shape (1, 1, 1) "
                "(deprecated in NumPy 1.25, an error since 2.4); take the number out first: float(b.item()) or "
                "np.squeeze(b)")
    if kind == "ValueError" and message.startswith("setting an array element with a sequence") \
            and re.search(r"\]\s*=[^=]", call.error_source or ""):
        return (f"if the value stored holds a single number (an array of shape (1, 1, 1), say), this is NumPy-1 "
                f"code that NumPy {np.__version__} refuses: one entry takes a number, not an array (deprecated in "
                "NumPy 1.25, an error since 2.4); store value.item() or np.squeeze(value), or return a float from "
                "the function that made it; if it holds several numbers, its shape is wrong")
    if kind == "ValueError" and "inhomogeneous shape" in message:
        return (f"NumPy-1 code that NumPy {np.__version__} refuses: an array built from pieces of different shapes (a "
                "list of caches, a tuple of arrays) was an object array with a warning before NumPy 1.24 and is an "
                "error since; keep such pieces in a list (caches.append(cache), not np.append(caches, cache))")
    if kind == "TypeError" and "newshape" in message:
        return "NumPy 2 renamed reshape's newshape= to shape=: write np.reshape(x, shape) (positionally)"
    if kind == "TypeError" and any(words in message for words in INTEGER_NEEDED):
        return _true_division(call)
    return None


def _true_division(call):
    """The line, earlier in the same function, that made a float with ``/`` of a name the failing line uses."""
    if not (call.error_file and call.error_line) or call.error_cell is not None:
        return None
    lines = linecache.getlines(call.error_file)
    try:
        tree = ast.parse("".join(lines))
    except (SyntaxError, ValueError):
        return None
    failing = call.error_line
    function = next((node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)
                     and node.lineno <= failing <= (node.end_lineno or node.lineno)), None)
    if function is None:
        return None
    used = {n.id for n in ast.walk(ast.Module(body=[s for s in function.body if s.lineno <= failing
                                                    <= (s.end_lineno or s.lineno)], type_ignores=[]))
            if isinstance(n, ast.Name)}
    for node in ast.walk(function):
        if isinstance(node, ast.Assign) and node.lineno < failing and any(
                isinstance(t, ast.Name) and t.id in used for t in node.targets) and any(
                isinstance(n, ast.BinOp) and isinstance(n.op, ast.Div) for n in ast.walk(node.value)):
            text = lines[node.lineno - 1].strip()
            return (f"{text} (line {node.lineno}) makes a float in Python 3, where / always divides exactly; "
                    "Python 2's / gave an integer here: write // (the file was written for Python 2)")
    return None

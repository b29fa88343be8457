"""Code written for an older NumPy that the NumPy here refuses: named as such, with the fix.

Learners' files of 2017-2023 ran on NumPy 1.x, where a one-element array such as the course's
bias ``b[:, :, :, c]`` of shape (1, 1, 1) became a number wherever one was needed (``float(b)``,
``Z[i, h, w, c] = s + b``). NumPy 1.25 deprecated that (a DeprecationWarning) and NumPy 2.4 made it
an error; the aliases ``np.float``, ``np.int`` ... went in 1.24, ``np.NaN``, ``np.product`` ... in
2.0. Such an exception says nothing about the learner's math: it is told apart from a wrong
gradient, from the exception's type, message and line alone.
"""

import re

import numpy as np

__all__ = ["numpy_change"]

_REMOVED_ALIASES = {  # np.<name>: (the NumPy that removed it, what to write instead)
    "float": ("1.24", "float"), "int": ("1.24", "int"), "bool": ("1.24", "bool"), "object": ("1.24", "object"),
    "complex": ("1.24", "complex"), "str": ("1.24", "str"), "long": ("1.24", "int"),
    "asscalar": ("1.23", "x.item()"), "NaN": ("2.0", "np.nan"), "NAN": ("2.0", "np.nan"), "Inf": ("2.0", "np.inf"),
    "Infinity": ("2.0", "np.inf"), "PINF": ("2.0", "np.inf"), "NINF": ("2.0", "-np.inf"),
    "product": ("2.0", "np.prod"), "cumproduct": ("2.0", "np.cumprod"), "alltrue": ("2.0", "np.all"),
    "sometrue": ("2.0", "np.any"), "float_": ("2.0", "np.float64"), "complex_": ("2.0", "np.complex128"),
    "round_": ("2.0", "np.round"), "row_stack": ("2.0", "np.vstack"), "in1d": ("2.0", "np.isin"),
}
_ALIAS = re.compile(r"module 'numpy' has no attribute '(\w+)'|`np\.(\w+)` was removed")


def numpy_change(error_type, message, line=None):
    """A sentence naming the NumPy change behind an exception (and the fix), or None."""
    message = message or ""
    here = f"NumPy {np.__version__} here"
    if error_type == "TypeError" and "only 0-dimensional arrays can be converted to Python scalars" in message:
        return (f"NumPy-1 code that {here} refuses: float() or int() of an array with more than zero dimensions, "
                "even one holding a single number such as b of shape (1, 1, 1) (deprecated in NumPy 1.25, an error "
                "since 2.4); take the number out first: float(b.item()) or np.squeeze(b)")
    if error_type == "ValueError" and message.startswith("setting an array element with a sequence") \
            and line and re.search(r"\]\s*=[^=]", line):
        return (f"if the value stored holds a single number (an array of shape (1, 1, 1), say), this is NumPy-1 code "
                f"that {here} refuses: one entry takes a number, not an array (deprecated in NumPy 1.25, an error "
                "since 2.4); store value.item() or np.squeeze(value), or return a float from the function that made "
                "it; if it holds several numbers, its shape is wrong")
    if error_type == "AttributeError":
        match = _ALIAS.search(message)
        name = match and (match.group(1) or match.group(2))
        if name in _REMOVED_ALIASES:
            version, instead = _REMOVED_ALIASES[name]
            return (f"code for an older NumPy: np.{name} was removed in NumPy {version} ({here}); write {instead} "
                    "instead")
    return None

"""Calling code under test: whatever it does becomes data.

It runs on copies of its arguments; what it returns, raises, prints and
writes into its arguments is recorded in a Call, never a crash of the checker
or noise on its terminal. The checks turn a Call into verdicts.

An exception is recorded as its type, its message and where the learner's own
code raised it: the file, the line and the source line (for a notebook, the
code cell and the line within it) -- never a frame of the checker or of numpy.
"""

import contextlib
import copy
import io
import linecache
import os
import re
import sysconfig
import warnings
from dataclasses import dataclass, field

import numpy as np

__all__ = ["Call", "call", "cell_filename", "where_text"]

MESSAGE_LIMIT = 2000  # characters of an exception's message kept (a learner may raise a novel)


@dataclass
class Call:
    """What one call did. Every field is data (str, int, list, None) but ``value``."""

    value: object = None
    error: str | None = None  # one line: "raised KeyError: 'dA0' (in nb.ipynb, cell 7, line 3: ...)"
    output: str = ""
    mutated: list = field(default_factory=list)  # names of arguments written into
    error_type: str | None = None  # "KeyError"
    error_message: str | None = None  # str(exception), whole (up to MESSAGE_LIMIT characters)
    error_file: str | None = None  # the learner's file where it was raised, as the loader named it
    error_cell: int | None = None  # the notebook's cell number (counting every cell from 1), if a notebook
    error_line: int | None = None  # line in the file, or in the cell
    error_source: str | None = None  # that line of source, stripped


# A notebook's cells are compiled under names of this form, so that a frame
# names its cell and linecache finds its source (IPython does the same).
_CELL = re.compile(r"^<cell (\d+) of (.*)>$")


def cell_filename(path, number):
    """The code filename of a notebook's cell ``number``."""
    return f"<cell {number} of {path}>"


def where_text(file, cell, line, source):
    """'in nb.ipynb, cell 7, line 3: dZ = dA * s' (any part may be missing)."""
    if file is None:
        return ""
    parts = [os.path.basename(file)] + ([f"cell {cell}"] if cell is not None else []) \
        + ([f"line {line}"] if line is not None else [])
    return "in " + ", ".join(parts) + (f": {source}" if source else "")


def _library_dirs():
    paths = sysconfig.get_paths()
    dirs = {paths.get(k) for k in ("stdlib", "platstdlib", "purelib", "platlib")}
    dirs.add(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # reference/
    return tuple(os.path.abspath(d) + os.sep for d in dirs if d)


LIBRARY_DIRS = _library_dirs()


def _frame_file(filename):
    """(file, cell number or None) of a code filename."""
    match = _CELL.match(filename)
    return (match.group(2), int(match.group(1))) if match else (filename, None)


def _is_library(filename):
    if filename.startswith("<") and not _CELL.match(filename):
        return True  # <string>, <frozen ...>: no learner's line to show
    return os.path.abspath(filename).startswith(LIBRARY_DIRS)


def _learner_frame(error):
    """(code filename, line) where the learner's own code raised ``error``, or None.

    The function under test is the outermost frame outside the standard
    library, site-packages and ``reference`` (whatever wraps it); its file is
    the learner's. The innermost frame in that file is where it went wrong
    there -- a call into numpy or into a helper the checker supplied is shown
    at the learner's line that made it.
    """
    frames = []
    tb = error.__traceback__
    while tb is not None:
        if not _is_library(tb.tb_frame.f_code.co_filename):
            frames.append((tb.tb_frame.f_code.co_filename, tb.tb_lineno))
        tb = tb.tb_next
    if isinstance(error, SyntaxError) and error.filename and error.lineno and not _is_library(error.filename):
        frames.append((error.filename, error.lineno))  # learner's text given to exec or eval
    if not frames:
        return None
    own = _frame_file(frames[0][0])[0]
    return next(frame for frame in reversed(frames) if _frame_file(frame[0])[0] == own)


def _message(error):
    try:
        return str(error)
    except Exception:  # a learner's exception class may break even str()
        return "(its message cannot be shown)"


def _record_error(result, error):
    message = _message(error)
    result.error_type = type(error).__name__
    result.error_message = message[:MESSAGE_LIMIT]
    found = _learner_frame(error)
    if found:
        filename, line = found
        result.error_file, result.error_cell = _frame_file(filename)
        result.error_line = line
        result.error_source = linecache.getline(filename, line).strip() or None
    first = message.strip().splitlines()[0] if message.strip() else ""
    where = where_text(result.error_file, result.error_cell, result.error_line, result.error_source)
    result.error = f"raised {result.error_type}" + (f": {first}" if first else "") + (f" ({where})" if where else "")


def _same(a, b):
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return (isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.shape == b.shape
                and np.array_equal(a, b, equal_nan=True))
    if isinstance(a, (tuple, list)):
        return type(a) is type(b) and len(a) == len(b) and all(map(_same, a, b))
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    try:
        return bool(a == b)
    except Exception:
        return a is b


def call(function, names, *args):
    """Run ``function(*args)`` on copies; report what it returned, raised, printed and mutated."""
    given, pristine = copy.deepcopy(args), copy.deepcopy(args)
    output = io.StringIO()
    result = Call()
    with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output), \
            np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            result.value = function(*given)
        except Exception as error:  # the code under test may raise anything
            _record_error(result, error)
    result.output = output.getvalue()
    result.mutated = [name for name, a, b in zip(names, given, pristine) if not _same(a, b)]
    return result

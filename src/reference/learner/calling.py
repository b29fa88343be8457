"""Calling code under test: whatever it does becomes data.

It runs on copies of its arguments; what it returns, raises, prints and
writes into its arguments is recorded in a Call, never a crash of the checker
or noise on its terminal. The checks turn a Call into verdicts.

An exception is recorded as its type, its message and the learner's own call
chain: every frame of the learner's code from the function under test down to
where it raised (``L_model_backward line 96 -> linear_activation_backward line 71 ->
relu_backward line 17``), each with its file, line and source line
-- never a frame of the checker, of numpy or of a helper the checker supplied.
A notebook's line is given in its code cell: "code cell 7" counts code cells
only, from 1, as a Jupyter user counts them; in a live notebook
(``check(globals())``) the cell is the one the user sees as "In [7]".
"""

import contextlib
import copy
import io
import linecache
import os
import re
import sys
import sysconfig
import warnings
from dataclasses import dataclass, field

import numpy as np

__all__ = ["Call", "call", "seeded", "Captured", "cell_filename", "where_text", "chain_steps", "chain_text",
           "ARROW", "FRAME_KEYS", "MAX_FRAMES"]

MESSAGE_LIMIT = 2000  # characters of an exception's message kept (a learner may raise a novel)
MAX_FRAMES = 20  # frames of a call chain kept: the outermost ones and the one that raised
SOURCE_LIMIT = 300  # characters of a source line kept
FRAME_KEYS = ("function", "file", "cell", "line", "source")
ARROW = " -> "  # plain ASCII: a report is printed on any terminal and written to any file


@dataclass
class Call:
    """What one call did. Every field is data (str, int, list, None) but ``value``."""

    value: object = None
    error: str | None = None  # one line: "raised KeyError: 'dA0' (in nb.ipynb, code cell 7, line 3: ...)"
    output: str = ""
    mutated: list = field(default_factory=list)  # names of arguments written into
    error_type: str | None = None  # "KeyError"
    error_message: str | None = None  # str(exception), whole (up to MESSAGE_LIMIT characters)
    # Where, in the function under test (the outermost frame of the learner's chain):
    error_file: str | None = None  # the learner's file, as the loader named it ("In [7]" in a live notebook)
    error_cell: int | None = None  # the notebook's code cell (code cells only, from 1), or In [N]'s N
    error_line: int | None = None  # line in the file, or in the cell
    error_source: str | None = None  # that line of source, stripped
    frames: list[dict] = field(default_factory=list)  # the chain, outermost first: FRAME_KEYS each


# A notebook's cells are compiled under names of this form, so that a frame
# names its cell and linecache finds its source (IPython does the same).
_CELL = re.compile(r"^<cell (\d+) of (.*)>$")


def cell_filename(path, number):
    """The code filename of a notebook's cell ``number``."""
    return f"<cell {number} of {path}>"


def where_text(file, cell, line, source):
    """'in nb.ipynb, code cell 7, line 3: dZ = dA * s' (any part may be missing)."""
    if file is None:
        return ""
    return "in " + _place(file, cell, line) + (f": {source}" if source else "")


def _place(file, cell, line, named=True):
    """'nb.ipynb, code cell 7, line 3', 'In [7], line 3', 'line 3' (without the file: ``named`` False)."""
    live = str(file).startswith("In [")
    parts = [str(file) if live else os.path.basename(str(file))] if named else []
    parts += [f"code cell {cell}"] if cell is not None and not live else []
    return ", ".join(parts + ([f"line {line}"] if line is not None else []))


def chain_steps(frames):
    """['bug.py, L_model_backward line 96', 'linear_activation_backward line 71', 'relu_backward line 17']:
    each function and its line; the file (and cell) named where it changes along the chain."""
    steps, previous = [], (None, None)
    for frame in frames:
        here = (frame.get("file"), frame.get("cell"))
        step = str(frame.get("function")) + (f" line {frame['line']}" if frame.get("line") is not None else "")
        if here != previous and here[0] is not None:  # the cell alone when only the cell changes
            where = _place(*here, None, named=here[0] != previous[0])
            step = f"{where}, {step}" if where else step
        steps.append(step)
        previous = here
    return steps


def chain_text(frames):
    """'bug.py, L_model_backward line 96 -> linear_activation_backward line 71 -> relu_backward line 17'."""
    return ARROW.join(chain_steps(frames))


def _library_dirs():
    paths = sysconfig.get_paths()
    dirs = {paths.get(k) for k in ("stdlib", "platstdlib", "purelib", "platlib")}
    dirs.add(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # reference/
    dirs.add(os.path.dirname(os.path.abspath(np.__file__)))  # numpy, wherever it is installed
    import manual_dnn  # the helpers the checker supplies: not the learner's to fix

    dirs.add(os.path.dirname(os.path.abspath(manual_dnn.__file__)))
    return tuple(os.path.abspath(d) + os.sep for d in dirs if d)


LIBRARY_DIRS = _library_dirs()


# How IPython names the code of a cell: older versions "<ipython-input-7-a1b2c3>"; ipykernel 6
# and later a file of its own ("/tmp/ipykernel_123/456.py") that its shell maps to the count.
_IPYTHON_INPUT = re.compile(r"^<ipython-input-(\d+)-[0-9a-f]+>$")


def _live_cell(filename):
    """In [N]'s N for the code of a cell the running IPython compiled, or None."""
    match = _IPYTHON_INPUT.match(filename)
    if match:
        return int(match.group(1))
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None and hasattr(ipython, "get_ipython") else None
    numbers = getattr(getattr(shell, "compile", None), "_filename_map", None)
    number = numbers.get(filename) if isinstance(numbers, dict) else None
    return number if isinstance(number, int) and not isinstance(number, bool) else None


def _frame_file(filename):
    """(file, cell number or None) of a code filename: a notebook's code cell, a live
    notebook's In [N] (its file then "In [N]"), else the file itself."""
    match = _CELL.match(filename)
    if match:
        return match.group(2), int(match.group(1))
    number = _live_cell(filename)
    if number is not None:
        return f"In [{number}]", number
    return filename, None


def _is_library(filename):
    if filename.startswith("<") and not (_CELL.match(filename) or _IPYTHON_INPUT.match(filename)):
        return True  # <string>, <frozen ...>: no learner's line to show
    return os.path.abspath(filename).startswith(LIBRARY_DIRS)


def _learner_frames(error):
    """[(code filename, line, function name)]: the learner's own frames of ``error``'s
    traceback, outermost first -- from the function under test to where it raised.

    The standard library, site-packages, numpy, ``reference`` and the helpers the
    checker supplies (manual_dnn) are not the learner's: a call into numpy or into
    a supplied helper ends the chain at the learner's line that made it.
    """
    frames = []
    tb = error.__traceback__
    while tb is not None:
        code = tb.tb_frame.f_code
        if not _is_library(code.co_filename):
            frames.append((code.co_filename, tb.tb_lineno, code.co_name))
        tb = tb.tb_next
    if isinstance(error, SyntaxError) and error.filename and error.lineno and not _is_library(error.filename):
        frames.append((error.filename, error.lineno, "<module>"))  # learner's text given to exec or eval
    if len(frames) > MAX_FRAMES:  # endless recursion: the outermost frames and the one that raised
        frames = frames[:MAX_FRAMES - 1] + frames[-1:]
    return frames


def _frame(filename, line, function):
    file, cell = _frame_file(filename)
    source = linecache.getline(filename, line).strip()[:SOURCE_LIMIT] or None
    return {"function": function, "file": file, "cell": cell, "line": line, "source": source}


def _message(error):
    try:
        return str(error)
    except Exception:  # a learner's exception class may break even str()
        return "(its message cannot be shown)"


def _record_error(result, error):
    message = _message(error)
    result.error_type = type(error).__name__
    result.error_message = message[:MESSAGE_LIMIT]
    result.frames = [_frame(*found) for found in _learner_frames(error)]
    if result.frames:
        outer = result.frames[0]
        result.error_file, result.error_cell = outer["file"], outer["cell"]
        result.error_line, result.error_source = outer["line"], outer["source"]
    first = message.strip().splitlines()[0] if message.strip() else ""
    result.error = f"raised {result.error_type}" + (f": {first}" if first else "") + _where(result.frames)


def _where(frames):
    """' (in nb.py, line 9: source)' for one frame; for a chain, every step and the first source."""
    if not frames:
        return ""
    outer = frames[0]
    if len(frames) == 1:
        return f" ({where_text(outer['file'], outer['cell'], outer['line'], outer['source'])})"
    first, *rest = chain_steps(frames)
    source = f": {outer['source']}" if outer["source"] else ""
    return f" (in {first}{source}{ARROW}{ARROW.join(rest)})"


def _same(a, b):
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return (isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.shape == b.shape
                and (np.array_equal(a, b) or np.array_equal(a, b, equal_nan=True)))  # the first 10x faster
    if isinstance(a, (tuple, list)):
        return type(a) is type(b) and len(a) == len(b) and all(map(_same, a, b))
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    try:
        return bool(a == b)
    except Exception:
        return a is b


class Captured(io.StringIO):
    """What code under test prints; closing it (``sys.stdout.close()``) loses nothing."""

    def close(self):
        pass


@contextlib.contextmanager
def seeded(seed):
    """numpy's global generator seeded to ``seed`` inside, the caller's state back after
    (None: untouched). An initialiser or a training loop that does not seed itself then
    draws what the course's ``np.random.seed(seed)`` before it would have drawn."""
    if seed is None:
        yield
        return
    state = np.random.get_state()
    np.random.seed(seed)
    try:
        yield
    finally:
        np.random.set_state(state)


def call(function, names, *args, seed=None):
    """Run ``function(*args)`` on copies; report what it returned, raised, printed and mutated.

    ``seed``: numpy's global generator is seeded to it for the call (``seeded``)."""
    given = copy.deepcopy(args)  # args stay out of the function's reach: what the copies are compared with
    output = Captured()
    result = Call()
    with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output), \
            np.errstate(all="ignore"), warnings.catch_warnings(), seeded(seed):
        warnings.simplefilter("ignore")
        try:
            result.value = function(*given)
        except Exception as error:  # the code under test may raise anything
            _record_error(result, error)
    result.output = output.getvalue()
    result.mutated = [name for name, a, b in zip(names, given, args) if not _same(a, b)]
    return result

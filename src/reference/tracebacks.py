"""The checker's own failures: the traceback saved to a file, one line that names it.

A bug of manual-dnn must not end as a wall of Python on a learner's terminal,
nor be lost: the full traceback goes to a file in the user's cache folder
(``~/.cache/manual-dnn/tracebacks/`` on Linux, platformdirs' choice elsewhere;
the temporary folder if that cannot be written), and the user sees one line.
"""

import os
import tempfile
import time
import traceback
from pathlib import Path

__all__ = ["save_traceback", "failure_line", "TRACEBACK_FOLDER"]

TRACEBACK_FOLDER = "tracebacks"


def _folders():
    try:
        from platformdirs import user_cache_dir

        yield Path(user_cache_dir("manual-dnn")) / TRACEBACK_FOLDER
    except Exception:  # platformdirs missing or broken: the temporary folder still works
        pass
    yield Path(tempfile.gettempdir()) / f"manual-dnn-{TRACEBACK_FOLDER}"


def save_traceback(error, context=""):
    """Write ``error``'s traceback (and ``context``, a line saying what was being done) to a new
    file; its path, or None when no folder can be written."""
    text = (context + "\n\n" if context else "") + "".join(
        traceback.format_exception(type(error), error, error.__traceback__))
    name = f"{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 10**6:06d}.txt"
    for folder in _folders():
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / name
            path.write_text(text, encoding="utf-8")
            return path
        except OSError:
            continue
    return None


def failure_line(error, context=""):
    """"the checker failed (TypeError: ...): a bug of manual-dnn, not of the code checked;
    traceback in /home/u/.cache/manual-dnn/tracebacks/....txt" -- the traceback saved first."""
    try:
        message = str(error).strip().splitlines()[0] if str(error).strip() else ""
    except Exception:  # an exception whose str() fails: its type still says something
        message = ""
    path = save_traceback(error, context)
    where = f"traceback in {path}" if path else "its traceback could not be saved"
    return (f"the checker failed ({type(error).__name__}{': ' + message if message else ''}): a bug of manual-dnn, "
            f"not of the code checked; {where}")

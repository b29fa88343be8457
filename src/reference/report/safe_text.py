"""Any value as safe text: one line, a number, JSON or Markdown -- never an exception.

The report's renderers show whatever a Check holds (a learner's exception
message can be many lines long, a number NaN or not a number at all): a report
that cannot be shown would hide the verdict it carries.
"""

import math
import re

__all__ = ["as_float", "number", "one_line", "joined", "wrapped", "jsonable", "markdown_text", "keeping_breaks"]


def as_float(x):
    try:
        return None if x is None or isinstance(x, str) else float(x)
    except (TypeError, ValueError, OverflowError):
        return None


def number(x):
    """1.0e-10, nan, inf, or "-": any value, never an exception."""
    if x is None:
        return "-"
    value = as_float(x)
    if value is None:
        return one_line(str(x))[:12]
    return f"{value:.1e}" if math.isfinite(value) else str(value)


def one_line(text):
    """One line: newlines, tabs and other control characters become spaces."""
    try:
        text = str(text)
    except Exception:
        text = "(cannot be shown)"
    return re.sub(r"[\x00-\x1f\x7f\u2028\u2029\x85]", " ", text)


def joined(items, separator=", "):
    try:
        return separator.join(map(one_line, items)) if not isinstance(items, str) else one_line(items)
    except TypeError:
        return one_line(items)


def wrapped(text, indent):
    """A list entry: its first line as is, the rest of a multi-line text indented."""
    parts = str(text).splitlines() or [""]
    return [one_line(parts[0])] + [indent + one_line(p) for p in parts[1:]]


def jsonable(x):
    if x is None or isinstance(x, (bool, str)):
        return x
    if isinstance(x, int):
        return int(x)
    if isinstance(x, float):
        return x if math.isfinite(x) else None
    if isinstance(x, dict):
        return {str(k): jsonable(v) for k, v in x.items()}
    if isinstance(x, (list, tuple, set, frozenset)):
        return [jsonable(v) for v in x]
    if hasattr(x, "item") and callable(x.item):  # numpy scalars and 0-d arrays
        try:
            return jsonable(x.item())
        except (TypeError, ValueError):
            pass
    if hasattr(x, "tolist") and callable(x.tolist):
        try:
            return jsonable(x.tolist())
        except (TypeError, ValueError):
            pass
    return one_line(x)


_MARKDOWN = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "\\|", "*": "\\*", "_": "\\_", "`": "\\`",
             "[": "\\[", "]": "\\]", "#": "\\#", "\\": "\\\\"}


def markdown_text(text, cell=False):
    """Text shown as itself in Markdown: special characters escaped, one line
    (a line break in a table cell is <br>)."""
    escaped = "".join(_MARKDOWN.get(ch, ch) for ch in keeping_breaks(text))
    return escaped.replace("\n", "<br>" if cell else " ")


def keeping_breaks(text):
    try:
        text = str(text)
    except Exception:
        text = "(cannot be shown)"
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return re.sub(r"[\x00-\x09\x0b-\x1f\x7f\u2028\u2029\x85]", " ", text)

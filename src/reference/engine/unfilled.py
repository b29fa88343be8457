"""Whether a function is still the course's unfilled template: "not done", not wrong.

The course's templates leave placeholders a learner replaces: ``X = None`` lines
(``(A_prev, W, b, hparameters) = None``, ``for i in range(None)``, ``... += None``), an empty
block between ``# YOUR CODE STARTS HERE`` and ``# YOUR CODE ENDS HERE`` (then ``return mask``
names a variable never assigned), or ``raise NotImplementedError()`` (nbgrader). A function is
unfilled when its source still shows such a placeholder and the call failed in the way the
placeholder makes it fail: it returned None, raised NotImplementedError, raised at a line holding
a placeholder, raised on a None (``'NoneType' object ...``), or raised NameError in an empty
block. Used for the optional functions a course does not grade (``Function.graded`` False).
"""

import re

__all__ = ["unfilled_reason", "placeholders"]

_NONE_LINE = re.compile(r"(=|\+=|-=|\*=)\s*None\s*(#.*)?$|\brange\(\s*None\s*\)")
_BLOCK_START = re.compile(r"#+\s*(YOUR CODE STARTS HERE|START CODE HERE)", re.IGNORECASE)
_BLOCK_END = re.compile(r"#+\s*(YOUR CODE ENDS HERE|END CODE HERE)", re.IGNORECASE)


def placeholders(source):
    """(the template's None lines, whether a code block is still empty) of a function's source."""
    none_lines, empty_block, inside, filled = [], False, False, False
    for line in (source or "").splitlines():
        text = line.strip()
        if _BLOCK_START.search(text):
            inside, filled = True, False
            continue
        if _BLOCK_END.search(text):
            empty_block = empty_block or (inside and not filled)
            inside = False
            continue
        if inside and text and not text.startswith("#"):
            filled = True
        if not text.startswith("#") and _NONE_LINE.search(text):
            none_lines.append(text)
    return none_lines, empty_block


def _all_none(value):
    """None, or a tuple, list or dict (a gradients dict) of nothing but None."""
    if value is None:
        return True
    if isinstance(value, dict):
        value = list(value.values())
    return isinstance(value, (tuple, list)) and len(value) > 0 and all(_all_none(v) for v in value)


def unfilled_reason(source, result):
    """Why the call ``result`` (a Call) of a function whose source is ``source`` is the course's
    unfilled template, in words; None when it is not (or when the source is unknown)."""
    none_lines, empty_block = placeholders(source)
    if not none_lines and not empty_block and "NotImplementedError" not in (source or ""):
        return None
    shown = f"`{none_lines[0]}`" if none_lines else "an empty YOUR CODE block"
    if not result.error:
        return f"returns None: the template's {shown} is still there" if _all_none(result.value) else None
    kind, message, line = result.error_type or "", result.error_message or "", result.error_source or ""
    if kind == "NotImplementedError":
        return "still raises NotImplementedError (the template)"
    if line and _NONE_LINE.search(line):
        return f"the template's `{line}` is still there"
    if "NoneType" in message and none_lines:
        return f"the template's {shown} is still there ({kind}: {message})"
    if kind == "NameError" and empty_block:
        return f"the template's YOUR CODE block is still empty ({kind}: {message})"
    return None

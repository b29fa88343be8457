"""Is the file complete? The graded functions it lacks, and the names it defines that look like them.

A learner who writes ``L_model_backwards`` or ``l_model_backward`` has written
the function, under a name the course does not call: the report asks "did you
mean ...?" rather than only "not found". A near miss is the same name but for
case, underscores or a trailing s, or within a small edit distance of it (one
slip per eight letters, at most two).
"""

__all__ = ["near_miss", "did_you_mean"]


def _edit_distance(a, b):
    """Levenshtein distance with adjacent transpositions (optimal string alignment)."""
    previous, current = None, list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        before, previous, current = previous, current, [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], before[j - 2] + 1)
    return current[len(b)]


def _plain(name):
    """The name without case, underscores or a trailing s: what a slip leaves of it."""
    name = name.lower().replace("_", "")
    return name[:-1] if name.endswith("s") else name


def _slips(missing, name):
    """How far ``name`` is from ``missing``, or None when it is not a near miss."""
    if _plain(name) == _plain(missing):
        return 0
    distance = _edit_distance(name.lower(), missing.lower())
    return distance if distance <= min(2, max(1, len(missing) // 8)) else None


def near_miss(missing, names):
    """The one of ``names`` nearest to ``missing`` if it is a near miss, else None."""
    scored = [(slips, name) for name in names if name != missing and (slips := _slips(missing, name)) is not None]
    return min(scored)[1] if scored else None


def did_you_mean(missing, names):
    """{missing function: the defined name it was probably meant as}, for those that have one."""
    found = {name: near_miss(name, names) for name in missing}
    return {name: guess for name, guess in found.items() if guess is not None}

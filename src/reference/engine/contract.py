"""A function's contract as the learner wrote it: calling it with its own signature, and reading
what it returned by the course's structure.

The house rule: a different signature or return convention is never a failure by itself. A
learner's function whose parameters are the course's in another order, or another course
version's (``compute_cost(A2, Y)`` beside ``compute_cost(A2, Y, parameters)``), is called by
name and the difference reported; only a function that cannot be called with what the course
gives it, or whose result does not hold the course's values, fails its contract.
"""

from reference.checks.comparison import contract_difference, contract_failure, returned
from reference.engine.declarations import Keys

__all__ = ["bind", "unpack", "signature_text", "normal"]


def normal(name):
    """A parameter name as compared: case and underscores do not matter (X and x, A_prev and Aprev)."""
    return str(name).lower().replace("_", "")


def signature_text(name, parameters):
    return f"{name}({', '.join(parameters)})"


def bind(row, signature, values, aliases=None):
    """(argument names, arguments, checks) to call the learner's ``row.name`` with.

    ``signature``: [(parameter, has a default)] of the learner's function, or None when
    unknown (then the course's order). Each course argument goes to the learner's
    parameter of the same name (or an alias of it: {"parameters": ("params",)}); a
    learner's parameters that all match are called in the learner's order; otherwise, when
    the counts allow it, by position. ``checks`` holds a difference or a failure row.
    """
    course = list(row.arguments)
    if signature is None:
        return course, [values[a] for a in course], []
    names = [p for p, _ in signature]
    required = [p for p, default in signature if not default]
    for other in getattr(row, "signatures", ()):  # another version's longer list, the learner's own (loss(X, y, reg))
        if len(other) > len(course) and [normal(n) for n in names[:len(other)]] == [normal(a) for a in other] \
                and len(required) <= len(other) and all(a in values for a in other):
            detail = (f"takes {signature_text(row.name, names)}, the course's {signature_text(row.name, course)}: "
                      "another course version's, called as it is")
            return list(other), [values[a] for a in other], [contract_difference(row.name, "signature", detail,
                                                                                  inert=True)]
    if [normal(n) for n in names[:len(course)]] == [normal(a) for a in course] and len(required) <= len(course):
        return course, [values[a] for a in course], []  # the course's parameters (X for x): no difference
    found = signature_text(row.name, names)
    wanted = signature_text(row.name, course)
    by_name = _by_name(course, names, required, aliases or {}, values)
    if by_name is not None and not (_positional_fit(by_name, course) or _same_as_positional(by_name, course, values)):
        argnames = [course_name for course_name, _ in by_name]
        arguments = [values[course_name] for course_name, _ in by_name]
        detail = f"takes {found}, the course's {wanted}: called by parameter name"
        return argnames, arguments, [contract_difference(row.name, "signature", detail, inert=True)]
    if len(required) <= len(course) <= len(names) or (len(required) == len(course) and not names):
        return course, [values[a] for a in course], []  # renamed parameters, the course's order: no difference
    detail = (f"takes {found}, the course's {wanted}: its parameters cannot be matched to the course's, "
              "so it cannot be called as the course's code calls it")
    return None, None, [contract_failure(row.name, "signature", detail)]


def _positional_fit(matched, course):
    """Whether the names matched are the course's first arguments in the course's order."""
    return [a for a, _ in matched] == course[:len(matched)] and len(matched) == len(course)


def _same_as_positional(matched, course, values):
    """Whether the names matched give the very arguments the course's order would: (dA, Z) for the
    course's (dA, cache) when the cache is Z is a renamed parameter, not another signature."""
    return len(matched) == len(course) and all(values[a] is values[c] for (a, _), c in zip(matched, course))


def _by_name(course, names, required, aliases, values):
    """[(course argument, learner parameter)] in the learner's order, or None."""
    def key(name):
        return normal(name)

    wanted = {}
    for argument in course:
        for option in (argument, *aliases.get(argument, ())):
            wanted.setdefault(key(option), argument)
    for argument in values:  # another version's argument the point holds (parameters, lambd...)
        wanted.setdefault(key(argument), argument)
    matched = []
    for parameter in names:
        argument = wanted.get(key(parameter))
        if argument is None:
            if parameter in required:
                return None
            break  # a defaulted parameter of its own, and what follows: not passed
        matched.append((argument, parameter))
    if not matched or len({a for a, _ in matched}) != len(matched):
        return None
    return matched


def unpack(row, value, alternatives=()):
    """({name: value}, checks) of what a call returned, read by ``row.returns``.

    A structure of another course version (``alternatives``) is read as well and reported
    as a difference. A result that fits none is one contract failure naming what came back.
    """
    leaves, problem = _read(row.returns, value)
    if problem is None:
        return leaves, []
    for other in alternatives:
        leaves, other_problem = _read(other, value)
        if other_problem is None:
            detail = (f"returns {other} alone, not {_shape_text(row.returns)} as the course's {row.name}: a "
                      "difference its callers must follow" if isinstance(other, str) else
                      f"returns {_shape_text(other)}, the course's {_shape_text(row.returns)}")
            return leaves, [contract_difference(row.name, "returns", detail)]
    return None, [contract_failure(row.name, "returns", problem)]


def _shape_text(structure):
    if isinstance(structure, str):
        return structure
    if isinstance(structure, Keys):
        return "{" + ", ".join(structure.keys) + "}"
    return "(" + ", ".join(_shape_text(s) for s in structure) + ")"


def _read(structure, value):
    """({name: value}, None) or (None, the problem in words)."""
    if isinstance(structure, str):
        return {structure: value}, None
    if isinstance(structure, Keys):
        if not isinstance(value, dict):
            return None, f"returned {returned(value)}, expected a dict with {', '.join(structure.keys)}"
        missing = [k for k in structure.keys if k not in value]
        if missing:
            has = f"it has {', '.join(map(repr, list(value)[:12]))}" if value else "it is empty"
            return None, f"no {', '.join(repr(k) for k in missing)} in the returned dict ({has})"
        return {name: value[key] for key, name in structure.entries}, None
    if not isinstance(value, (tuple, list)) or len(value) != len(structure):
        return None, f"returned {returned(value)}, expected {_shape_text(structure)}"
    leaves = {}
    for part, item in zip(structure, value):
        found, problem = _read(part, item)
        if problem is not None:
            return None, problem
        leaves.update(found)
    return leaves, None


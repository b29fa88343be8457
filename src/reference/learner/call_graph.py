"""A learner's own call graph: which seed functions each of its functions calls.

Read from the names its code uses (globals, attributes such as
``self.linear_forward``, enclosing scopes), through the learner's own other
functions and tables of functions; where the code can reach a function
without naming it (``eval(activation + "_backward")``, ``getattr``,
``globals()``), the course's calls are added. Root causes follow this graph:
an unfilled template that calls nothing is not explained by its callees' bugs.
"""

import inspect
import types

from reference.seed_functions import SEED_FUNCTIONS

__all__ = ["call_graph_of"]

# Names through which code can reach a function without naming it (eval(activation + "_backward")).
DYNAMIC_LOOKUPS = frozenset({"eval", "exec", "globals", "locals", "vars", "getattr", "__dict__", "__getattribute__"})


def _code_of(function):
    function = getattr(function, "__func__", function)
    return getattr(function, "__code__", None)


def _names(code):
    """Every global, attribute and enclosing-scope name the code (and the code nested in it) uses."""
    names = set(code.co_names) | set(code.co_freevars)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names |= _names(const)
    return names


def call_graph_of(function, mapping, containers=(), table=None):
    """The functions of ``table`` (an assignment's, default the cat network's) that ``function``
    calls, as its code names them, directly or through the learner's own other functions; the
    course's calls added where the code can reach functions without naming them (eval, getattr,
    globals)."""
    table = SEED_FUNCTIONS if table is None else table
    code = _code_of(function)
    name = getattr(function, "__name__", None)
    course = list(table[name].calls) if name in table else []
    if code is None:
        return course
    found, seen, todo, dynamic = set(), {id(code)}, [code], False
    scope = getattr(getattr(function, "__func__", function), "__globals__", mapping)
    while todo:
        names = _names(todo.pop())
        dynamic |= bool(names & DYNAMIC_LOOKUPS)
        for used in names:
            if used in table:
                found.add(used)
                continue
            for target in _own_functions(used, scope, containers):
                target_code = _code_of(target)
                if target_code is not None and id(target_code) not in seen:
                    seen.add(id(target_code))
                    todo.append(target_code)
                    if getattr(target, "__name__", None) in table:
                        found.add(target.__name__)
    found.discard(name)
    if dynamic:
        found |= set(course)
    return sorted(found, key=list(table).index)


def _own_functions(used, scope, containers):
    """The learner's functions a name may reach: a global function, the functions
    held in a global list or dict (a table of activations), or a method."""
    value = scope.get(used) if hasattr(scope, "get") else None
    values = list(value.values()) if isinstance(value, dict) else list(value) \
        if isinstance(value, (list, tuple)) else [value]
    for container, _ in containers:
        try:
            values.append(inspect.getattr_static(container, used))
        except AttributeError:
            pass
    values = [getattr(v, "__func__", v) for v in values]
    return [v for v in values if inspect.isfunction(v)]

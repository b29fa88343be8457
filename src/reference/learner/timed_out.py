"""A function that timed out once is not run again: it costs one timeout, not one per call.

The sandbox's parent keeps the names of the functions that ran out of time
and ends a later call of one at once; it sends the names with every call, and
the child (which may be a fresh one: a timeout kills the child) makes those
functions raise ``TimedOutBefore`` as soon as anything calls them -- the
learner's own caller (``linear_activation_backward`` calling its
``relu_backward``) included, by any route: a global name, a method, an alias.
The function keeps its identity (the loader and the call graph compare
function objects); only its code is replaced.
"""

import types
import warnings

__all__ = ["TIMED_OUT_BEFORE", "TimedOutBefore", "silence", "before_text", "callee_text"]

TIMED_OUT_BEFORE = "timed out before"  # in every reason of a call ended at once (grade: a timeout)


class TimedOutBefore(BaseException):
    """Raised by a function that timed out earlier. A BaseException: ``except Exception`` in the
    learner's caller does not swallow it (the call would run on with a made-up value)."""


def before_text(name, seconds):
    """The reason of a call of ``name`` itself after it timed out."""
    return f"{name} {TIMED_OUT_BEFORE} (after {seconds:g} s): not run again"


def callee_text(name):
    """The reason of a call that reached ``name`` after ``name`` timed out."""
    return f"calls {name}, which {TIMED_OUT_BEFORE}: not run again"


def silence(function, name):
    """Make ``function`` raise TimedOutBefore(name) at once whenever it is called; False when it cannot
    (not a Python function: then only the parent's direct calls end at once)."""
    target = getattr(function, "__func__", function)  # a bound method's function
    code = getattr(target, "__code__", None)
    if not isinstance(target, types.FunctionType) or not isinstance(code, types.CodeType):
        return False
    if TimedOutBefore not in code.co_consts:  # not already
        target.__code__ = _raising_code(code, name)
    return True


def _raising_code(code, name):
    """A code object that raises TimedOutBefore(name), with ``code``'s name, file and number of
    free variables (a function's closure must fit its code: a method using super() has one)."""
    cells = [f"_cell{i}" for i in range(len(code.co_freevars))]
    lines = ["def _outer():", *(f"    {cell} = None" for cell in cells),
             "    def _timed_out(*args, **kwargs):",
             "        raise '_exception_'('_name_')",
             *(["        " + ", ".join(cells)] if cells else []),  # never runs: makes the cells free variables
             "    return _timed_out"]
    namespace = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "'str' object is not callable": the constants are replaced below
        exec(compile("\n".join(lines), "<timed out>", "exec"), namespace)
    inner = namespace["_outer"]().__code__
    replace = {"_exception_": TimedOutBefore, "_name_": name}
    consts = tuple(replace.get(c, c) if isinstance(c, str) else c for c in inner.co_consts)
    return inner.replace(co_consts=consts, co_name=code.co_name, co_qualname=code.co_qualname,
                         co_filename=code.co_filename, co_firstlineno=code.co_firstlineno)

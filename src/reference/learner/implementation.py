"""An implementation under check: which seed functions it has, and how to call them.

The checks see only this interface: ``name in impl`` and
``impl.call(name, argnames, *args) -> Call``. Where the functions live -- this
process (manual_dnn, a bug of the zoo, a notebook's ``globals()``) or a
learner's file loaded elsewhere -- is the implementation's business.
"""

from dataclasses import dataclass, field

from reference.learner.calling import Call, call

__all__ = ["Implementation", "ImplementationError", "MAX_DEFINED"]

MAX_DEFINED = 500  # names of a file's other functions kept (for "did you mean ...?"): a file may define thousands


class ImplementationError(Exception):
    """The implementation could not be loaded (one line, for exit code 2)."""


@dataclass
class Implementation:
    label: str
    functions: dict  # name -> callable, for the seed functions it defines
    supplied: list = field(default_factory=list)  # helpers the checker provided, as the course did
    missing: list = field(default_factory=list)
    output: str = ""  # what loading printed (captured)
    skipped: list = field(default_factory=list)  # top-level statements that failed while loading
    notes: list = field(default_factory=list)  # what loading found worth saying
    found_in: dict = field(default_factory=dict)  # name -> "static method of class NN", for those not top-level
    calls: dict = field(default_factory=dict)  # name -> [seed functions its own code calls]: the learner's graph
    supplied_imports: list = field(default_factory=list)  # ["import numpy as np"]: used, never imported
    defined: list = field(default_factory=list)  # the file's other top-level functions (for "did you mean ...?")
    assignment: str = "dnn"  # the assignment it is checked as (reference.assignments)
    # name -> [[parameter, has a default], ...]: the positional parameters of each function found, or
    # absent where they cannot be read (a builtin, *args): the engine calls it by them
    signatures: dict = field(default_factory=dict)
    # name -> the same of the constructor of the object a Class.method row is called on
    constructors: dict = field(default_factory=dict)
    sources: dict = field(default_factory=dict)  # name -> its source text (the template's placeholders are read there)
    # name -> [[global, where]]: globals it reads that only the file's top-level code assigns (a test cell's W)
    test_globals: dict = field(default_factory=dict)

    def __contains__(self, name):
        return name in self.functions

    @property
    def names(self):
        return list(self.functions)

    def call(self, name, argnames, *args, seed=None):
        """Run the implementation's ``name`` on copies of ``args``; returns a Call.

        ``seed``: numpy's global generator is seeded to it first (calling.seeded)."""
        return self.refusal(name, argnames) or call(self.functions[name], argnames, *args, seed=seed)

    def refusal(self, name, argnames):
        """A failed Call when ``name``'s own positional parameters cannot take the arguments
        ``argnames`` name (too few or too many): said with both signatures, the learner's and
        the call's (None when it can, or when its signature is unknown)."""
        signature = self.signatures.get(name)  # [[parameter, has a default], ...]
        given = len(argnames) - (1 if "." in name and tuple(argnames[:1]) == ("self",) else 0)  # a method's object
        if signature is None or sum(not default for _, default in signature) <= given <= len(signature):
            return None
        return Call(error=f"{name}({', '.join(p for p, _ in signature)}) cannot be called as the course calls "
                          f"it: {name}({', '.join(argnames)})")

    def close(self):
        """Release what the implementation holds (nothing, in this process)."""

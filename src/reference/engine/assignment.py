"""An assignment as data: its functions (a table of declarations), its check points, the course's
helper modules its learners import, and the words that name it.

    ASSIGNMENT = Assignment("planar", "Planar data classification with one hidden layer",
                            "course 1, week 3", functions=(...), points=Points(...),
                            course_modules={"planar_utils": lambda: {...}})
"""

from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = ["Assignment"]


@dataclass(frozen=True)
class Assignment:
    """name: the short name users type (``--assignment planar``); title and course: how the
    report names it. functions: the Function rows in the notebook's order (the order the
    report lists them). points: how its check points are drawn. course_modules: a function
    returning {module name: {name: object}}, the course's helper modules rebuilt from manual_dnn
    (a learner's ``from planar_utils import sigmoid`` finds them; a helper row's function is put
    where a fragment uses it without importing it). aliases: other names of
    the course's arguments across versions ({"parameters": ("params",)}). reference: the
    manual_dnn module that solves it (what ``gradcheck --assignment NAME`` checks without
    ``--impl``). versions: the course versions its table knows, in words. package: the dotted name
    of the course's Python package, rebuilt (``reference.course_packages.cs231n``), where the course
    gave its learners one: a learner's package that lacks one of the course's own modules gets it."""

    name: str
    title: str
    course: str
    functions: tuple
    points: object
    course_modules: Callable | None = None  # () -> {module name: {name: object}}
    aliases: dict = field(default_factory=dict)
    reference: str = ""
    versions: tuple = ()
    package: str = ""
    notes: Callable | None = None  # (run) -> [sentence]: what the whole file's check found worth saying
    explain: Callable | None = None  # (seed, fmt) -> the walk-through ``manual-dnn explain --assignment`` prints

    @property
    def table(self):
        """{name: Function}, in the notebook's order."""
        return {f.name: f for f in self.functions}

    @property
    def graded(self):
        """The functions learners write and are graded on (not the course's helpers)."""
        return [f.name for f in self.functions if f.graded and not f.helper]

    @property
    def call_graph(self):
        """{name: the functions it calls or reads the results of}, the course's."""
        return {f.name: [c for c in (*f.calls, *f.needs) if c in self.table] for f in self.functions}

    def describe(self):
        return f"{self.title} ({self.course})"

"""The assignments the checker knows, one package each: its functions (a table of declarations),
the JAX math they are checked against (``math.py``, imported only when an oracle runs), the
course's helper modules its learners import (rebuilt from manual_dnn), and its check points.

Reading a table never imports JAX: the learner's sandbox reads them to know the course's
functions and helpers. ``recognise`` (reference.assignments.detection) tells which assignment
a file is of, from the names and signatures it defines.
"""

import importlib

__all__ = ["NAMES", "assignment", "all_assignments", "known_functions"]

# name -> the package that declares it, in the order of the courses.
NAMES = {
    "logistic_regression": "reference.assignments.logistic_regression",
    "planar": "reference.assignments.planar",
    "dnn": "reference.assignments.dnn",
    "regularization": "reference.assignments.regularization",
    "initialization": "reference.assignments.initialization",
    "gradient_checking": "reference.assignments.gradient_checking",
    "convolution": "reference.assignments.convolution",
    "rnn": "reference.assignments.rnn",
    "cs231n": "reference.assignments.cs231n",
}


def assignment(name):
    """The Assignment called ``name`` (KeyError naming the known ones)."""
    if name not in NAMES:
        raise KeyError(f"no assignment named {name!r}; known: {', '.join(NAMES)}")
    return importlib.import_module(NAMES[name]).ASSIGNMENT


def all_assignments():
    return [assignment(name) for name in NAMES]


def known_functions():
    """{function name: its course arguments}, over every assignment (a name two assignments share
    keeps the first's): what a loader looks for in a learner's file before it knows which."""
    found = {}
    for each in all_assignments():
        for row in each.functions:
            found.setdefault(row.name, row.arguments)
    return found

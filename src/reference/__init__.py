"""The oracles, and the checker that compares any implementation with them.

Layers, each importing only those below it:
- ``seed_functions``, ``tolerances``: the course's functions (one table) and
  how close is close enough;
- ``oracles/``: three independent ways to get a gradient, none sharing code
  with manual_dnn -- the network in JAX float64 (autodiff), finite differences,
  complex step and the Taylor test on a plain numpy forward, and central
  differences for every parameter of a real-size network;
- ``learner/``: a learner's code, found in a file, a notebook or a mapping, and
  called so that whatever it does becomes data;
- ``checks/``: the check points and the comparisons, function by function;
- ``report/``: the verdicts, the root causes and how they are shown;
- ``engine/``: a function to check declared as data, judged against its math's oracles
  (``check_backward`` for anyone's own layer); ``assignments/``: the assignments known,
  each a table of such declarations.
``bug_zoo`` and ``explain`` teach with all of them. Importing any of this
changes nothing process-wide: JAX runs in float64 inside each oracle call. The
first oracle call points JAX's persistent compilation cache at the user's cache
folder, unless the process has one of its own (oracles/compilation_cache.py).
"""

__all__ = ["check", "check_backward"]


def __getattr__(name):
    # ``from reference import check`` in a notebook, without importing JAX for
    # those who need only a part (the learner's sandbox imports reference.learner).
    if name == "check":
        from reference.checks.checker import check

        return check
    if name == "check_backward":
        from reference.engine.api import check_backward

        return check_backward
    raise AttributeError(f"module 'reference' has no attribute {name!r}")

"""What CS231n's networks need beyond their rows: the scores of ``loss(X)`` in test mode, and a dropout mask
read from what the learner's own ``dropout_forward`` did."""

import numpy as np

__all__ = ["scores_in_test_mode", "applied"]


def applied(result):
    """The mask a dropout_forward applied to ones: its ``out``."""
    return np.asarray(result[0], dtype=np.float64)


def scores_in_test_mode(math, parameters):
    """A row's custom check: ``loss(X)`` without labels returns the scores (N, C) of the same net in test
    mode, against ``math(X, *parameters)`` in JAX."""
    def check(run, row, values, returned, suffix):
        from reference.checks.comparison import call_failure, compare
        from reference.engine import instances, oracles
        from reference.engine.judging import WHO
        from reference.tolerances import TOLERANCES

        built, problems = instances.spec(run, row, values)
        if built is None:
            return  # said by the generic judge already
        result = run.call(row.name, ("self", "X"), (built, values["X"]))
        where = " (scores, test mode)"
        if result.error:
            run.add([call_failure(row.name, result)], where)
            return
        inputs = [values["X"], *(values["params"][k] for k in parameters)]
        (expected,) = oracles.values(math, inputs)
        run.add([compare(row.name, "scores", "jax-forward", expected, result.value, TOLERANCES["jax-forward"],
                         WHO["jax-forward"])], where)
    return check

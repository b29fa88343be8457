"""In a notebook the learner's functions run in the checker's process: its global JAX flag cannot
reach the oracles, and an oracle's own failure is the checker's error, never the learner's FAIL."""

import jax
import pytest

from reference.bug_zoo import seed_namespace
from reference.checks.checker import check
from reference.engine import oracles as engine_oracles
from reference.oracles import jax_network as jnet
from tests.sandbox.helpers import time_limit

SMALL = {"layer_dims": [5, 4, 3, 1], "examples": 6}


def _errors(report):
    return [(c.function, c.target, c.oracle, c.rel_error) for c in report.checks]


def test_a_notebook_that_turns_jax_float64_off_gets_the_same_verdicts():
    original = jax.config.jax_enable_x64
    try:
        with time_limit(120):
            jax.config.update("jax_enable_x64", True)
            with_x64 = check(seed_namespace(), **SMALL)
            jax.config.update("jax_enable_x64", False)  # what the learner's notebook did
            without_x64 = check(seed_namespace(), **SMALL)
        assert not jax.config.jax_enable_x64  # the learner's setting is left as the learner set it
    finally:
        jax.config.update("jax_enable_x64", original)
    assert with_x64.passed and without_x64.passed
    assert _errors(without_x64) == _errors(with_x64)
    assert max(c.rel_error for c in without_x64.checks if c.oracle.startswith("jax")) < 1e-12  # not float32


def test_an_oracle_that_fails_is_the_checkers_error_naming_the_oracle(monkeypatch):
    def broken(*_):
        raise ZeroDivisionError("simulated")

    monkeypatch.setattr(engine_oracles, "_jitted", lambda *_, **__: broken)  # loaded, compiled or not
    with time_limit(120), pytest.raises(jnet.OracleError, match="the JAX oracle .* failed .ZeroDivisionError: "
                                        "simulated.: this is an error of the checker, not of the code under check"):
        check(seed_namespace(), **SMALL)


def test_an_oracle_that_returns_float32_is_refused():
    with pytest.raises(jnet.OracleError, match="float32, not float64"):
        jnet.float64_oracle(lambda: jax.numpy.ones(2, dtype=jax.numpy.float32))()

"""The numerical oracles of L_model_backward catch every bug of the zoo that reaches its gradients.

The directional central differences and complex step evaluate the cost along a direction by
moving the first pre-activation once (oracles/cost_slots.py), not by re-running the network from
its input at every step; the Taylor test likewise. Here: wherever JAX finds a gradient key wrong,
both directional oracles find it wrong too, and the Taylor test fails whenever a dW or db is
wrong -- at the small size and at one whose first layer is wide, as the cat network's is.
"""

import functools

import pytest

from reference.bug_zoo import MUTANTS, mutant_namespace
from reference.checks.checker import check
from reference.seed_functions import callees

SIZES = {"small": dict(layer_dims=[5, 4, 3, 1], examples=6), "wide": dict(layer_dims=[600, 9, 5, 1], examples=40)}
BACKWARD = sorted(name for name, mutant in MUTANTS.items()
                  if mutant.function == "L_model_backward" or mutant.function in callees("L_model_backward"))


@functools.cache
def _backward_checks(name, size):
    return [c for c in check(mutant_namespace(name), **SIZES[size]).checks if c.function == "L_model_backward"]


def _failing(checks, oracle):
    return {c.target for c in checks if c.oracle == oracle and c.passed is False}


@pytest.mark.parametrize("size", sorted(SIZES))
@pytest.mark.parametrize("name", BACKWARD)
def test_the_directional_and_taylor_oracles_fail_wherever_jax_does(name, size):
    backward = _backward_checks(name, size)
    wrong = _failing(backward, "jax-grad")
    assert wrong <= _failing(backward, "directional-fd"), name
    assert wrong <= _failing(backward, "complex-step"), name
    if any(key[:2] in ("dW", "db") for key in wrong):
        assert _failing(backward, "taylor"), name


def test_most_of_those_mutants_reach_the_gradients_so_the_claim_is_not_empty():
    for size in SIZES:
        reaching = [name for name in BACKWARD if _failing(_backward_checks(name, size), "jax-grad")]
        assert len(reaching) >= 8, size

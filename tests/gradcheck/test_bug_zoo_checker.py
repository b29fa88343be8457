"""Every bug of the zoo is caught by the checker, with the right root cause."""

import pytest

from reference.bug_zoo import MUTANTS, mutant_namespace, seed_namespace
from reference.checks.checker import check


def test_the_unmutated_namespace_passes():
    assert check(seed_namespace(), layer_dims=[5, 4, 3, 1], examples=6).passed


@pytest.mark.parametrize("name", sorted(MUTANTS))
def test_the_checker_catches_the_mutant_and_names_its_function(name):
    report = check(mutant_namespace(name), layer_dims=[5, 4, 3, 1], examples=6)
    assert not report.passed
    assert report.root_cause == MUTANTS[name].function
    # caught for what it computes, not because the mutant failed to run
    assert not any("NameError" in c.detail for c in report.checks)


def test_the_zoo_has_at_least_15_bugs_in_at_least_8_functions():
    assert len(MUTANTS) >= 15
    assert len({m.function for m in MUTANTS.values()}) >= 8

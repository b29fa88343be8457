"""Every bug of the zoo is caught by the checker, with the right root cause.

Caught means a check of the mutated function fails for what the mutant
computes or returns. The checker records any exception of the code it calls
as a failing check ("raised ValueError: ..."); only the one a mutant is
expected to raise (EXPECTED_ERRORS) counts, since any other would be the
checker calling it wrongly, or a mutant that cannot run.
"""

import pytest

from reference.bug_zoo import MUTANTS, mutant_namespace, seed_namespace
from reference.checks.checker import check
from reference.seed_functions import callees

SMALL = dict(layer_dims=[5, 4, 3, 1], examples=6)

# The one exception a mutant may raise when the checker calls it, and why.
EXPECTED_ERRORS = {
    "forward-skips-a-layer": ("ValueError", "the layer after the skipped one gets an input of the wrong height"),
    "two-layer-activations-swapped": ("ValueError", "its ReLU output layer gives AL = 0, whose log the cost refuses"),
    "two-layer-dA2-wrong-sign": ("ValueError", "climbing the cost drives AL to 0 or 1, whose log the cost refuses"),
}


def _raised(check_):
    """The exception's name if the check records one the code under test raised, else None."""
    if check_.target == "call" and check_.detail.startswith("raised "):
        return check_.detail.removeprefix("raised ").split(":")[0]
    return None


def _not_the_bug(name, report):
    """The failing checks that record an exception other than the one mutant ``name`` may
    raise. A function that calls the mutated one may raise anything: the bug reached it
    (a training loop fed a db of the wrong shape stops), which is the report's job to explain."""
    allowed = EXPECTED_ERRORS.get(name, (None,))[0]
    mutated = MUTANTS[name].function
    return [f"{c.function}: {c.detail}" for c in report.checks
            if c.passed is False and _raised(c) and _raised(c) != allowed and mutated not in callees(c.function)]


def test_the_unmutated_namespace_passes():
    assert check(seed_namespace(), **SMALL).passed


@pytest.mark.parametrize("name", sorted(MUTANTS))
def test_the_checker_catches_the_mutant_and_names_its_function(name):
    report = check(mutant_namespace(name), **SMALL)
    function = MUTANTS[name].function
    assert not report.passed
    assert report.root_cause == function
    unexpected = _not_the_bug(name, report)
    assert not unexpected, f"{name}: exceptions that are not the bug: {unexpected}"
    assert any(c.function == function for c in report.checks if c.passed is False)


def test_every_expected_error_belongs_to_a_mutant_and_is_raised():
    assert set(EXPECTED_ERRORS) <= set(MUTANTS)
    for name, (error, _) in EXPECTED_ERRORS.items():
        report = check(mutant_namespace(name), **SMALL)
        assert error in {_raised(c) for c in report.checks}, name


def test_a_mutant_that_cannot_run_is_not_counted_as_caught():
    namespace = mutant_namespace("dW-missing-1/m")
    del namespace["np"]  # its linear_backward now raises NameError: a broken mutant, not the bug
    report = check(namespace, **SMALL)
    assert not report.passed
    assert any("raised NameError" in line for line in _not_the_bug("dW-missing-1/m", report))


def test_the_zoo_has_at_least_15_bugs_in_at_least_8_functions():
    assert len(MUTANTS) >= 15
    assert len({m.function for m in MUTANTS.values()}) >= 8

"""The cat network declared on the engine gives the checker's verdicts: on manual_dnn and on every
bug of the zoo, the same checks, the same failing functions and root causes."""

import pytest

import manual_dnn
from reference.assignments.dnn import ASSIGNMENT
from reference.bug_zoo import MUTANTS, mutant_namespace
from reference.checks.checker import check
from reference.engine.checking import check_assignment
from reference.learner.loading import load_implementation

SMALL = dict(layer_dims=[5, 4, 3, 1], examples=6)


def _both(source):
    new = check_assignment(load_implementation(source), ASSIGNMENT, 0, settings=SMALL)
    old = check(source, **SMALL)
    return new, old


def _summary(report):
    return report.passed, report.root_causes, report.failing_functions, len(report.checks), report.dA_convention


def test_manual_dnn_passes_on_the_engine_as_on_the_checker():
    new, old = _both(manual_dnn)
    assert new.passed, new.to_text()
    assert _summary(new) == _summary(old)


@pytest.mark.parametrize("name", sorted(MUTANTS))
def test_every_bug_of_the_zoo_gets_the_same_verdict_on_the_engine(name):
    new, old = _both(mutant_namespace(name))
    assert not new.passed
    assert new.root_causes == [MUTANTS[name].function]
    assert _summary(new) == _summary(old)

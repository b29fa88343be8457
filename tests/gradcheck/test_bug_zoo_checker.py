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
from tests.pages import first_failure, fits_a_screen

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
    # One bug: the page fits on a screen, and the first failure it shows is the root cause's.
    page = report.to_text()
    assert fits_a_screen(page), page
    assert first_failure(page).split()[1] == function, page
    assert all(f"{g}: " in page for g in report.explained_by), page  # one folded line each


# The bug zoo's mutants whose root cause's report names the bug in words, and the words.
PATTERNS = {
    "update-forgets-b": "not updated: the value it had before (is the result assigned back?)",
    "L-layer-update-not-assigned": "not updated: the value it had before (is the result assigned back?)",
    "update-climbs": "the step has the wrong sign:",  # then the worst parameter, W or b, as the draws have it
    "dAL-wrong-sign": "wrong only through dAL, the last layer's incoming gradient: every layer is right for the "
                      "gradient it is given, but dAL has the wrong sign",
    "dAL-typo": "wrong only through dAL, the last layer's incoming gradient: every layer is right for the "
                "gradient it is given, but dAL is not -(Y/AL - (1-Y)/(1-AL))",
    "relu-backward-kink": "wrong only where Z == 0, the ReLU's kink",
    "activations-swapped": "computed with sigmoid's formula, not relu's: are the activations swapped?",
    "sigmoid-backward-no-1-minus-s": None,  # no known bug's words: the shape of the error is named as before
}


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_the_root_causes_pattern_names_the_bug_in_words(name):
    report = check(mutant_namespace(name), **SMALL)
    words = PATTERNS[name]
    patterns = [c.pattern or "" for c in report.checks if c.function == MUTANTS[name].function and c.passed is False]
    if words is None:
        assert not any(w in p for p in patterns for w in ("not updated", "wrong only through dAL", "swapped",
                                                          "where Z == 0", "the step has the wrong sign")), patterns
        return
    assert any(p.startswith(words) for p in patterns), patterns
    assert words in " ".join(report.to_text().split())  # said on the page, under the root cause's worst entry


def test_no_known_bug_is_named_on_right_code():
    report = check(seed_namespace(), **SMALL)
    assert report.passed and not any(c.pattern for c in report.checks)


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

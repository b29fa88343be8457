"""Naming where a tensor is wrong: a column, a row, one factor for all, or no pattern."""

import numpy as np
import pytest

from reference import check
from reference.checks.comparison import compare
from reference.report.patterns import entry_errors, name_pattern
from tests.pages import first_failure
from tests.report.learner_bugs import namespace_with

RNG = np.random.RandomState(7)  # the module's fixed arrays; each test draws from its own (any order, any worker)
RIGHT = RNG.randn(5, 8)


def pattern(target, actual, expected=RIGHT):
    return name_pattern(target, entry_errors(actual, expected), actual, expected)


def with_column(j, target="dW"):
    wrong = RIGHT.copy()
    wrong[:, j] += 0.5
    return pattern(target, wrong)


def test_a_right_tensor_has_no_pattern_even_with_rounding_noise():
    assert pattern("dW", RIGHT * (1 + 1e-15 * np.random.RandomState(27).randn(*RIGHT.shape))) is None


def test_one_wrong_column_of_dW_is_an_input():
    text = with_column(3)
    assert "column 3" in text and "input 3" in text and "transposed or mis-indexed input" in text


def test_a_column_of_dA_is_an_example_not_an_input():
    text = with_column(2, target="dA1")
    assert "column 2" in text and "example 2" in text and "input" not in text


def test_one_wrong_row_is_a_unit():
    wrong = RIGHT.copy()
    wrong[4] *= -3
    text = pattern("dW2", wrong)
    assert "row 4" in text and "unit 4" in text


def test_two_wrong_columns_are_both_named():
    wrong = RIGHT.copy()
    wrong[:, [1, 6]] = 0
    assert "2 columns" in pattern("dW", wrong) and "input 1, 6" in pattern("dW", wrong)


@pytest.mark.parametrize("factor, words", [(6.0, "6x JAX's"), (0.25, "1/4 of JAX's"), (-1.0, "wrong sign"),
                                           (0.0, "every entry is 0")])
def test_one_factor_for_every_entry_is_uniform(factor, words):
    text = pattern("dW1", factor * RIGHT)
    assert text.startswith("uniform") and words in text


def test_a_tiny_failing_error_still_has_its_pattern_named():
    barely = compare("L_model_backward", "dW2", "jax-grad", RIGHT, RIGHT * (1 + 1e-8), 1e-10)
    assert barely.passed is False and barely.pattern.startswith("uniform: every entry is 1.00000001x JAX's")
    column = RIGHT.copy()
    column[:, 4] *= 1 + 1e-8
    assert "wrong only in column 4" in compare("f", "dW", "jax-vjp", RIGHT, column, 1e-10).pattern


def test_tiny_unequal_factors_are_not_called_uniform():
    noisy = RIGHT * (1 + 1e-8 * np.random.RandomState(69).uniform(0.5, 1.5, RIGHT.shape))
    assert "no single row, column or common factor" in compare("f", "dW", "jax-vjp", RIGHT, noisy, 1e-10).pattern


def test_a_missing_1_over_m_with_dead_units_is_still_uniform():
    expected = RIGHT.copy()
    expected[2] = 0.0  # a dead unit: zero in both
    assert pattern("dW", 7 * expected, expected).startswith("uniform: every entry is 7x")


def test_different_factors_everywhere_are_no_single_pattern():
    text = pattern("dW", RIGHT * np.random.RandomState(80).uniform(2, 3, RIGHT.shape))
    assert "no single row, column or common factor" in text and "every entry" in text


def test_one_wrong_entry_is_named_by_its_index():
    wrong = RIGHT.copy()
    wrong[1, 5] += 1
    assert "one entry only, [1, 5]" in pattern("dW", wrong)


def test_entry_errors_are_relative_and_ignore_rounding_near_zero():
    expected = np.array([[1.0, 0.0, 1e-30]])
    errors = entry_errors(np.array([[3.0, 0.0, 2e-30]]), expected)
    assert errors[0, 0] == pytest.approx(0.5) and errors[0, 1] == 0 and errors[0, 2] < 1e-20


def test_compare_keeps_the_per_entry_errors_of_a_failing_tensor_only():
    failing = compare("linear_backward", "dW", "jax-vjp", RIGHT, 2 * RIGHT, 1e-10)
    passing = compare("linear_backward", "dW", "jax-vjp", RIGHT, RIGHT.copy(), 1e-10)
    assert failing.errors.shape == RIGHT.shape and failing.pattern.startswith("uniform: every entry is 2x")
    assert passing.errors is None and passing.pattern is None


@pytest.mark.parametrize("bug, words, on_the_page", [
    ("column", "wrong only in column 0 (input 0)", "wrong only in column 0 (input 0)"),
    ("row", "wrong only in row 0 (unit 0)", "wrong only in row 0 (unit 0)"),
    ("uniform", "uniform: every entry is 6x JAX's", "uniform: every entry is 5x JAX's")])  # m = 5 per layer
def test_the_checker_names_the_shape_of_a_learners_bug(bug, words, on_the_page):
    report = check(namespace_with(bug), layer_dims=[5, 4, 3, 1], examples=6)
    dW1 = next(c for c in report.checks if c.target == "dW1" and c.oracle == "jax-grad")
    assert report.root_cause == "linear_backward" and dW1.passed is False
    assert words in dW1.pattern
    assert f"L_model_backward dW1: {words}" in report.to_text(verbose=True).replace("\n    ", " ")
    page = report.to_text()  # the page shows the root cause's pattern, under its worst entry
    assert first_failure(page).lstrip().startswith("FAIL linear_backward dW ") and on_the_page in " ".join(page.split())


# ---------------------------------------------------------------- tensors with a time axis

SEQUENCE = RNG.randn(3, 4, 5)  # (n, m, T_x): time last


def in_time(actual, backward, target="dx"):
    return name_pattern(target, entry_errors(actual, SEQUENCE), actual, SEQUENCE, time_axis=-1, backward=backward)


def test_a_gradient_through_time_names_the_first_wrong_step_going_backward():
    wrong = SEQUENCE.copy()
    wrong[:, :, :3] *= 0.5 + np.random.RandomState(128).rand(3, 4, 3)  # right at the last two steps, wrong before
    text = in_time(wrong, backward=True)
    assert "wrong at t = 0..2, right at t = 3, 4" in text
    assert "going backward from t = 4, the first wrong step is t = 2" in text


def test_a_forward_through_time_names_the_first_wrong_step_and_where_it_is_worst():
    wrong = SEQUENCE.copy()
    wrong[:, :, 1] = -SEQUENCE[:, :, 1]  # every entry's error 1, the largest there is
    wrong[:, :, 2:] *= np.linspace(1.3, 1.1, 3)  # then wrong by less: errors 0.13, 0.09, 0.05
    text = in_time(wrong, backward=False, target="a")
    assert "wrong at t = 1..4, right at t = 0 (most at t = 1); the first wrong step is t = 1" == text


def test_every_step_wrong_is_said_so_and_one_factor_for_all_stays_uniform():
    shifted = SEQUENCE + np.random.RandomState(142).rand(3, 4, 5)
    assert in_time(shifted, backward=False).startswith("wrong at every time step (t = 0..4)")
    assert "uniform" in in_time(3 * SEQUENCE, backward=True)


def test_one_factor_for_all_suggests_a_missing_1_over_m_only_for_a_whole_factor():
    assert pattern("dW", 5 * RIGHT).endswith("one factor for all (like a missing 1/m)")
    assert pattern("dW", RIGHT / 4).endswith("one factor for all (like a missing 1/m)")
    assert pattern("dW", 0.7 * RIGHT).endswith("one factor for all")  # a missing / keep_prob, not 1/m

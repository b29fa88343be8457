"""`manual-dnn explain --assignment NAME` for the course 1 and 2 assignments with a backward pass: every page
renders in the three formats, every gradient on it agrees with JAX, and a broken backward makes it say so."""

import re
from pathlib import Path

import pytest

from manual_dnn import gradient_checking, logistic_regression, planar, regularization
from manual_dnn_cli.main import main
from reference.assignments import NAMES, assignment

WALKS = ("logistic_regression", "planar", "regularization", "gradient_checking")
DERIVATIONS = Path(__file__).resolve().parents[2] / "docs" / "derivations.md"


def _walk(name, seed=0, fmt="text"):
    return assignment(name).explain(seed, fmt)


def _github_anchor(heading):
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


@pytest.mark.parametrize("name", WALKS)
def test_every_gradient_on_the_page_agrees_with_jax_in_each_format(name):
    text = _walk(name)
    assert "Every gradient agrees with JAX autodiff" in text and "DISAGREES" not in text
    agreeing = text.count("JAX agrees")
    assert agreeing >= 2
    markdown = _walk(name, fmt="markdown")
    assert markdown.startswith("# ") and "```" in markdown and markdown.count("JAX agrees") == agreeing
    prose = re.sub(r"```.*?```", "", markdown, flags=re.S).splitlines()
    assert not [a for a, b in zip(prose, prose[1:]) if a and b], "lines of two paragraphs would run together"
    html = _walk(name, fmt="html")
    assert html.startswith("<!DOCTYPE html>") and html.count('class="agrees"') == agreeing
    assert 'class="disagrees"' not in html


@pytest.mark.parametrize("name", WALKS)
def test_another_seed_draws_another_point_that_agrees_too(name):
    text, other = _walk(name), _walk(name, seed=5)
    assert "(seed 5)" in other and "Every gradient agrees with JAX autodiff" in other
    assert text.split("\n", 3)[3] != other.split("\n", 3)[3]


@pytest.mark.parametrize("name", WALKS)
def test_the_first_lines_link_a_section_of_the_derivations(name):
    head = _walk(name).splitlines()[:4]
    anchors = [a for line in head for a in re.findall(r"docs/derivations\.md#([\w-]+)", line)]
    headings = {_github_anchor(line.lstrip("#")) for line in DERIVATIONS.read_text().splitlines()
                if line.startswith("#")}
    assert len(anchors) == 1 and anchors[0] in headings


def _scaled(function, key, factor, at=None):
    """``function`` with the gradient ``key`` of its returned dict (at position ``at`` of a tuple) times factor."""
    def broken(*args, **kwargs):
        result = function(*args, **kwargs)
        grads = result if at is None else result[at]
        grads[key] = grads[key] * factor
        return result
    return broken


BROKEN = {  # one gradient 3 times too large, as a forgotten 1/m makes it at m = 3
    "logistic_regression": (logistic_regression, "propagate", "dw", 0),
    "planar": (planar, "backward_propagation", "dW1", None),
    "regularization": (regularization, "backward_propagation_with_dropout", "dW2", None),
    "gradient_checking": (gradient_checking, "backward_propagation_n", "dW1", None),
}


@pytest.mark.parametrize("name", WALKS)
def test_a_backward_that_forgets_a_1_over_m_is_shown_disagreeing(name, monkeypatch):
    module, function, key, at = BROKEN[name]
    monkeypatch.setattr(module, function, _scaled(getattr(module, function), key, 3.0, at))
    text = _walk(name)
    assert "Some gradients disagree with JAX" in text
    assert "Every gradient agrees" not in text
    wrong = [line for line in text.splitlines() if "DISAGREES" in line]
    assert len(wrong) == 1, wrong
    assert 'class="disagrees"' in _walk(name, fmt="html")


def test_a_dw3_without_its_l2_term_is_shown_disagreeing(monkeypatch):
    right = regularization.backward_propagation_with_regularization

    def without_the_term_in_dW3(X, Y, cache, lambd):
        grads = right(X, Y, cache, lambd)
        grads["dW3"] = grads["dW3"] - lambd / X.shape[1] * cache[10]  # cache[10] is W3
        return grads
    monkeypatch.setattr(regularization, "backward_propagation_with_regularization", without_the_term_in_dW3)
    text = _walk("regularization")
    assert "Some gradients disagree with JAX" in text and text.count("DISAGREES") == 1


def test_a_wrong_backward_makes_the_two_sided_check_find_a_mistake(monkeypatch):
    monkeypatch.setattr(gradient_checking, "backward_propagation_n",
                        _scaled(gradient_checking.backward_propagation_n, "db3", 2.0))
    text = _walk("gradient_checking")
    assert "The two-sided check finds a mistake" in text and "The two-sided check agrees" not in text


def test_the_one_sided_difference_is_the_larger_at_both_steps():
    rows = re.findall(r"epsilon = (\S+):  two-sided (\S+),  one-sided (\S+) ", _walk("gradient_checking"))
    assert [epsilon for epsilon, _, _ in rows] == ["1e-07", "1e-03"]
    assert all(float(one) > float(two) for _, two, one in rows)


def test_the_command_prints_the_planar_walk_through(capsys):
    assert main(["explain", "--assignment", "planar"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("The planar network") and "dZ1 = W2^T dZ2 * (1 - A1^2)" in out


def test_an_assignment_without_a_walk_through_gets_one_line_naming_those_with_one(capsys):
    assert assignment("initialization").explain is None
    assert main(["explain", "--assignment", "initialization"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "has no walk-through" in err
    assert all(name in err for name in WALKS)


def test_the_help_of_assignment_names_every_walk_through(capsys):
    with pytest.raises(SystemExit) as exit:
        main(["explain", "--help"])
    assert exit.value.code == 0
    help_text = " ".join(capsys.readouterr().out.split())
    with_walk = [name for name in NAMES if name != "dnn" and assignment(name).explain is not None]
    assert set(WALKS) <= set(with_walk)
    assert all(name in help_text for name in with_walk)

"""`manual-dnn explain --assignment cs231n`: batch norm's backward and softmax_loss, every gradient beside JAX's.
The page renders in the three formats and agrees with JAX; a batchnorm_backward without the mean and variance
terms (the zoo's) is shown disagreeing, by the relative error the page itself gives for that mistake."""

import re

import numpy as np
import pytest

from manual_dnn import cs231n_layers
from manual_dnn_cli.main import main
from reference.assignments import assignment
from reference.assignments.cs231n import zoo
from tests.engine.test_explain_assignments import DERIVATIONS, _github_anchor

JUDGED = ("out", "dbeta", "dgamma", "dx (the graph)", "dx (batchnorm_backward)", "dx (batchnorm_backward_alt)", "dx")
SHAPED = r"\s+(\S.*) \([\d, ]+\) = "  # a matrix's first line: its name, its shape


def _walk(seed=0, fmt="text"):
    return assignment("cs231n").explain(seed, fmt)


def _judged(text):
    """{gradient name: 'agrees' or 'DISAGREES'} for every matrix shown beside JAX (the text format)."""
    lines = text.splitlines()
    found = {}
    for i, line in enumerate(lines):
        verdict = re.search(r"<- JAX (agrees|DISAGREES)", line)
        if verdict:  # the note ends the matrix's first line, or stands on the line after its last row
            start = next(j for j in range(i, -1, -1) if re.match(SHAPED, lines[j]))
            name = re.match(SHAPED, lines[start]).group(1)
            found[name] = verdict.group(1)
    return found


def test_every_gradient_agrees_with_jax_in_each_format():
    text = _walk()
    assert _judged(text) == {name: "agrees" for name in JUDGED}  # batchnorm_forward's out, then the gradients
    assert "Every gradient agrees with JAX autodiff" in text and "DISAGREES" not in text
    agreeing = text.count("JAX agrees")
    assert agreeing == len(JUDGED)
    markdown = _walk(fmt="markdown")
    assert markdown.startswith("# CS231n") and markdown.count("JAX agrees") == agreeing
    prose = re.sub(r"```.*?```", "", markdown, flags=re.S).splitlines()
    assert not [a for a, b in zip(prose, prose[1:]) if a and b], "lines of two paragraphs would run together"
    html = _walk(fmt="html")
    assert html.startswith("<!DOCTYPE html>") and html.count('class="agrees"') == agreeing
    assert 'class="disagrees"' not in html


def test_another_seed_draws_another_point_that_agrees_too():
    text, other = _walk(), _walk(seed=5)
    assert "(seed 5)" in other and "Every gradient agrees with JAX autodiff" in other
    assert text.split("\n", 3)[3] != other.split("\n", 3)[3]


def test_a_batchnorm_backward_without_the_mean_terms_is_shown_disagreeing(monkeypatch):
    right = _walk()
    claimed = float(re.search(r"without the terms through the mean and the variance.*relative error is (\d+\.\d+)",
                              right).group(1))
    monkeypatch.setattr(cs231n_layers, "batchnorm_backward", zoo.batchnorm_backward_without_the_mean_terms)
    text = _walk()
    assert "Some gradients disagree with JAX" in text and "Every gradient agrees" not in text
    # only its dx: dgamma and dbeta are still right, and so are the page's own graph and batchnorm_backward_alt
    assert _judged(text) == {name: "DISAGREES" if name == "dx (batchnorm_backward)" else "agrees"
                             for name in JUDGED}
    shown = float(re.search(r"<- JAX DISAGREES: rel\. error (\S+)", text).group(1))
    assert shown == pytest.approx(claimed, abs=0.01)  # the sentence's number is that mistake's
    assert 'class="disagrees"' in _walk(fmt="html")


def test_a_softmax_loss_without_the_max_shift_keeps_its_gradient_and_overflows(monkeypatch):
    text = _walk()
    assert "12 NaN of 12" in text and "softmax_loss(x + 1000, y) is 0." in text
    monkeypatch.setattr(cs231n_layers, "softmax_loss", zoo.softmax_loss_without_the_max_shift)
    with np.errstate(over="ignore", invalid="ignore"):  # exp(1000) = inf, inf / inf: what this test is about
        unshifted = _walk()
    assert "Every gradient agrees with JAX autodiff" in unshifted  # right at scores of a few units
    assert "softmax_loss(x + 1000, y) is nan" in unshifted  # and NaN where exp overflows


def test_the_command_prints_the_walk_through(capsys):
    assert main(["explain", "--assignment", "cs231n", "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# CS231n: batch normalisation")
    assert "dx = gamma / (N sqrt(var + eps)) * (N dout - dbeta - x_hat * dgamma)" in out


def test_the_first_lines_link_a_heading_of_the_derivations():
    head = _walk().splitlines()[:4]
    anchors = [a for line in head for a in re.findall(r"docs/derivations\.md#([\w-]+)", line)]
    headings = {_github_anchor(line.lstrip("#")) for line in DERIVATIONS.read_text().splitlines()
                if line.startswith("#")}
    assert anchors == ["cs231n-batch-normalisations-backward-and-the-softmax-loss"] and anchors[0] in headings

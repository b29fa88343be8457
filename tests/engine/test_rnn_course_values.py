"""What course 5 week 1 prints as the expected output of its ungraded backward passes, against JAX at the
inputs its test cells build: right everywhere but lstm_backward in v1-v3, whose numbers come from a loop that
carries nothing back; docs/derivations.md says so with both numbers."""

from pathlib import Path

import numpy as np
import pytest

from manual_dnn import rnn
from reference.assignments.rnn.course_values import PRINTED, course_inputs, jax_values, matches

DOCS = Path(__file__).resolve().parents[2] / "docs" / "derivations.md"
CASES = [(f, v) for f, versions in PRINTED.items() for v in versions]


@pytest.mark.parametrize("function, version", CASES)
def test_every_printed_number_is_jaxs_but_lstm_backwards_before_v3a(function, version):
    assert matches(jax_values(function, version), PRINTED[function][version]) is (
        (function, version) != ("lstm_backward", "v1-v3"))


def test_the_v1_lstm_backward_numbers_are_a_loop_that_carries_nothing_back():
    given = course_inputs("lstm_backward", "v1-v3")
    caches, _ = rnn.lstm_forward(given["x"], given["a0"], given["parameters"])[3]
    da, n_a, m = given["da"], 5, 10
    per_step = [rnn.lstm_cell_backward(da[:, :, t], np.zeros((n_a, m)), caches[t]) for t in range(da.shape[2])]
    summed = {k: sum(g[k] for g in per_step) for k in per_step[0]}
    found = {"dx[1][2]": np.array([g["dxt"][1][2] for g in per_step]), "da0[2][3]": per_step[0]["da_prev"][2][3],
             **{f"dW{g}[{i}][{j}]": summed[f"dW{g}"][i][j] for g, i, j in (("f", 3, 1), ("i", 1, 2), ("c", 3, 1),
                                                                         ("o", 1, 2))},
             "dbf[4]": summed["dbf"][4]}
    assert matches(found, {k: PRINTED["lstm_backward"]["v1-v3"][k] for k in found})
    for gate in "ico":  # their bias gradients also carry the forget gate's of the later steps
        value = sum(g["dbf"] for g in per_step[1:]) + per_step[0][f"db{gate}"]
        assert matches({"b": value[4]}, {"b": PRINTED["lstm_backward"]["v1-v3"][f"db{gate}[4]"]})


def test_the_v1_rnn_cell_backward_numbers_are_right_for_the_stale_ba_the_cell_passes():
    assert not matches(jax_values("rnn_cell_backward", "v3a on"), PRINTED["rnn_cell_backward"]["v1-v3"])
    stale = course_inputs("rnn_cell_backward", "v1-v3")["parameters"]["ba"]
    fresh = course_inputs("rnn_cell_backward", "v3a on")["parameters"]["ba"]
    assert not np.array_equal(stale, fresh)


def test_manual_dnn_prints_the_courses_current_numbers():
    given = course_inputs("lstm_backward", "v3a on")
    caches = rnn.lstm_forward(given["x"], given["a0"], given["parameters"])[3]
    g = rnn.lstm_backward(given["da"], caches)
    found = {"dx[1][2]": g["dx"][1][2], "da0[2][3]": g["da0"][2][3], "dbo[4]": g["dbo"][4]}
    assert matches(found, {k: PRINTED["lstm_backward"]["v3a on"][k] for k in found})


def test_the_derivations_say_where_the_printed_numbers_disagree_with_both_numbers():
    text = " ".join(DOCS.read_text(encoding="utf-8").split())
    wrong, right = PRINTED["lstm_backward"]["v1-v3"], PRINTED["lstm_backward"]["v3a on"]
    for entry in wrong:
        for value in (wrong[entry], right[entry]):
            shown = " ".join(str(v) for v in np.ravel(value)) if np.ndim(value) else str(value)
            assert shown in text.replace("[", "").replace("]", ""), (entry, shown)
    assert "-0.460564103059" in text and "-1.3872130506" in text

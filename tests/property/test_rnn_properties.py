"""manual_dnn.rnn (course 5 week 1: the basic RNN and the LSTM) equals its JAX math
(reference.assignments.rnn.math) on drawn sizes and values: every forward value and cache,
every gradient key of the four backward passes against the VJP, the sequences' backward with
fewer upstream steps than cached ones (the course's own LSTM test), and no argument written into.

The math's own claim, that one function serves autodiff, central differences and the complex
step (tanh, the sigmoid and softmax are analytic), is checked along drawn directions.
"""

import numpy as np
from hypothesis import assume, find, given
from hypothesis import strategies as st

from manual_dnn import rnn
from tests.property import rnn_oracles as jax_math
from tests.property.expect import Untouched, assert_close
from tests.property.rnn_strategies import SIZES, cases, grid

CASES = cases()


def _keys_close(found, expected, what):
    assert list(found) == list(expected), f"{what}: keys {list(found)}, the course's {list(expected)}"
    for key, value in expected.items():
        assert_close(found[key], value, "jax", f"{what} {key}")


# ---------------------------------------------------------------- softmax (rnn_utils)

@given(case=CASES)
def test_softmax_equals_the_maths_and_every_column_sums_to_one(case):
    _, v = case
    s = rnn.softmax(v["logits"])
    assert_close(s, jax_math.softmax(v["logits"]), "jax", "softmax")
    assert np.allclose(s.sum(axis=0), 1.0, rtol=0, atol=1e-12)


# ---------------------------------------------------------------- the basic RNN

@given(case=CASES)
def test_rnn_cell_forward_equals_the_math_and_caches_the_courses_tuple(case):
    _, v = case
    p = v["rnn_parameters"]
    untouched = Untouched(xt=v["xt"], a_prev=v["a_prev"], parameters=p)
    a_next, yt_pred, cache = rnn.rnn_cell_forward(v["xt"], v["a_prev"], p)
    untouched.check()
    a, y = jax_math.rnn_cell(v["xt"], v["a_prev"], p)
    assert_close(a_next, a, "jax", "a_next")
    assert_close(yt_pred, y, "jax", "yt_pred")
    assert cache[0] is a_next and cache[1] is v["a_prev"] and cache[3] is p
    assert np.array_equal(cache[2], v["xt"])


@given(case=CASES)
def test_rnn_forward_equals_the_math_step_by_step_from_a0(case):
    _, v = case
    p = v["rnn_parameters"]
    untouched = Untouched(x=v["x"], a0=v["a0"], parameters=p)
    a, y_pred, (caches, x) = rnn.rnn_forward(v["x"], v["a0"], p)
    untouched.check()
    ja, jy = jax_math.rnn_sequence(v["x"], v["a0"], p)
    assert_close(a, ja, "jax", "a")
    assert_close(y_pred, jy, "jax", "y_pred")
    assert len(caches) == v["x"].shape[2] and x is v["x"]
    assert np.array_equal(caches[0][1], v["a0"])


@given(case=CASES)
def test_rnn_cell_backward_equals_the_vjp_of_a_next(case):
    _, v = case
    assume(np.any(v["da_next"]))
    p = v["rnn_parameters"]
    _, _, cache = rnn.rnn_cell_forward(v["xt"], v["a_prev"], p)
    untouched = Untouched(da_next=v["da_next"], cache=cache)
    found = rnn.rnn_cell_backward(v["da_next"], cache)
    untouched.check()
    _keys_close(found, jax_math.rnn_cell_gradients(v["da_next"], v["xt"], v["a_prev"], p), "rnn_cell_backward")


@given(case=CASES, upstream_steps=st.integers(1, 4))
def test_rnn_backward_equals_the_vjp_of_every_hidden_state(case, upstream_steps):
    _, v = case
    T_x = v["x"].shape[2]
    da = v["da"][:, :, :min(upstream_steps, T_x)]  # the course's test gives fewer steps of da than of x
    assume(np.any(da))
    p = v["rnn_parameters"]
    _, _, caches = rnn.rnn_forward(v["x"], v["a0"], p)
    untouched = Untouched(da=da, caches=caches)
    found = rnn.rnn_backward(da, caches)
    untouched.check()
    _keys_close(found, jax_math.rnn_sequence_gradients(da, v["x"], v["a0"], p), "rnn_backward")


# ---------------------------------------------------------------- the LSTM

@given(case=CASES)
def test_lstm_cell_forward_equals_the_math_and_caches_the_courses_tuple(case):
    _, v = case
    p = v["lstm_parameters"]
    untouched = Untouched(xt=v["xt"], a_prev=v["a_prev"], c_prev=v["c_prev"], parameters=p)
    a_next, c_next, yt_pred, cache = rnn.lstm_cell_forward(v["xt"], v["a_prev"], v["c_prev"], p)
    untouched.check()
    a, c, y = jax_math.lstm_cell(v["xt"], v["a_prev"], v["c_prev"], p)
    for name, found, expected in (("a_next", a_next, a), ("c_next", c_next, c), ("yt_pred", yt_pred, y)):
        assert_close(found, expected, "jax", name)
    assert len(cache) == 10 and cache[0] is a_next and cache[1] is c_next and cache[9] is p
    assert np.array_equal(cache[2], v["a_prev"]) and np.array_equal(cache[3], v["c_prev"])


@given(case=CASES)
def test_lstm_forward_equals_the_math_from_a0_and_a_zero_cell_state(case):
    _, v = case
    p = v["lstm_parameters"]
    untouched = Untouched(x=v["x"], a0=v["a0"], parameters=p)
    a, y, c, (caches, x) = rnn.lstm_forward(v["x"], v["a0"], p)
    untouched.check()
    ja, jy, jc = jax_math.lstm_sequence(v["x"], v["a0"], p)
    for name, found, expected in (("a", a, ja), ("y", y, jy), ("c", c, jc)):
        assert_close(found, expected, "jax", name)
    assert len(caches) == v["x"].shape[2] and x is v["x"]
    assert not np.any(caches[0][3])  # c<0> = 0


@given(case=CASES)
def test_lstm_cell_backward_equals_the_vjp_of_a_next_and_c_next(case):
    _, v = case
    assume(np.any(v["da_next"]) or np.any(v["dc_next"]))
    p = v["lstm_parameters"]
    cache = rnn.lstm_cell_forward(v["xt"], v["a_prev"], v["c_prev"], p)[3]
    untouched = Untouched(da_next=v["da_next"], dc_next=v["dc_next"], cache=cache)
    found = rnn.lstm_cell_backward(v["da_next"], v["dc_next"], cache)
    untouched.check()
    expected = jax_math.lstm_cell_gradients(v["da_next"], v["dc_next"], v["xt"], v["a_prev"], v["c_prev"], p)
    _keys_close(found, expected, "lstm_cell_backward")


@given(case=CASES, upstream_steps=st.integers(1, 4))
def test_lstm_backward_equals_the_vjp_of_every_hidden_state(case, upstream_steps):
    _, v = case
    da = v["da"][:, :, :min(upstream_steps, v["x"].shape[2])]
    assume(np.any(da))
    p = v["lstm_parameters"]
    caches = rnn.lstm_forward(v["x"], v["a0"], p)[3]
    untouched = Untouched(da=da, caches=caches)
    found = rnn.lstm_backward(da, caches)
    untouched.check()
    _keys_close(found, jax_math.lstm_sequence_gradients(da, v["x"], v["a0"], p), "lstm_backward")


# ---------------------------------------------------------------- the math's own claim

@given(case=CASES, seed=st.integers(0, 2 ** 16))
def test_the_lstm_maths_vjp_equals_its_complex_step_and_central_differences_along_a_direction(case, seed):
    from reference.oracles.numeric import directional_complex_step, directional_fd

    _, v = case
    assume(np.any(v["da"]))
    inputs = jax_math.padded_lstm_point(v["x"], v["a0"], v["lstm_parameters"])
    phi, flat, gradient = jax_math.lstm_phi_and_gradient(inputs, v["da"])
    direction = np.random.RandomState(seed).randn(flat.size)
    expected = float(gradient @ direction)
    assert abs(directional_complex_step(phi, flat, direction) - expected) <= 1e-9 * (1 + abs(expected))
    assert abs(directional_fd(phi, flat, direction) - expected) <= 1e-6 * (1 + abs(expected))


# ---------------------------------------------------------------- the strategies reach what matters

def test_the_cases_reach_one_step_one_example_and_the_largest_sizes():
    # CASES draws its sizes from SIZES first and any values at them: SIZES reaching a size is CASES reaching it
    # (found through CASES, each draw builds every array: a minute of the suite)
    find(SIZES, lambda s: s["T_x"] == 1 and s["m"] == 1 and s["n_a"] == 1)
    find(grid((2, 2), 0.9), lambda a: np.abs(a).max() == 0.9)
    find(SIZES, lambda s: s == {"n_x": 3, "n_a": 4, "n_y": 3, "m": 3, "T_x": 4})
    find(SIZES, lambda s: s["n_x"] != s["n_a"] != s["m"] and s["T_x"] > 1)

"""Hypothesis strategies for course 5 week 1: sizes first, then bounded float64 arrays on the grid.

A drawn case is ``(sizes, values)`` with every argument of the assignment's functions, as
reference.assignments.rnn.points.values_at names them (x, a0, xt, a_prev, c_prev, da_next,
dc_next, da, rnn_parameters, lstm_parameters), so the properties and the checker speak of the
same things. Sizes stop at the MAX_* bounds, where rnn_oracles pads every case (one compilation
per oracle). Hidden states lie in [-0.9, 0.9] (a tanh's range, a sigmoid gate's times it), the
rest in [-2, 2], weights in [-1.5, 1.5]: a gate's input can reach 1.5 (4 * 0.9 + 3 * 2) + 1.5 = 15.9,
so saturated tanh and sigmoid can be drawn too (numpy and JAX must still agree there).
"""

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from tests.property.strategies import GRID

MAX_X, MAX_A, MAX_Y, MAX_M, MAX_T = 3, 4, 3, 3, 4
SIZES = st.fixed_dictionaries({"n_x": st.integers(1, MAX_X), "n_a": st.integers(1, MAX_A),
                               "n_y": st.integers(1, MAX_Y), "m": st.integers(1, MAX_M),
                               "T_x": st.integers(1, MAX_T)})


def grid(shape, bound):
    """float64 multiples of 1e-3 in [-bound, bound], of ``shape``."""
    k = round(GRID * bound)
    return arrays(np.float64, shape, elements=st.integers(-k, k).map(lambda i: i / GRID))


@st.composite
def cases(draw, sizes=SIZES):
    """(sizes, values): every argument of the assignment's functions at drawn sizes."""
    s = draw(sizes)
    n_x, n_a, n_y, m, T_x = s["n_x"], s["n_a"], s["n_y"], s["m"], s["T_x"]
    values = {"x": draw(grid((n_x, m, T_x), 2)), "a0": draw(grid((n_a, m), 0.9)), "xt": draw(grid((n_x, m), 2)),
              "a_prev": draw(grid((n_a, m), 0.9)), "c_prev": draw(grid((n_a, m), 2)),
              "da_next": draw(grid((n_a, m), 2)), "dc_next": draw(grid((n_a, m), 2)),
              "da": draw(grid((n_a, m, T_x), 2)), "logits": draw(grid((n_y, m), 8))}
    rnn = {"Wax": (n_a, n_x), "Waa": (n_a, n_a), "Wya": (n_y, n_a), "ba": (n_a, 1), "by": (n_y, 1)}
    lstm = {**{f"{p}{g}": (n_a, n_a + n_x) if p == "W" else (n_a, 1) for g in "fico" for p in "Wb"},
            "Wy": (n_y, n_a), "by": (n_y, 1)}
    values["rnn_parameters"] = {k: draw(grid(shape, 1.5)) for k, shape in rnn.items()}
    values["lstm_parameters"] = {k: draw(grid(shape, 1.5)) for k, shape in lstm.items()}
    return s, values

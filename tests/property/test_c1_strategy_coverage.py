"""Each course 1 strategy reaches the cases that matter.

A property whose strategy never reaches m = 1, or never trains past iteration 100 (where the
course's costs list gets its second entry), passes there however wrong the code is.
``hypothesis.find`` shows each case is reached within bounds.REACH_EXAMPLES draws.
"""

import numpy as np
import pytest
from hypothesis import HealthCheck, Phase, find, settings

from tests.property import c1_oracles as jax_math
from tests.property.bounds import REACH_EXAMPLES
from tests.property.c1_strategies import (
    LOGISTIC_MODELS,
    LOGISTIC_POINTS,
    LOGISTIC_TRAINING,
    MAX_FEATURES,
    MAX_HIDDEN,
    MAX_M,
    PLANAR_POINTS,
    PLANAR_TRAINING,
)

REACH = settings(settings.get_profile("ci"), max_examples=REACH_EXAMPLES, database=None, phases=[Phase.generate],
                 suppress_health_check=list(HealthCheck))


def _mixed(Y):
    return 0 < Y.sum() < Y.size


def _lr_activation(point):
    w, b, X, _ = point
    return jax_math.activation(w, b, X)


def _planar_output(point):
    X, _, parameters = point
    return jax_math.forward(X, parameters)[0]


def _planar_hidden(point):
    X, _, parameters = point
    return jax_math.forward(X, parameters)[1]["A1"]


CASES = {
    "LOGISTIC_POINTS": (LOGISTIC_POINTS, {
        "m = 1": lambda p: p[2].shape[1] == 1,
        f"m = {MAX_M}": lambda p: p[2].shape[1] == MAX_M,
        "n_x = 1": lambda p: p[2].shape[0] == 1,
        f"n_x = {MAX_FEATURES}": lambda p: p[2].shape[0] == MAX_FEATURES,
        "mixed labels": lambda p: _mixed(p[3]),
        "both classes predicted": lambda p: (_lr_activation(p) > 0.5).any() and (_lr_activation(p) < 0.5).any(),
        "an activation in a sigmoid tail (|z| > 5)": lambda p: (np.abs(_lr_activation(p) - 0.5) > 0.493).any(),
    }),
    "LOGISTIC_TRAINING": (LOGISTIC_TRAINING, {
        "one iteration": lambda c: c[5] == 1,
        "past iteration 100: two recorded costs": lambda c: c[5] > 100,
        "a learning rate above 0.5": lambda c: c[4] > 0.5,
    }),
    "LOGISTIC_MODELS": (LOGISTIC_MODELS, {
        "one test example": lambda c: c[2].shape[1] == 1,
        "more test examples than training ones": lambda c: c[2].shape[1] > c[0].shape[1],
        "past iteration 100": lambda c: c[5] > 100,
    }),
    "PLANAR_POINTS": (PLANAR_POINTS, {
        "m = 1": lambda p: p[0].shape[1] == 1,
        f"m = {MAX_M}": lambda p: p[0].shape[1] == MAX_M,
        "n_h = 1": lambda p: p[2]["W1"].shape[0] == 1,
        f"n_h = {MAX_HIDDEN}": lambda p: p[2]["W1"].shape[0] == MAX_HIDDEN,
        "n_x = 1": lambda p: p[0].shape[0] == 1,
        "mixed labels": lambda p: _mixed(p[1]),
        "both classes predicted": lambda p: (_planar_output(p) > 0.5).any() and (_planar_output(p) < 0.5).any(),
        "a saturated tanh unit (|A1| > 0.95)": lambda p: (np.abs(_planar_hidden(p)) > 0.95).any(),
    }),
    "PLANAR_TRAINING": (PLANAR_TRAINING, {
        "one iteration": lambda c: c[3] == 1,
        "twenty iterations or more": lambda c: c[3] >= 20,
        "n_h = 1": lambda c: c[2] == 1,
        "m = 1": lambda c: c[0].shape[1] == 1,
    }),
}


@pytest.mark.parametrize("strategy, case", [(s, c) for s, (_, cases) in CASES.items() for c in cases])
def test_the_strategy_reaches_the_case(strategy, case):
    drawn, cases = CASES[strategy]
    find(drawn, cases[case], settings=REACH)  # raises NoSuchExample when not reached

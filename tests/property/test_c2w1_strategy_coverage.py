"""The course 2 week 1 strategies reach the cases that matter, and every draw keeps its promises.

``hypothesis.find`` shows each case is reached within the CI profile's budget for one property
(test_strategy_coverage.REACH), so no property there passes for lack of a case: m = 1 (where a
missing 1/m is invisible) and m > 1, dropped and kept units, keep_prob 1, a large lambd, a unit of
layer 2 inactive on some example, points well-conditioned enough for eps = 1e-7 differences, and
points where each planted bug shows.
"""

import numpy as np
import pytest
from hypothesis import find, given

from manual_dnn import gradient_checking as gc
from manual_dnn import regularization as reg
from reference.tolerances import KINK_MARGIN
from tests.property.c2w1_strategies import (
    C2W1_MAX_UNITS,
    DROPOUT_NETWORKS,
    EXAMPLE_COUNTS,
    NETWORKS,
    ONE_DIMENSIONAL,
    OUTPUT_BOUND,
    OUTPUT_COSTS,
    well_conditioned,
)
from tests.property.test_strategy_coverage import REACH


def _cache(point):
    X, _, parameters, keep_prob, seed = point
    return reg.forward_propagation_with_dropout(X, parameters, keep_prob, seed=seed)[1]


def _gradients(point):
    X, Y, parameters, _, _ = point
    return gc.backward_propagation_n(X, Y, gc.forward_propagation_n(X, Y, parameters)[1])


def _planted_bugs_show(point):
    g = _gradients(point)
    return np.linalg.norm(g["dW2"]) > 0.01 and np.linalg.norm(g["db1"]) > 0.01


CASES = {
    "NETWORKS": (NETWORKS, {
        "m = 1": lambda p: p[0].shape[1] == 1,
        f"m = {max(EXAMPLE_COUNTS)}": lambda p: p[0].shape[1] == max(EXAMPLE_COUNTS),
        f"a hidden layer of {C2W1_MAX_UNITS} units": lambda p: p[2]["W2"].shape[0] == C2W1_MAX_UNITS,
        "mixed labels": lambda p: 0 < p[1].sum() < p[1].size,
        "a unit of layer 2 inactive on some example": lambda p: (
            (reg.forward_propagation(p[0], p[2])[1][4] < 0).any()),
        "well-conditioned for eps = 1e-7": well_conditioned,
        "both planted bugs visible": _planted_bugs_show,
    }),
    "DROPOUT_NETWORKS": (DROPOUT_NETWORKS, {
        "m = 1": lambda p: p[0].shape[1] == 1,
        "keep_prob 1": lambda p: p[3] == 1.0,
        "keep_prob below 0.5": lambda p: p[3] < 0.5,
        "a unit dropped on one example and kept on another in each hidden layer": lambda p: all(
            (D.any(axis=1) & ~D.all(axis=1)).any() for D in (_cache(p)[1], _cache(p)[6])),
    }),
    "OUTPUT_COSTS": (OUTPUT_COSTS, {
        "m = 1": lambda c: c[1].shape[1] == 1,
        "lambd 0": lambda c: c[3] == 0,
        "lambd above 1": lambda c: c[3] > 1,
        "A3 near 0 and near 1": lambda c: c[0].min() < 0.05 and c[0].max() > 0.95,
    }),
    "ONE_DIMENSIONAL": (ONE_DIMENSIONAL, {
        "x and theta of opposite signs": lambda p: p[0] * p[1] < 0,
        "|theta| > 5": lambda p: abs(p[1]) > 5,
    }),
}


@pytest.mark.parametrize("strategy, case", [(s, c) for s, (_, cases) in CASES.items() for c in cases])
def test_the_strategy_reaches_the_case(strategy, case):
    drawn, cases = CASES[strategy]
    find(drawn, cases[case], settings=REACH)  # raises NoSuchExample when not reached


@given(point=DROPOUT_NETWORKS)
def test_every_dropout_network_is_fd_valid_through_its_own_masks(point):
    """No ReLU input within KINK_MARGIN of 0, A3 clear of 0 and 1: what the properties rely on."""
    cache = _cache(point)
    Z1, Z2, Z3 = cache[0], cache[5], cache[10]
    assert np.abs(Z1).min() >= KINK_MARGIN * (1 - 1e-9) and np.abs(Z2).min() >= KINK_MARGIN * (1 - 1e-9)
    assert np.abs(Z3).max() < OUTPUT_BOUND


@given(point=NETWORKS)
def test_every_network_is_fd_valid(point):
    X, _, parameters, _, _ = point
    cache = reg.forward_propagation(X, parameters)[1]
    assert np.abs(cache[0]).min() >= KINK_MARGIN * (1 - 1e-9) and np.abs(cache[4]).min() >= KINK_MARGIN * (1 - 1e-9)
    assert np.abs(cache[8]).max() < OUTPUT_BOUND

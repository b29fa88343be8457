"""Each strategy reaches the cases that matter.

A property whose strategy never reaches m = 1, or never puts a kink below
layer 1, passes there however wrong the code is. ``hypothesis.find`` shows
each case is reached within REACH draws (bounds.REACH_EXAMPLES: five times
the budget the CI profile gives one property). What every draw promises (a kink, saturation, no ReLU input near
its kink) is asserted by the properties that rely on it.
"""

import numpy as np
import pytest
from hypothesis import HealthCheck, Phase, find, settings

from reference.oracles.numpy_network import forward
from tests.property import padded_jax_oracle
from tests.property.bounds import MAX_EXAMPLES, MAX_LAYERS, MAX_UNITS, REACH_EXAMPLES
from tests.property.strategies import (
    FD_VALID_ACTIVATIONS,
    FD_VALID_LAYERS,
    FD_VALID_NETWORKS,
    KINK_ACTIVATIONS,
    KINK_NETWORKS,
    SATURATED_NETWORKS,
    weights_of,
)

# The CI profile's derandomised draws, REACH_EXAMPLES of them; stop at the first example found.
REACH = settings(settings.get_profile("ci"), max_examples=REACH_EXAMPLES, database=None, phases=[Phase.generate],
                 suppress_health_check=list(HealthCheck))


# ------------------------------------------------------------ what a drawn case has

def _layers(point):
    return len(point[2]) // 2


def _examples(point):
    return point[0].shape[1]


def _mixed_labels(point):
    Y = point[1]
    return 0 < Y.sum() < Y.size


def _widest_layer(point):
    X, _, params = point
    return max([X.shape[0]] + [W.shape[0] for W, _ in weights_of(params)])


def _output(point):
    X, _, params = point
    return forward(X, weights_of(params))[0]


def _kink_layers(point):
    """The ReLU layers l with some Z_l exactly 0."""
    X, _, params = point
    Zs = forward(X, weights_of(params))[1]
    return {l for l, Z in enumerate(Zs[:-1], start=1) if (Z == 0).any()}


def _partial_kink(point):
    """A ReLU unit exactly at its kink on one example and active on another."""
    X, _, params = point
    Zs = forward(X, weights_of(params))[1]
    return any(((Z == 0).any(axis=1) & (Z > 0).any(axis=1)).any() for Z in Zs[:-1])


def _hidden_gradient_alive(point):
    X, Y, params = point
    return _layers(point) >= 2 and np.abs(padded_jax_oracle.model_backward(X, weights_of(params), Y)["dW1"]).max() > 0


def _layer_Z(case):
    return case[1][1]


CASES = {
    "FD_VALID_NETWORKS": (FD_VALID_NETWORKS, {
        "m = 1": lambda p: _examples(p) == 1,
        f"m = {MAX_EXAMPLES}": lambda p: _examples(p) == MAX_EXAMPLES,
        "L = 1": lambda p: _layers(p) == 1,
        f"L = {MAX_LAYERS}": lambda p: _layers(p) == MAX_LAYERS,
        f"a layer of {MAX_UNITS} units": lambda p: _widest_layer(p) == MAX_UNITS,
        "mixed labels": _mixed_labels,
    }),
    "KINK_NETWORKS": (KINK_NETWORKS, {
        "m = 1": lambda p: _examples(p) == 1,
        "L = 2, the fewest layers with a ReLU": lambda p: _layers(p) == 2,
        "mixed labels": _mixed_labels,
        "a kink in layer 1": lambda p: 1 in _kink_layers(p),
        "a kink in a layer >= 2": lambda p: any(l >= 2 for l in _kink_layers(p)),
        "a unit at its kink on one example, active on another": _partial_kink,
    }),
    "SATURATED_NETWORKS": (SATURATED_NETWORKS, {
        "m = 1": lambda p: _examples(p) == 1,
        "L = 1": lambda p: _layers(p) == 1,
        "mixed labels": _mixed_labels,
        "AL within 1e-9 of 0": lambda p: _output(p).max() < 1e-9,
        "AL within 1e-9 of 1": lambda p: _output(p).min() > 1 - 1e-9,
        "a hidden layer's gradient alive": _hidden_gradient_alive,
    }),
    "FD_VALID_LAYERS": (FD_VALID_LAYERS, {
        "m = 1": lambda c: _layer_Z(c).shape[1] == 1,
        "one unit fed by one": lambda c: c[1][0][1].shape == (1, 1),
        "|Z| > 5 for the sigmoid": lambda c: np.abs(_layer_Z(c)).max() > 5,
        "a ReLU active and one inactive": lambda c: (_layer_Z(c) > 0).any() and (_layer_Z(c) < 0).any(),
    }),
    "FD_VALID_ACTIVATIONS": (FD_VALID_ACTIVATIONS, {
        "m = 1": lambda c: c[1].shape[1] == 1,
        "|Z| > 5 for the sigmoid": lambda c: np.abs(c[1]).max() > 5,
        "Z of both signs": lambda c: (c[1] > 0).any() and (c[1] < 0).any(),
    }),
    "KINK_ACTIVATIONS": (KINK_ACTIVATIONS, {
        "m = 1": lambda c: c[1].shape[1] == 1,
        "several kinks beside active and inactive entries": lambda c: (
            (c[1] == 0).sum() > 1 and (c[1] > 0).any() and (c[1] < 0).any()),
    }),
}


@pytest.mark.parametrize("strategy, case", [(s, c) for s, (_, cases) in CASES.items() for c in cases])
def test_the_strategy_reaches_the_case(strategy, case):
    drawn, cases = CASES[strategy]
    find(drawn, cases[case], settings=REACH)  # raises NoSuchExample when not reached

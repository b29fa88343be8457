"""The published results of the "Application" notebook, on the real cat images.

Each trains for 2500 iterations (about 10-20 s each on a 2-core machine).
"""

import numpy as np
import pytest

import manual_dnn as md

# one worker trains the cat network once for them all (make test runs with --dist loadgroup)
pytestmark = [pytest.mark.data, pytest.mark.slow, pytest.mark.xdist_group("trained_cat_network")]


def _accuracy(X, Y, params):
    return float(np.mean(md.predict(X, Y, params) == Y))


def test_two_layer_model_reproduces_the_published_costs_and_accuracies(cat_data):
    train_x, train_y, test_x, test_y = cat_data
    params, costs = md.two_layer_model(train_x, train_y, (12288, 7, 1), num_iterations=2500)
    assert len(costs) == 25
    assert costs[0] == pytest.approx(0.6930497356599888, abs=1e-9)
    assert costs[24] == pytest.approx(0.048554785628770226, abs=1e-9)
    assert _accuracy(train_x, train_y, params) == 1.0
    assert _accuracy(test_x, test_y, params) == pytest.approx(0.72)


def test_L_layer_model_reproduces_the_published_costs_and_accuracies(cat_data, trained_cat_network):
    train_x, train_y, test_x, test_y = cat_data
    params, costs = trained_cat_network
    assert costs[0] == pytest.approx(0.7717493284237686, abs=1e-9)
    assert costs[24] == pytest.approx(0.092878, abs=1e-6)
    assert _accuracy(train_x, train_y, params) == pytest.approx(0.985646, abs=1e-6)
    assert _accuracy(test_x, test_y, params) == pytest.approx(0.80)


def test_the_small_initialisation_barely_trains_the_4_layer_network(cat_data):
    """The README's lesson: ×0.01 weights stall the deep network (0.693 -> 0.644, test 0.34)."""
    train_x, train_y, test_x, test_y = cat_data
    params, costs = md.L_layer_model(
        train_x, train_y, [12288, 20, 7, 5, 1], num_iterations=2500, scaled_init=False
    )
    assert costs[0] == pytest.approx(0.693148, abs=1e-6)
    assert costs[24] == pytest.approx(0.643985, abs=1e-6)
    assert _accuracy(test_x, test_y, params) == pytest.approx(0.34)

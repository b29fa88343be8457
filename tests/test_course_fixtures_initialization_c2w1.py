"""Course 2 week 1 "Initialization": the course's published initialisers, against manual_dnn.

Sources: the 2017 notebook (the test cells print zeros and random at layers [3, 2, 1], He at [2, 4, 1]);
public_tests.py (2021-2024: zeros and random at [3, 2, 1], He at [3, 1, 2], with datatype, shape and
value checks). The seeds are the course's: each initialiser seeds itself with 3.
"""

import numpy as np
import pytest

from manual_dnn import three_initializations as init
from tests.test_course_fixtures import assert_published


def assert_parameters(parameters, published):
    assert sorted(parameters) == sorted(published)
    for key, value in published.items():
        assert parameters[key].dtype == np.float64  # public_tests' datatype_check
        assert_published(parameters[key], value)


def test_initialize_parameters_zeros_fixture():
    assert_parameters(init.initialize_parameters_zeros([3, 2, 1]),
                      {"W1": np.zeros((2, 3)), "b1": np.zeros((2, 1)), "W2": np.zeros((1, 2)), "b2": np.zeros((1, 1))})


def test_initialize_parameters_random_fixture():
    assert_parameters(init.initialize_parameters_random([3, 2, 1]), {
        "W1": [[17.88628473, 4.36509851, 0.96497468], [-18.63492703, -2.77388203, -3.54758979]],
        "b1": [[0.0], [0.0]],
        "W2": [[-0.82741481, -6.27000677]],
        "b2": [[0.0]],
    })


def test_initialize_parameters_he_fixture_2017():
    assert_parameters(init.initialize_parameters_he([2, 4, 1]), {
        "W1": [[1.78862847, 0.43650985], [0.09649747, -1.8634927], [-0.2773882, -0.35475898],
               [-0.08274148, -0.62700068]],
        "b1": np.zeros((4, 1)),
        "W2": [[-0.03098412, -0.33744411, -0.92904268, 0.62552248]],
        "b2": [[0.0]],
    })


def test_initialize_parameters_he_fixture_public_tests():
    assert_parameters(init.initialize_parameters_he([3, 1, 2]), {
        "W1": [[1.46040903, 0.3564088, 0.07878985]],
        "b1": [[0.0]],
        "W2": [[-2.63537665], [-0.39228616]],
        "b2": [[0.0], [0.0]],
    })


@pytest.mark.parametrize("initializer", [init.initialize_parameters_random, init.initialize_parameters_he])
def test_the_seeded_initialisers_leave_numpys_global_generator_alone(initializer):
    np.random.seed(7)
    expected = np.random.rand()
    np.random.seed(7)
    initializer([4, 3, 1])
    assert np.random.rand() == expected


def test_he_keeps_the_variance_2_over_fan_in():
    W = init.initialize_parameters_he([400, 300, 1])["W1"]
    assert abs(W.var() * 400 / 2 - 1) < 0.02  # 120,000 draws: the sample variance is within 1%


def test_model_starts_from_the_named_initialiser():
    rng = np.random.RandomState(0)
    X, Y = rng.randn(2, 6), (rng.rand(1, 6) > 0.5).astype(float)
    for name, initializer in init.INITIALIZERS.items():
        start = init.model(X, Y, num_iterations=0, initialization=name)
        for key, value in initializer([2, 10, 5, 1]).items():
            np.testing.assert_array_equal(start[key], value)
    with pytest.raises(ValueError, match="initialization must be one of"):
        init.model(X, Y, num_iterations=0, initialization="xavier")

"""Course 1, week 2 ("Logistic Regression with a Neural Network mindset"): the course's published
test cases, rebuilt here, against manual_dnn.logistic_regression.

Inputs are the numbers the notebooks type in, or drawn as the course's public_tests.py draws them
(np.random.RandomState(seed) gives the stream of np.random.seed(seed); np.random.randn(...)).
Expected numbers are the outputs printed in the notebooks, compared to the digits printed (6
decimals, as the course's np.allclose and its printouts allow). Versions, as learners' repositories
hold them (tests/learners/logistic_regression/README.md names them):

  v1-v4 (2017-2018): propagate on w = [[1], [2]], b = 2, X = [[1, 2], [3, 4]], Y = [[1, 0]]
  v5-v6a (2018-2020): propagate on w = [[1.], [2.]], b = 2., X = [[1., 2., -1.], [3., 4., -3.2]], Y = [[1, 0, 1]]
  public_tests (2021 on): the notebook's cells and public_tests.py's *_test functions
"""

import numpy as np
import pytest

from manual_dnn import logistic_regression as lr

DECIMALS = 6

OLD_POINT = (np.array([[1], [2]]), 2, np.array([[1, 2], [3, 4]]), np.array([[1, 0]]))  # v1-v4, integers
V6_POINT = (np.array([[1.], [2.]]), 2., np.array([[1., 2., -1.], [3., 4., -3.2]]), np.array([[1, 0, 1]]))
PUBLIC_CELL_POINT = (np.array([[1.], [2]]), 1.5, np.array([[1., -2., -1.], [3., 0.5, -3.2]]), np.array([[1, 1, 0]]))


def assert_published(actual, published, decimal=DECIMALS):
    published = np.asarray(published, dtype=np.float64)
    assert np.shape(actual) == published.shape, (np.shape(actual), published.shape)
    np.testing.assert_array_almost_equal(actual, published, decimal=decimal)


def assert_propagate(point, dw, db, cost):
    grads, c = lr.propagate(*point)
    assert isinstance(grads["dw"], np.ndarray)
    assert type(grads["db"]) is np.float64  # public_tests: assert type(grads["db"]) == np.float64
    assert np.shape(c) == ()  # every version: assert cost.shape == ()
    assert_published(grads["dw"], dw)
    assert_published(grads["db"], db)
    assert_published(c, cost)


# ------------------------------------------------------------------ sigmoid, initialize_with_zeros

def test_sigmoid_fixtures():
    assert_published(lr.sigmoid(np.array([0, 2])), [0.5, 0.88079708])  # v3 onwards, and sigmoid_test
    assert_published(lr.sigmoid(1), 0.7310585)  # sigmoid_test's scalar
    assert_published(lr.sigmoid(9.2), 0.999898970806)  # v1: sigmoid(9.2)
    assert_published(lr.sigmoid(np.array([-1, 0, 2])), [0.26894142, 0.5, 0.88079708])


@pytest.mark.parametrize("dim", [2, 3, 4])  # the notebook's cell, initialize_with_zeros_test_1 and _2
def test_initialize_with_zeros_fixture(dim):
    w, b = lr.initialize_with_zeros(dim)
    assert type(b) is float and b == 0.0  # public_tests: assert type(b) == float
    assert_published(w, np.zeros((dim, 1)))


# ------------------------------------------------------------------ propagate

def test_propagate_v1_to_v4_fixture():
    assert_propagate(OLD_POINT, [[0.99993216], [1.99980262]], 0.499935230625, 6.00006477319)


def test_propagate_v6a_fixture():
    assert_propagate(V6_POINT, [[0.99845601], [2.39507239]], 0.00145557813678, 5.80154531939)


def test_propagate_public_tests_notebook_cell():
    assert_propagate(PUBLIC_CELL_POINT, [[0.25071532], [-0.06604096]], -0.12500404500439652, 0.15900537707692405)


def test_propagate_public_tests_propagate_test():
    point = (np.array([[1.], [2.], [-1]]), 2.5,
             np.array([[1., 2., -1., 0], [3., 4., -3.2, 1], [3., 4., -3.2, -3.5]]), np.array([[1, 1, 0, 0]]))
    assert_propagate(point, [[-0.03909333], [0.12501464], [-0.99960809]], 0.288106326429569, 2.0424567983978403)


# ------------------------------------------------------------------ optimize

@pytest.mark.parametrize("point, w, b, dw, db", [
    (OLD_POINT, [[0.1124579], [0.23106775]], 1.55930492484, [[0.90158428], [1.76250842]], 0.430462071679),
    (V6_POINT, [[0.19033591], [0.12259159]], 1.92535983008, [[0.67752042], [1.41625495]], 0.219194504541),
    (PUBLIC_CELL_POINT, [[0.80956046], [2.0508202]], 1.5948713189708588, [[0.17860505], [-0.04840656]],
     -0.08888460336847771),
], ids=["v1-v4", "v6a", "public_tests cell"])
def test_optimize_100_iterations_at_0_009(point, w, b, dw, db):
    params, grads, costs = lr.optimize(*point, num_iterations=100, learning_rate=0.009)
    assert_published(params["w"], w)
    assert_published(params["b"], b)
    assert_published(grads["dw"], dw)
    assert_published(grads["db"], db)
    assert len(costs) == 1


def test_optimize_public_tests_optimize_test():
    params, grads, costs = lr.optimize(*V6_POINT, num_iterations=101, learning_rate=0.1, print_cost=False)
    assert type(costs) is list
    assert_published(np.array(costs, dtype=np.float64), [5.80154532, 0.31057104])
    assert_published(params["w"], [[-0.70916784], [-0.42390859]])
    assert_published(params["b"], 2.26891346)
    assert_published(grads["dw"], [[0.06188603], [-0.01407361]])
    assert_published(grads["db"], -0.04709353)


def test_optimize_prints_the_cost_every_100_iterations_only_when_asked(capsys):
    lr.optimize(*V6_POINT, num_iterations=101, learning_rate=0.1)
    assert capsys.readouterr().out == ""
    lr.optimize(*V6_POINT, num_iterations=101, learning_rate=0.1, print_cost=True)
    assert capsys.readouterr().out == "Cost after iteration 0: 5.801545\nCost after iteration 100: 0.310571\n"


# ------------------------------------------------------------------ predict, model

def test_predict_old_fixture():  # v1-v4: the propagate cell's w, b, X
    assert_published(lr.predict(*OLD_POINT[:3]), [[1., 1.]])


def test_predict_v5_onwards_fixture():
    w, b, X = np.array([[0.1124579], [0.23106775]]), -0.3, np.array([[1., -1.1, -3.2], [1.2, 2., 0.1]])
    assert_published(lr.predict(w, b, X), [[1., 1., 0.]])


def test_predict_public_tests_predict_test():
    w, b = np.array([[0.3], [0.5], [-0.2]]), -0.33333
    X = np.array([[1., -0.3, 1.5], [2, 0, 1], [0, -1.5, 2]])
    assert_published(lr.predict(w, b, X), [[1., 0., 1.]])


def test_model_public_tests_model_test():
    rng = np.random.RandomState(0)  # model_test: np.random.seed(0), then X, then x_test
    X, Y = rng.randn(4, 7), np.array([[1, 0, 0, 1, 0, 0, 1]])
    x_test, y_test = rng.randn(4, 3), np.array([[0, 1, 0]])
    d = lr.model(X, Y, x_test, y_test, num_iterations=50, learning_rate=0.01)
    assert type(d["costs"]) is list
    assert_published(np.array(d["costs"], dtype=np.float64), [0.69314718])
    assert_published(d["w"], [[0.08639757], [-0.08231268], [-0.11798927], [0.12866053]])
    assert_published(d["b"], -0.03983236094816321)
    assert_published(d["Y_prediction_test"], [[1., 1., 0.]])
    assert_published(d["Y_prediction_train"], [[1., 1., 0., 1., 0., 0., 1.]])


# Every version's notebook: model(..., num_iterations=2000, learning_rate=0.005, print_cost=True) on the
# cat images (lr_utils.load_dataset reads the same two files as week 4), flattened and divided by 255.
PUBLISHED_COSTS = [0.693147, 0.584508, 0.466949, 0.376007, 0.331463, 0.303273, 0.279880, 0.260042, 0.242941,
                   0.228004, 0.214820, 0.203078, 0.192544, 0.183033, 0.174399, 0.166521, 0.159305, 0.152667,
                   0.146542, 0.140872]


@pytest.mark.data
def test_model_on_the_cat_images_reproduces_every_versions_costs_and_accuracies(cat_data):
    train_x, train_y, test_x, test_y = cat_data
    d = lr.model(train_x, train_y, test_x, test_y, num_iterations=2000, learning_rate=0.005)
    assert_published(np.array(d["costs"], dtype=np.float64), PUBLISHED_COSTS)
    train_accuracy = 100 - np.mean(np.abs(d["Y_prediction_train"] - train_y)) * 100
    test_accuracy = 100 - np.mean(np.abs(d["Y_prediction_test"] - test_y)) * 100
    assert train_accuracy == pytest.approx(99.04306220095694, abs=1e-9)  # printed "train accuracy: 99.04306220095694 %"
    assert test_accuracy == pytest.approx(70.0, abs=1e-9)

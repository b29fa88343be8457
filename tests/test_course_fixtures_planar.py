"""Course 1, week 3 ("Planar data classification with one hidden layer"): the course's published test
cases, rebuilt here, against manual_dnn.planar.

Inputs are drawn as the course's test-case files draw them (np.random.RandomState(seed) gives the
stream of np.random.seed(seed); np.random.randn(...)); the weights those files type in are the
course's own initialize_parameters(2, 4, 1) with seed 2, rounded to 8 decimals, and its backward test
cache is the forward of those weights, rounded likewise (rebuilt so here). Expected numbers are the
outputs printed in the notebooks, to the digits printed. Versions, as learners' repositories hold
them (tests/learners/planar/README.md names them):

  v1 (2017, testCases.py): labels Y = randn(1, m), not 0/1; zero biases in the forward test case
  v2-v6c (2017-2020, testCases_v2.py): Y = randn(1, m) > 0; compute_cost(A2, Y, parameters);
      initialize_parameters seeds 2 itself, which overrides nn_model's seed 3
  public_tests (2021 on): compute_cost(A2, Y); initialize_parameters unseeded (the cell seeds 2),
      so nn_model starts from its own seed 3
"""

import numpy as np
import pytest

from manual_dnn import planar
from manual_dnn.planar_data import load_planar_dataset

DECIMALS = 6


def assert_published(actual, published, decimal=DECIMALS):
    published = np.asarray(published, dtype=np.float64)
    assert np.shape(actual) == published.shape, (np.shape(actual), published.shape)
    np.testing.assert_array_almost_equal(actual, published, decimal=decimal)


def typed_parameters():
    """The W1, W2 every testCases file types in: initialize_parameters(2, 4, 1) rounded to 8 decimals."""
    p = planar.initialize_parameters(2, 4, 1, seed=2)
    return {name: np.round(value, 8) for name, value in p.items()}


def test_the_typed_weights_are_the_courses_initialisation():
    p = typed_parameters()
    assert_published(p["W1"], [[-0.00416758, -0.00056267], [-0.02136196, 0.01640271],
                               [-0.01793436, -0.00841747], [0.00502881, -0.01245288]], decimal=8)
    assert_published(p["W2"], [[-0.01057952, -0.00909008, 0.00551454, 0.02292208]], decimal=8)


# ------------------------------------------------------------------ layer_sizes, initialize_parameters

def test_layer_sizes_fixtures():
    rng = np.random.RandomState(1)  # layer_sizes_test_case and public_tests' layer_sizes_test
    assert planar.layer_sizes(rng.randn(5, 3), rng.randn(2, 3)) == (5, 4, 2)
    assert planar.layer_sizes(rng.randn(7, 5), rng.randn(5, 5)) == (7, 4, 5)


def test_initialize_parameters_every_version_2_4_1():
    p = planar.initialize_parameters(2, 4, 1)  # seed 2: inside the function (v1-v6c) or in the cell (today)
    assert_published(p["W1"], [[-0.00416758, -0.00056267], [-0.02136196, 0.01640271],
                               [-0.01793436, -0.00841747], [0.00502881, -0.01245288]])
    assert_published(p["b1"], np.zeros((4, 1)))
    assert_published(p["W2"], [[-0.01057952, -0.00909008, 0.00551454, 0.02292208]])
    assert_published(p["b2"], [[0.0]])


def test_initialize_parameters_public_tests_3_5_2():
    p = planar.initialize_parameters(3, 5, 2)
    assert_published(p["W1"], [[-0.00416758, -0.00056267, -0.02136196], [0.01640271, -0.01793436, -0.00841747],
                               [0.00502881, -0.01245288, -0.01057952], [-0.00909008, 0.00551454, 0.02292208],
                               [0.00041539, -0.01117925, 0.00539058]])
    assert_published(p["W2"], [[-5.96159700e-03, -1.91304965e-04, 1.17500122e-02, -7.47870949e-03, 9.02525097e-05],
                               [-8.78107893e-03, -1.56434170e-03, 2.56570452e-03, -9.88779049e-03, -3.38821966e-03]])
    assert_published(p["b1"], np.zeros((5, 1)))
    assert_published(p["b2"], np.zeros((2, 1)))


# ------------------------------------------------------------------ forward_propagation

def test_forward_propagation_v2_onwards():
    rng = np.random.RandomState(1)
    X = rng.randn(2, 3)
    parameters = {**typed_parameters(), "b1": rng.randn(4, 1), "b2": np.array([[-1.3]])}
    A2, cache = planar.forward_propagation(X, parameters)
    # v2-v6c print the means; public_tests' forward_propagation_test gives the arrays.
    assert_published([np.mean(cache["Z1"]), np.mean(cache["A1"]), np.mean(cache["Z2"]), np.mean(cache["A2"])],
                     [0.262818640198, 0.091999045227, -1.30766601287, 0.212877681719])
    assert_published(A2, [[0.21292656, 0.21274673, 0.21295976]])
    assert_published(cache["Z1"], [[1.7386459, 1.74687437, 1.74830797], [-0.81350569, -0.73394355, -0.78767559],
                                   [0.29893918, 0.32272601, 0.34788465], [-0.2278403, -0.2632236, -0.22336567]])
    assert_published(cache["A1"], [[0.9400694, 0.94101876, 0.94118266], [-0.67151964, -0.62547205, -0.65709025],
                                   [0.29034152, 0.31196971, 0.33449821], [-0.22397799, -0.25730819, -0.2197236]])
    assert_published(cache["Z2"], [[-1.30737426, -1.30844761, -1.30717618]])


def test_forward_propagation_v1():
    X = np.random.RandomState(1).randn(2, 3)
    _, cache = planar.forward_propagation(X, typed_parameters())  # zero biases
    assert_published([np.mean(cache["Z1"]), np.mean(cache["A1"]), np.mean(cache["Z2"]), np.mean(cache["A2"])],
                     [-0.000499755777742, -0.000496963353232, 0.000438187450959, 0.500109546852])


# ------------------------------------------------------------------ compute_cost

A2_TYPED = np.array([[0.5002307, 0.49985831, 0.50023963]])  # every testCases file's a2


def test_compute_cost_v2_onwards():
    Y = np.random.RandomState(1).randn(1, 3) > 0
    cost = planar.compute_cost(A2_TYPED, Y)
    assert type(cost) is float  # public_tests: assert type(output) == float
    assert cost == pytest.approx(0.6930587610394646, abs=1e-12)


def test_compute_cost_v1_real_labels():
    assert planar.compute_cost(A2_TYPED, np.random.RandomState(1).randn(1, 3)) == pytest.approx(0.692919893776)


def test_compute_cost_public_tests_compute_cost_test():
    Y = np.random.RandomState(1).randn(1, 5) > 0
    A2 = np.array([[0.5002307, 0.49985831, 0.50023963, 0.25, 0.7]])
    assert planar.compute_cost(A2, Y) == pytest.approx(0.5447066599017815, abs=1e-12)


# ------------------------------------------------------------------ backward_propagation

def _backward_case(binary):
    """testCases' backward_propagation_test_case: X, Y drawn with seed 1; its cache is the forward
    of the typed weights with zero biases, typed to 8 decimals."""
    rng = np.random.RandomState(1)
    X = rng.randn(2, 3)
    Y = rng.randn(1, 3)
    parameters = typed_parameters()
    _, cache = planar.forward_propagation(X, parameters)
    cache = {name: np.round(value, 8) for name, value in cache.items()}
    assert_published(cache["A2"], A2_TYPED, decimal=8)
    return parameters, cache, X, (Y > 0 if binary else Y)


def test_backward_propagation_v2_onwards():
    grads = planar.backward_propagation(*_backward_case(binary=True))
    assert_published(grads["dW1"], [[0.00301023, -0.00747267], [0.00257968, -0.00641288],
                                    [-0.00156892, 0.003893], [-0.00652037, 0.01618243]])
    assert_published(grads["db1"], [[0.00176201], [0.00150995], [-0.00091736], [-0.00381422]])
    assert_published(grads["dW2"], [[0.00078841, 0.01765429, -0.00084166, -0.01022527]])
    assert_published(grads["db2"], [[-0.16655712]])


def test_backward_propagation_v1_real_labels():
    grads = planar.backward_propagation(*_backward_case(binary=False))
    assert_published(grads["dW1"], [[0.01018708, -0.00708701], [0.00873447, -0.0060768],
                                    [-0.00530847, 0.00369379], [-0.02206365, 0.01535126]])
    assert_published(grads["db1"], [[-0.00069728], [-0.00060606], [0.000364], [0.00151207]])
    assert_published(grads["dW2"], [[0.00363613, 0.03153604, 0.01162914, -0.01318316]])
    assert_published(grads["db2"], [[0.06589489]])


def test_backward_propagation_public_tests_backward_propagation_test():
    """public_tests draws the cache at random, unrelated to the weights: only a backward that reads
    A1 from the cache, as the course's (1 - np.power(A1, 2)), gives its numbers."""
    rng = np.random.RandomState(1)
    X, Y = rng.randn(3, 7), rng.randn(1, 7) > 0
    parameters = {"W1": rng.randn(9, 3), "W2": rng.randn(1, 9), "b1": np.zeros((9, 1)), "b2": np.zeros((1, 1))}
    cache = {"A1": rng.randn(9, 7), "A2": rng.randn(1, 7), "Z1": rng.randn(9, 7), "Z2": rng.randn(1, 7)}
    grads = planar.backward_propagation(parameters, cache, X, Y)
    assert_published(grads["dW1"], [[-0.24468458, -0.24371232, 0.15959609], [0.7370069, -0.64785999, 0.23669823],
                                    [0.47936123, -0.01516428, 0.01566728], [0.03361075, -0.0930929, 0.05581073],
                                    [0.52445178, -0.03895358, 0.09180612], [-0.17043596, 0.13406378, -0.20952062],
                                    [0.76144791, -0.41766018, 0.02544078], [0.22164791, -0.33081645, 0.19526915],
                                    [0.25619969, -0.09561825, 0.05679075]])
    assert_published(grads["db1"], [[0.1463639], [-0.33647992], [-0.51738006], [-0.07780329], [-0.57889514],
                                    [0.28357278], [-0.39756864], [-0.10510329], [-0.13443244]])
    assert_published(grads["dW2"], [[-0.35768529, 0.22046323, -0.29551566, -0.12202786, 0.18809552,
                                     0.13700323, 0.35892872, -0.02220353, -0.03976687]])
    assert_published(grads["db2"], [[-0.78032466]])


# ------------------------------------------------------------------ update_parameters

def test_update_parameters_every_version():
    parameters = {"W1": np.array([[-0.00615039, 0.0169021], [-0.02311792, 0.03137121],
                                  [-0.0169217, -0.01752545], [0.00935436, -0.05018221]]),
                  "W2": np.array([[-0.0104319, -0.04019007, 0.01607211, 0.04440255]]),
                  "b1": np.array([[-8.97523455e-07], [8.15562092e-06], [6.04810633e-07], [-2.54560700e-06]]),
                  "b2": np.array([[9.14954378e-05]])}
    grads = {"dW1": np.array([[0.00023322, -0.00205423], [0.00082222, -0.00700776],
                              [-0.00031831, 0.0028636], [-0.00092857, 0.00809933]]),
             "dW2": np.array([[-1.75740039e-05, 3.70231337e-03, -1.25683095e-03, -2.55715317e-03]]),
             "db1": np.array([[1.05570087e-07], [-3.81814487e-06], [-1.90155145e-07], [5.46467802e-07]]),
             "db2": np.array([[-1.08923140e-05]])}
    updated = planar.update_parameters(parameters, grads)  # the default learning_rate=1.2
    assert_published(updated["W1"], [[-0.00643025, 0.01936718], [-0.02410458, 0.03978052],
                                     [-0.01653973, -0.02096177], [0.01046864, -0.05990141]])
    np.testing.assert_allclose(updated["b1"], [[-1.02420756e-06], [1.27373948e-05], [8.32996807e-07],
                                               [-3.20136836e-06]], rtol=1e-8)
    assert_published(updated["W2"], [[-0.01041081, -0.04463285, 0.01758031, 0.04747113]])
    assert_published(updated["b2"], [[0.00010457]])


# ------------------------------------------------------------------ nn_model, predict

def _nn_model_case():
    rng = np.random.RandomState(1)  # nn_model_test_case (v2 onwards)
    return rng.randn(2, 3), rng.randn(1, 3) > 0


def test_nn_model_v2_to_v6c_starts_from_seed_2(capsys):
    X, Y = _nn_model_case()
    p = planar.nn_model(X, Y, 4, num_iterations=10000, print_cost=True, seed=2)
    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == "Cost after iteration 0: 0.692739" and printed[9] == "Cost after iteration 9000: 0.000023"
    assert_published(p["W1"], [[-0.65848169, 1.21866811], [-0.76204273, 1.39377573],
                               [0.5792005, -1.10397703], [0.76773391, -1.41477129]])
    assert_published(p["b1"], [[0.287592], [0.3511264], [-0.2431246], [-0.35772805]])
    assert_published(p["W2"], [[-2.45566237, -3.27042274, 2.00784958, 3.36773273]])
    assert_published(p["b2"], [[0.20459656]])


def test_nn_model_public_tests_starts_from_seed_3(capsys):
    X, Y = _nn_model_case()
    p = planar.nn_model(X, Y, 4, num_iterations=10000, print_cost=True)
    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == "Cost after iteration 0: 0.693198" and printed[9] == "Cost after iteration 9000: 0.000024"
    assert_published(p["W1"], [[0.56305445, -1.03925886], [0.7345426, -1.36286875],
                               [-0.72533346, 1.33753027], [0.74757629, -1.38274074]])
    assert_published(p["b1"], [[-0.22240654], [-0.34662093], [0.33663708], [-0.35296113]])
    assert_published(p["W2"], [[1.82196893, 3.09657075, -2.98193564, 3.19946508]])
    assert_published(p["b2"], [[0.21344644]])


def test_predict_fixture():
    rng = np.random.RandomState(1)  # predict_test_case: X drawn, the typed trained parameters
    X = rng.randn(2, 3)
    parameters = {"W1": np.array([[-0.00615039, 0.0169021], [-0.02311792, 0.03137121],
                                  [-0.0169217, -0.01752545], [0.00935436, -0.05018221]]),
                  "W2": np.array([[-0.0104319, -0.04019007, 0.01607211, 0.04440255]]),
                  "b1": np.array([[-8.97523455e-07], [8.15562092e-06], [6.04810633e-07], [-2.54560700e-06]]),
                  "b2": np.array([[9.14954378e-05]])}
    predictions = planar.predict(parameters, X)
    np.testing.assert_array_equal(predictions, [[True, False, True]])  # public_tests' predict_test
    assert np.mean(predictions) == pytest.approx(0.666666666667)  # v2-v6c: "predictions mean = 0.666666666667"


# ------------------------------------------------------------------ the flower

# The notebooks' run on load_planar_dataset(): nn_model(X, Y, n_h=4, num_iterations=10000, print_cost=True).
# Later costs differ in the 5th digit between learners' machines (10,000 steps amplify rounding), so
# the published lines up to 6000 are compared.
FLOWER_COSTS = {
    2: ["0.693048", "0.288083", "0.254385", "0.233864", "0.226792", "0.222644", "0.219731"],  # v1-v6c
    3: ["0.693162", "0.258625", "0.239334", "0.230802", "0.225528", "0.221845", "0.219094"],  # public_tests
}


@pytest.mark.parametrize("seed", [2, 3], ids=["v1-v6c", "public_tests"])
def test_nn_model_on_the_flower(seed, capsys):
    X, Y = load_planar_dataset()
    assert X.shape == (2, 400) and Y.shape == (1, 400) and Y.sum() == 200
    parameters = planar.nn_model(X, Y, n_h=4, num_iterations=10000, print_cost=True, seed=seed)
    printed = capsys.readouterr().out.splitlines()
    assert printed[:7] == [f"Cost after iteration {i * 1000}: {c}" for i, c in enumerate(FLOWER_COSTS[seed])]
    accuracy = float((np.dot(Y, planar.predict(parameters, X).T) + np.dot(1 - Y, 1 - planar.predict(parameters, X).T))
                     [0, 0] / Y.size * 100)
    assert int(accuracy) == 90  # "Accuracy: 90%"


@pytest.mark.parametrize("seed", [2, 3], ids=["v1-v6c", "public_tests"])
def test_hidden_layer_sizes_on_the_flower(seed):
    """The notebook's tuning cell: 5000 iterations per size; sizes 1-5 as every version printed."""
    X, Y = load_planar_dataset()
    published = {1: 67.5, 2: 67.25, 3: 90.75, 4: 90.5, 5: 91.25}
    for n_h, accuracy in published.items():
        predictions = planar.predict(planar.nn_model(X, Y, n_h, num_iterations=5000, seed=seed), X)
        assert 100 * np.mean(predictions == Y) == pytest.approx(accuracy), n_h

"""The course's own published test cases, rebuilt here, against manual_dnn.

Each input is rebuilt exactly as the course's test-case files build it: the same seed and the same
sequence of randn calls (np.random.RandomState(seed) draws the stream of np.random.seed(seed);
np.random.randn(...)). The expected numbers are the course's published outputs, compared to the
digits published (the course's own checker, test_utils.py, uses np.testing.assert_array_almost_equal,
i.e. 6 decimals). The course's type and shape checks are kept too: a cost is a 0-d numpy array
(np.squeeze of a (1, 1) array; the notebook asserts cost.shape == ()), parameters and gradients are
numpy arrays of the parameters' shapes, the models return (parameters, costs).

Sources, by file name in the course's workspace:
  testCases.py / testCases_v2.py / testCases_v3.py / testCases_v4a.py -- "Building your Deep Neural Network:
      Step by Step", releases 1 to 4a (expected outputs printed in the notebook's "Expected Output" tables)
  public_tests.py (+ test_utils.py)  -- today's Step by Step and "Deep Neural Network - Application"
"""

import numpy as np
import pytest

import manual_dnn as md

DECIMALS = 6  # test_utils.py: np.testing.assert_array_almost_equal's default


def assert_published(actual, published, decimal=DECIMALS):
    """The course's equation_output_check and shape_check: same shape, equal to `decimal` places."""
    published = np.asarray(published, dtype=np.float64)
    assert isinstance(actual, np.ndarray), type(actual)
    assert actual.shape == published.shape, (actual.shape, published.shape)
    np.testing.assert_array_almost_equal(actual, published, decimal=decimal)


def assert_course_cost(cost, published, decimal=DECIMALS):
    """compute_cost's contract in every release: np.squeeze of (1, 1), so a 0-d numpy array."""
    assert isinstance(cost, np.ndarray) and cost.shape == (), f"cost is {type(cost).__name__}, not a 0-d array"
    np.testing.assert_almost_equal(float(cost), published, decimal=decimal)


# ------------------------------------------------------------------ initialisation

# testCases_v2 era notebook: initialize_parameters(2, 2, 1), the function seeds itself with 1.
def test_initialize_parameters_v2_fixture():
    p = md.initialize_parameters(2, 2, 1)
    assert_published(p["W1"], [[0.01624345, -0.00611756], [-0.00528172, -0.01072969]])
    assert_published(p["b1"], [[0.0], [0.0]])
    assert_published(p["W2"], [[0.00865408, -0.02301539]])
    assert_published(p["b2"], [[0.0]])


# public_tests.py initialize_parameters_test: (n_x, n_h, n_y) = (3, 2, 1).
def test_initialize_parameters_public_tests_fixture():
    p = md.initialize_parameters(3, 2, 1)
    assert_published(p["W1"], [[0.01624345, -0.00611756, -0.00528172], [-0.01072969, 0.00865408, -0.02301539]])
    assert_published(p["b1"], [[0.0], [0.0]])
    assert_published(p["W2"], [[0.01744812, -0.00761207]])
    assert_published(p["b2"], [[0.0]])


# public_tests.py initialize_parameters_deep_test (and every release's notebook): layer_dims [5, 4, 3], seed 3.
def test_initialize_parameters_deep_fixture():
    p = md.initialize_parameters_deep([5, 4, 3])
    assert sorted(p) == ["W1", "W2", "b1", "b2"]
    assert_published(p["W1"], [[0.01788628, 0.0043651, 0.00096497, -0.01863493, -0.00277388],
                               [-0.00354759, -0.00082741, -0.00627001, -0.00043818, -0.00477218],
                               [-0.01313865, 0.00884622, 0.00881318, 0.01709573, 0.00050034],
                               [-0.00404677, -0.0054536, -0.01546477, 0.00982367, -0.01101068]])
    assert_published(p["b1"], np.zeros((4, 1)))
    assert_published(p["W2"], [[-0.01185047, -0.0020565, 0.01486148, 0.00236716],
                               [-0.01023785, -0.00712993, 0.00625245, -0.00160513],
                               [-0.00768836, -0.00230031, 0.00745056, 0.01976111]])
    assert_published(p["b2"], np.zeros((3, 1)))


# ------------------------------------------------------------------ forward

# testCases_v2/v3/v4a linear_forward_test_case and public_tests.py linear_forward_test: seed 1,
# A randn(3, 2), W randn(1, 3), b randn(1, 1).
def test_linear_forward_fixture():
    rng = np.random.RandomState(1)
    A, W, b = rng.randn(3, 2), rng.randn(1, 3), rng.randn(1, 1)
    Z, cache = md.linear_forward(A, W, b)
    assert_published(Z, [[3.26295337, -1.23429987]])
    assert isinstance(cache, tuple) and len(cache) == 3
    for got, given in zip(cache, (A, W, b)):
        assert_published(got, given)


def _linear_activation_forward_case():
    # testCases_v3/v4a linear_activation_forward_test_case, public_tests.py linear_activation_forward_test:
    # seed 2, A_prev randn(3, 2), W randn(1, 3), b randn(1, 1).
    rng = np.random.RandomState(2)
    return rng.randn(3, 2), rng.randn(1, 3), rng.randn(1, 1)


@pytest.mark.parametrize("activation, published_A", [
    ("sigmoid", [[0.96890023, 0.11013289]]),
    ("relu", [[3.43896131, 0.0]]),
])
def test_linear_activation_forward_fixture(activation, published_A):
    A_prev, W, b = _linear_activation_forward_case()
    A, cache = md.linear_activation_forward(A_prev, W, b, activation)
    assert_published(A, published_A)
    (cached_A, cached_W, cached_b), Z = cache
    assert_published(Z, [[3.43896131, -2.08938436]])
    for got, given in zip((cached_A, cached_W, cached_b), (A_prev, W, b)):
        assert_published(got, given)


# testCases_v3 (and v4a's) L_model_forward_test_case: seed 1, X randn(4, 2), W1 (3, 4), b1 (3, 1), W2 (1, 3),
# b2 (1, 1); the v3 notebook prints "AL = [[ 0.17007265  0.2524272 ]]" and "Length of caches list = 2".
def test_L_model_forward_v3_fixture():
    rng = np.random.RandomState(1)
    X = rng.randn(4, 2)
    parameters = {"W1": rng.randn(3, 4), "b1": rng.randn(3, 1), "W2": rng.randn(1, 3), "b2": rng.randn(1, 1)}
    AL, caches = md.L_model_forward(X, parameters)
    assert_published(AL, [[0.17007265, 0.2524272]])
    assert len(caches) == 2


# testCases_v4a L_model_forward_test_case_2hidden and public_tests.py L_model_forward_test: seed 6,
# X randn(5, 4), then W1 (4, 5), b1 (4, 1), W2 (3, 4), b2 (3, 1), W3 (1, 3), b3 (1, 1), in that order.
def test_L_model_forward_2hidden_fixture():
    rng = np.random.RandomState(6)
    X = rng.randn(5, 4)
    parameters = {}
    for l, (rows, cols) in enumerate([(4, 5), (3, 4), (1, 3)], start=1):
        parameters[f"W{l}"] = rng.randn(rows, cols)
        parameters[f"b{l}"] = rng.randn(rows, 1)
    AL, caches = md.L_model_forward(X, parameters)
    assert_published(AL, [[0.03921668, 0.70498921, 0.19734387, 0.04728177]])
    assert len(caches) == 3  # "Length of caches list = 3"
    # public_tests.py publishes the whole cache list; the pre-activations are what matters.
    assert_published(caches[0][1], [[-5.23825714, 3.18040136, 0.4074501, -1.88612721],
                                    [-2.77358234, -0.56177316, 3.18141623, -0.99209432],
                                    [4.18500916, -1.78006909, -0.14502619, 2.72141638],
                                    [5.05850802, -1.25674082, -3.54566654, 3.82321852]])
    assert_published(caches[1][1], [[2.2644603, 1.09971298, -2.90298027, 1.54036335],
                                    [6.33722569, -2.38116246, -4.11228806, 4.48582383],
                                    [10.37508342, -0.66591468, 1.63635185, 8.17870169]])
    assert_published(caches[2][1], [[-3.19864676, 0.87117055, -1.40297864, -3.00319435]])
    assert_published(caches[2][0][0], [[2.2644603, 1.09971298, 0.0, 1.54036335],
                                       [6.33722569, 0.0, 0.0, 4.48582383],
                                       [10.37508342, 0.0, 1.63635185, 8.17870169]])
    assert_published(caches[0][0][0], X)


# ------------------------------------------------------------------ cost

# testCases_v3/v4a compute_cost_test_case: Y [[1, 1, 1]], aL [[.8, .9, .4]]; published "cost = 0.41493159961539694".
def test_compute_cost_v3_v4a_fixture():
    cost = md.compute_cost(np.array([[0.8, 0.9, 0.4]]), np.asarray([[1, 1, 1]]))
    assert_course_cost(cost, 0.41493159961539694, decimal=15)


# public_tests.py compute_cost_test: Y [[1, 1, 0]], AL [[.8, .9, .4]], expected np.array(0.27977656)
# (the notebook prints "Cost: 0.2797765635793422").
def test_compute_cost_public_tests_fixture():
    cost = md.compute_cost(np.array([[0.8, 0.9, 0.4]]), np.asarray([[1, 1, 0]]))
    assert_course_cost(cost, 0.27977656, decimal=8)
    np.testing.assert_almost_equal(float(cost), 0.2797765635793422, decimal=15)


# ------------------------------------------------------------------ backward

# testCases_v2/v3/v4a linear_backward_test_case: seed 1, dZ randn(1, 2), A randn(3, 2), W randn(1, 3), b randn(1, 1).
def test_linear_backward_v2_v4a_fixture():
    rng = np.random.RandomState(1)
    dZ, A, W, b = rng.randn(1, 2), rng.randn(3, 2), rng.randn(1, 3), rng.randn(1, 1)
    dA_prev, dW, db = md.linear_backward(dZ, (A, W, b))
    assert_published(dA_prev, [[0.51822968, -0.19517421], [-0.40506361, 0.15255393], [2.37496825, -0.89445391]])
    assert_published(dW, [[-0.10076895, 1.40685096, 1.64992505]])
    assert_published(db, [[0.50629448]])


# public_tests.py linear_backward_test: seed 1, dZ randn(3, 4), A randn(5, 4), W randn(3, 5), b randn(3, 1).
def test_linear_backward_public_tests_fixture():
    rng = np.random.RandomState(1)
    dZ, A, W, b = rng.randn(3, 4), rng.randn(5, 4), rng.randn(3, 5), rng.randn(3, 1)
    dA_prev, dW, db = md.linear_backward(dZ, (A, W, b))
    assert_published(dA_prev, [[-1.15171336, 0.06718465, -0.3204696, 2.09812712],
                               [0.60345879, -3.72508701, 5.81700741, -3.84326836],
                               [-0.4319552, -1.30987417, 1.72354705, 0.05070578],
                               [-0.38981415, 0.60811244, -1.25938424, 1.47191593],
                               [-2.52214926, 2.67882552, -0.67947465, 1.48119548]])
    assert_published(dW, [[0.07313866, -0.0976715, -0.87585828, 0.73763362, 0.00785716],
                          [0.85508818, 0.37530413, -0.59912655, 0.71278189, -0.58931808],
                          [0.97913304, -0.24376494, -0.08839671, 0.55151192, -0.10290907]])
    assert_published(db, [[-0.14713786], [-0.11313155], [-0.13209101]])


# testCases_v3/v4a linear_activation_backward_test_case and public_tests.py linear_activation_backward_test:
# seed 2, dA randn(1, 2), A randn(3, 2), W randn(1, 3), b randn(1, 1), Z randn(1, 2).
@pytest.mark.parametrize("activation, published", [
    ("sigmoid", ([[0.11017994, 0.01105339], [0.09466817, 0.00949723], [-0.05743092, -0.00576154]],
                 [[0.10266786, 0.09778551, -0.01968084]], [[-0.05729622]])),
    ("relu", ([[0.44090989, 0.0], [0.37883606, 0.0], [-0.2298228, 0.0]],
              [[0.44513824, 0.37371418, -0.10478989]], [[-0.20837892]])),
])
def test_linear_activation_backward_fixture(activation, published):
    rng = np.random.RandomState(2)
    dA, A, W, b, Z = rng.randn(1, 2), rng.randn(3, 2), rng.randn(1, 3), rng.randn(1, 1), rng.randn(1, 2)
    for got, expected in zip(md.linear_activation_backward(dA, ((A, W, b), Z), activation), published):
        assert_published(got, expected)


def _L_model_backward_case():
    # testCases_v2/v3/v4a L_model_backward_test_case and public_tests.py L_model_backward_test: seed 3,
    # AL randn(1, 2) (not a probability: 1.788 and 0.437), Y [[1, 0]], then A1 (4, 2), W1 (3, 4), b1 (3, 1),
    # Z1 (3, 2), A2 (3, 2), W2 (1, 3), b2 (1, 1), Z2 (1, 2).
    rng = np.random.RandomState(3)
    AL = rng.randn(1, 2)
    Y = np.array([[1, 0]])
    A1, W1, b1, Z1 = rng.randn(4, 2), rng.randn(3, 4), rng.randn(3, 1), rng.randn(3, 2)
    A2, W2, b2, Z2 = rng.randn(3, 2), rng.randn(1, 3), rng.randn(1, 1), rng.randn(1, 2)
    return AL, Y, (((A1, W1, b1), Z1), ((A2, W2, b2), Z2))


PUBLISHED_dA0 = [[0.0, 0.52257901], [0.0, -0.3269206], [0.0, -0.32070404], [0.0, -0.74079187]]
PUBLISHED_dA1 = [[0.12913162, -0.44014127], [-0.14175655, 0.48317296], [0.01663708, -0.05670698]]


# public_tests.py L_model_backward_test (dA0, dA1, dW1, db1, dW2, db2), and the v4a notebook's
# print_grads table (dW1, db1, dA1 -- v4a already used the dA{l-1} keys).
def test_L_model_backward_fixture():
    AL, Y, caches = _L_model_backward_case()
    grads = md.L_model_backward(AL, Y, caches)
    assert_published(grads["dA0"], PUBLISHED_dA0)
    assert_published(grads["dA1"], PUBLISHED_dA1)
    assert_published(grads["dW1"], [[0.41010002, 0.07807203, 0.13798444, 0.10502167],
                                    [0.0, 0.0, 0.0, 0.0],
                                    [0.05283652, 0.01005865, 0.01777766, 0.0135308]])
    assert_published(grads["db1"], [[-0.22007063], [0.0], [-0.02835349]])
    assert_published(grads["dW2"], [[-0.39202432, -0.13325855, -0.04601089]])
    assert_published(grads["db2"], [[0.15187861]])


# testCases_v2/v3 era notebook (old key convention, grads["dA" + str(l)] = dJ/dA[l-1]): its table shows
# dA1 = [[0, 0.52257901], ...], the gradient for the network's input -- the number manual_dnn calls dA0.
def test_L_model_backward_old_convention_fixture_is_dA0():
    AL, Y, caches = _L_model_backward_case()
    grads = md.L_model_backward(AL, Y, caches)
    assert_published(grads["dA0"], PUBLISHED_dA0)
    assert "dA2" not in grads  # the new convention has no key for the output layer's own activation


# testCases_v2/v3/v4a update_parameters_test_case and public_tests.py update_parameters_test: parameters
# from seed 2 (W1 (3, 4), b1 (3, 1), W2 (1, 3), b2 (1, 1)), grads from seed 3 (same shapes), learning rate 0.1.
def test_update_parameters_fixture():
    rng = np.random.RandomState(2)
    parameters = {"W1": rng.randn(3, 4), "b1": rng.randn(3, 1), "W2": rng.randn(1, 3), "b2": rng.randn(1, 1)}
    rng = np.random.RandomState(3)
    grads = {"dW1": rng.randn(3, 4), "db1": rng.randn(3, 1), "dW2": rng.randn(1, 3), "db2": rng.randn(1, 1)}
    new = md.update_parameters(parameters, grads, 0.1)
    assert isinstance(new, dict)
    assert_published(new["W1"], [[-0.59562069, -0.09991781, -2.14584584, 1.82662008],
                                 [-1.76569676, -0.80627147, 0.51115557, -1.18258802],
                                 [-1.0535704, -0.86128581, 0.68284052, 2.20374577]])
    assert_published(new["b1"], [[-0.04659241], [-1.28888275], [0.53405496]])
    assert_published(new["W2"], [[-0.55569196, 0.0354055, 1.32964895]])
    assert_published(new["b2"], [[-0.84610769]])


# ------------------------------------------------------------------ Application: the two models

def _application_X(seed=1):
    # public_tests.py two_layer_model_test / L_layer_model_test: np.random.seed(1); X = randn(10, 10) first.
    rng = np.random.RandomState(seed)
    return rng, rng.randn(10, 10)


def assert_course_model_output(output, published_parameters, published_costs):
    """multiple_test's datatype, shape and equation checks on (parameters, costs)."""
    assert isinstance(output, tuple) and len(output) == 2, type(output)
    parameters, costs = output
    assert isinstance(parameters, dict) and sorted(parameters) == sorted(published_parameters)
    for key, value in published_parameters.items():
        assert_published(parameters[key], value)
    assert isinstance(costs, list) and len(costs) == len(published_costs)
    for cost, published in zip(costs, published_costs):
        assert_course_cost(cost, published, decimal=8)


TWO_LAYER_2_ITERATIONS = {
    "W1": [[0.01624965, -0.00610741, -0.00528734, -0.01072836, 0.008664, -0.02301103, 0.01745639, -0.00760949,
            0.0031934, -0.00248971],
           [0.01462848, -0.02057904, -0.00326745, -0.00383625, 0.01138176, -0.01097596, -0.00171974, -0.00877601,
            0.00043022, 0.00584423],
           [-0.01098272, 0.01148209, 0.00902102, 0.00500958, 0.00900571, -0.00683188, -0.00123491, -0.00937164,
            -0.00267157, 0.00532808],
           [-0.00693465, -0.00400047, -0.00684685, -0.00844447, -0.00670397, -0.00014731, -0.01113977, 0.00238846,
            0.0165895, 0.00738212]],
    "b1": [[1.10437111e-05], [1.78437869e-05], [3.74879549e-05], [-4.42988824e-05]],
    "W2": [[-0.00200283, -0.00888593, -0.00751122, 0.01688162]],
    "b2": [[-0.00689018]],
}
TWO_LAYER_3_ITERATIONS_LR_01 = {
    "W1": [[0.01640028, -0.00585699, -0.00542633, -0.01069332, 0.0089055, -0.02290418, 0.01765388, -0.00754616,
            0.00326712, -0.00239159],
           [0.01476737, -0.02014461, -0.0040947, -0.0037457, 0.01221714, -0.01054049, -0.00164111, -0.00872507,
            0.00058592, 0.00615077],
           [-0.01051621, 0.01216499, 0.009119, 0.0047126, 0.00894761, -0.00672568, -0.00134921, -0.0096428,
            -0.00253223, 0.00580758],
           [-0.00728552, -0.00461461, -0.00638113, -0.00831084, -0.00654136, -0.00053186, -0.01052771, 0.00320719,
            0.01643914, 0.00667123]],
    "b1": [[0.00027478], [0.00034477], [0.00076016], [-0.00084497]],
    "W2": [[-0.00358725, -0.00911995, -0.00831979, 0.01615845]],
    "b2": [[-0.13451354]],
}


# public_tests.py two_layer_model_test: X randn(10, 10), then Y randn(1, 10) -- not 0/1 labels, the course's
# own choice -- layers (10, 4, 1); 2 iterations at 0.0075, then 3 iterations at 0.1. Costs: [np.array(0.69315968)].
@pytest.mark.parametrize("learning_rate, iterations, published", [
    (0.0075, 2, TWO_LAYER_2_ITERATIONS),
    (0.1, 3, TWO_LAYER_3_ITERATIONS_LR_01),
])
def test_two_layer_model_fixture(learning_rate, iterations, published):
    rng, X = _application_X()
    Y = rng.randn(1, 10)
    output = md.two_layer_model(X, Y, (10, 4, 1), learning_rate, iterations)
    assert_course_model_output(output, published, [0.69315968])


L_LAYER_2_ITERATIONS = {
    "W1": [[0.51384638, -0.19333098, -0.16705238, -0.33923196, 0.273477, -0.72775498, 0.55170785, -0.24077478,
            0.10082452, -0.07882423],
           [0.46227786, -0.65153639, -0.10192959, -0.12150984, 0.35855025, -0.34787253, -0.05455001, -0.27767163,
            0.01337835, 0.1843845],
           [-0.34790478, 0.36200264, 0.28511245, 0.15868454, 0.284931, -0.21645471, -0.03877896, -0.29584578,
            -0.08480802, 0.16760667],
           [-0.21835973, -0.12531366, -0.21720823, -0.26764975, -0.21214946, -0.00438229, -0.35316347, 0.07432144,
            0.52474685, 0.23453653],
           [-0.06060968, -0.28061463, -0.23624839, 0.53526844, 0.01597194, -0.20136496, 0.06021639, 0.66414167,
            0.03804666, 0.19528599]],
    "b1": [[-2.16491028e-04], [1.50999130e-04], [8.71516045e-06], [5.57557615e-05], [-2.90746349e-05]],
    "W2": [[0.13428358, -0.15747685, -0.51095667, -0.15624083, -0.09342034],
           [0.26226685, 0.3751336, 0.41644174, 0.12779375, 0.39573817],
           [-0.33726917, 0.56041154, 0.22939257, -0.1333337, 0.21851314],
           [-0.03377599, 0.50617255, 0.67960046, 0.97726521, -0.62458844],
           [-0.64581803, -0.22559264, 0.0715349, 0.39173682, 0.14112904],
           [-0.9043503, -0.13693179, 0.37026002, 0.10284282, 0.34076545]],
    "b2": [[1.80215514e-07], [-1.07935097e-04], [1.63081605e-04], [-3.51202008e-05], [-7.40012619e-05],
           [-4.43814901e-05]],
    "W3": [[-0.09079199, -0.08117381, 0.07667568, 0.16665535, 0.08029575, 0.04805811]],
    "b3": [[0.0013201]],
}
L_LAYER_3_ITERATIONS_LR_002 = {
    "W1": [[0.51439065, -0.19296367, -0.16714033, -0.33902173, 0.27291558, -0.72759069, 0.55155832, -0.24095201,
            0.10063293, -0.07872596],
           [0.46203186, -0.65172685, -0.10184775, -0.12169458, 0.35861847, -0.34804029, -0.05461748, -0.27787524,
            0.01346693, 0.18463095],
           [-0.34748255, 0.36202977, 0.28512463, 0.1580327, 0.28509518, -0.21717447, -0.03853304, -0.29563725,
            -0.08509025, 0.16728901],
           [-0.21727997, -0.12486465, -0.21692552, -0.26875722, -0.21180188, -0.00550575, -0.35268367, 0.07489501,
            0.52436384, 0.23418418],
           [-0.06045008, -0.28038304, -0.23617868, 0.53546925, 0.01569291, -0.20115358, 0.05975429, 0.66409149,
            0.03819309, 0.1956102]],
    "b1": [[-8.61228305e-04], [6.08187689e-04], [3.53075377e-05], [2.21291877e-04], [-1.13591429e-04]],
    "W2": [[0.13441428, -0.15731437, -0.51097778, -0.15627102, -0.09342034],
           [0.2620349, 0.37492336, 0.4165605, 0.12801536, 0.39541677],
           [-0.33694339, 0.56075022, 0.22940292, -0.1334017, 0.21863717],
           [-0.03371679, 0.50644769, 0.67935577, 0.97680859, -0.62475679],
           [-0.64579072, -0.22555897, 0.07142896, 0.3914475, 0.14104814],
           [-0.90433399, -0.13691167, 0.37019673, 0.10266999, 0.34071712]],
    "b2": [[1.18811550e-06], [-4.25510194e-04], [6.56178455e-04], [-1.42335482e-04], [-2.93618626e-04],
           [-1.75573157e-04]],
    "W3": [[-0.09087434, -0.07882982, 0.07821609, 0.16442826, 0.0783229, 0.04648216]],
    "b3": [[0.00525865]],
}


# public_tests.py L_layer_model_test: X randn(10, 10), Y [[1, 1, 1, 1, 0, 0, 0, 1, 1, 0]], layers (10, 5, 6, 1),
# the Application's initialiser (randn / sqrt(n), seed 1); 2 iterations at 0.0075, then 3 at 0.02.
# Costs: [np.array(0.70723944)].
@pytest.mark.parametrize("learning_rate, iterations, published", [
    (0.0075, 2, L_LAYER_2_ITERATIONS),
    (0.02, 3, L_LAYER_3_ITERATIONS_LR_002),
])
def test_L_layer_model_fixture(learning_rate, iterations, published):
    _, X = _application_X()
    Y = np.array([1, 1, 1, 1, 0, 0, 0, 1, 1, 0]).reshape(1, 10)
    output = md.L_layer_model(X, Y, (10, 5, 6, 1), learning_rate, iterations)
    assert_course_model_output(output, published, [0.70723944])


# ------------------------------------------------------------------ Application: predict on the cat images

# The Application notebook (every release), 4-layer model [12288, 20, 7, 5, 1], 2500 iterations at 0.0075:
# "Cost after iteration 0: 0.771749", "... 100: 0.672053", "... 1000: 0.315187", "... 2400: 0.092878";
# predict(train_x, train_y, parameters) prints "Accuracy: 0.985645933014", predict(test_x, ...) "Accuracy: 0.8".
@pytest.mark.data
@pytest.mark.slow
@pytest.mark.xdist_group("trained_cat_network")  # one worker trains it (make test runs with --dist loadgroup)
def test_predict_reproduces_the_published_accuracies_of_the_4_layer_model(cat_data, trained_cat_network):
    train_x, train_y, test_x, test_y = cat_data
    parameters, costs = trained_cat_network
    for i, published in [(0, 0.771749), (1, 0.672053), (10, 0.315187), (24, 0.092878)]:
        np.testing.assert_almost_equal(float(costs[i]), published, decimal=6)
    for X, Y, published in [(train_x, train_y, 0.985645933014), (test_x, test_y, 0.8)]:
        p = md.predict(X, Y, parameters)
        assert isinstance(p, np.ndarray) and p.shape == (1, X.shape[1])
        assert set(np.unique(p)) <= {0.0, 1.0}
        np.testing.assert_almost_equal(np.sum((p == Y) / X.shape[1]), published, decimal=12)

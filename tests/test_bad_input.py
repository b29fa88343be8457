"""Bad input to the public functions: a ValueError naming the argument and the shapes."""

import numpy as np
import pytest

import manual_dnn as md


def test_linear_forward_names_mismatched_W_and_A():
    with pytest.raises(ValueError, match=r"W has shape \(3, 4\) but A has shape \(5, 2\)"):
        md.linear_forward(np.ones((5, 2)), np.ones((3, 4)), np.ones((3, 1)))


def test_linear_forward_names_a_bias_of_the_wrong_shape():
    # (3,) would broadcast silently into a (3, 3) Z for m = 3
    with pytest.raises(ValueError, match=r"b has shape \(1, 3\)"):
        md.linear_forward(np.ones((4, 3)), np.ones((3, 4)), np.ones((1, 3)))


def test_linear_forward_refuses_zero_examples():
    with pytest.raises(ValueError, match="no examples"):
        md.linear_forward(np.ones((4, 0)), np.ones((3, 4)), np.ones((3, 1)))


def test_linear_backward_names_a_dZ_that_does_not_fit_the_cache():
    cache = (np.ones((4, 2)), np.ones((3, 4)), np.ones((3, 1)))
    with pytest.raises(ValueError, match=r"dZ has shape \(3, 5\)"):
        md.linear_backward(np.ones((3, 5)), cache)


def test_activation_backward_functions_name_mismatched_dA_and_Z():
    for backward in (md.relu_backward, md.sigmoid_backward):
        with pytest.raises(ValueError, match=r"dA has shape \(2, 3\) but Z has shape \(3, 2\)"):
            backward(np.ones((2, 3)), np.ones((3, 2)))


@pytest.mark.parametrize("function", [md.linear_activation_forward])
def test_an_unknown_activation_name_is_refused(function):
    with pytest.raises(ValueError, match="activation must be 'relu' or 'sigmoid', got 'tanh'"):
        function(np.ones((4, 2)), np.ones((3, 4)), np.ones((3, 1)), "tanh")
    cache = ((np.ones((4, 2)), np.ones((3, 4)), np.ones((3, 1))), np.ones((3, 2)))
    with pytest.raises(ValueError, match="got 'Relu'"):
        md.linear_activation_backward(np.ones((3, 2)), cache, "Relu")


def test_compute_cost_names_mismatched_Y_and_AL():
    with pytest.raises(ValueError, match=r"Y has shape \(1, 4\) but AL has shape \(1, 3\)"):
        md.compute_cost(np.full((1, 3), 0.5), np.ones((1, 4)))
    with pytest.raises(ValueError, match=r"Y has shape \(3, 1\)"):
        md.compute_cost(np.full((1, 3), 0.5), np.ones((3, 1)))


def test_L_model_backward_names_mismatched_Y_and_AL():
    X = np.ones((2, 3))
    params = md.initialize_parameters_deep([2, 1])
    AL, caches = md.L_model_forward(X, params)
    with pytest.raises(ValueError, match=r"Y has shape \(1, 2\)"):
        md.L_model_backward(AL, np.ones((1, 2)), caches)


@pytest.mark.parametrize("dims", [[], [5], [5, 0, 1], [5, -2, 1], [5, 2.5, 1], [5, True, 1]])
def test_initialize_parameters_deep_refuses_bad_layer_sizes(dims):
    with pytest.raises(ValueError, match="layer_dims"):
        md.initialize_parameters_deep(dims)


def test_initialize_parameters_refuses_non_positive_sizes():
    with pytest.raises(ValueError, match="positive integers"):
        md.initialize_parameters(3, 0, 1)


@pytest.mark.parametrize(
    "keys", [["W1", "b2"], ["W1", "b1", "W3", "b3"], ["W1", "b1", "W2"], ["w1", "b1"]]
)
def test_parameters_whose_keys_are_not_W1_to_WL_and_b1_to_bL_are_refused(keys):
    params = {k: np.ones((1, 1)) for k in keys}
    with pytest.raises(ValueError, match="do not form W1..WL and b1..bL"):
        md.L_model_forward(np.ones((1, 2)), params)
    with pytest.raises(ValueError, match="do not form W1..WL and b1..bL"):
        md.update_parameters(params, {}, 0.1)


def test_update_parameters_names_a_missing_or_misshapen_gradient():
    params = md.initialize_parameters_deep([3, 2, 1])
    grads = {"d" + k: np.zeros_like(v) for k, v in params.items()}
    del grads["db2"]
    with pytest.raises(ValueError, match="grads has no 'db2'"):
        md.update_parameters(params, grads, 0.1)
    grads["db2"] = np.zeros((2, 1))
    with pytest.raises(ValueError, match=r"grads\['db2'\] has shape \(2, 1\)"):
        md.update_parameters(params, grads, 0.1)


def test_training_refuses_inputs_that_do_not_fit_the_layers():
    X, Y = np.ones((4, 6)), np.ones((1, 6))
    with pytest.raises(ValueError, match=r"X has shape \(4, 6\) but layers_dims\[0\] is 5"):
        md.L_layer_model(X, Y, [5, 3, 1], num_iterations=1)
    with pytest.raises(ValueError, match="num_iterations must be a non-negative integer"):
        md.two_layer_model(X, Y, (4, 3, 1), num_iterations=-1)
    with pytest.raises(ValueError, match=r"Y has shape \(1, 5\)"):
        md.L_layer_model(X, np.ones((1, 5)), [4, 3, 1], num_iterations=1)


def test_a_saturated_output_is_refused_rather_than_turned_into_nan():
    AL = np.array([[0.5, 1.0, 0.2]])
    Y = np.array([[1, 0, 0]])
    with pytest.raises(ValueError, match=r"AL has 1 entries exactly 1 \(a saturated sigmoid"):
        md.compute_cost(AL, Y)
    params = {"W1": np.array([[40.0]]), "b1": np.array([[0.0]])}  # sigmoid(40) rounds to 1.0
    AL, caches = md.L_model_forward(np.array([[1.0, -1.0]]), params)
    with pytest.raises(ValueError, match="AL has 1 entries equal to 0 or 1"):
        md.L_model_backward(AL, np.array([[1, 0]]), caches)


def test_L_model_backward_takes_any_AL_but_0_and_1_as_the_course_test_case_does():
    caches = [((np.ones((2, 2)), np.ones((1, 2)), np.zeros((1, 1))), np.array([[0.3, -0.2]]))]
    grads = md.L_model_backward(np.array([[1.788, -0.35]]), np.array([[1, 0]]), caches)
    assert np.isfinite(grads["dW1"]).all()


def test_predict_takes_a_confident_model_whose_output_is_exactly_0_or_1():
    params = {"W1": np.array([[40.0]]), "b1": np.array([[0.0]])}
    p = md.predict(np.array([[1.0, -1.0]]), np.array([[1, 0]]), params)
    np.testing.assert_array_equal(p, [[1.0, 0.0]])


# ------------------------------------------------------------ NaN, inf and training that cannot go on

SMALL_X = np.random.RandomState(0).rand(4, 6)
SMALL_Y = np.array([[0, 1, 0, 1, 1, 0]])


def with_entry(array, value):
    array = np.array(array, dtype=np.float64)
    array.flat[1] = value
    return array


@pytest.mark.parametrize("train", [
    lambda X, Y, **kw: md.L_layer_model(X, Y, [4, 3, 1], num_iterations=5, **kw),
    lambda X, Y, **kw: md.two_layer_model(X, Y, (4, 3, 1), num_iterations=5, **kw),
])
@pytest.mark.parametrize("X, Y, kw, text", [
    (with_entry(SMALL_X, np.nan), SMALL_Y, {}, "X holds 1 NaN and 0 infinite values"),
    (with_entry(SMALL_X, -np.inf), SMALL_Y, {}, "X holds 0 NaN and 1 infinite values"),
    (SMALL_X, with_entry(SMALL_Y, np.nan), {}, "Y holds 1 NaN"),
    (SMALL_X, SMALL_Y, {"learning_rate": np.nan}, "learning_rate must be a finite number, got nan"),
    (SMALL_X, SMALL_Y, {"learning_rate": np.inf}, "learning_rate must be a finite number, got inf"),
    (SMALL_X, SMALL_Y, {"learning_rate": "0.1"}, "learning_rate must be a finite number, got '0.1'"),
])
def test_training_refuses_non_finite_inputs_and_learning_rates_instead_of_returning_nan_costs(train, X, Y, kw, text):
    with pytest.raises(ValueError, match=text):
        train(X, Y, **kw)


def test_training_stops_at_the_iteration_where_the_output_saturates_and_says_what_to_do():
    from manual_dnn.training import TrainingStopped

    with pytest.raises(TrainingStopped, match=r"^training stopped at iteration 1: the output saturated to exactly "
                       r"0 or 1 on 6 of 6 examples, where dAL divides by zero; lower the learning rate \(it is "
                       r"1e\+30\)$") as stopped:
        md.L_layer_model(SMALL_X, SMALL_Y, [4, 1], learning_rate=1e30, num_iterations=5)
    assert stopped.value.iteration == 1 and isinstance(stopped.value, ValueError)


def test_training_stops_when_the_update_overflows_the_parameters():
    with pytest.raises(ValueError, match=r"iteration 0: the update made W\d non-finite \(inf or NaN\); lower the "
                       r"learning rate \(it is 1e\+308\)"):
        md.L_layer_model(SMALL_X * 10, SMALL_Y, [4, 1], learning_rate=1e308, num_iterations=5)


def test_inputs_too_large_for_the_initial_parameters_are_named_at_iteration_0():
    with pytest.raises(ValueError, match="iteration 0: the output saturated.*the initial parameters already do "
                       r"this: scale the inputs X down \(pixels / 255\)"):
        md.L_layer_model(SMALL_X * 1e6, SMALL_Y, [4, 1], num_iterations=5)


def test_the_courses_two_layer_test_with_Y_drawn_from_randn_still_trains():
    # The course's two_layer_model_test feeds Y from randn, not labels: only NaN and inf are refused.
    Y = np.random.RandomState(1).randn(1, 6)
    parameters, costs = md.two_layer_model(SMALL_X, Y, (4, 3, 1), num_iterations=3)
    assert np.isfinite(costs[0]) and np.isfinite(parameters["W1"]).all()


@pytest.mark.parametrize("X, parameters, text", [
    (with_entry(np.ones((1, 2)), np.nan), {"W1": np.array([[1.0]]), "b1": np.zeros((1, 1))}, "X holds 1 NaN"),
    (np.ones((1, 2)), {"W1": np.array([[np.inf]]), "b1": np.zeros((1, 1))}, r"parameters\['W1'\] holds 0 NaN and 1"),
    (np.full((2, 1), 1e300), {"W1": np.full((2, 2), 1e10), "b1": np.zeros((2, 1)), "W2": np.array([[1.0, -1.0]]),
                              "b2": np.zeros((1, 1))}, "the network's output is NaN on 1 examples"),
])
def test_predict_refuses_what_would_give_a_nan_probability(X, parameters, text):
    with pytest.raises(ValueError, match=text):
        md.predict(X, None, parameters)

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
    with pytest.raises(ValueError, match=r"AL has 1 entries outside \(0, 1\) \(a saturated sigmoid\)"):
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

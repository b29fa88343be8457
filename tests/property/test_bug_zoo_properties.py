"""The property suite has teeth: run against each bug of the zoo, it fails.

Each mutant differs from the seed in one function; the properties of that
function are run against it and at least one must find the bug. Shrinking is
shown on the missing-1/m bug: the counterexample Hypothesis reports is tiny.
"""

import pytest
from hypothesis import HealthCheck, Phase, given, settings

from reference.bug_zoo import MUTANTS, mutant_namespace
from tests.property import test_application_properties as application
from tests.property import test_layer_properties as layer
from tests.property import test_model_properties as model

PROPERTIES = {
    "linear_forward": [model.test_forward_functions_equal_their_jax_counterparts],
    "compute_cost": [model.test_L_model_forward_and_compute_cost_equal_jax],
    "L_model_forward": [model.test_L_model_forward_and_compute_cost_equal_jax],
    "relu_backward": [layer.test_relu_backward_equals_the_vjp_of_jax_relu,
                      layer.test_relu_backward_agrees_with_finite_differences,
                      layer.test_relu_backward_returns_dZ_shaped_like_Z,
                      layer.test_relu_backward_leaves_dA_and_Z_unmodified,
                      layer.test_relu_backward_is_zero_where_Z_is_exactly_zero],
    "sigmoid_backward": [layer.test_sigmoid_backward_equals_the_vjp_of_jax_sigmoid,
                         layer.test_sigmoid_backward_agrees_with_finite_differences,
                         layer.test_sigmoid_backward_returns_dZ_shaped_like_Z,
                         layer.test_sigmoid_backward_leaves_dA_and_Z_unmodified],
    "linear_backward": [layer.test_linear_backward_equals_the_vjp_of_linear_forward,
                        layer.test_linear_backward_agrees_with_finite_differences,
                        layer.test_linear_backward_returns_gradients_shaped_like_its_inputs,
                        layer.test_linear_backward_leaves_its_inputs_unmodified],
    "linear_activation_backward": [layer.test_linear_activation_backward_equals_the_vjp_of_the_layer,
                                   layer.test_linear_activation_backward_agrees_with_finite_differences,
                                   layer.test_linear_activation_backward_returns_gradients_shaped_like_its_inputs,
                                   layer.test_linear_activation_backward_leaves_its_inputs_unmodified],
    "L_model_backward": [model.test_L_model_backward_equals_jax_grad_of_the_cost_for_every_key,
                         model.test_L_model_backward_agrees_with_finite_differences,
                         model.test_L_model_backward_returns_every_key_shaped_like_its_counterpart,
                         model.test_L_model_backward_leaves_its_inputs_unmodified,
                         model.test_the_cost_remainder_shrinks_like_h_squared_along_the_gradient],
    "update_parameters": [model.test_update_parameters_follows_the_gradient_descent_rule],
    "two_layer_model": [application.test_two_layer_model_follows_gradient_descent_from_its_own_start],
    "L_layer_model": [application.test_L_layer_model_follows_gradient_descent_from_its_own_start],
    "predict": [application.test_predict_is_the_forward_pass_thresholded_at_one_half_whatever_y_says],
}

# Finding is enough here; shrinking every failure would only cost time.
HUNT = settings(max_examples=100, derandomize=True, database=None, deadline=None,
                phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))


def _rerun(prop, impl, config=HUNT):
    """Run the Hypothesis property ``prop`` with ``config`` against ``impl``."""
    hunt = config(given(**prop.hypothesis._given_kwargs)(prop.hypothesis.inner_test))
    hunt(impl=impl)


def _catches(prop, impl):
    try:
        _rerun(prop, impl)
    except (NameError, ImportError):  # a broken mutant, not a caught bug
        raise
    except Exception:  # an AssertionError, or whatever the bug raised
        return True
    return False


@pytest.mark.parametrize("name", sorted(MUTANTS))
def test_the_properties_of_the_mutated_function_catch_the_bug(name):
    mutant = MUTANTS[name]
    impl = mutant_namespace(name)
    catching = [p.__name__ for p in PROPERTIES[mutant.function] if _catches(p, impl)]
    assert catching, f"no property of {mutant.function} finds {name}"


def test_every_mutated_function_has_properties():
    assert {m.function for m in MUTANTS.values()} <= set(PROPERTIES)


def test_shrinking_reduces_the_missing_1_over_m_bug_to_a_tiny_network():
    impl = mutant_namespace("dW-missing-1/m")
    seen = []
    buggy = impl["L_model_backward"]

    def recording(AL, Y, caches):
        seen.append((len(caches), AL.shape[1]))
        return buggy(AL, Y, caches)

    impl["L_model_backward"] = recording
    shrink = settings(max_examples=200, derandomize=True, database=None, deadline=None,
                      suppress_health_check=list(HealthCheck))
    with pytest.raises(AssertionError):
        _rerun(model.test_L_model_backward_equals_jax_grad_of_the_cost_for_every_key, impl, shrink)
    layers, m = seen[-1]  # Hypothesis replays the shrunk counterexample last
    assert layers <= 2 and m <= 2, seen[-1]
    assert m == 2  # at m = 1 a missing 1/m is invisible: the smallest failing batch is 2

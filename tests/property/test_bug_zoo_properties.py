"""The property suite has teeth: run against each bug of the zoo, it fails.

Each mutant differs from the seed in one function; the properties of that
function are run against it and at least one must find the bug. Only an
assertion failure counts as finding it, or the one exception a mutant is
expected to raise (EXPECTED_ERRORS) raised from the mutant's own code: any
other exception is the harness breaking, and fails the test. Shrinking is
shown on the missing-1/m bug: the counterexample Hypothesis reports is tiny.
"""

import traceback
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import reference
from reference.bug_zoo import MUTANTS, mutant_namespace
from reference.oracles.jax_network import OracleError, float64_oracle
from tests.property import test_application_properties as application
from tests.property import test_layer_properties as layer
from tests.property import test_model_properties as model

PROPERTIES = {
    "linear_forward": [model.test_forward_functions_equal_their_jax_counterparts],
    "compute_cost": [model.test_L_model_forward_and_compute_cost_equal_jax],
    "L_model_forward": [model.test_L_model_forward_and_compute_cost_equal_jax],
    "relu_backward": [layer.test_relu_backward_equals_the_vjp_of_relu,
                      layer.test_relu_backward_agrees_with_finite_differences,
                      layer.test_relu_backward_returns_dZ_shaped_like_Z,
                      layer.test_relu_backward_leaves_dA_and_Z_unmodified,
                      layer.test_relu_backward_is_zero_where_Z_is_exactly_zero],
    "sigmoid_backward": [layer.test_sigmoid_backward_equals_the_vjp_of_sigmoid,
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
                         model.test_L_model_backward_uses_derivative_zero_at_relu_kinks_like_jax,
                         model.test_L_model_backward_equals_jax_grad_near_saturation,
                         model.test_the_cost_remainder_shrinks_like_h_squared_along_the_gradient],
    "update_parameters": [model.test_update_parameters_follows_the_gradient_descent_rule],
    "two_layer_model": [application.test_two_layer_model_follows_gradient_descent_from_its_own_start],
    "L_layer_model": [application.test_L_layer_model_follows_gradient_descent_from_its_own_start],
    "predict": [application.test_predict_is_the_forward_pass_thresholded_at_one_half_whatever_y_says],
}

# The one exception a mutant may raise instead of failing an assertion, and why.
EXPECTED_ERRORS = {
    "forward-skips-a-layer": (ValueError, "the layer after the skipped one gets an input of the wrong height"),
    "two-layer-activations-swapped": (ValueError, "its ReLU output layer gives AL = 0, whose log the cost refuses"),
}

# Finding is enough here; shrinking every failure would only cost time. Each
# mutant is found within its first 8 examples (measured); the properties it
# passes use the whole budget, so a larger one would buy nothing but time.
HUNT = settings(max_examples=50, derandomize=True, database=None, deadline=None,
                phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
REFERENCE = Path(reference.__file__).parent


def _rerun(prop, impl, config=HUNT):
    """Run the Hypothesis property ``prop`` with ``config`` against ``impl``."""
    hunt = config(given(**prop.hypothesis._given_kwargs)(prop.hypothesis.inner_test))
    hunt(impl=impl)


def _frames(error):
    """The code objects of ``error``'s traceback, outermost first."""
    return [frame.f_code for frame, _ in traceback.walk_tb(error.__traceback__)]


def _finds(prop, name):
    """True if ``prop`` fails on mutant ``name`` for a reason that counts; False if it
    passes. Any other exception propagates: the harness broke, nothing was found."""
    try:
        _rerun(prop, mutant_namespace(name))
    except AssertionError as error:
        if not Path(_frames(error)[-1].co_filename).is_relative_to(REFERENCE):
            return True  # a property's assertion, not an oracle's self-check failing
        raise
    except Exception as error:
        expected = EXPECTED_ERRORS.get(name)
        if expected and isinstance(error, expected[0]) and MUTANTS[name].implementation.__code__ in _frames(error):
            return True
        raise
    return False


@pytest.mark.parametrize("name", sorted(MUTANTS))
def test_the_properties_of_the_mutated_function_catch_the_bug(name):
    function = MUTANTS[name].function
    finding = [p.__name__ for p in PROPERTIES[function] if _finds(p, name)]
    assert finding, f"no property of {function} finds {name}"


def test_every_expected_error_belongs_to_a_mutant():
    assert set(EXPECTED_ERRORS) <= set(MUTANTS)


# Properties that fail in known ways, to show what _finds counts: X is any input.
AN_INPUT = st.just(np.ones((3, 4)))


@given(X=AN_INPUT)
def _property_crashing_in_its_own_code(impl, X):
    impl["L_model_forward"](X, "not a parameters dict" + 1)


@given(X=AN_INPUT)
def _property_calling_the_mutant_on_shapes_it_cannot_fit(impl, X):
    params = {"W1": np.ones((2, 3)), "b1": np.ones((2, 1)), "W2": np.ones((1, 2)), "b2": np.ones((1, 1))}
    impl["L_model_forward"](X, params)  # the mutant skips layer 1: W2 (1, 2) meets X (3, 4)


@given(X=AN_INPUT)
def _property_raising_the_expected_error_itself(impl, X):
    raise ValueError("raised by the property, not by the mutant")


@given(X=AN_INPUT)
def _property_whose_oracle_breaks(impl, X):
    float64_oracle(lambda: np.float32(0.5))()  # the oracle's own float64 assertion fails


def test_a_crash_of_the_property_itself_is_not_a_bug_found():
    with pytest.raises(TypeError):
        _finds(_property_crashing_in_its_own_code, "forward-skips-a-layer")


def test_the_expected_error_counts_only_when_the_mutant_raises_it():
    assert _finds(_property_calling_the_mutant_on_shapes_it_cannot_fit, "forward-skips-a-layer")
    with pytest.raises(ValueError, match="raised by the property"):
        _finds(_property_raising_the_expected_error_itself, "forward-skips-a-layer")


def test_an_oracle_failing_its_own_check_is_not_a_bug_found():
    with pytest.raises(OracleError, match="returned float32, not float64"):
        _finds(_property_whose_oracle_breaks, "dW-missing-1/m")


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

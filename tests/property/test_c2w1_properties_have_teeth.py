"""The course 2 week 1 properties fail on the bugs learners make: each mutant below, patched into
manual_dnn, makes the named property fail with an assertion (not an exception of another kind).

The mutants are the real bugs of tests/learners/regularization/README.md and gradient_checking's.
"""

import traceback
from pathlib import Path
from unittest import mock

import numpy as np
import pytest
from hypothesis import HealthCheck, Phase, given, settings

import reference
from manual_dnn import gradient_checking as gc
from manual_dnn import regularization as reg
from manual_dnn import three_layer
from reference.assignments.gradient_checking.planted_bugs import backward_propagation_n_as_handed_out
from tests.property import test_gradient_checking_properties as gc_properties
from tests.property import test_regularization_properties as reg_properties

FAIL_FAST = settings(settings.get_profile("ci"), database=None, phases=[Phase.generate],
                     suppress_health_check=list(HealthCheck))
REFERENCE = Path(reference.__file__).resolve().parent  # an assertion there is an oracle's self-check


def _run(prop):
    """Run the Hypothesis property ``prop`` afresh with FAIL_FAST (finding is enough; no shrinking)."""
    FAIL_FAST(given(**prop.hypothesis._given_kwargs)(prop.hypothesis.inner_test))()


def _l2_cost_without_half(A3, Y, parameters, lambd):
    m = Y.shape[1]
    return reg.compute_cost(A3, Y) + lambd / m * sum(np.sum(np.square(parameters[k])) for k in ("W1", "W2", "W3"))


def _l2_gradient_without_1_over_m(X, Y, cache, lambd):
    gradients = reg.backward_propagation(X, Y, cache)
    for l in (1, 2, 3):
        gradients[f"dW{l}"] = gradients[f"dW{l}"] + lambd * cache[4 * l - 2]
    return gradients


def _backward_pass_without_masks(X, Y, A1, A2, A3, W2, W3, scale1=1.0, scale2=1.0):
    return three_layer.backward_pass(X, Y, A1, A2, A3, W2, W3)


def _backward_pass_multiplying_by_keep_prob(X, Y, A1, A2, A3, W2, W3, scale1=1.0, scale2=1.0):
    # scale = D / keep_prob: the learner's D * keep_prob is scale * keep_prob², keep_prob read from the mask
    keep_prob = 1 / np.max(scale1) if np.any(scale1) else 1.0
    return three_layer.backward_pass(X, Y, A1, A2, A3, W2, W3, scale1 * keep_prob**2, scale2 * keep_prob**2)


def _forward_with_inverted_comparison(X, parameters, keep_prob=0.5, *, seed=1):
    rng = np.random.RandomState(seed)
    W1, b1, W2, b2, W3, b3 = (parameters[k] for k in ("W1", "b1", "W2", "b2", "W3", "b3"))
    Z1 = W1 @ X + b1
    D1 = rng.rand(*Z1.shape) > keep_prob
    A1 = np.maximum(Z1, 0) * D1 / keep_prob
    Z2 = W2 @ A1 + b2
    D2 = rng.rand(*Z2.shape) > keep_prob
    A2 = np.maximum(Z2, 0) * D2 / keep_prob
    Z3 = W3 @ A2 + b3
    A3 = 1 / (1 + np.exp(-Z3))
    return A3, (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)


MUTANTS = [
    ("L2 cost without the /2", reg, "compute_cost_with_regularization", _l2_cost_without_half,
     reg_properties.test_compute_cost_with_regularization_equals_the_jax_cost),
    ("L2 gradient lambd * W without 1/m", reg, "backward_propagation_with_regularization",
     _l2_gradient_without_1_over_m,
     reg_properties.test_backward_propagation_with_regularization_equals_jax_grad_of_the_regularized_cost),
    ("dropout backward that never applies the masks", reg, "backward_pass", _backward_pass_without_masks,
     reg_properties.test_backward_propagation_with_dropout_equals_jax_grad_through_the_forwards_own_masks),
    ("dropout backward multiplying by keep_prob", reg, "backward_pass", _backward_pass_multiplying_by_keep_prob,
     reg_properties.test_backward_propagation_with_dropout_equals_jax_grad_through_the_forwards_own_masks),
    ("dropout forward keeping rand > keep_prob", reg, "forward_propagation_with_dropout",
     _forward_with_inverted_comparison, reg_properties.test_forward_propagation_with_dropout_draws_the_courses_masks),
    ("backward_propagation_n with the course's planted bugs", gc, "backward_propagation_n",
     backward_propagation_n_as_handed_out, gc_properties.test_backward_propagation_n_equals_jax_grad_of_the_cost),
]


@pytest.mark.parametrize("name, module, attribute, mutant, prop", MUTANTS, ids=[m[0] for m in MUTANTS])
def test_the_property_catches_the_bug(name, module, attribute, mutant, prop):
    with mock.patch.object(module, attribute, mutant), pytest.raises(AssertionError) as caught:
        _run(prop)
    failing_frame = [frame.f_code.co_filename for frame, _ in traceback.walk_tb(caught.value.__traceback__)][-1]
    assert not Path(failing_frame).resolve().is_relative_to(REFERENCE), f"{name}: an oracle failed ({failing_frame})"


"""Both of the course's dA-key conventions: detected from the keys, every dA
checked under the one detected, and a wrong dA caught under either."""

import numpy as np
import pytest

from reference.bug_zoo import seed_namespace
from reference.checks.checker import check
from reference.seed_functions import DA_CONVENTIONS, dA_keys, detect_dA_convention

SMALL = dict(layer_dims=[5, 4, 3, 1], examples=6)
L = 3


@pytest.mark.parametrize("keys, convention", [
    (["dA0", "dA1", "dA2"], "dA{l-1}"),
    (["dA1", "dA2", "dA3"], "dA{l}"),
    (["dA0", "dA1", "dA2", "dA3"], "dA{l-1}"),  # a kept dAL does not change it
    (["dA0", "dA3"], None),
    (["dA1", "dA2"], None),
    (["dA0", "dA1", "dA3"], None),
    ([], None),
    (["dA", "dAL", "dA_prev"], None),
])
def test_the_convention_is_detected_from_the_keys(keys, convention):
    grads_keys = keys + [f"d{p}" for p in ("W1", "b1", "W2", "b2", "W3", "b3")]
    assert detect_dA_convention(grads_keys, L) == convention


def test_each_convention_maps_its_keys_to_the_input_of_layer_l():
    assert dA_keys(3, "dA{l-1}") == {"dA0": 0, "dA1": 1, "dA2": 2}
    assert dA_keys(3, "dA{l}") == {"dA1": 0, "dA2": 1, "dA3": 2}
    assert set(DA_CONVENTIONS) == {"dA{l-1}", "dA{l}"}


def _namespace_returning(transform):
    """The seed's namespace whose L_model_backward returns transform(the seed's grads)."""
    namespace = seed_namespace()
    seed_backward = namespace["L_model_backward"]

    def L_model_backward(AL, Y, caches):
        return transform(seed_backward(AL, Y, caches))

    namespace["L_model_backward"] = L_model_backward
    return namespace


def _pre_v4(grads):
    """The seed's grads under the keys before v4: dA{l} holds what dA{l-1} holds now."""
    renamed = {k: v for k, v in grads.items() if not k.startswith("dA")}
    renamed.update({f"dA{int(k[2:]) + 1}": v for k, v in grads.items() if k.startswith("dA")})
    return renamed


@pytest.mark.parametrize("convention, transform", [("dA{l-1}", lambda g: g), ("dA{l}", _pre_v4)])
def test_right_grads_pass_under_either_convention(convention, transform):
    report = check(_namespace_returning(transform), **SMALL)
    assert report.passed and report.dA_convention == convention, report.to_text()
    expected = set(dA_keys(L, convention))
    assert {c.target for c in report.checks if c.function == "L_model_backward" and c.target.startswith("dA")} \
        == expected


@pytest.mark.parametrize("convention, transform", [("dA{l-1}", lambda g: g), ("dA{l}", _pre_v4)])
def test_a_wrong_dA_is_caught_under_either_convention_and_only_there(convention, transform):
    for key in dA_keys(L, convention):
        def wrong(grads, key=key):
            grads = transform(grads)
            grads[key] = grads[key] * 1.5
            return grads

        report = check(_namespace_returning(wrong), **SMALL)
        failing = {(c.target, c.oracle) for c in report.checks if c.passed is False}
        assert failing == {(key, "jax-grad"), (key, "directional-fd"), (key, "complex-step")}, (key, failing)
        assert report.root_causes == ["L_model_backward"] and report.dA_convention == convention


def test_the_new_meaning_under_the_old_keys_fails_on_the_shapes():
    """Keys dA1..dA3 but dA{l} = dJ/dA[l] (dA3 the gradient for AL) and no
    dA0: right in neither convention (the old one's dA3 is the gradient for A2)."""
    def shifted(grads):
        grads = {k: v for k, v in grads.items() if k != "dA0"}
        grads["dA3"] = np.ones((1, 6))
        return grads

    report = check(_namespace_returning(shifted), **SMALL)
    assert report.dA_convention == "dA{l}" and report.root_causes == ["L_model_backward"]
    details = {c.target: c.detail for c in report.checks if c.passed is False}
    assert details == {"dA1": "dA1 has shape (4, 6), expected (5, 6)", "dA2": "dA2 has shape (3, 6), expected (4, 6)",
                       "dA3": "dA3 has shape (1, 6), expected (3, 6)"}


def test_keys_of_neither_convention_fail_naming_both():
    def neither(grads):
        return {k: v for k, v in grads.items() if k not in ("dA1", "dA2")}

    report = check(_namespace_returning(neither), **SMALL)
    (failure,) = [c for c in report.checks if c.passed is False]
    assert failure.target == "dA keys" and report.dA_convention is None
    assert failure.detail == ("grads has dA0; expected dA0..dA2 (dA{l-1}, the course's keys since v4) or "
                              "dA1..dA3 (dA{l}, before v4), each for the input of layer l")
    assert '"dA_convention": null' in report.to_json()

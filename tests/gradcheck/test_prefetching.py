"""Oracles started in the background before a check needs them: the same executables, only those needed."""

import numpy as np
import pytest

from reference.checks.checker import check
from reference.oracles import executables, jax_training
from reference.oracles import jax_network as jnet


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    """An empty cache folder, and oracles that have compiled nothing in this process yet."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("MANUAL_DNN_NO_CACHE", raising=False)
    for cached in (jnet._layer, jnet._activations, jnet._cost, jnet._model_grad, jax_training._step):
        monkeypatch.setattr(cached, "executables", {})
    return tmp_path


def test_a_prefetched_oracle_is_the_one_then_called(fresh_cache):
    jnet.prefetch(layer=(4, 3, 5), activations=(3, 5))
    (entry,) = jnet._layer.executables.values()
    ready = entry.result(timeout=600)  # compiled in the background
    next(iter(jnet._activations.executables.values())).result(timeout=600)
    rng = np.random.RandomState(0)
    A, W, b, dZ = rng.randn(4, 5), rng.randn(3, 4), rng.randn(3, 1), rng.randn(3, 5)
    dA_prev, dW, db = jnet.linear_backward(dZ, A, W, b)
    assert list(jnet._layer.executables.values()) == [ready]  # no second compilation
    np.testing.assert_allclose(dW, dZ @ A.T / 5, rtol=1e-13)
    np.testing.assert_allclose(dA_prev, W.T @ dZ, rtol=1e-13)
    assert sorted(p.name.split("-")[0] for p in executables.folder().glob("*.xla")) == [
        "reference.oracles.jax_network._activations", "reference.oracles.jax_network._layer"]


def test_a_check_of_one_function_starts_only_the_oracles_it_runs(fresh_cache):
    import manual_dnn

    report = check({"linear_backward": manual_dnn.linear_backward}, layer_dims=[5, 4, 3, 1], examples=6,
                   only=["linear_backward"])
    assert report.passed
    assert not jnet._activations.executables and not jnet._model_grad.executables
    assert not jax_training._step.executables
    report = check({"relu_backward": manual_dnn.relu_backward}, layer_dims=[5, 4, 3, 1], examples=6,
                   only=["relu_backward"])
    assert report.passed and any(c.target == "dZ at Z == 0" for c in report.checks)
    assert jnet._activations.executables and not jnet._model_grad.executables  # its point at the kink

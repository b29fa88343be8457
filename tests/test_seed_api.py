"""The seed's API: names, returns, published fixtures and conventions."""

import numpy as np
import pytest

import manual_dnn as md


def test_initialize_parameters_reproduces_the_published_fixture():
    params = md.initialize_parameters(3, 2, 1)
    np.testing.assert_allclose(
        params["W1"],
        [[0.01624345, -0.00611756, -0.00528172], [-0.01072969, 0.00865408, -0.02301539]],
        atol=5e-9,
    )
    assert params["b1"].shape == (2, 1) and not params["b1"].any()
    assert params["W2"].shape == (1, 2) and params["b2"].shape == (1, 1)


def test_initialize_parameters_deep_reproduces_the_published_fixture():
    params = md.initialize_parameters_deep([5, 4, 3])
    np.testing.assert_allclose(
        params["W1"][0], [0.01788628, 0.0043651, 0.00096497, -0.01863493, -0.00277388], atol=5e-9
    )
    assert list(params) == ["W1", "b1", "W2", "b2"]
    assert params["W2"].shape == (3, 4) and params["b2"].shape == (3, 1)


def test_scaled_initialisation_is_randn_over_sqrt_fan_in_with_seed_1():
    params = md.initialize_parameters_deep([6, 4, 1], scaled=True)
    rng = np.random.RandomState(1)
    np.testing.assert_array_equal(params["W1"], rng.randn(4, 6) / np.sqrt(6))
    np.testing.assert_array_equal(params["W2"], rng.randn(1, 4) / np.sqrt(4))


def test_initialisers_leave_numpys_global_generator_alone():
    np.random.seed(123)
    expected = np.random.rand(3)
    np.random.seed(123)
    md.initialize_parameters_deep([4, 3, 1])
    md.initialize_parameters(4, 3, 1)
    np.testing.assert_array_equal(np.random.rand(3), expected)


def test_same_seed_gives_the_same_bits():
    a = md.initialize_parameters_deep([7, 5, 1], scaled=True, seed=11)
    b = md.initialize_parameters_deep([7, 5, 1], scaled=True, seed=11)
    for key in a:
        assert a[key].tobytes() == b[key].tobytes()


def test_compute_cost_reproduces_the_published_fixture_as_a_0d_array():
    cost = md.compute_cost(np.array([[0.8, 0.9, 0.4]]), np.array([[1, 1, 0]]))
    assert isinstance(cost, np.ndarray) and cost.shape == () and cost.dtype == np.float64
    assert float(cost) == pytest.approx(0.2797765635793422, rel=1e-15)


def test_compute_cost_prints_nothing(capsys):
    md.compute_cost(np.array([[0.8, 0.9, 0.4]]), np.array([[1, 1, 0]]))
    assert capsys.readouterr().out == ""


def _small_network(seed=0, dims=(4, 3, 2, 1), m=5):
    rng = np.random.RandomState(seed)
    params = md.initialize_parameters_deep(list(dims), scaled=True, seed=seed)
    params = {k: v + (0.1 if k.startswith("b") else 0.0) for k, v in params.items()}
    X = rng.randn(dims[0], m)
    Y = (rng.rand(1, m) > 0.5).astype(float)
    return X, Y, params


def test_forward_functions_return_the_seeds_caches():
    X, _, params = _small_network()
    Z, cache = md.linear_forward(X, params["W1"], params["b1"])
    assert cache[0] is X and cache[1] is params["W1"] and cache[2] is params["b1"]
    np.testing.assert_array_equal(Z, params["W1"] @ X + params["b1"])
    A, z_cache = md.relu(Z)
    assert z_cache is Z and (A == np.maximum(Z, 0)).all()
    A, z_cache = md.sigmoid(Z)
    assert z_cache is Z
    A, ((A_prev, W, b), Z2) = md.linear_activation_forward(X, params["W1"], params["b1"], "relu")
    assert A_prev is X and W is params["W1"] and b is params["b1"]
    np.testing.assert_array_equal(Z2, Z)


def test_L_model_forward_returns_one_cache_per_layer_and_a_probability_row():
    X, _, params = _small_network()
    AL, caches = md.L_model_forward(X, params)
    assert AL.shape == (1, 5) and len(caches) == 3
    assert ((AL > 0) & (AL < 1)).all()
    assert caches[0][0][0] is X


def test_L_model_backward_uses_the_seeds_keys_and_shapes():
    X, Y, params = _small_network()
    AL, caches = md.L_model_forward(X, params)
    grads = md.L_model_backward(AL, Y, caches)
    assert set(grads) == {"dA0", "dA1", "dA2", "dW1", "dW2", "dW3", "db1", "db2", "db3"}
    assert grads["dA0"].shape == X.shape
    for l in (1, 2, 3):
        assert grads[f"dW{l}"].shape == params[f"W{l}"].shape
        assert grads[f"db{l}"].shape == params[f"b{l}"].shape


def test_relu_backward_is_zero_at_the_kink_and_leaves_dA_alone():
    Z = np.array([[-1.0, 0.0, 2.0]])
    dA = np.array([[5.0, 6.0, 7.0]])
    dZ = md.relu_backward(dA, Z)
    np.testing.assert_array_equal(dZ, [[0.0, 0.0, 7.0]])
    np.testing.assert_array_equal(dA, [[5.0, 6.0, 7.0]])


def test_update_parameters_returns_new_arrays_and_leaves_the_callers_alone():
    _, _, params = _small_network()
    before = {k: v.copy() for k, v in params.items()}
    grads = {"d" + k: np.ones_like(v) for k, v in params.items()}
    new = md.update_parameters(params, grads, 0.5)
    for k in params:
        np.testing.assert_array_equal(params[k], before[k])
        np.testing.assert_array_equal(new[k], before[k] - 0.5)
        assert new[k] is not params[k]


def test_predict_thresholds_at_one_half_and_returns_a_row_of_zeros_and_ones():
    params = {"W1": np.array([[1.0]]), "b1": np.array([[0.0]])}
    X = np.array([[-2.0, -0.1, 0.1, 3.0]])
    p = md.predict(X, np.array([[0, 0, 1, 1]]), params)
    np.testing.assert_array_equal(p, [[0.0, 0.0, 1.0, 1.0]])


def test_training_records_the_cost_every_100_iterations_from_0():
    X, Y, _ = _small_network(m=8)
    _, costs = md.L_layer_model(X, Y, [4, 3, 2, 1], num_iterations=250)
    assert len(costs) == 3
    _, costs = md.two_layer_model(X, Y, (4, 3, 1), num_iterations=101)
    assert len(costs) == 2 and costs[1] < costs[0]


def test_training_prints_the_cost_only_when_asked(capsys):
    X, Y, _ = _small_network(m=8)
    md.L_layer_model(X, Y, [4, 3, 1], num_iterations=101)
    assert capsys.readouterr().out == ""
    md.L_layer_model(X, Y, [4, 3, 1], num_iterations=101, print_cost=True)
    assert capsys.readouterr().out.splitlines()[1].startswith("Cost after iteration 100: ")


def test_the_network_package_imports_neither_reference_nor_jax():
    """The graph is one-way: every manual_dnn module (and the command line's
    start-up) imports with ``reference`` and ``jax`` blocked."""
    import pkgutil
    import subprocess
    import sys

    modules = [f"manual_dnn.{m.name}" for m in pkgutil.iter_modules(md.__path__)]
    assert {"manual_dnn.network", "manual_dnn.training", "manual_dnn.data"} <= set(modules)
    code = (
        "import importlib, sys\n"
        "sys.modules['jax'] = sys.modules['reference'] = None\n"
        f"for name in {modules + ['manual_dnn_cli.main']!r}: importlib.import_module(name)\n"
        "loaded = [m for m in sys.modules if sys.modules[m] is not None]\n"
        "assert not [m for m in loaded if m.startswith(('jax', 'reference'))], loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_training_skips_dA0_privately_and_gets_the_same_dW_and_db():
    from manual_dnn.training import _backward_without_dA0

    X, Y, params = _small_network()
    AL, caches = md.L_model_forward(X, params)
    full = md.L_model_backward(AL, Y, caches)
    lean = _backward_without_dA0(AL, Y, caches)
    assert set(full) - set(lean) == {"dA0"}
    for key in lean:
        np.testing.assert_array_equal(lean[key], full[key])


def test_the_seed_functions_have_the_seeds_signatures():
    import inspect

    assert list(inspect.signature(md.L_model_backward).parameters) == ["AL", "Y", "caches"]
    assert list(inspect.signature(md.linear_backward).parameters) == ["dZ", "cache"]
    assert list(inspect.signature(md.linear_activation_backward).parameters) == ["dA", "cache", "activation"]

"""The Application notebook's functions: initialisers, training loops, predict."""

from pathlib import Path

import numpy as np
import pytest

import manual_dnn
from reference.checks.application_checks import describe_initialisation
from reference.checks.checker import check
from reference.oracles.jax_training import gradient_descent
from reference.tolerances import relative_error

LEARNERS = Path(__file__).parent / "learners"
CURRENT = (LEARNERS / "application_current.py").read_text()
SMALL = dict(layer_dims=[5, 4, 3, 1], examples=6)


def _variant(tmp_path, old, new, extra=""):
    """The current-version Application file with ``old`` replaced by ``new``."""
    assert old in CURRENT, old
    path = tmp_path / "application.py"
    path.write_text(CURRENT.replace(old, new) + extra)
    return check(path, **SMALL)


def _failing(report, function):
    return [c for c in report.checks if c.function == function and c.passed is False]


def test_manual_dnn_passes_the_application_checks():
    report = check(manual_dnn, **SMALL)
    functions = {c.function for c in report.checks}
    assert {"initialize_parameters", "initialize_parameters_deep", "two_layer_model", "L_layer_model",
            "predict"} <= functions
    assert report.passed, report.to_text()


def test_the_oracle_trajectory_is_manual_dnns_to_rounding():
    rng = np.random.RandomState(4)
    X, Y = rng.uniform(0, 1, (6, 10)), rng.randint(0, 2, (1, 10)).astype(float)
    parameters, costs = manual_dnn.L_layer_model(X, Y, [6, 5, 3, 1], learning_rate=0.05, num_iterations=201)
    start = manual_dnn.initialize_parameters_deep([6, 5, 3, 1], scaled=True, seed=1)
    weights, oracle_costs = gradient_descent(X, Y, [(start[f"W{l}"], start[f"b{l}"]) for l in (1, 2, 3)], 0.05, 201)
    for l in (1, 2, 3):
        assert relative_error(parameters[f"W{l}"], weights[l - 1][0]) < 1e-14
    assert relative_error(np.array(costs, dtype=float), oracle_costs[::100]) < 1e-14


def test_a_current_version_file_using_the_courses_helpers_passes_and_they_are_supplied():
    report = check(LEARNERS / "application_current.py", **SMALL)
    assert report.passed, report.to_text()
    assert {c.function for c in report.checks} == {"two_layer_model", "L_layer_model"}
    assert {"L_model_backward", "update_parameters", "initialize_parameters_deep"} <= set(report.supplied)
    assert any("returns (parameters, costs)" in n for n in report.notes)
    assert any("randn / sqrt(n_{l-1}), np.random.seed(1)" in n for n in report.notes)


def test_an_older_version_returning_parameters_alone_and_plotting_in_the_loop_passes(tmp_path):
    report = _variant(tmp_path, "    return parameters, costs\n\n\nparameters, costs = L_layer_model",
                      "    plt.plot(np.squeeze(costs))\n    plt.show()\n    return parameters\n\n\n"
                      "parameters = L_layer_model")
    assert report.passed, report.to_text()
    assert any("L_layer_model returns parameters only" in n for n in report.notes)


@pytest.mark.parametrize("old, new, reason", [
    ('A1, cache1 = linear_activation_forward(X, W1, b1, "relu")\n'
     '        A2, cache2 = linear_activation_forward(A1, W2, b2, "sigmoid")',
     'A1, cache1 = linear_activation_forward(X, W1, b1, "sigmoid")\n'
     '        A2, cache2 = linear_activation_forward(A1, W2, b2, "relu")', "activations in the wrong order"),
    ("dA2 = - (np.divide(Y, A2) - np.divide(1 - Y, 1 - A2))", "dA2 = np.divide(Y, A2) - np.divide(1 - Y, 1 - A2)",
     "dA2 with the wrong sign"),
    ("parameters = update_parameters(parameters, grads, learning_rate)\n        W1",
     "parameters = update_parameters(parameters, grads, 0.0075)\n        W1", "a learning rate of its own"),
])
def test_a_wrong_two_layer_model_is_the_root_cause(tmp_path, old, new, reason):
    report = _variant(tmp_path, old, new)
    assert report.root_causes == ["two_layer_model"], (reason, report.to_text())
    assert _failing(report, "two_layer_model")


def test_costs_recorded_every_iteration_are_named(tmp_path):
    report = _variant(tmp_path, "        if i % 100 == 0 or i == num_iterations:\n            costs.append(cost)\n"
                      "    return parameters, costs\n\n\nparameters, costs = L_layer_model",
                      "        costs.append(cost)\n    return parameters, costs\n\n\nparameters, costs = L_layer_model")
    failures = _failing(report, "L_layer_model")
    assert report.root_causes == ["L_layer_model"]
    assert any("recorded 201 costs" in c.detail and "0, 100, 200" in c.detail for c in failures)


def test_a_loop_that_drops_the_update_of_its_own_update_parameters_is_blamed(tmp_path):
    own_update = ("\n\ndef update_parameters(parameters, grads, learning_rate):\n"
                  "    new = {}\n    for key in parameters:\n"
                  "        new[key] = parameters[key] - learning_rate * grads['d' + key]\n    return new\n")
    report = _variant(tmp_path, "        parameters = update_parameters(parameters, grads, learning_rate)\n"
                      "        if print_cost and i % 100 == 0 or i == num_iterations - 1:\n"
                      "            print(\"Cost after iteration {}: {}\".format(i, np.squeeze(cost)))\n"
                      "        if i % 100 == 0 or i == num_iterations:\n            costs.append(cost)\n"
                      "    return parameters, costs\n\n\nparameters, costs = L_layer_model",
                      "        update_parameters(parameters, grads, learning_rate)\n"
                      "        if i % 100 == 0:\n            costs.append(cost)\n"
                      "    return parameters, costs\n\n\nparameters, costs = L_layer_model", own_update)
    assert report.root_causes == ["L_layer_model"], report.to_text()
    assert any("unchanged after 201 iterations" in c.detail for c in _failing(report, "L_layer_model"))
    assert not _failing(report, "update_parameters")


def test_a_wrong_L_model_backward_of_the_file_is_the_root_cause_not_the_loop(tmp_path):
    wrong = ("\n\ndef L_model_backward(AL, Y, caches):\n"
             "    grads = {}\n    L = len(caches)\n"
             "    dAL = - (np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))\n"
             "    grads['dA' + str(L - 1)], grads['dW' + str(L)], grads['db' + str(L)] = "
             "linear_activation_backward(dAL, caches[L - 1], 'sigmoid')\n"
             "    for l in reversed(range(L - 1)):\n"
             "        dA, dW, db = linear_activation_backward(grads['dA' + str(l + 1)], caches[l], 'relu')\n"
             "        grads['dA' + str(l)], grads['dW' + str(l + 1)], grads['db' + str(l + 1)] = dA, 2 * dW, db\n"
             "    return grads\n")
    dims = "layers_dims = [12288, 20, 7, 5, 1]\n"
    report = _variant(tmp_path, dims, wrong + "\n" + dims)
    assert report.root_causes == ["L_model_backward"], report.to_text()
    assert _failing(report, "L_layer_model")  # it fails too, explained by L_model_backward


def test_initialize_parameters_where_the_deep_one_belongs_fails_the_loop(tmp_path):
    report = _variant(tmp_path, "parameters = initialize_parameters_deep(layers_dims)",
                      "parameters = initialize_parameters(layers_dims)")
    failures = _failing(report, "L_layer_model")
    assert report.root_causes == ["L_layer_model"] and any("TypeError" in c.detail for c in failures)


INITIALISERS = """
def initialize_parameters(n_x, n_h, n_y):
    np.random.seed(1)
    W1 = np.random.randn(n_h, n_x) * 0.01
    b1 = np.zeros((n_h, 1))
    W2 = np.random.randn(n_y, n_h) * 0.01
    b2 = np.zeros((n_y, 1))
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}


def initialize_parameters_deep(layer_dims):
    np.random.seed(3)
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters['W' + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.01
        parameters['b' + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters
"""


INITIALISER_NAMES = ["initialize_parameters", "initialize_parameters_deep"]


def test_the_courses_initialisers_pass_and_are_named(tmp_path):
    path = tmp_path / "init.py"
    path.write_text("import numpy as np\n" + INITIALISERS)
    report = check(path, only=INITIALISER_NAMES, **SMALL)  # a fragment: the initialisers alone
    assert report.passed, report.to_text()
    assert "initialize_parameters initialises W as randn * 0.01, np.random.seed(1)" in report.notes
    assert "initialize_parameters_deep initialises W as randn * 0.01, np.random.seed(3)" in report.notes


@pytest.mark.parametrize("old, new, detail", [
    ("b1 = np.zeros((n_h, 1))", "b1 = np.zeros(n_h)", "b1 has shape (4,), expected (4, 1)"),
    ("np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.01",
     "np.random.default_rng().standard_normal((layer_dims[l], layer_dims[l - 1])) * 0.01",
     "two calls after the same np.random.seed(1) gave different parameters"),
    ("np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.01", "np.zeros((layer_dims[l], layer_dims[l - 1]))",
     "every row of W1 is the same"),
    ("b2 = np.zeros((n_y, 1))", "b2 = np.ones((n_y, 1))", "b2 is not zeros"),
])
def test_a_wrong_initialiser_fails_with_its_reason(tmp_path, old, new, detail):
    path = tmp_path / "init.py"
    path.write_text("import numpy as np\n" + INITIALISERS.replace(old, new))
    report = check(path, only=INITIALISER_NAMES, **SMALL)
    assert report.verdict == "FAIL"
    assert any(detail in c.detail for c in report.checks if c.passed is False), report.to_text()


def test_an_initialiser_that_does_not_seed_numpy_itself_passes_and_is_named(tmp_path):
    path = tmp_path / "init.py"
    path.write_text("import numpy as np\n" + INITIALISERS.replace("    np.random.seed(3)\n", "")
                    .replace("    np.random.seed(1)\n", ""))
    report = check(path, only=INITIALISER_NAMES, **SMALL)  # a fragment: the initialisers alone
    assert report.passed, report.to_text()
    for name in ("initialize_parameters", "initialize_parameters_deep"):
        (note,) = [n for n in report.notes if n.startswith(name + " ")]
        assert "draws W as randn * 0.01 without seeding numpy itself" in note, note


def test_describe_initialisation_names_the_courses_two_ways():
    assert describe_initialisation(manual_dnn.initialize_parameters_deep([6, 5, 1], scaled=True, seed=1),
                                   [6, 5, 1]) == "randn / sqrt(n_{l-1}), np.random.seed(1)"
    assert describe_initialisation({"W1": np.ones((5, 6)), "W2": np.ones((1, 5))}, [6, 5, 1]) is None


@pytest.mark.parametrize("scale, words", [(lambda n: 0.01, "at the scale of randn * 0.01"),
                                          (lambda n: 1 / np.sqrt(n), "at the scale of randn / sqrt(n)"),
                                          (lambda n: 1.0, "in its own way")])
def test_an_unseeded_draw_is_named_by_its_scale(scale, words):
    from reference.checks.initialiser_checks import _initialisation_note

    dims = [12, 10, 6, 1]
    rng = np.random.default_rng(12345)  # not the course's seeds: no exact match to find
    parameters = {}
    for l in range(1, len(dims)):
        parameters[f"W{l}"] = rng.standard_normal((dims[l], dims[l - 1])) * scale(dims[l - 1])
        parameters[f"b{l}"] = np.zeros((dims[l], 1))
    assert words in _initialisation_note("initialize_parameters_deep", parameters, dims)


@pytest.mark.parametrize("body, detail", [
    ("    probas, _ = L_model_forward(X, parameters)\n    return (probas > 0.5).astype(float).ravel()\n",
     "p has shape (6,), expected (1, 6)"),  # predict runs on the network checked: 6 examples here
    ("    probas, _ = L_model_forward(X, parameters)\n    return (probas > 0.5) * y\n", "changes when y changes"),
    ("    probas, _ = L_model_forward(X, parameters)\n    return (probas > 0.9).astype(float)\n", "p["),
])
def test_a_wrong_predict_fails(tmp_path, body, detail):
    path = tmp_path / "predict.py"
    path.write_text("import numpy as np\nfrom dnn_app_utils_v3 import *\n\n\ndef predict(X, y, parameters):\n" + body)
    report = check(path, **SMALL)
    assert report.root_causes == ["predict"], report.to_text()
    assert any(detail in c.detail for c in _failing(report, "predict")), report.to_text()


def test_an_exception_in_a_training_loop_names_the_learners_line_as_in_the_step_by_step_checks():
    path = Path(__file__).resolve().parent.parent / "learners" / "application" / "app_L_layer_initialize_parameters.py"
    report = check(path, **SMALL)
    (failure,) = [c for c in report.checks if c.function == "L_layer_model" and c.target == "call"]
    assert failure.raised["type"] == "TypeError" and failure.raised["file"] == str(path)
    assert failure.raised["line"] == 109
    assert failure.raised["source"] == "parameters = initialize_parameters(layers_dims)"

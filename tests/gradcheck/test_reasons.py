"""Reasons a learner can act on: an exception's type, message and the
learner's own line (the cell and the line within it in a notebook), never the
checker's frames."""

import dataclasses
import json
import sys
from pathlib import Path

import numpy as np

from reference.checks.checker import check
from reference.learner.calling import Call, call
from reference.learner.loading import from_path

LEARNERS = Path(__file__).parent / "learners"
SMALL = dict(layer_dims=[5, 4, 3, 1], examples=6)


def _line_of(text, fragment):
    return next(n for n, line in enumerate(text.splitlines(), start=1) if fragment in line)


def test_an_exception_shows_its_message_and_the_learners_line():
    path = LEARNERS / "assertion_with_message.py"
    report = check(path, **SMALL)
    (failure,) = [c for c in report.checks if c.passed is False]
    line = _line_of(path.read_text(), "assert db.shape == b.shape")
    assert failure.detail == (f"raised AssertionError: db has shape (3,) but b has (3, 1) (in "
                              f"assertion_with_message.py, line {line}: assert db.shape == b.shape, "
                              f"f\"db has shape {{db.shape}} but b has {{b.shape}}\")")
    source = 'assert db.shape == b.shape, f"db has shape {db.shape} but b has {b.shape}"'
    assert failure.raised == {"type": "AssertionError", "message": "db has shape (3,) but b has (3, 1)",
                              "file": str(path), "cell": None, "line": line, "source": source,
                              "frames": [{"function": "linear_backward", "file": str(path), "cell": None,
                                          "line": line, "source": source}]}
    (raised,) = [c["raised"] for c in json.loads(report.to_json())["checks"] if c["raised"]]
    assert raised["line"] == line and raised["type"] == "AssertionError"


def test_a_failure_inside_a_supplied_helper_is_shown_at_the_learners_call(tmp_path):
    """manual_dnn's relu_backward refuses dA and Z of different shapes; the
    learner's line that passed them is what to show, not manual_dnn's."""
    path = tmp_path / "transposed.py"
    path.write_text("import numpy as np\nfrom dnn_utils import relu_backward, sigmoid_backward\n\n\n"
                    "def linear_activation_backward(dA, cache, activation):\n"
                    "    linear_cache, Z = cache\n"
                    "    dZ = relu_backward(dA.T, Z) if activation == 'relu' else sigmoid_backward(dA.T, Z)\n"
                    "    return dZ, dZ, dZ\n")
    report = check(path, **SMALL)
    failure = next(c for c in report.checks if c.passed is False)
    assert failure.raised["type"] == "ValueError" and failure.raised["file"] == str(path)
    assert failure.raised["line"] == 7 and failure.raised["source"].startswith("dZ = relu_backward(dA.T, Z)")
    assert "manual_dnn" not in failure.detail and "reference" not in failure.detail


def _notebook(tmp_path, cells):
    path = tmp_path / "Step_by_Step.ipynb"
    path.write_text(json.dumps({"cells": [{"cell_type": kind, "metadata": {}, "source": source}
                                          for kind, source in cells], "nbformat": 4, "nbformat_minor": 5}))
    return path


def test_in_a_notebook_the_reason_names_the_cell_and_the_line_within_it(tmp_path):
    path = _notebook(tmp_path, [
        ("markdown", "# Step by step"),
        ("code", "import numpy as np\n"),
        ("code", "def linear_backward(dZ, cache):\n"
                 "    A_prev, W, b = cache\n"
                 "    m = A_prev.shape[1]\n"
                 "    dW = np.dot(dZ, A_prev) / m\n"  # A_prev not transposed: shapes do not align
                 "    return np.dot(W.T, dZ), dW, np.sum(dZ, axis=1, keepdims=True) / m\n"),
        ("markdown", "Now the whole layer."),
        ("code", "def linear_activation_backward(dA, cache, activation):\n"
                 "    linear_cache, Z = cache\n"
                 "    return linear_backward(dA * (Z > 0), linear_cache)\n"),
    ])
    report = check(path, **SMALL)
    # Code cells are counted as Jupyter users count them: code cells only, from 1 (markdown cells skipped).
    failure = next(c for c in report.checks if c.function == "linear_backward" and c.passed is False)
    assert failure.raised["cell"] == 2 and failure.raised["line"] == 4, failure.raised
    assert failure.raised["file"] == str(path) and failure.raised["source"] == "dW = np.dot(dZ, A_prev) / m"
    assert "(in Step_by_Step.ipynb, code cell 2, line 4: dW = np.dot(dZ, A_prev) / m)" in failure.detail
    # Through its caller: the caller's own line first, then the chain down to where it raised.
    failure = next(c for c in report.checks if c.function == "linear_activation_backward" and c.passed is False)
    assert (failure.raised["cell"], failure.raised["line"]) == (3, 3), failure.raised
    assert [(f["function"], f["cell"], f["line"]) for f in failure.raised["frames"]] == [
        ("linear_activation_backward", 3, 3), ("linear_backward", 2, 4)]
    assert ("(in Step_by_Step.ipynb, code cell 3, linear_activation_backward line 3: return linear_backward(dA * "
            "(Z > 0), linear_cache) -> code cell 2, linear_backward line 4)") in failure.detail
    assert report.root_causes == ["linear_backward"]


def test_a_multi_line_message_keeps_its_first_line_in_the_reason_and_all_of_it_in_the_data():
    def raises(dZ, cache):
        raise ValueError("first line\nsecond line\nthird")

    result = call(raises, ("dZ", "cache"), np.ones(2), None)
    assert result.error.startswith("raised ValueError: first line (in test_reasons.py, line ")
    assert "\n" not in result.error  # one line, whatever the message
    assert result.error_message == "first line\nsecond line\nthird"
    assert result.error_source == 'raise ValueError("first line\\nsecond line\\nthird")'


def test_an_exception_whose_message_cannot_be_made_is_still_a_reason():
    class Broken(Exception):
        def __str__(self):
            raise RuntimeError("no message for you")

    def raises(dA):
        raise Broken()

    result = call(raises, ("dA",), 1.0)
    assert result.error_type == "Broken" and result.error.startswith("raised Broken: (its message cannot be shown)")


def test_a_call_is_data_only_so_it_can_cross_a_process_boundary():
    def raises(dZ):
        raise KeyError("dA0")

    result = call(raises, ("dZ",), np.zeros(3))
    for f in dataclasses.fields(Call):
        value = getattr(result, f.name)
        assert value is None or isinstance(value, (str, int, list)), (f.name, value)
    assert (result.error_type, result.error_message) == ("KeyError", "'dA0'")


def test_a_wrong_arity_call_names_the_function_and_no_checker_frame():
    def two(dA, cache):
        return dA

    result = call(two, ("dA", "cache", "activation"), 1.0, 2.0, "relu")
    assert result.error == "raised TypeError: test_a_wrong_arity_call_names_the_function_and_no_checker_frame." \
                           "<locals>.two() takes 2 positional arguments but 3 were given"
    assert result.error_file is None and result.error_line is None


def test_loading_notes_name_the_supplied_imports_and_what_was_skipped(tmp_path):
    path = tmp_path / "fragment.py"
    path.write_text("from testCases import *\nprint('hello')\n\n\ndef linear_forward(A, W, b):\n"
                    "    return np.dot(W, A) + b, (A, W, b)\n")
    impl = from_path(path)
    assert impl.supplied_imports == ["import numpy as np"]
    assert impl.skipped == ["line 1: ModuleNotFoundError: No module named 'testCases'"]
    assert impl.notes[0].startswith("the file uses np without importing it; supplied as the course's notebook")
    assert impl.notes[1].startswith("1 top-level statement(s) could not run here and were skipped")
    assert impl.notes[2].startswith("while loading, the file's top-level code printed 1 line(s)")


def test_a_failing_import_of_numpy_is_supplied_and_said_too(tmp_path):
    path = tmp_path / "fragment.py"
    path.write_text("import numpy as np, no_such_module\n\n\ndef linear_forward(A, W, b):\n"
                    "    return np.dot(W, A) + b, (A, W, b)\n")
    impl = from_path(path)
    assert impl.supplied_imports == ["import numpy as np"]
    assert check(path, only=["linear_forward"], **SMALL).passed  # a fragment, checked as one


CHAIN = '''import numpy as np


def relu_backward(dA, cache):
    Z = cache
    dZ = np.array(dA, copy=True)
    dZ[Z <= 0] = 0
    return dZ


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    return np.dot(W.T, dZ), np.dot(dZ, A_prev.T) / m, np.sum(dZ, axis=1, keepdims=True) / m


def sigmoid_backward(dA, cache):
    s = 1 / (1 + np.exp(-cache))
    return dA * s * (1 - s)


def linear_activation_backward(dA, cache, activation):
    linear_cache, activation_cache = cache
    if activation == "relu":
        dZ = relu_backward(dA, activation_cache)
    else:
        dZ = sigmoid_backward(dA, activation_cache)
    return linear_backward(dZ, linear_cache)


def L_model_backward(AL, Y, caches):
    grads = {}
    L = len(caches)
    dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    grads["dA" + str(L - 1)], grads["dW" + str(L)], grads["db" + str(L)] = \\
        linear_activation_backward(dAL, caches[L - 1], "sigmoid")
    for l in reversed(range(L - 1)):
        dA_prev, dW, db = linear_activation_backward(grads["dA" + str(l + 1)], caches[l + 1], "relu")
        grads["dA" + str(l)], grads["dW" + str(l + 1)], grads["db" + str(l + 1)] = dA_prev, dW, db
    return grads
'''


def test_an_exception_is_shown_along_the_learners_call_chain_from_the_function_checked(tmp_path, capsys):
    """A wrong cache index in L_model_backward raises in relu_backward: the report shows L_model_backward's
    own line first, then each call down to the line that raised -- in text, JSON and HTML."""
    from manual_dnn_cli.main import main
    from reference.report.html import report_fragment

    path = tmp_path / "chain.py"
    path.write_text(CHAIN)
    lines = CHAIN.splitlines()
    at = {fragment: _line_of(CHAIN, fragment) for fragment in ("caches[l + 1]", "dZ = relu_backward(dA",
                                                                "dZ[Z <= 0] = 0")}
    report = check(path, only=["L_model_backward"], **SMALL)
    failure = next(c for c in report.checks if c.function == "L_model_backward" and c.target == "call")
    frames = failure.raised["frames"]
    assert [(f["function"], f["line"]) for f in frames] == [
        ("L_model_backward", at["caches[l + 1]"]), ("linear_activation_backward", at["dZ = relu_backward(dA"]),
        ("relu_backward", at["dZ[Z <= 0] = 0"])]
    assert all(f["file"] == str(path) and f["cell"] is None and f["source"] == lines[f["line"] - 1].strip()
               for f in frames)
    assert (failure.raised["line"], failure.raised["source"]) == (frames[0]["line"], frames[0]["source"])
    assert (f"(in chain.py, L_model_backward line {at['caches[l + 1]']}: {frames[0]['source']} -> "
            f"linear_activation_backward line {at['dZ = relu_backward(dA']} -> "
            f"relu_backward line {at['dZ[Z <= 0] = 0']})") in failure.detail
    assert json.loads(report.to_json())["checks"][[c.target for c in report.checks].index("call")]["raised"][
        "frames"] == frames
    html = report_fragment(report)
    assert f"-&gt; relu_backward line {at['dZ[Z <= 0] = 0']}: dZ[Z &lt;= 0] = 0" in html
    assert report.root_causes == ["L_model_backward"], report.to_text()  # what it calls is right
    code = main(["gradcheck", "--impl", str(path), "--only", "L_model_backward", "--layers", "5,4,3,1",
                 "--examples", "6"])
    page = capsys.readouterr().out
    assert code == 1 and f"chain.py, L_model_backward line {at['caches[l + 1]']}: " in page
    assert f"-> relu_backward line {at['dZ[Z <= 0] = 0']}: dZ[Z <= 0] = 0" in page  # one line per frame


def test_a_live_notebooks_cell_is_named_as_the_user_sees_it(monkeypatch):
    """In a kernel, IPython compiles each cell under a file name of its own and maps it to the
    execution count; the report says "In [7]", as the notebook shows it."""
    import linecache
    import types

    filename = "/tmp/ipykernel_4242/1234567890.py"
    source = "def linear_backward(dZ, cache):\n    A_prev, W, b = cache\n    return W.T @ dZ, dZ, dZ\n"
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    shell = types.SimpleNamespace(compile=types.SimpleNamespace(_filename_map={filename: 7}))
    monkeypatch.setitem(sys.modules, "IPython", types.SimpleNamespace(get_ipython=lambda: shell))
    namespace = {}
    exec(compile(source, filename, "exec"), namespace)
    result = call(namespace["linear_backward"], ("dZ", "cache"), np.ones((2, 3)), (1, 2))
    assert (result.error_file, result.error_cell, result.error_line) == ("In [7]", 7, 2)
    assert result.error.endswith("(in In [7], line 2: A_prev, W, b = cache)")
    old = "<ipython-input-3-0123456789ab>"  # older IPython names the cell in the file name itself
    exec(compile(source, old, "exec"), namespace)
    result = call(namespace["linear_backward"], ("dZ", "cache"), np.ones((2, 3)), (1, 2))
    assert (result.error_file, result.error_cell) == ("In [3]", 3)


def test_the_checker_accepts_only_frames_it_could_have_recorded():
    from reference.learner.replies import checked_frames

    frame = {"function": "f", "file": "x.py", "cell": None, "line": 3, "source": "y = 1"}
    assert checked_frames([]) and checked_frames([frame, {**frame, "cell": 2, "file": None, "source": None}])
    for bad in ([{**frame, "line": "3"}], [{**frame, "extra": 1}], [{**frame, "line": True}], [frame] * 21,
                [["f", "x.py"]], {"function": "f"}):
        assert not checked_frames(bad), bad


def test_complex_numbers_are_not_judged_by_their_real_part_alone():
    from reference.checks.comparison import compare

    expected = np.ones((2, 3))
    assert compare("f", "dW", "jax-vjp", expected, expected + 1j, 1e-10).detail == \
        "dW is complex, with imaginary parts: not real numbers"
    assert compare("f", "dW", "jax-vjp", expected, expected + 0j, 1e-10).passed  # no imaginary part: the number

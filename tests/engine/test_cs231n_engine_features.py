"""What CS231n's layers needed of the engine, tested on their own: a write into an argument that is only a
warning, a course version whose functions a file of an earlier one does not lack, a singleton shape
difference (and only that) read as the course's shape, and old Python 2 / NumPy 1 code named as such."""

import numpy as np

import manual_dnn.cs231n_layers as reference
from reference.bug_zoo import notebook_namespace
from reference.checks.checker import check
from reference.learner.calling import call
from reference.learner.old_idioms import hint_for


def _namespace(**replacements):
    return notebook_namespace([reference], list(replacements.items()))


def relu_backward_into_dout(dout, cache):
    dx = dout
    dx[cache <= 0] = 0
    return dx


def affine_backward_keepdims(dout, cache):
    x, w, b = cache
    return (dout @ w.T).reshape(x.shape), x.reshape(x.shape[0], -1).T @ dout, dout.sum(axis=0, keepdims=True)


def affine_backward_flat_dx(dout, cache):
    x, w, b = cache
    return dout @ w.T, x.reshape(x.shape[0], -1).T @ dout, dout.sum(axis=0)


def test_a_backward_writing_into_dout_passes_with_a_warning_that_says_why():
    report = check(_namespace(relu_backward=relu_backward_into_dout), assignment="cs231n_layers")
    assert report.passed, report.to_text()
    assert any(note.startswith("warning: relu_backward writes into its argument dout") and "never read it again"
               in note for note in report.notes), report.notes


def test_a_singleton_shape_difference_is_a_difference_and_a_flattened_dx_a_failure():
    keepdims = check(_namespace(affine_backward=affine_backward_keepdims), assignment="cs231n_layers")
    assert keepdims.passed and keepdims.contract_differences == ["affine_backward"], keepdims.to_text()
    flat = check(_namespace(affine_backward=affine_backward_flat_dx), assignment="cs231n_layers")
    assert flat.root_causes == ["affine_backward"], flat.to_text()
    assert any("dx has shape (3, 6), expected (3, 2, 3)" in c.detail for c in flat.checks if c.passed is False)


def test_a_file_without_the_2018_functions_lacks_none_of_them_but_one_with_half_of_them_lacks_the_rest():
    namespace = _namespace()
    for name in ("layernorm_forward", "layernorm_backward", "spatial_groupnorm_forward", "spatial_groupnorm_backward"):
        del namespace[name]
    report = check(namespace, assignment="cs231n_layers")
    assert report.passed and report.missing == [], report.missing
    assert any("added them in 2018" in note for note in report.notes), report.notes
    del namespace["batchnorm_backward_alt"]
    namespace["layernorm_forward"] = reference.layernorm_forward
    half = check(namespace, assignment="cs231n_layers")
    assert set(half.missing) == {"batchnorm_backward_alt", "layernorm_backward", "spatial_groupnorm_forward",
                                 "spatial_groupnorm_backward"}, half.missing


def _python2_conv(path):
    path.write_text("import numpy as np\n\n"
                    "def conv_out(H, pad, HH, stride):\n"
                    "    H_out = 1 + (H + 2 * pad - HH) / stride\n"
                    "    out = np.zeros((2, H_out))\n"
                    "    for i in xrange(2):\n"
                    "        pass\n"
                    "    return out\n")
    namespace = {}
    exec(compile(path.read_text(), str(path), "exec"), namespace)
    return namespace["conv_out"]


def test_python_2s_division_is_named_with_its_line_and_the_double_slash_it_needs(tmp_path):
    function = _python2_conv(tmp_path / "layers.py")
    hint = hint_for(call(function, ("H", "pad", "HH", "stride"), 5, 1, 3, 2))
    assert hint.startswith("H_out = 1 + (H + 2 * pad - HH) / stride (line 4)") and "write //" in hint


def test_python_2s_xrange_and_numpy_1s_removed_names_are_named_as_such():
    def uses_xrange(n):
        return [i for i in xrange(n)]  # noqa: F821 -- the point of the test

    def uses_np_float(x):
        return np.float(x)

    assert "xrange is Python 2's" in hint_for(call(uses_xrange, ("n",), 3))
    assert "np.float was removed" in hint_for(call(uses_np_float, ("x",), 3.0))
    assert hint_for(call(lambda x: x["missing"], ("x",), {})) is None  # other errors keep their own words

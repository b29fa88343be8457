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
    report = check(_namespace(relu_backward=relu_backward_into_dout), assignment="cs231n")
    assert report.passed, report.to_text()
    assert any(note.startswith("warning: relu_backward writes into its argument dout") and "never read it again"
               in note for note in report.notes), report.notes


def test_a_singleton_shape_difference_is_a_difference_and_a_flattened_dx_a_failure():
    keepdims = check(_namespace(affine_backward=affine_backward_keepdims), assignment="cs231n")
    assert keepdims.passed and keepdims.contract_differences == ["affine_backward"], keepdims.to_text()
    flat = check(_namespace(affine_backward=affine_backward_flat_dx), assignment="cs231n")
    assert flat.root_causes == ["affine_backward"], flat.to_text()
    assert any("dx has shape (3, 6), expected (3, 2, 3)" in c.detail for c in flat.checks if c.passed is False)


def test_a_file_without_the_2018_functions_lacks_none_of_them_but_one_with_half_of_them_lacks_the_rest():
    namespace = _namespace()
    for name in ("layernorm_forward", "layernorm_backward", "spatial_groupnorm_forward", "spatial_groupnorm_backward"):
        del namespace[name]
    report = check(namespace, assignment="cs231n")
    assert report.passed and report.missing == [], report.missing
    assert any("added them in 2018" in note for note in report.notes), report.notes
    del namespace["batchnorm_backward_alt"]
    namespace["layernorm_forward"] = reference.layernorm_forward
    half = check(namespace, assignment="cs231n")
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
    def uses_np_lib_pad(x):
        return np.lib.pad(x, 1, mode="constant")

    assert "np.float was removed" in hint_for(call(uses_np_float, ("x",), 3.0))
    assert "np.lib.pad is gone since NumPy 2.0: write np.pad" in hint_for(call(uses_np_lib_pad, ("x",), np.ones(2)))
    assert hint_for(call(lambda x: x["missing"], ("x",), {})) is None  # other errors keep their own words


# ---------------------------------------------------------------- a method of an object the checker builds

import manual_dnn.cs231n_classifiers as classifiers  # noqa: E402


def _net_namespace(net_class):
    namespace = notebook_namespace([reference, classifiers])
    namespace["TwoLayerNet"] = net_class
    return namespace


class NeuralNet2018:
    """neural_net.py's contract (2016-2019): its constructor's own names, reg an argument of loss, no 0.5."""

    def __init__(self, input_size, hidden_size, output_size, std=1e-4):
        self.params = {"W1": std * np.random.randn(input_size, hidden_size), "b1": np.zeros(hidden_size),
                       "W2": std * np.random.randn(hidden_size, output_size), "b2": np.zeros(output_size)}

    def loss(self, X, y=None, reg=0.0):
        W1, b1, W2, b2 = (self.params[k] for k in ("W1", "b1", "W2", "b2"))
        hidden = np.maximum(0, X @ W1 + b1)
        if y is None:
            return hidden @ W2 + b2
        loss, dscores = reference.softmax_loss(hidden @ W2 + b2, y)
        dhidden = dscores @ W2.T * (hidden > 0)
        grads = {"W1": X.T @ dhidden + 2 * reg * W1, "b1": dhidden.sum(axis=0),
                 "W2": hidden.T @ dscores + 2 * reg * W2, "b2": dscores.sum(axis=0)}
        return loss + reg * (np.sum(W1 * W1) + np.sum(W2 * W2)), grads


class NetWithoutRegInItsGradients(NeuralNet2018):
    def loss(self, X, y=None, reg=0.0):
        if y is None:
            return super().loss(X)
        loss, grads = super().loss(X, y, reg)
        grads["W1"] -= 2 * reg * self.params["W1"]  # BUG: the loss has reg, its gradient not
        return loss, grads


class NetThatNeedsMore(NeuralNet2018):
    def __init__(self, input_size, hidden_size, output_size, dropout):  # a required parameter the course lacks
        super().__init__(input_size, hidden_size, output_size)


class NetThatDecaysItsOwnParams(NeuralNet2018):
    def loss(self, X, y=None, reg=0.0):
        result = super().loss(X, y, reg)
        self.params["W1"] *= 0.5  # writes into the object's params: a copy of the point's, never the point
        return result


def test_a_method_is_called_on_an_object_the_learners_class_builds_whatever_its_versions_contract():
    report = check(_net_namespace(NeuralNet2018), assignment="cs231n")
    assert report.passed and report.contract_differences == ["TwoLayerNet.loss"], report.to_text()
    words = [c.detail for c in report.checks if c.function == "TwoLayerNet.loss" and c.verdict == "DIFFERS"]
    assert any("the course's TwoLayerNet.loss(X, y): another course version's" in w for w in words), words
    assert any("neural_net.py's convention" in w for w in words), words
    assert check(_net_namespace(NetThatDecaysItsOwnParams), assignment="cs231n").passed


def test_a_wrong_gradient_of_a_method_is_its_root_cause_and_an_uncallable_constructor_a_contract_failure():
    wrong = check(_net_namespace(NetWithoutRegInItsGradients), assignment="cs231n")
    assert wrong.root_causes == ["TwoLayerNet.loss"], wrong.to_text()
    assert [c.target for c in wrong.checks if c.passed is False] == ["W1"] * 3, wrong.to_text()
    needs = check(_net_namespace(NetThatNeedsMore), assignment="cs231n")
    failure = [c for c in needs.checks if c.passed is False]
    assert [(c.function, c.target) for c in failure] == [("TwoLayerNet.loss", "constructor")], needs.to_text()
    assert "takes TwoLayerNet(input_size, hidden_size, output_size, dropout)" in failure[0].detail


def test_a_class_without_the_method_lacks_it():
    class Empty:
        pass

    report = check(_net_namespace(Empty), assignment="cs231n")
    assert "TwoLayerNet.loss" in report.missing, report.missing

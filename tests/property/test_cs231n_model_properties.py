"""manual_dnn's CS231n classifiers, networks and rnn_layers against their JAX math, on drawn sizes: every
loss equals the math, every gradient equals jax.grad of the math (the linear classifiers, the two-layer
net, FullyConnectedNet in each setting with dropout's masks held fixed, ThreeLayerConvNet, CaptioningRNN
with either cell), every rnn_layers backward equals the VJP of its forward's math through its own cache.

Sizes are the assignment's own ranges (reference.assignments.cs231n.points); JAX compiles once per
shape, so each property runs a bounded number of examples whatever the profile.
"""

import copy

import jax
import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import manual_dnn.cs231n_captioning as captioning
import manual_dnn.cs231n_classifiers as classifiers
import manual_dnn.cs231n_networks as networks
import manual_dnn.cs231n_rnn_layers as rnn
from reference.assignments.cs231n import classifier_math, rnn_math
from reference.assignments.cs231n.points import POINTS, build
from reference.tolerances import relative_error
from tests.property.test_cs231n_layers_properties import SIZES

EXAMPLES = 3  # a new shape compiles the math (~1 s for a network): 3 per property keeps the file near a minute
SEEDS = st.integers(0, 2**31 - 1)


def _values(sizes, seed):
    values = build(sizes, np.random.RandomState(seed))
    assume(not POINTS.problems(values))
    return values


def _loss_and_grads(math, inputs, wrt):
    with jax.enable_x64(True):
        loss, grads = jax.value_and_grad(lambda *args: math(*args), argnums=wrt)(*inputs)
    return float(loss), [np.asarray(g) for g in grads]


def _agree(loss, grads, expected_loss, expected_grads, names):
    assert relative_error(loss, expected_loss) < 1e-10
    for name, expected in zip(names, expected_grads):
        # or within 1e-13 absolute: a gradient that is exactly 0 in JAX (beta1 of a one-unit layer before a second
        # batch norm, which undoes any shift) is rounding-level in numpy, where the relative error is 1
        assert relative_error(grads[name], expected) < 1e-10 or np.abs(grads[name] - expected).max() < 1e-13, name


@pytest.mark.parametrize("name, math", [("svm_loss_naive", "linear_svm"), ("svm_loss_vectorized", "linear_svm"),
                                        ("softmax_loss_naive", "linear_softmax"),
                                        ("softmax_loss_vectorized", "linear_softmax")])
@settings(max_examples=EXAMPLES)
@given(sizes=SIZES, seed=SEEDS)
def test_the_linear_classifiers_losses_and_dW_equal_jax(name, math, sizes, seed):
    v = _values(sizes, seed)
    W, X, y, reg = v["W_linear"], v["X_linear"], v["y_linear"], v["reg"]
    loss, dW = getattr(classifiers, name)(W.copy(), X, y, reg)
    expected_loss, (expected_dW,) = _loss_and_grads(getattr(classifier_math, math), (W, X, y, reg), (0,))
    _agree(loss, {"W": dW}, expected_loss, [expected_dW], ["W"])


def _net(cls, params, **attributes):
    net = cls.__new__(cls)
    net.params = copy.deepcopy(params)
    for key, value in attributes.items():
        setattr(net, key, value)
    return net


@settings(max_examples=EXAMPLES)
@given(sizes=SIZES, seed=SEEDS)
def test_the_two_layer_nets_loss_and_grads_equal_jax(sizes, seed):
    v = _values(sizes, seed)
    keys = ("W1", "b1", "W2", "b2")
    net = classifiers.TwoLayerNet(v["input_dim"], v["hidden_dim"], v["num_classes"], reg=v["reg"])
    net.params = copy.deepcopy(v["params_net"])
    loss, grads = net.loss(v["X_net"], v["y_net"])
    inputs = (v["X_net"], v["y_net"], *(v["params_net"][k] for k in keys), v["reg"])
    _agree(loss, grads, *_loss_and_grads(classifier_math.two_layer_net, inputs, (2, 3, 4, 5)), keys)


FC = ("W1", "b1", "W2", "b2", "W3", "b3")
NORMALISED = ("W1", "b1", "gamma1", "beta1", "W2", "b2", "gamma2", "beta2", "W3", "b3")


@pytest.mark.parametrize("setting", [None, "batchnorm", "layernorm", "dropout"])
@settings(max_examples=EXAMPLES)
@given(sizes=SIZES, seed=SEEDS)
def test_fully_connected_nets_loss_and_grads_equal_jax_in_every_setting(setting, sizes, seed):
    v = _values(sizes, seed)
    normalised = setting in ("batchnorm", "layernorm")
    keys = NORMALISED if normalised else FC
    params = v["params_fc_norm"] if normalised else v["params_fc"]
    net = networks.FullyConnectedNet(v["hidden_dims"], v["input_dim_fc"], v["num_classes"],
                                     dropout=v["p"] if setting == "dropout" else 1,
                                     normalization=setting if normalised else None, reg=v["reg"], seed=v["seed_fc"])
    net.params = copy.deepcopy(params)
    loss, grads = net.loss(v["X_fc"], v["y_fc"])
    inputs = [v["X_fc"], v["y_fc"], *(params[k] for k in keys)]
    if setting == "dropout":  # the masks the net's own dropout drew: the same seed, each layer's shape
        inputs += [_course_mask(v, layer) for layer in (1, 2)]
    math = {None: classifier_math.fc_net, "batchnorm": classifier_math.fc_net_batchnorm,
            "layernorm": classifier_math.fc_net_layernorm, "dropout": classifier_math.fc_net_dropout}[setting]
    expected_loss, expected = _loss_and_grads(math, (*inputs, v["reg"]), tuple(range(2, 2 + len(keys))))
    if setting == "batchnorm":  # a bias before batch norm has gradient 0: compare those to an absolute 1e-12
        assert all(np.abs(grads[b]).max() < 1e-12 for b in ("b1", "b2"))
        keys, expected = zip(*[(k, g) for k, g in zip(keys, expected) if k not in ("b1", "b2")])
    _agree(loss, grads, expected_loss, expected, keys)


def _course_mask(values, layer):
    """The mask manual_dnn's dropout_forward draws at the net's seed for hidden layer ``layer``."""
    from manual_dnn.cs231n_layers import dropout_forward

    return dropout_forward(values[f"ones_fc{layer}"], dict(values["dropout_param_fc"]))[0]


@settings(max_examples=EXAMPLES)
@given(sizes=SIZES, seed=SEEDS)
def test_the_three_layer_conv_nets_loss_and_grads_equal_jax(sizes, seed):
    v = _values(sizes, seed)
    net = _net(networks.ThreeLayerConvNet, v["params_cnn"], reg=v["reg"], dtype=np.float64)
    loss, grads = net.loss(v["X_cnn"], v["y_cnn"])
    inputs = (v["X_cnn"], v["y_cnn"], *(v["params_cnn"][k] for k in FC), v["reg"])
    _agree(loss, grads, *_loss_and_grads(classifier_math.cnn, inputs, tuple(range(2, 8))), FC)


CAPTIONING = ("W_proj", "b_proj", "W_embed", "Wx", "Wh", "b", "W_vocab", "b_vocab")


@pytest.mark.parametrize("cell", ["rnn", "lstm"])
@settings(max_examples=EXAMPLES)
@given(sizes=SIZES, seed=SEEDS)
def test_captioning_rnns_loss_and_grads_equal_jax_with_either_cell(cell, sizes, seed):
    v = _values(sizes, seed)
    params = v[f"params_cap_{cell}"]
    net = captioning.CaptioningRNN(v["word_to_idx"], v["input_dim_cap"], v["wordvec_dim"], v["hidden_rnn"], cell)
    net.params = copy.deepcopy(params)
    loss, grads = net.loss(v["features"], v["captions"])
    math = getattr(rnn_math, f"captioning_{cell}")
    inputs = (v["features"], v["captions"], *(params[k] for k in CAPTIONING))
    _agree(loss, grads, *_loss_and_grads(math, inputs, tuple(range(2, 10))), CAPTIONING)


# forward name: (its arguments' point values, the math, outputs, upstream point values, gradients' positions)
SEQUENCE_LAYERS = {
    "rnn_step_forward": (("x_step", "prev_h", "Wx_rnn", "Wh_rnn", "b_rnn"), rnn_math.rnn_step, 1, ("dnext_h",),
                         (0, 1, 2, 3, 4)),
    "rnn_forward": (("x_seq", "h0", "Wx_rnn", "Wh_rnn", "b_rnn"), rnn_math.rnn, 1, ("dh_rnn",), (0, 1, 2, 3, 4)),
    "word_embedding_forward": (("words", "W_embed"), rnn_math.word_embedding, 1, ("dout_embed",), (1,)),
    "lstm_step_forward": (("x_step", "prev_h", "prev_c", "Wx_lstm", "Wh_lstm", "b_lstm"), rnn_math.lstm_step, 2,
                          ("dnext_h", "dnext_c"), (0, 1, 2, 3, 4, 5)),
    "lstm_forward": (("x_seq", "h0", "Wx_lstm", "Wh_lstm", "b_lstm"), rnn_math.lstm, 1, ("dh_lstm",),
                     (0, 1, 2, 3, 4)),
    "temporal_affine_forward": (("x_temporal", "w_temporal", "b_temporal"), rnn_math.temporal_affine, 1,
                                ("dout_temporal",), (0, 1, 2)),
}


@pytest.mark.parametrize("forward", list(SEQUENCE_LAYERS))
@settings(max_examples=EXAMPLES)
@given(sizes=SIZES, seed=SEEDS)
def test_every_rnn_layers_backward_equals_the_vjp_of_its_math_through_its_own_cache(forward, sizes, seed):
    v = _values(sizes, seed)
    names, math, outputs, upstreams, wrt = SEQUENCE_LAYERS[forward]
    inputs = [v[n] for n in names]
    result = getattr(rnn, forward)(*copy.deepcopy(inputs))
    with jax.enable_x64(True):
        expected, pullback = jax.vjp(lambda *args: math(*args), *inputs)
        cotangents = tuple(v[u] for u in upstreams)
        gradients = pullback(cotangents if outputs > 1 else cotangents[0])
    expected = expected if outputs > 1 else (expected,)
    for got, want in zip(result[:outputs], expected):
        assert relative_error(got, want) < 1e-10
    backward = getattr(rnn, forward.replace("_forward", "_backward"))
    got = backward(*cotangents, result[outputs])
    got = got if isinstance(got, tuple) else (got,)
    for position, value in zip(wrt, got):
        assert relative_error(value, gradients[position]) < 1e-10, position


@settings(max_examples=EXAMPLES)
@given(sizes=SIZES, seed=SEEDS)
def test_the_masked_temporal_softmax_loss_and_dx_equal_jax(sizes, seed):
    v = _values(sizes, seed)
    x, y, mask = v["scores_temporal"], v["y_temporal"], v["mask_temporal"]
    loss, dx = rnn.temporal_softmax_loss(x, y, mask)
    expected_loss, (expected_dx,) = _loss_and_grads(rnn_math.temporal_softmax_loss, (x, y, mask), (0,))
    _agree(loss, {"x": dx}, expected_loss, [expected_dx], ["x"])
    assert np.all(dx[~mask] == 0)  # a masked-out step contributes nothing

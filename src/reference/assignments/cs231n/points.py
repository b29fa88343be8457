"""CS231n layers' check points: one input per layer family, every shape different from the others.

Images are not square (H != W), filters not square, the stride is not 1 and the pad not 0, so a
transposed axis, a forgotten stride or a pad taken as 0 cannot line up by chance; the convolution's
and pooling's sizes are built from their output sizes, so that the stride divides exactly (the
course's fast layers assert it). gamma and beta are far from 1 and 0 (a forward that drops them,
a backward that forgets gamma, cannot pass). A ReLU or an SVM margin is never near its kink, and
no pooling window holds a tie (where the max has no derivative): such points are redrawn.
"""

import numpy as np

from reference.engine.points import Points
from reference.tolerances import KINK_MARGIN

__all__ = ["POINTS", "build", "conv_input_size", "pool_input_size", "settings", "EPS"]

EPS = 1e-5  # the course's default eps, and what the check points pass in bn_param, ln_param, gn_param


def settings(*numbers):
    """An empty array whose shape carries ``numbers`` (a stride, a pad, a group count) into the JAX
    math, where they must be static: jit compiles once per shape."""
    return np.zeros((0, *(int(n) for n in numbers)))


def conv_input_size(out, filter_size, stride, pad):
    """The input size whose padded convolution gives ``out`` positions exactly."""
    return stride * (out - 1) + filter_size - 2 * pad


def pool_input_size(out, window, stride):
    return stride * (out - 1) + window


def _away_from_zero(rng, shape, low=0.2, high=1.5):
    return rng.uniform(low, high, shape) * rng.choice([-1.0, 1.0], shape)


def _scale_and_shift(rng, shape):
    """gamma far from 1 (and from 0), beta far from 0."""
    return rng.uniform(0.5, 2.5, shape) * rng.choice([-1.0, 1.0], shape), _away_from_zero(rng, shape)


def _features(rng, rows, columns):
    """Inputs of a normalisation: each column its own mean and spread, none of them 0 and 1."""
    return rng.randn(rows, columns) * rng.uniform(0.5, 3.0, columns) + rng.uniform(-3, 3, columns)


def build(sizes, rng):
    s = sizes
    N = s["N"]
    values = {"m": N}
    # affine: x (N, d1, d2), read as rows of D = d1 d2
    values["x_affine"] = rng.randn(N, s["d1"], s["d2"])
    values["w"] = rng.randn(s["d1"] * s["d2"], s["M"]) / np.sqrt(s["d1"] * s["d2"])
    values["b"] = _away_from_zero(rng, (s["M"],))
    values["dout_affine"] = rng.randn(N, s["M"])
    values["x_relu"] = _away_from_zero(rng, (N, s["M"]), KINK_MARGIN * 100)
    values["dout_relu"] = rng.randn(N, s["M"])
    # batch and layer normalisation: (N, D)
    values["x_norm"] = _features(rng, N, s["D"])
    values["gamma"], values["beta"] = _scale_and_shift(rng, (s["D"],))
    values["running_mean"] = rng.uniform(-1, 1, s["D"])
    values["running_var"] = rng.uniform(0.5, 2, s["D"])
    values["dout_norm"] = rng.randn(N, s["D"])
    # dropout: enough units that the fraction kept tells p from 1 - p
    values["x_dropout"] = _away_from_zero(rng, (20, 30))
    values["dout_dropout"] = rng.randn(20, 30)
    values["p"] = s["p"]
    # convolution: x (N, C, H, W), w (F, C, HH, WW)
    H = conv_input_size(s["conv_out_h"], s["HH"], s["stride"], s["pad"])
    W = conv_input_size(s["conv_out_w"], s["WW"], s["stride"], s["pad"])
    values["x_conv"] = rng.randn(N, s["C"], H, W)
    values["w_conv"] = rng.randn(s["F"], s["C"], s["HH"], s["WW"]) / np.sqrt(s["C"] * s["HH"] * s["WW"])
    values["b_conv"] = _away_from_zero(rng, (s["F"],))
    values["dout_conv"] = rng.randn(N, s["F"], s["conv_out_h"], s["conv_out_w"])
    values["conv_param"] = {"stride": s["stride"], "pad": s["pad"]}
    # max pooling: distinct values, so no window has a tie
    Hp = pool_input_size(s["pool_out_h"], s["pool_height"], s["pool_stride"])
    Wp = pool_input_size(s["pool_out_w"], s["pool_width"], s["pool_stride"])
    size = N * s["C"] * Hp * Wp
    values["x_pool"] = (rng.permutation(size) / size * 4 - 2).reshape(N, s["C"], Hp, Wp)
    values["dout_pool"] = rng.randn(N, s["C"], s["pool_out_h"], s["pool_out_w"])
    values["pool_param"] = {"pool_height": s["pool_height"], "pool_width": s["pool_width"],
                            "stride": s["pool_stride"]}
    # spatial batch norm (N, C, H, W), gamma (C,); group norm (N, C, H, W), gamma (1, C, 1, 1)
    values["x_spatial"] = _features(rng, N * s["sH"] * s["sW"], s["C"]).reshape(N, s["sH"], s["sW"], s["C"]) \
        .transpose(0, 3, 1, 2).copy()
    values["gamma_spatial"], values["beta_spatial"] = _scale_and_shift(rng, (s["C"],))
    values["spatial_running_mean"] = rng.uniform(-1, 1, s["C"])
    values["spatial_running_var"] = rng.uniform(0.5, 2, s["C"])
    values["dout_spatial"] = rng.randn(N, s["C"], s["sH"], s["sW"])
    C_group = s["G"] * s["group_size"]
    values["x_group"] = rng.randn(N, C_group, s["sH"], s["sW"]) * 2 + rng.uniform(-2, 2, (N, C_group, 1, 1))
    gamma, beta = _scale_and_shift(rng, (C_group,))
    values["gamma_group"], values["beta_group"] = gamma.reshape(1, -1, 1, 1), beta.reshape(1, -1, 1, 1)
    values["dout_group"] = rng.randn(N, C_group, s["sH"], s["sW"])
    values["G"] = s["G"]
    # losses: scores (N, classes), labels (N,) with every class's score in play
    values["scores"] = rng.randn(N, s["classes"]) * 2
    values["y"] = rng.randint(0, s["classes"], N)
    values["eps"] = EPS
    _classifiers(values, s, rng)
    return values


def _classifiers(values, s, rng):
    """The linear classifiers' W (D, C) and data, the two-layer net's data and params, and reg (far from 0,
    so that a forgotten or halved regularisation shows)."""
    N, D, H, C = s["N_cls"], s["D_cls"], s["H_cls"], s["C_cls"]
    values["W_linear"] = rng.randn(D, C) * 0.5
    values["X_linear"] = rng.randn(N, D)
    values["y_linear"] = rng.randint(0, C, N)
    values["X_net"] = rng.randn(N, D)
    values["y_net"] = rng.randint(0, C, N)
    values["params_net"] = {"W1": rng.randn(D, H) / np.sqrt(D), "b1": _away_from_zero(rng, (H,), 0.1, 0.5),
                            "W2": rng.randn(H, C) / np.sqrt(H), "b2": _away_from_zero(rng, (C,), 0.1, 0.5)}
    values.update(input_dim=D, hidden_dim=H, num_classes=C, reg=s["reg"])
    for _ in range(NETWORK_DRAWS):  # redrawn here, so that the layers' values above stay as they are
        _networks(values, s, rng)
        if not _network_problems(values):
            break
    _sequences(values, s, rng)


WORDS = ("<NULL>", "<START>", "<END>")  # the course's special words, first, <NULL> at 0 as in its vocabulary


def _scaled(rng, *shape):
    """Weights scaled by their fan-in, so that tanh and the gates stay far from saturation."""
    return rng.randn(*shape) / np.sqrt(shape[0])


def _sequences(values, s, rng):
    """Assignment 3's values: an RNN and an LSTM (a step and a sequence), word embeddings with a word used
    twice or more, the temporal affine layer, the masked loss with masked-out steps, and CaptioningRNN's
    features and captions (<START> first, <NULL> padding at the end of some)."""
    N, T, D, H, V, M, Dw = (s[k] for k in ("N_rnn", "T_rnn", "D_rnn", "H_rnn", "V_rnn", "M_rnn", "Dw_rnn"))
    for cell, gates in (("rnn", 1), ("lstm", 4)):
        values[f"Wx_{cell}"], values[f"Wh_{cell}"] = _scaled(rng, D, gates * H), _scaled(rng, H, gates * H)
        values[f"b_{cell}"] = rng.uniform(-0.5, 0.5, gates * H)
        values[f"dh_{cell}"] = rng.randn(N, T, H)
    values.update(x_seq=rng.randn(N, T, D), h0=rng.randn(N, H) * 0.5, x_step=rng.randn(N, D),
                  prev_h=rng.randn(N, H) * 0.5, prev_c=rng.randn(N, H), dnext_h=rng.randn(N, H),
                  dnext_c=rng.randn(N, H))
    words = rng.randint(0, V, (N, T))
    words.flat[:2] = words.flat[-1]  # one word three times at least: its rows of dout must add up
    values.update(words=words, W_embed=rng.randn(V, Dw), dout_embed=rng.randn(N, T, Dw))
    values.update(x_temporal=rng.randn(N, T, D), w_temporal=_scaled(rng, D, M), b_temporal=rng.randn(M),
                  dout_temporal=rng.randn(N, T, M))
    mask = rng.rand(N, T) < 0.7
    mask[0, 0], mask[-1, -1] = True, False  # kept and masked-out steps, whatever the draw
    values.update(scores_temporal=rng.randn(N, T, V) * 2, y_temporal=rng.randint(0, V, (N, T)), mask_temporal=mask)
    vocabulary = WORDS + tuple(f"word{k}" for k in range(V - len(WORDS)))
    values["word_to_idx"] = {word: k for k, word in enumerate(vocabulary)}
    captions = rng.randint(len(WORDS), V, (N, T + 1))
    captions[:, 0] = 1  # <START>
    for n in range(N):  # each caption ends at its own length: <END>, then <NULL> padding
        end = 1 + (n % T) if T > 1 else T
        captions[n, end] = 2
        captions[n, end + 1:] = 0
    values.update(features=rng.randn(N, s["F_rnn"]), captions=captions, input_dim_cap=s["F_rnn"], wordvec_dim=Dw,
                  hidden_rnn=H)
    for cell, gates in (("rnn", 1), ("lstm", 4)):
        values[f"params_cap_{cell}"] = {
            "W_embed": rng.randn(V, Dw), "W_proj": _scaled(rng, s["F_rnn"], H), "b_proj": rng.uniform(-0.5, 0.5, H),
            "Wx": _scaled(rng, Dw, gates * H), "Wh": _scaled(rng, H, gates * H), "b": rng.uniform(-0.5, 0.5, gates * H),
            "W_vocab": _scaled(rng, H, V), "b_vocab": rng.uniform(-0.5, 0.5, V)}


NETWORK_DRAWS = 50  # a network has a few hundred ReLU inputs: one in ten draws puts one near its kink
MIN_SPREAD = 0.3  # a batch-normalised feature with less spread curves so fast that central differences blur


FC_SEED = 231  # the seed a FullyConnectedNet with dropout is built with (its masks are drawn after it)


def _networks(values, s, rng):
    """FullyConnectedNet's data and params, two hidden layers (with the gammas and betas of its
    normalisation, far from 1 and 0, apart); ThreeLayerConvNet's, an image of even, unequal sides."""
    N, D, C = s["N_cls"], s["D_fc"], s["C_cls"]
    sizes = [D, s["H1_fc"], s["H2_fc"], C]
    values["X_fc"], values["y_fc"] = rng.randn(N, D), rng.randint(0, C, N)
    params = {}
    for l in (1, 2, 3):
        params[f"W{l}"] = rng.randn(sizes[l - 1], sizes[l]) / np.sqrt(sizes[l - 1])
        params[f"b{l}"] = _away_from_zero(rng, (sizes[l],), 0.1, 0.5)
    values["params_fc"] = params
    norm = dict(params)
    for l in (1, 2):
        norm[f"gamma{l}"], norm[f"beta{l}"] = _scale_and_shift(rng, (sizes[l],))
    values["params_fc_norm"] = norm
    values.update(hidden_dims=sizes[1:3], input_dim_fc=D, seed_fc=FC_SEED, dtype="float64",
                  dropout_param_fc={"mode": "train", "p": s["p"], "seed": FC_SEED},
                  ones_fc1=np.ones((N, sizes[1])), ones_fc2=np.ones((N, sizes[2])))
    F, channels, fs = s["F_cnn"], s["C_cnn"], 2 * s["fs_half"] + 1
    H, W, hidden = 2 * s["Hp_cnn"], 2 * s["Wp_cnn"], s["hidden_cnn"]
    values["X_cnn"], values["y_cnn"] = rng.randn(N, channels, H, W), rng.randint(0, C, N)
    values["params_cnn"] = {
        "W1": rng.randn(F, channels, fs, fs) / np.sqrt(channels * fs * fs), "b1": _away_from_zero(rng, (F,), 0.1, 0.5),
        "W2": rng.randn(F * H * W // 4, hidden) / np.sqrt(F * H * W / 4),
        "b2": _away_from_zero(rng, (hidden,), 0.1, 0.5),
        "W3": rng.randn(hidden, C) / np.sqrt(hidden), "b3": _away_from_zero(rng, (C,), 0.1, 0.5)}
    values.update(input_dim_cnn=(channels, H, W), num_filters=F, filter_size=fs, hidden_cnn=hidden)


def _margins(values):
    x, y = values["scores"], values["y"]
    margins = x - x[np.arange(len(y)), y][:, None] + 1.0
    margins[np.arange(len(y)), y] = 1.0  # the correct class is not a margin
    return margins


def _linear_margins(values):
    return _margins({"scores": values["X_linear"] @ values["W_linear"], "y": values["y_linear"]})


def _hidden(values):
    p = values["params_net"]
    return values["X_net"] @ p["W1"] + p["b1"]


def _network_problems(values):
    """Why the networks' values are no good point: a ReLU input at its kink (dropout's with the course's
    masks), a batch-normalised feature without spread."""
    found = []
    inputs, spreads = _network_kinks(values)
    if min(np.abs(a).min() for a in inputs) < KINK_MARGIN:
        found.append("a ReLU input of a network is at its kink")
    if min(spreads) < MIN_SPREAD:
        found.append("a batch-normalised feature of the network has almost no spread")
    return found


def _network_kinks(values):
    """(the ReLU inputs of the networks at the point, the spread of each batch-normalised feature)."""
    from manual_dnn import cs231n_layers as layers

    p, X = values["params_fc"], values["X_fc"]
    a1 = X @ p["W1"] + p["b1"]
    inputs = [a1, np.maximum(a1, 0) @ p["W2"] + p["b2"]]
    masks = [layers.dropout_forward(values[f"ones_fc{l}"], dict(values["dropout_param_fc"]))[0] for l in (1, 2)]
    inputs.append(np.maximum(a1, 0) * masks[0] @ p["W2"] + p["b2"])
    n = values["params_fc_norm"]
    spreads = []
    for axis in (0, 1):  # batch norm, layer norm
        h = X
        for l in (1, 2):
            z = h @ n[f"W{l}"] + n[f"b{l}"]
            spreads += list(z.std(axis=0)) if axis == 0 else []
            z = (z - z.mean(axis=axis, keepdims=True)) / np.sqrt(z.var(axis=axis, keepdims=True) + EPS)
            inputs.append(n[f"gamma{l}"] * z + n[f"beta{l}"])
            h = np.maximum(inputs[-1], 0)
    q = values["params_cnn"]
    conv_param = {"stride": 1, "pad": (q["W1"].shape[2] - 1) // 2}
    a, _ = layers.conv_forward_naive(values["X_cnn"], q["W1"], q["b1"], conv_param)
    pooled, _ = layers.max_pool_forward_naive(np.maximum(a, 0), {"pool_height": 2, "pool_width": 2, "stride": 2})
    inputs += [a, pooled.reshape(len(pooled), -1) @ q["W2"] + q["b2"]]
    return inputs, spreads


def problems(values):
    found = _network_problems(values)
    if np.abs(_margins(values)).min() < KINK_MARGIN:
        found.append("an SVM margin is at its kink")
    if np.abs(_linear_margins(values)).min() < KINK_MARGIN:
        found.append("a linear SVM margin is at its kink")
    if np.abs(_hidden(values)).min() < KINK_MARGIN:
        found.append("a hidden unit of the two-layer net is at ReLU's kink")
    return found


def fits(sizes):
    return all(conv_input_size(sizes[o], sizes[f], sizes["stride"], sizes["pad"]) >= 1
               for o, f in (("conv_out_h", "HH"), ("conv_out_w", "WW"))) and sizes["pad"] < min(
        sizes["HH"], sizes["WW"]) and sizes["N"] >= 2


def describe(s):
    """The point as a learner would picture it."""
    H = conv_input_size(s["conv_out_h"], s["HH"], s["stride"], s["pad"])
    W = conv_input_size(s["conv_out_w"], s["WW"], s["stride"], s["pad"])
    return (f"N={s['N']}, D={s['D']}, a {H}x{W} image with {s['C']} channels, {s['F']} filters {s['HH']}x{s['WW']} "
            f"at stride {s['stride']} and pad {s['pad']}, pooling {s['pool_height']}x{s['pool_width']} at stride "
            f"{s['pool_stride']}, G={s['G']}, p={s['p']}, {s['classes']} classes; classifiers: N={s['N_cls']}, "
            f"D={s['D_cls']}, H={s['H_cls']}, C={s['C_cls']}, reg={s['reg']}; networks: hidden dims "
            f"{s['H1_fc']}, {s['H2_fc']}, a {2 * s['Hp_cnn']}x{2 * s['Wp_cnn']} image, "
            f"{2 * s['fs_half'] + 1}x{2 * s['fs_half'] + 1} filters; sequences: N={s['N_rnn']}, T={s['T_rnn']}, "
            f"D={s['D_rnn']}, H={s['H_rnn']}, {s['V_rnn']} words")


POINTS = Points(
    sizes={"N": (2, 5), "d1": (1, 3), "d2": (1, 4), "M": (1, 5), "D": (1, 6), "p": (0.3, 0.9),
           "C": (1, 3), "F": (1, 3), "HH": (1, 3), "WW": (1, 4), "stride": (1, 3), "pad": (0, 2),
           "conv_out_h": (1, 3), "conv_out_w": (1, 4), "pool_height": (1, 3), "pool_width": (1, 3),
           "pool_stride": (1, 3), "pool_out_h": (1, 3), "pool_out_w": (1, 3), "sH": (1, 3), "sW": (1, 4),
           "G": (1, 3), "group_size": (1, 3), "classes": (2, 6),
           "N_cls": (2, 6), "D_cls": (2, 6), "H_cls": (2, 6), "C_cls": (2, 5), "reg": (0.2, 1.5),
           "D_fc": (1, 6), "H1_fc": (1, 6), "H2_fc": (1, 6), "F_cnn": (1, 3), "C_cnn": (1, 3), "fs_half": (0, 1),
           "Hp_cnn": (1, 3), "Wp_cnn": (1, 3), "hidden_cnn": (1, 6),
           "N_rnn": (1, 4), "T_rnn": (1, 4), "D_rnn": (1, 4), "H_rnn": (1, 4), "V_rnn": (4, 7), "M_rnn": (1, 4),
           "Dw_rnn": (1, 4), "F_rnn": (1, 4)},
    fixed={"N": 3, "d1": 2, "d2": 3, "M": 4, "D": 5, "p": 0.7, "C": 2, "F": 3, "HH": 3, "WW": 2, "stride": 2,
           "pad": 1, "conv_out_h": 3, "conv_out_w": 4, "pool_height": 2, "pool_width": 3, "pool_stride": 3,
           "pool_out_h": 2, "pool_out_w": 2, "sH": 3, "sW": 4, "G": 3, "group_size": 2, "classes": 5,
           "N_cls": 4, "D_cls": 5, "H_cls": 6, "C_cls": 3, "reg": 0.7,
           "D_fc": 5, "H1_fc": 6, "H2_fc": 4, "F_cnn": 3, "C_cnn": 2, "fs_half": 1, "Hp_cnn": 2, "Wp_cnn": 3,
           "hidden_cnn": 5, "N_rnn": 3, "T_rnn": 4, "D_rnn": 3, "H_rnn": 4, "V_rnn": 6, "M_rnn": 3, "Dw_rnn": 3,
           "F_rnn": 5},
    build=build, problems=problems, fits=fits, describe=describe,
)

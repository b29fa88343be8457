"""CS231n's assignment 3: the rows of ``rnn_layers.py`` and of ``CaptioningRNN.loss`` (classifiers/rnn.py).

Every forward is judged against its JAX math, every backward against the VJP of that math through the
learner's own cache (the course's where the file's forward gives none it can use): a step, a whole
sequence (each step's upstream gradient plus what flows back from the next), the word embedding's
gradient with a word used several times (rows that must add up), the masked loss with masked-out steps.
CaptioningRNN.loss is judged with either cell, on a net the learner's own class builds.
"""

from reference.engine.declarations import (
    Function,
    Gradient,
    Instance,
    Keys,
    Lazy,
    Value,
    Variant,
    from_course,
    from_learner,
)

__all__ = ["SEQUENCES"]

FILE = "rnn_layers.py"


def _math(name):
    return Lazy("reference.assignments.cs231n.rnn_math", name)


def given(name):
    return from_course(lambda values: values[name])


def _cache(forward, arguments, position):
    """The cache the learner's own ``forward`` made (its result's item ``position``), else the course's."""
    def course(values):
        import manual_dnn.cs231n_rnn_layers as reference

        return getattr(reference, forward)(*(values[a] for a in arguments))[position]
    return from_learner(forward, arguments, lambda result: result[position], course=course)


def _pair(forward, inputs, sources, outputs, upstreams, gradients, math):
    """The rows of ``forward`` (its ``inputs`` from the point's ``sources``, returning ``outputs`` then its cache)
    and of its backward (the ``upstreams`` of the outputs, then the cache -> the gradients of ``gradients``)."""
    prepare = {name: given(source) for name, source in zip(inputs, sources)}
    forward_row = Function(forward, inputs, (*outputs, "cache"), math=_math(math), math_inputs=inputs,
                           math_outputs=outputs, judge={o: Value(o) for o in outputs}, prepare=prepare, notebook=FILE)
    backward = forward.replace("_forward", "_backward")
    dnames = tuple(f"d{o}" for o in outputs)
    returns = tuple(f"d{g}" for g in gradients)
    backward_row = Function(
        backward, (*dnames, "cache"), returns if len(returns) > 1 else returns[0], math=_math(math),
        math_inputs=inputs, math_outputs=outputs, cotangent=dict(zip(outputs, dnames)),
        judge={f"d{g}": Gradient(g) for g in gradients},
        prepare={**prepare, **{d: given(u) for d, u in zip(dnames, upstreams)},
                 "cache": _cache(forward, inputs, len(outputs))},
        needs=(forward,), exact_shapes=False, notebook=FILE)
    return forward_row, backward_row


RECURRENT = ("x", "h0", "Wx", "Wh", "b")
STEP = _pair("rnn_step_forward", ("x", "prev_h", "Wx", "Wh", "b"), ("x_step", "prev_h", "Wx_rnn", "Wh_rnn", "b_rnn"),
             ("next_h",), ("dnext_h",), ("x", "prev_h", "Wx", "Wh", "b"), "rnn_step")
SEQUENCE = _pair("rnn_forward", RECURRENT, ("x_seq", "h0", "Wx_rnn", "Wh_rnn", "b_rnn"), ("h",), ("dh_rnn",),
                 ("x", "h0", "Wx", "Wh", "b"), "rnn")
EMBEDDING = _pair("word_embedding_forward", ("x", "W"), ("words", "W_embed"), ("out",), ("dout_embed",), ("W",),
                  "word_embedding")
LSTM_STEP = _pair("lstm_step_forward", ("x", "prev_h", "prev_c", "Wx", "Wh", "b"),
                  ("x_step", "prev_h", "prev_c", "Wx_lstm", "Wh_lstm", "b_lstm"), ("next_h", "next_c"),
                  ("dnext_h", "dnext_c"), ("x", "prev_h", "prev_c", "Wx", "Wh", "b"), "lstm_step")
LSTM = _pair("lstm_forward", RECURRENT, ("x_seq", "h0", "Wx_lstm", "Wh_lstm", "b_lstm"), ("h",), ("dh_lstm",),
             ("x", "h0", "Wx", "Wh", "b"), "lstm")
TEMPORAL_AFFINE = _pair("temporal_affine_forward", ("x", "w", "b"), ("x_temporal", "w_temporal", "b_temporal"),
                        ("out",), ("dout_temporal",), ("x", "w", "b"), "temporal_affine")
TEMPORAL_SOFTMAX_LOSS = Function(
    "temporal_softmax_loss", ("x", "y", "mask"), ("loss", "dx"), math=_math("temporal_softmax_loss"),
    math_inputs=("x", "y", "mask"), judge={"loss": Value("out"), "dx": Gradient("x")},
    prepare={"x": given("scores_temporal"), "y": given("y_temporal"), "mask": given("mask_temporal")},
    exact_shapes=False, notebook=FILE)

PARAMETERS = ("W_proj", "b_proj", "W_embed", "Wx", "Wh", "b", "W_vocab", "b_vocab")


def _parameter(key):
    return (key, lambda values: values["params"][key])


def _cell(cell):
    return {"prepare": {"features": given("features"), "captions": given("captions"),
                        "params": given(f"params_cap_{cell}")}}


CAPTIONING_RNN = Function(
    "CaptioningRNN.loss", ("features", "captions"), ("loss", Keys(*PARAMETERS)), math=_math("captioning_rnn"),
    math_inputs=("features", "captions", *map(_parameter, PARAMETERS)),
    judge={"loss": Value("out"), **{key: Gradient(key) for key in PARAMETERS}}, prepare=_cell("rnn")["prepare"],
    instance=Instance(arguments=("word_to_idx",), attributes={"params": "params"}, keywords={
        "input_dim": "input_dim_cap", "wordvec_dim": "wordvec_dim", "hidden_dim": "hidden_rnn",
        "cell_type": "cell_type", "dtype": "dtype"}),
    variants=(Variant({"cell_type": "rnn"}, " (cell_type='rnn')"),
              Variant({"cell_type": "lstm"}, " (cell_type='lstm')", _math("captioning_lstm"), _cell("lstm"))),
    calls=("word_embedding_forward", "word_embedding_backward", "rnn_forward", "rnn_backward", "lstm_forward",
           "lstm_backward", "temporal_affine_forward", "temporal_affine_backward", "temporal_softmax_loss"),
    exact_shapes=False, notebook="classifiers/rnn.py")

SEQUENCES = (*STEP, *SEQUENCE, *EMBEDDING, *LSTM_STEP, *LSTM, *TEMPORAL_AFFINE, TEMPORAL_SOFTMAX_LOSS, CAPTIONING_RNN)

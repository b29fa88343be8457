"""Stanford CS231n's assignment 3 ``CaptioningRNN`` (classifiers/rnn.py), hand-written in numpy on manual_dnn's
rnn_layers: image features projected to the first hidden state, the caption's words embedded, an RNN or
LSTM over them, a temporal affine layer to scores over the vocabulary, the masked softmax loss.

``loss(features, captions)``: features (N, D), captions (N, T + 1) word indices; the net reads
captions[:, :-1] and is scored on predicting captions[:, 1:], except where that word is <NULL>.
Returns (loss, grads), grads keyed as params: W_proj, b_proj, W_embed, Wx, Wh, b, W_vocab, b_vocab.
"""

import numpy as np

from manual_dnn import cs231n_rnn_layers as rnn

__all__ = ["CaptioningRNN"]


class CaptioningRNN:
    def __init__(self, word_to_idx, input_dim=512, wordvec_dim=128, hidden_dim=128, cell_type="rnn",
                 dtype=np.float64):
        if cell_type not in ("rnn", "lstm"):
            raise ValueError(f'Invalid cell_type "{cell_type}"')
        self.cell_type, self.dtype, self.word_to_idx = cell_type, dtype, word_to_idx
        self._null, self._start, self._end = word_to_idx["<NULL>"], word_to_idx.get("<START>"), word_to_idx.get("<END>")
        V, gates = len(word_to_idx), 4 if cell_type == "lstm" else 1
        self.params = {"W_embed": np.random.randn(V, wordvec_dim) / 100,
                       "W_proj": np.random.randn(input_dim, hidden_dim) / np.sqrt(input_dim),
                       "b_proj": np.zeros(hidden_dim),
                       "Wx": np.random.randn(wordvec_dim, gates * hidden_dim) / np.sqrt(wordvec_dim),
                       "Wh": np.random.randn(hidden_dim, gates * hidden_dim) / np.sqrt(hidden_dim),
                       "b": np.zeros(gates * hidden_dim),
                       "W_vocab": np.random.randn(hidden_dim, V) / np.sqrt(hidden_dim), "b_vocab": np.zeros(V)}
        self.params = {k: v.astype(dtype) for k, v in self.params.items()}

    def loss(self, features, captions):
        captions_in, captions_out = captions[:, :-1], captions[:, 1:]
        mask = captions_out != self._null
        p = self.params
        h0, proj = features @ p["W_proj"] + p["b_proj"], features
        words, embed = rnn.word_embedding_forward(captions_in, p["W_embed"])
        forward, backward = ((rnn.rnn_forward, rnn.rnn_backward) if self.cell_type == "rnn"
                             else (rnn.lstm_forward, rnn.lstm_backward))
        h, recurrent = forward(words, h0, p["Wx"], p["Wh"], p["b"])
        scores, vocab = rnn.temporal_affine_forward(h, p["W_vocab"], p["b_vocab"])
        loss, dscores = rnn.temporal_softmax_loss(scores, captions_out, mask)
        grads = {}
        dh, grads["W_vocab"], grads["b_vocab"] = rnn.temporal_affine_backward(dscores, vocab)
        dwords, dh0, grads["Wx"], grads["Wh"], grads["b"] = backward(dh, recurrent)
        grads["W_embed"] = rnn.word_embedding_backward(dwords, embed)
        grads["W_proj"], grads["b_proj"] = proj.T @ dh0, dh0.sum(axis=0)
        return loss, grads

# linear_backward computes db without keepdims, and its own assertion says
# so. Expected: FAIL, root cause linear_backward; the reason shows the
# AssertionError's message and this file's line of the assert.
import numpy as np


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = np.dot(dZ, A_prev.T) / m
    db = np.sum(dZ, axis=1) / m
    dA_prev = np.dot(W.T, dZ)
    assert db.shape == b.shape, f"db has shape {db.shape} but b has {b.shape}"
    return dA_prev, dW, db

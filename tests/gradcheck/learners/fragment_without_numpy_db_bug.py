# A fragment without `import numpy as np` whose real bug is db without 1/m.
# Expected: FAIL, root cause linear_backward (db), never "NameError: name 'np'".


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = np.dot(dZ, A_prev.T) / m
    db = np.sum(dZ, axis=1, keepdims=True)
    dA_prev = np.dot(W.T, dZ)
    return dA_prev, dW, db

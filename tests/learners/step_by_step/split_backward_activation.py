# One function per file: each imports what it needs inside its body, the sibling file
# included (split_backward_linear.py beside it).


def linear_activation_backward(dA, cache, activation):
    import numpy as np
    from split_backward_linear import linear_backward

    linear_cache, activation_cache = cache
    Z = activation_cache
    if activation == "relu":
        dZ = np.array(dA, copy=True)
        dZ[Z <= 0] = 0
    elif activation == "sigmoid":
        s = 1 / (1 + np.exp(-Z))
        dZ = dA * s * (1 - s)
    return linear_backward(dZ, linear_cache)

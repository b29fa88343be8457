# compute_cost as a (1, 1) array: the value is right, the shape is not the
# course's (its template ends with np.squeeze and asserts cost.shape == ()).
# Expected: FAIL, root cause compute_cost.
import numpy as np


def compute_cost(AL, Y):
    m = Y.shape[1]
    return -(np.dot(Y, np.log(AL).T) + np.dot(1 - Y, np.log(1 - AL).T)) / m

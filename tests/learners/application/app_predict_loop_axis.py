# Application (first release, dnn_app_utils_v2). predict is mine: the utils version printed
# too much, so I rewrote it.
import numpy as np
from dnn_app_utils_v2 import *


def predict(X, y, parameters):
    m = X.shape[1]
    p = np.zeros((1, m))
    probas, caches = L_model_forward(X, parameters)
    for i in range(0, probas.shape[0]):
        if probas[0, i] > 0.5:
            p[0, i] = 1
        else:
            p[0, i] = 0
    print("Accuracy: " + str(np.sum((p == y) / m)))
    return p

# Application, public_tests version. I wanted to watch the cost curve grow while it trains,
# so the plot is redrawn every 100 iterations inside the loop.
import numpy as np
import matplotlib.pyplot as plt
from dnn_app_utils_v3 import *
from public_tests import *


def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    np.random.seed(1)
    costs = []
    parameters = initialize_parameters_deep(layers_dims)
    for i in range(num_iterations):
        AL, caches = L_model_forward(X, parameters)
        cost = compute_cost(AL, Y)
        grads = L_model_backward(AL, Y, caches)
        parameters = update_parameters(parameters, grads, learning_rate)
        if i % 100 == 0:
            costs.append(cost)
            plt.plot(np.squeeze(costs))
            plt.ylabel('cost')
            plt.xlabel('iterations (per hundreds)')
            plt.show()
            if print_cost:
                print("Cost after iteration {}: {}".format(i, np.squeeze(cost)))
    return parameters, costs


L_layer_model_test(L_layer_model)

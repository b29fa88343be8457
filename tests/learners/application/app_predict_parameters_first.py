#!/usr/bin/env python
# coding: utf-8

# # Deep Neural Network for Image Classification: Application
# my predict takes (parameters, X) like the planar data one from week 3, I find it easier to remember

import numpy as np
import matplotlib.pyplot as plt
from dnn_app_utils_v3 import *

get_ipython().run_line_magic('matplotlib', 'inline')
np.random.seed(1)

train_x_orig, train_y, test_x_orig, test_y, classes = load_data()
train_x = train_x_orig.reshape(train_x_orig.shape[0], -1).T / 255.
test_x = test_x_orig.reshape(test_x_orig.shape[0], -1).T / 255.

layers_dims = (12288, 7, 1)


# GRADED FUNCTION: two_layer_model

def two_layer_model(X, Y, layers_dims, learning_rate = 0.0075, num_iterations = 3000, print_cost=False):
    np.random.seed(1)
    grads = {}
    costs = []
    (n_x, n_h, n_y) = layers_dims
    parameters = initialize_parameters(n_x, n_h, n_y)
    for i in range(0, num_iterations):
        A1, cache1 = linear_activation_forward(X, parameters["W1"], parameters["b1"], "relu")
        A2, cache2 = linear_activation_forward(A1, parameters["W2"], parameters["b2"], "sigmoid")
        cost = compute_cost(A2, Y)
        dA2 = - (np.divide(Y, A2) - np.divide(1 - Y, 1 - A2))
        dA1, grads['dW2'], grads['db2'] = linear_activation_backward(dA2, cache2, "sigmoid")
        dA0, grads['dW1'], grads['db1'] = linear_activation_backward(dA1, cache1, "relu")
        parameters = update_parameters(parameters, grads, learning_rate)
        if print_cost and i % 100 == 0 or i == num_iterations - 1:
            print("Cost after iteration {}: {}".format(i, np.squeeze(cost)))
        if i % 100 == 0 or i == num_iterations:
            costs.append(cost)
    return parameters, costs


layers_dims = [12288, 20, 7, 5, 1]


# GRADED FUNCTION: L_layer_model

def L_layer_model(X, Y, layers_dims, learning_rate = 0.0075, num_iterations = 3000, print_cost=False):
    np.random.seed(1)
    costs = []
    parameters = initialize_parameters_deep(layers_dims)
    for i in range(0, num_iterations):
        AL, caches = L_model_forward(X, parameters)
        cost = compute_cost(AL, Y)
        grads = L_model_backward(AL, Y, caches)
        parameters = update_parameters(parameters, grads, learning_rate)
        if print_cost and i % 100 == 0 or i == num_iterations - 1:
            print("Cost after iteration {}: {}".format(i, np.squeeze(cost)))
        if i % 100 == 0 or i == num_iterations:
            costs.append(cost)
    return parameters, costs


def predict(parameters, X):
    """
    Using the learned parameters, predicts a class for each example in X

    Returns:
    predictions -- vector of predictions of our model (non-cat: 0 / cat: 1)
    """
    AL, cache = L_model_forward(X, parameters)
    predictions = np.round(AL)
    return predictions


parameters, costs = L_layer_model(train_x, train_y, layers_dims, num_iterations = 2500, print_cost = True)
predictions_train = predict(parameters, train_x)
print("train accuracy: {} %".format(100 - np.mean(np.abs(predictions_train - train_y)) * 100))
predictions_test = predict(parameters, test_x)
print("test accuracy: {} %".format(100 - np.mean(np.abs(predictions_test - test_y)) * 100))

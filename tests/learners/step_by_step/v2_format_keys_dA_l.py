import numpy as np
import matplotlib.pyplot as plt
from testCases_v2 import *
from dnn_utils_v2 import sigmoid, sigmoid_backward, relu, relu_backward

np.random.seed(1)

# Step by step, course version 2. I use str.format for the dictionary keys.


def initialize_parameters(n_x, n_h, n_y):
    np.random.seed(1)
    parameters = dict()
    parameters['W{}'.format(1)] = np.random.randn(n_h, n_x) * 0.01
    parameters['b{}'.format(1)] = np.zeros((n_h, 1))
    parameters['W{}'.format(2)] = np.random.randn(n_y, n_h) * 0.01
    parameters['b{}'.format(2)] = np.zeros((n_y, 1))
    return parameters


def initialize_parameters_deep(layer_dims):
    np.random.seed(3)
    parameters = dict()
    for l in range(1, len(layer_dims)):  # layer 0 is the input, it has no W or b
        parameters['W{}'.format(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.01
        parameters['b{}'.format(l)] = np.zeros((layer_dims[l], 1))
    return parameters


def linear_forward(A, W, b):
    Z = np.dot(W, A) + b
    cache = (A, W, b)
    return Z, cache


def linear_activation_forward(A_prev, W, b, activation):
    if activation == 'sigmoid':
        Z, linear_cache = linear_forward(A=A_prev, W=W, b=b)
        A, activation_cache = sigmoid(Z)
    elif activation == 'relu':
        Z, linear_cache = linear_forward(A=A_prev, W=W, b=b)
        A, activation_cache = relu(Z)
    return A, (linear_cache, activation_cache)


def L_model_forward(X, parameters):
    caches = []
    A = X
    L = len(parameters) // 2
    for l in range(1, L):
        A, cache = linear_activation_forward(A_prev=A, W=parameters['W{}'.format(l)],
                                             b=parameters['b{}'.format(l)], activation='relu')
        caches.append(cache)
    AL, cache = linear_activation_forward(A_prev=A, W=parameters['W{}'.format(L)],
                                          b=parameters['b{}'.format(L)], activation='sigmoid')
    caches.append(cache)
    return AL, caches


def compute_cost(AL, Y):
    m = Y.shape[1]
    logprobs = np.multiply(Y, np.log(AL)) + np.multiply((1 - Y), np.log(1 - AL))
    cost = (-1 / m) * np.sum(logprobs)
    cost = np.squeeze(cost)
    return cost


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = (1 / m) * np.dot(dZ, A_prev.T)
    db = (1 / m) * np.sum(dZ, axis=1, keepdims=True)
    dA_prev = np.dot(W.T, dZ)
    return dA_prev, dW, db


def linear_activation_backward(dA, cache, activation):
    linear_cache, activation_cache = cache
    if activation == 'relu':
        dZ = relu_backward(dA, activation_cache)
        dA_prev, dW, db = linear_backward(dZ, linear_cache)
    elif activation == 'sigmoid':
        dZ = sigmoid_backward(dA, activation_cache)
        dA_prev, dW, db = linear_backward(dZ, linear_cache)
    return dA_prev, dW, db


def L_model_backward(AL, Y, caches):
    grads = {}
    L = len(caches)
    Y = Y.reshape(AL.shape)
    dAL = - (np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))   # derivative of the cost w.r.t. AL
    current_cache = caches[-1]
    grads['dA{}'.format(L)], grads['dW{}'.format(L)], grads['db{}'.format(L)] = \
        linear_activation_backward(dAL, current_cache, activation='sigmoid')
    for l in reversed(range(L - 1)):
        current_cache = caches[l]
        dA_prev_temp, dW_temp, db_temp = linear_activation_backward(grads['dA{}'.format(l + 2)], current_cache,
                                                                    activation='relu')
        grads['dA{}'.format(l + 1)] = dA_prev_temp
        grads['dW{}'.format(l + 1)] = dW_temp
        grads['db{}'.format(l + 1)] = db_temp
    return grads


def update_parameters(parameters, grads, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        parameters['W{}'.format(l)] = parameters['W{}'.format(l)] - learning_rate * grads['dW{}'.format(l)]
        parameters['b{}'.format(l)] = parameters['b{}'.format(l)] - learning_rate * grads['db{}'.format(l)]
    return parameters

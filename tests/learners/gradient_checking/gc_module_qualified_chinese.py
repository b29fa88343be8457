# -*- coding: utf-8 -*-
"""
梯度检验 (第二课 第一周 作业三)
gc_utils 用 模块名.函数名 调用; backward_propagation_n 里的两个错误已经改好
"""
import numpy as np
import gc_utils     # 梯度检验
import testCases


def forward_propagation(x, theta):
    """
    一维线性前向传播 J(theta) = theta * x
    """
    J = np.dot(theta, x)
    return J


def backward_propagation(x, theta):
    """
    J 对 theta 的导数
    """
    dtheta = x
    return dtheta


def gradient_check(x, theta, epsilon=1e-7):
    """
    一维梯度检验: 双边差分 vs 反向传播
    """
    thetaplus = theta + epsilon
    thetaminus = theta - epsilon
    J_plus = forward_propagation(x, thetaplus)
    J_minus = forward_propagation(x, thetaminus)
    gradapprox = (J_plus - J_minus) / (2 * epsilon)

    grad = backward_propagation(x, theta)

    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    diffence = numerator / denominator

    if diffence < 1e-7:
        print("梯度检查: 梯度正常!")
    else:
        print("梯度检查: 梯度超出阈值!")
    return diffence


def forward_propagation_n(X, Y, parameters):
    """
    三层网络的前向传播和成本
    """
    m = X.shape[1]
    W1 = parameters["W1"]
    b1 = parameters["b1"]
    W2 = parameters["W2"]
    b2 = parameters["b2"]
    W3 = parameters["W3"]
    b3 = parameters["b3"]

    Z1 = np.dot(W1, X) + b1
    A1 = gc_utils.relu(Z1)
    Z2 = np.dot(W2, A1) + b2
    A2 = gc_utils.relu(Z2)
    Z3 = np.dot(W3, A2) + b3
    A3 = gc_utils.sigmoid(Z3)

    logprobs = np.multiply(-np.log(A3), Y) + np.multiply(-np.log(1 - A3), 1 - Y)
    cost = (1 / m) * np.sum(logprobs)

    cache = (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)
    return cost, cache


def backward_propagation_n(X, Y, cache):
    """
    反向传播 (已修改: dW2 不再乘 2, db1 是 1/m 而不是 4/m)
    """
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache

    dZ3 = A3 - Y
    dW3 = (1. / m) * np.dot(dZ3, A2.T)
    db3 = (1. / m) * np.sum(dZ3, axis=1, keepdims=True)

    dA2 = np.dot(W3.T, dZ3)
    dZ2 = np.multiply(dA2, np.int64(A2 > 0))
    dW2 = (1. / m) * np.dot(dZ2, A1.T)
    db2 = (1. / m) * np.sum(dZ2, axis=1, keepdims=True)

    dA1 = np.dot(W2.T, dZ2)
    dZ1 = np.multiply(dA1, np.int64(A1 > 0))
    dW1 = (1. / m) * np.dot(dZ1, X.T)
    db1 = (1. / m) * np.sum(dZ1, axis=1, keepdims=True)

    gradients = {"dZ3": dZ3, "dW3": dW3, "db3": db3,
                 "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2,
                 "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}
    return gradients


def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7):
    """
    N 维梯度检验: 一次只动一个参数
    """
    parameters_values, keys = gc_utils.dictionary_to_vector(parameters)   # keys 用不到
    grad = gc_utils.gradients_to_vector(gradients)
    num_parameters = parameters_values.shape[0]
    J_plus = np.zeros((num_parameters, 1))
    J_minus = np.zeros((num_parameters, 1))
    gradapprox = np.zeros((num_parameters, 1))

    for i in range(num_parameters):
        # 计算 J_plus[i]
        thetaplus = np.copy(parameters_values)
        thetaplus[i][0] = thetaplus[i][0] + epsilon
        J_plus[i], cache = forward_propagation_n(X, Y, gc_utils.vector_to_dictionary(thetaplus))  # cache 用不到

        # 计算 J_minus[i]
        thetaminus = np.copy(parameters_values)
        thetaminus[i][0] = thetaminus[i][0] - epsilon
        J_minus[i], cache = forward_propagation_n(X, Y, gc_utils.vector_to_dictionary(thetaminus))

        gradapprox[i] = (J_plus[i] - J_minus[i]) / (2 * epsilon)

    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    difference = numerator / denominator

    if difference < 1e-7:
        print("梯度检查: 梯度正常!")
    else:
        print("梯度检查: 梯度超出阈值!")
    return difference


if __name__ == "__main__":
    print("----------------- 测试 gradient_check -----------------")
    x, theta = 2, 4
    difference = gradient_check(x, theta)
    print("difference = " + str(difference))

    print("----------------- 测试 gradient_check_n -----------------")
    X, Y, parameters = testCases.gradient_check_n_test_case()
    cost, cache = forward_propagation_n(X, Y, parameters)
    gradients = backward_propagation_n(X, Y, cache)
    difference = gradient_check_n(parameters, gradients, X, Y)

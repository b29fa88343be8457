import numpy as np
from random import shuffle

def softmax_loss_naive(W, X, y, reg):
  """
  Softmax loss function, naive implementation (with loops)

  Inputs have dimension D, there are C classes, and we operate on minibatches
  of N examples.

  Returns a tuple of:
  - loss as single float
  - gradient with respect to weights W; an array of same shape as W
  """
  # Initialize the loss and gradient to zero.
  loss = 0.0
  dW = np.zeros_like(W)

  num_train = X.shape[0]
  num_classes = W.shape[1]
  for i in range(num_train):
    f = X[i].dot(W)
    f -= np.max(f)  # for numeric stability
    p = np.exp(f) / np.sum(np.exp(f))
    loss += -np.log(p[y[i]])
    for j in range(num_classes):
      dW[:, j] += (p[j] - (j == y[i])) * X[i]
  loss = loss / num_train + 0.5 * reg * np.sum(W * W)
  dW = dW / num_train + reg * W

  return loss, dW


def softmax_loss_vectorized(W, X, y, reg):
  """
  Softmax loss function, vectorized version.

  Inputs and outputs are the same as softmax_loss_naive.
  """
  num_train = X.shape[0]
  f = X.dot(W)
  f -= np.max(f, axis=1, keepdims=True)
  p = np.exp(f) / np.sum(np.exp(f), axis=1, keepdims=True)
  loss = -np.sum(np.log(p[np.arange(num_train), y])) / num_train + 0.5 * reg * np.sum(W * W)
  p[np.arange(num_train), y] -= 1
  dW = X.T.dot(p) / num_train + reg * W

  return loss, dW

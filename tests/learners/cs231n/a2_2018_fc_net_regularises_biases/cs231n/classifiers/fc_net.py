from builtins import range
from builtins import object
import numpy as np

from ..layers import *
from ..layer_utils import *


class FullyConnectedNet(object):
    """
    A fully-connected neural network with an arbitrary number of hidden layers,
    ReLU nonlinearities, and a softmax loss function. This will also implement
    dropout and batch/layer normalization as options. For a network with L layers,
    the architecture will be

    {affine - [batch/layer norm] - relu - [dropout]} x (L - 1) - affine - softmax

    where batch/layer normalization and dropout are optional, and the {...} block is
    repeated L - 1 times.
    """

    def __init__(self, hidden_dims, input_dim=3*32*32, num_classes=10,
                 dropout=1, normalization=None, reg=0.0,
                 weight_scale=1e-2, dtype=np.float32, seed=None):
        """
        - dropout: Scalar between 0 and 1 giving dropout strength. If dropout=1 then
          the network should not use dropout at all.
        - normalization: What type of normalization the network should use. Valid values
          are "batchnorm", "layernorm", or None for no normalization (the default).
        """
        self.normalization = normalization
        self.use_dropout = dropout != 1
        self.reg = reg
        self.num_layers = 1 + len(hidden_dims)
        self.dtype = dtype
        self.params = {}

        layer_dims = [input_dim] + list(hidden_dims) + [num_classes]
        for l in range(1, self.num_layers + 1):
            self.params['W' + str(l)] = np.random.normal(0, weight_scale, (layer_dims[l - 1], layer_dims[l]))
            self.params['b' + str(l)] = np.zeros(layer_dims[l])
            if self.normalization is not None and l != self.num_layers:
                self.params['gamma' + str(l)] = np.ones(layer_dims[l])
                self.params['beta' + str(l)] = np.zeros(layer_dims[l])

        self.dropout_param = {}
        if self.use_dropout:
            self.dropout_param = {'mode': 'train', 'p': dropout}
            if seed is not None:
                self.dropout_param['seed'] = seed

        self.bn_params = []
        if self.normalization == 'batchnorm':
            self.bn_params = [{'mode': 'train'} for i in range(self.num_layers - 1)]
        if self.normalization == 'layernorm':
            self.bn_params = [{} for i in range(self.num_layers - 1)]

        for k, v in self.params.items():
            self.params[k] = v.astype(dtype)

    def loss(self, X, y=None):
        X = X.astype(self.dtype)
        mode = 'test' if y is None else 'train'

        if self.use_dropout:
            self.dropout_param['mode'] = mode
        if self.normalization == 'batchnorm':
            for bn_param in self.bn_params:
                bn_param['mode'] = mode

        cache = {}
        h = X
        for l in range(1, self.num_layers):
            W, b = self.params['W%d' % l], self.params['b%d' % l]
            h, cache['affine%d' % l] = affine_forward(h, W, b)
            if self.normalization == 'batchnorm':
                h, cache['norm%d' % l] = batchnorm_forward(h, self.params['gamma%d' % l],
                                                           self.params['beta%d' % l], self.bn_params[l - 1])
            elif self.normalization == 'layernorm':
                h, cache['norm%d' % l] = layernorm_forward(h, self.params['gamma%d' % l],
                                                           self.params['beta%d' % l], self.bn_params[l - 1])
            h, cache['relu%d' % l] = relu_forward(h)
            if self.use_dropout:
                h, cache['dropout%d' % l] = dropout_forward(h, self.dropout_param)
        L = self.num_layers
        scores, cache['affine%d' % L] = affine_forward(h, self.params['W%d' % L], self.params['b%d' % L])

        # If test mode return early
        if mode == 'test':
            return scores

        loss, grads = 0.0, {}
        loss, dscores = softmax_loss(scores, y)
        for l in range(1, L + 1):
            loss += 0.5 * self.reg * np.sum(self.params['W%d' % l] ** 2)
            loss += 0.5 * self.reg * np.sum(self.params['b%d' % l] ** 2)

        dh, grads['W%d' % L], grads['b%d' % L] = affine_backward(dscores, cache['affine%d' % L])
        for l in range(L - 1, 0, -1):
            if self.use_dropout:
                dh = dropout_backward(dh, cache['dropout%d' % l])
            dh = relu_backward(dh, cache['relu%d' % l])
            if self.normalization == 'batchnorm':
                dh, grads['gamma%d' % l], grads['beta%d' % l] = batchnorm_backward_alt(dh, cache['norm%d' % l])
            elif self.normalization == 'layernorm':
                dh, grads['gamma%d' % l], grads['beta%d' % l] = layernorm_backward(dh, cache['norm%d' % l])
            dh, grads['W%d' % l], grads['b%d' % l] = affine_backward(dh, cache['affine%d' % l])
        for l in range(1, L + 1):
            grads['W%d' % l] += self.reg * self.params['W%d' % l]
            grads['b%d' % l] += self.reg * self.params['b%d' % l]

        return loss, grads

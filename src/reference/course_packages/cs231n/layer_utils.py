"""The course's sandwich layers: a forward that chains two or three layers and keeps their caches, and
the backward that unwinds them. Built on whatever ``layers`` the package holds (the learner's own)."""

from reference.course_packages.cs231n.fast_layers import (
    conv_backward_fast,
    conv_forward_fast,
    max_pool_backward_fast,
    max_pool_forward_fast,
)

from .layers import *  # noqa: F403 -- the package's own layers, the learner's in a learner's package


def affine_relu_forward(x, w, b):
    a, fc_cache = affine_forward(x, w, b)  # noqa: F405
    out, relu_cache = relu_forward(a)  # noqa: F405
    return out, (fc_cache, relu_cache)


def affine_relu_backward(dout, cache):
    fc_cache, relu_cache = cache
    return affine_backward(relu_backward(dout, relu_cache), fc_cache)  # noqa: F405


def conv_relu_forward(x, w, b, conv_param):
    a, conv_cache = conv_forward_fast(x, w, b, conv_param)
    out, relu_cache = relu_forward(a)  # noqa: F405
    return out, (conv_cache, relu_cache)


def conv_relu_backward(dout, cache):
    conv_cache, relu_cache = cache
    return conv_backward_fast(relu_backward(dout, relu_cache), conv_cache)  # noqa: F405


def conv_bn_relu_forward(x, w, b, gamma, beta, conv_param, bn_param):
    a, conv_cache = conv_forward_fast(x, w, b, conv_param)
    an, bn_cache = spatial_batchnorm_forward(a, gamma, beta, bn_param)  # noqa: F405
    out, relu_cache = relu_forward(an)  # noqa: F405
    return out, (conv_cache, bn_cache, relu_cache)


def conv_bn_relu_backward(dout, cache):
    conv_cache, bn_cache, relu_cache = cache
    dan, dgamma, dbeta = spatial_batchnorm_backward(relu_backward(dout, relu_cache), bn_cache)  # noqa: F405
    dx, dw, db = conv_backward_fast(dan, conv_cache)
    return dx, dw, db, dgamma, dbeta


def conv_relu_pool_forward(x, w, b, conv_param, pool_param):
    a, conv_cache = conv_forward_fast(x, w, b, conv_param)
    s, relu_cache = relu_forward(a)  # noqa: F405
    out, pool_cache = max_pool_forward_fast(s, pool_param)
    return out, (conv_cache, relu_cache, pool_cache)


def conv_relu_pool_backward(dout, cache):
    conv_cache, relu_cache, pool_cache = cache
    da = relu_backward(max_pool_backward_fast(dout, pool_cache), relu_cache)  # noqa: F405
    return conv_backward_fast(da, conv_cache)

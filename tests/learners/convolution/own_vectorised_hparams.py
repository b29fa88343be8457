#!/usr/bin/env python
# coding: utf-8

# # My convolution layer

# In[1]:


import numpy as np


# In[2]:


def zero_pad(X, pad):
    return np.pad(X, [(0, 0), (pad, pad), (pad, pad), (0, 0)])


# In[3]:


np.random.seed(1)
x = np.random.randn(4, 3, 3, 2)
x_pad = zero_pad(x, 3)
print ("x.shape =\n", x.shape)
print ("x_pad.shape =\n", x_pad.shape)
print ("x[1,1] =\n", x[1, 1])
print ("x_pad[1,1] =\n", x_pad[1, 1])


# In[4]:


def conv_single_step(a_slice, W, b):
    return np.sum(a_slice * W) + b.item()


# In[5]:


np.random.seed(1)
a_slice_prev = np.random.randn(4, 4, 3)
W = np.random.randn(4, 4, 3)
b = np.random.randn(1, 1, 1)

Z = conv_single_step(a_slice_prev, W, b)
print("Z =", Z)


# In[6]:


def conv_forward(A_prev, W, b, hparams):
    """One loop per output position; every example and filter at once."""
    s, p = hparams["stride"], hparams["pad"]
    m, H, Wd, _ = A_prev.shape
    f, _, _, n_C = W.shape
    n_H, n_W = (H + 2 * p - f) // s + 1, (Wd + 2 * p - f) // s + 1
    X = zero_pad(A_prev, p)
    Z = np.empty((m, n_H, n_W, n_C))
    for h in range(n_H):
        for w in range(n_W):
            patch = X[:, h * s:h * s + f, w * s:w * s + f, :]
            Z[:, h, w, :] = np.einsum('mijc,ijcn->mn', patch, W) + b.reshape(1, n_C)
    return Z, (A_prev, W, b, hparams)


# In[7]:


np.random.seed(1)
A_prev = np.random.randn(2, 5, 7, 4)
W = np.random.randn(3, 3, 4, 8)
b = np.random.randn(1, 1, 1, 8)
hparameters = {"pad" : 1,
               "stride": 2}

Z, cache_conv = conv_forward(A_prev, W, b, hparameters)
print("Z's mean =\n", np.mean(Z))
print("Z[0,2,1] =\n", Z[0, 2, 1])
print("cache_conv[0][1][2][3] =\n", cache_conv[0][1][2][3])


# In[8]:


def pool_forward(A_prev, hparams, mode="max"):
    f, s = hparams["f"], hparams["stride"]
    m, H, Wd, n_C = A_prev.shape
    n_H, n_W = (H - f) // s + 1, (Wd - f) // s + 1
    A = np.empty((m, n_H, n_W, n_C))
    reduce = np.max if mode == "max" else np.mean
    for h in range(n_H):
        for w in range(n_W):
            A[:, h, w, :] = reduce(A_prev[:, h * s:h * s + f, w * s:w * s + f, :], axis=(1, 2))
    return A, (A_prev, hparams)


# In[9]:


np.random.seed(1)
A_prev = np.random.randn(2, 5, 5, 3)
hparameters = {"stride" : 1, "f": 3}

A, cache = pool_forward(A_prev, hparameters, mode = "max")
print("mode = max")
print("A.shape = " + str(A.shape))
print("A[1, 1] =\n", A[1, 1])
A, cache = pool_forward(A_prev, hparameters, mode = "average")
print("mode = average")
print("A.shape = " + str(A.shape))
print("A[1, 1] =\n", A[1, 1])


# In[10]:


def conv_backward(dZ, cache):
    A_prev, W, b, hparams = cache
    s, p = hparams["stride"], hparams["pad"]
    m, H, Wd, _ = A_prev.shape
    f = W.shape[0]
    _, n_H, n_W, _ = dZ.shape
    X = zero_pad(A_prev, p)
    dX = np.zeros_like(X)
    dW = np.zeros_like(W)
    for h in range(n_H):
        for w in range(n_W):
            rows, cols = slice(h * s, h * s + f), slice(w * s, w * s + f)
            dX[:, rows, cols, :] += np.einsum('mn,ijcn->mijc', dZ[:, h, w, :], W)
            dW += np.einsum('mijc,mn->ijcn', X[:, rows, cols, :], dZ[:, h, w, :])
    db = dZ.sum(axis=(0, 1, 2)).reshape(b.shape)
    dA_prev = dX[:, p:p + H, p:p + Wd, :]
    return dA_prev, dW, db


# In[11]:


np.random.seed(1)
A_prev = np.random.randn(10, 4, 4, 3)
W = np.random.randn(2, 2, 3, 8)
b = np.random.randn(1, 1, 1, 8)
hparameters = {"pad" : 2,
               "stride": 2}
Z, cache_conv = conv_forward(A_prev, W, b, hparameters)

dA, dW, db = conv_backward(Z, cache_conv)
print("dA_mean =", np.mean(dA))
print("dW_mean =", np.mean(dW))
print("db_mean =", np.mean(db))


# In[12]:


def create_mask_from_window(x):
    return x == x.max()


# In[13]:


np.random.seed(1)
x = np.random.randn(2, 3)
mask = create_mask_from_window(x)
print('x = ', x)
print("mask = ", mask)


# In[14]:


def distribute_value(dz, shape):
    return np.full(shape, dz / np.prod(shape))


# In[15]:


a = distribute_value(2, (2, 2))
print('distributed value =', a)


# In[16]:


def pool_backward(dA, cache, mode="max"):
    A_prev, hparams = cache
    f, s = hparams["f"], hparams["stride"]
    dA_prev = np.zeros_like(A_prev)
    m, n_H, n_W, n_C = dA.shape
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                for c in range(n_C):
                    window = A_prev[i, h * s:h * s + f, w * s:w * s + f, c]
                    if mode == "max":
                        piece = create_mask_from_window(window) * dA[i, h, w, c]
                    else:
                        piece = distribute_value(dA[i, h, w, c], (f, f))
                    dA_prev[i, h * s:h * s + f, w * s:w * s + f, c] += piece
    return dA_prev


# In[17]:


np.random.seed(1)
A_prev = np.random.randn(5, 5, 3, 2)
hparameters = {"stride" : 1, "f": 2}
A, cache = pool_forward(A_prev, hparameters)
dA = np.random.randn(5, 4, 2, 2)

dA_prev1 = pool_backward(dA, cache, mode = "max")
print("mode = max")
print('mean of dA = ', np.mean(dA))
print('dA_prev1[1,1] = ', dA_prev1[1, 1])
dA_prev2 = pool_backward(dA, cache, mode = "average")
print("mode = average")
print('mean of dA = ', np.mean(dA))
print('dA_prev2[1,1] = ', dA_prev2[1, 1])



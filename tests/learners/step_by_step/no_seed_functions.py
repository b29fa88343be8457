# data.py -- loading and looking at the cat pictures for the week 4 application.
# (The network itself is in my notebook; this file only prepares the data.)
import numpy as np
import h5py
import matplotlib.pyplot as plt


def load_data(folder="datasets"):
    with h5py.File(folder + "/train_catvnoncat.h5", "r") as train:
        train_x_orig = np.array(train["train_set_x"][:])
        train_y = np.array(train["train_set_y"][:]).reshape(1, -1)
    with h5py.File(folder + "/test_catvnoncat.h5", "r") as test:
        test_x_orig = np.array(test["test_set_x"][:])
        test_y = np.array(test["test_set_y"][:]).reshape(1, -1)
        classes = np.array(test["list_classes"][:])
    return train_x_orig, train_y, test_x_orig, test_y, classes


def flatten(x_orig):
    # (m, 64, 64, 3) -> (12288, m), pixels scaled to [0, 1]
    return x_orig.reshape(x_orig.shape[0], -1).T / 255.


def show(x_orig, y, classes, index):
    plt.imshow(x_orig[index])
    plt.title("y = " + str(y[0, index]) + ", a '" + classes[y[0, index]].decode("utf-8") + "' picture")
    plt.show()


train_x_orig, train_y, test_x_orig, test_y, classes = load_data()
train_x, test_x = flatten(train_x_orig), flatten(test_x_orig)
print("train_x's shape: " + str(train_x.shape))
print("test_x's shape: " + str(test_x.shape))
show(train_x_orig, train_y, classes, 10)

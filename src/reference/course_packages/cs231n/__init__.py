"""Stanford CS231n's ``cs231n`` package, rebuilt: what the course gave its students besides the files
they complete (``layers.py``, ``rnn_layers.py``, the classifiers).

Served to a learner's package that lacks one of ``SUPPLIED``, under the learner's package name: there
``from .layers import *`` reaches the learner's own layers (the course's ``affine_relu_forward`` calls
the learner's ``affine_forward``, as in the course). Here, on its own, ``layers`` is manual_dnn's. So a
module here imports relatively only what learners write (``layers``, ``optim``'s update rules), and
its own helpers by their full name: the learner's folder may hold the course's files of the same name.
"""

# The course's own modules (layout of 2016-2025): helpers, fast layers with the Cython module's
# functions in numpy, the gradient checks, the update rules and the solver, the data loaders.
SUPPLIED = ("layer_utils", "fast_layers", "im2col", "im2col_cython", "gradient_check", "optim", "solver",
            "data_utils", "vis_utils")

"""Stanford CS231n, assignments 1-3, as one assignment of the engine: every function its students write
in the course's ``cs231n`` package, each row saying the file it lives in (its ``notebook``), so that a
file, or a package folder, lacks only what its own files should hold.

``layers.py``: every forward judged against its JAX math, every backward against the VJP of that math
through the learner's *own* cache (``from_learner``: the cache its forward made, the course's fallback
said in a note), on non-square images, strides and pads, gamma and beta far from 1 and 0. Batch
normalisation's forward is judged in train and test mode. Dropout's backward is judged with the mask
the learner's own forward applied (its ``out / x``), held fixed. The version a file follows decides two
verdicts: dropout's ``p`` (2016-2017: the probability of dropping a unit; from 2018: of keeping it) and
whether layer and group normalisation are there at all (added in 2018).
"""

from reference.assignments.cs231n.classifiers import ALIASES, CLASSIFIERS
from reference.assignments.cs231n.layers import LAYERS
from reference.assignments.cs231n.points import POINTS
from reference.assignments.cs231n.rnn import SEQUENCES
from reference.engine.assignment import Assignment
from reference.engine.declarations import Lazy

__all__ = ["ASSIGNMENT"]

ASSIGNMENT = Assignment(
    "cs231n", "CS231n's cs231n package: layers.py, rnn_layers.py and the classifiers",
    "Stanford CS231n, assignments 1-3", functions=(*LAYERS, *CLASSIFIERS, *SEQUENCES), points=POINTS,
    reference="manual_dnn.cs231n",
    versions=("2016 (0.5 reg in the linear classifiers)", "2016-2017 (dropout p drops; use_batchnorm)",
              "2018 on (p keeps; layer and group norm; normalization=)", "2020 on (the two-layer net in fc_net.py)"),
    package="reference.course_packages.cs231n",
    aliases={"x": ("X", "scores", "inputs"), "dout": ("dy", "grad", "upstream"), **ALIASES},
    explain=Lazy("reference.assignments.cs231n.explain", "explain"))

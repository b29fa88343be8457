"""manual_dnn's layers, for the rebuilt modules run on their own (never served to a learner: their
``layers.py`` is theirs)."""

from manual_dnn.cs231n_layers import *  # noqa: F403
from manual_dnn.cs231n_layers import __all__  # noqa: F401

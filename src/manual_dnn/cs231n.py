"""Stanford CS231n's ``cs231n`` package, hand-written in numpy: every function its students write, in one
namespace (what ``manual-dnn gradcheck --assignment cs231n`` checks)."""

from manual_dnn.cs231n_captioning import *  # noqa: F403
from manual_dnn.cs231n_captioning import __all__ as _captioning
from manual_dnn.cs231n_classifiers import *  # noqa: F403
from manual_dnn.cs231n_classifiers import __all__ as _classifiers
from manual_dnn.cs231n_layers import *  # noqa: F403
from manual_dnn.cs231n_layers import __all__ as _layers
from manual_dnn.cs231n_networks import *  # noqa: F403
from manual_dnn.cs231n_networks import __all__ as _networks
from manual_dnn.cs231n_rnn_layers import *  # noqa: F403
from manual_dnn.cs231n_rnn_layers import __all__ as _rnn_layers

__all__ = [*_layers, *_classifiers, *_networks, *_rnn_layers, *_captioning]

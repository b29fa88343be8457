"""The JAX oracles a check will run, started in the background before it needs them.

Loading a kept executable takes milliseconds, compiling one (the first time) a good part of a
second; either way XLA works without Python's lock, so while the check computes its points and
calls the learner's first functions, two background threads get the oracles ready
(oracles/executables.py). Only the oracles of the functions to be judged: a fragment of three
functions starts no more than those need.
"""

from reference.checks.application_checks import DEEP_DIMS, EXAMPLES, TWO_LAYER_DIMS
from reference.checks.points import KINK_SHAPE
from reference.oracles import jax_network, jax_training

__all__ = ["prefetch_oracles"]

NETWORK = {"L_model_forward", "L_model_backward", "predict"}
LOOPS = {"two_layer_model": TWO_LAYER_DIMS, "L_layer_model": DEEP_DIMS}


def prefetch_oracles(functions, layer_dims, m):
    """Start the oracles of the whole network for ``functions`` (names of the seed functions to be
    judged), in the order the checks reach them; ``layer_dims`` and ``m``: the network's check point.
    The per-layer functions' programs are the engine's (reference/engine/oracles.py)."""
    functions = set(functions)
    try:
        jax_network.prefetch(activations=KINK_SHAPE if "relu_backward" in functions else None,
                             network=(list(layer_dims), m) if functions & NETWORK else None)
        for name, dims in LOOPS.items():
            if name in functions:
                jax_training.prefetch(list(dims), EXAMPLES)
    except Exception:  # only ever a head start: an oracle that cannot start early compiles when it is called
        pass

"""The cost as a function of one slot of the network, for numerical checks.

A slot is what one key of L_model_backward's grads differentiates: W{l} and
b{l} (the mean cost J), or A{l} (the summed loss m·J, as the seed's dA{l};
A0 is X). Layers before the slot are computed once and reused.
"""

from dataclasses import dataclass

import numpy as np

from reference.oracles.numpy_network import cost, forward
from reference.tolerances import SATURATION

__all__ = ["Slot", "slot"]


@dataclass
class Slot:
    value: np.ndarray  # the slot's value at the check point
    f: object  # x -> cost with the slot set to x (complex-safe)
    pattern: object  # x -> the ReLU masks below the slot, or None where AL saturates
    first_z: object  # x -> the first pre-activation the slot feeds (Z[l], or Z[l+1] for A[l])
    axis: int  # the axis of ``value`` that indexes rows of first_z's output (0 for W/b, 1 for A)

    def valid_between(self, x, *others):
        """True when no ReLU input crosses 0 and AL stays clear of 0 and 1."""
        base = self.pattern(x)
        return base is not None and all(self.pattern(o) == base for o in others)

    def away_from_kinks(self, v, eps):
        """``v`` with the parts zeroed that would move a ReLU input they feed across 0.

        For W{l}/b{l} those are rows (units of layer l), for A{l} columns
        (examples). Returns None when nothing would be left.
        """
        z0 = self.first_z(self.value)
        crossed = np.zeros(z0.shape, bool)
        for sign in (1, -1):
            crossed |= (self.first_z(self.value + sign * eps * v) > 0) != (z0 > 0)
        crossed |= z0 == 0
        if self.axis == 0:
            v = np.where(crossed.any(axis=1)[:, None], 0.0, v)
        else:
            v = np.where(crossed.any(axis=0)[None, :], 0.0, v)
        # No renormalising: scaling v up would move other inputs further.
        return v if v.any() else None


def slot(X, weights, Y, key):
    """Slot for a grads key: "dW2", "db2" or "dA1"."""
    kind, l = key[1], int(key[2:])
    m = X.shape[1]
    if kind == "A":
        start, inputs = l + 1, None
        value = _activations(X, weights, l)
    else:
        start, inputs = l, _activations(X, weights, l - 1)
        value = weights[l - 1][0 if kind == "W" else 1]

    def run(x):
        if kind == "A":
            return forward(x, weights, start=start)
        trial = list(weights)
        trial[l - 1] = (x, weights[l - 1][1]) if kind == "W" else (weights[l - 1][0], x)
        return forward(inputs, trial, start=start)

    scale = m if kind == "A" else 1

    def f(x):
        return scale * cost(run(x)[0], Y)

    def pattern(x):
        AL, Zs = run(np.real(x))
        if (np.minimum(AL, 1 - AL) < SATURATION).any():
            return None
        return tuple((Z > 0).tobytes() for Z in Zs[:-1])

    def first_z(x):
        return run(np.real(x))[1][0]

    return Slot(value.copy(), f, pattern, first_z, 1 if kind == "A" else 0)


def _activations(X, weights, l):
    """A[l], the output of ReLU layer l (A0 = X); l < L."""
    A = X
    for W, b in weights[:l]:
        A = np.maximum(W @ A + b, 0)
    return A

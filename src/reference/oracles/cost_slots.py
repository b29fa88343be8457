"""The cost as a function of one slot of the network, for numerical checks.

A slot is what one key of L_model_backward's grads differentiates: W{l} and
b{l} (the mean cost J), or A{l} (the summed loss m·J, as the seed's dA{l};
A0 is X). Layers before the slot are computed once and reused.

Along a direction v the first pre-activation the slot feeds moves linearly,
Z(value + h v) = Z + h dZ(v) (for W{l}: dZ = v A[l-1]; b{l}: v; A{l}: W[l+1] v),
so a ``Line`` computes that one product once and each evaluation of the cost
runs only the layers after it: the same function J at the same points, with
no product at the cat network's 12288 inputs per evaluation (and no rounding
of value + h v). ``parameters_line`` does the same for every W and b at once.
"""

from dataclasses import dataclass

import numpy as np

from reference.oracles.numpy_network import cost, forward, forward_from_z
from reference.tolerances import SATURATION

__all__ = ["Slot", "Line", "slot", "parameters_line"]


@dataclass
class Line:
    """h -> the network at point + h v, for real or complex h."""

    z0: np.ndarray  # the first pre-activation the direction moves, at h = 0
    dz: np.ndarray  # how it moves per unit of h
    rest: object  # (h, Z) -> (AL, [Z, ...]): the layers from that pre-activation on
    Y: np.ndarray
    scale: float = 1.0  # m for a dA slot (the summed loss), 1 for parameters

    def run(self, h):
        return self.rest(h, self.z0 + h * self.dz)

    def f(self, h):
        """The cost at point + h v (complex-safe)."""
        return self.scale * cost(self.run(h)[0], self.Y)

    def pattern(self, h):
        """The ReLU masks at point + h v, or None where AL saturates."""
        AL, Zs = self.run(np.real(h))
        if (np.minimum(AL, 1 - AL) < SATURATION).any():
            return None
        return tuple((Z > 0).tobytes() for Z in Zs[:-1])

    def valid_between(self, *hs):
        """True when no ReLU input crosses 0 and AL stays clear of 0 and 1 between these points."""
        base = self.pattern(hs[0])
        return base is not None and all(self.pattern(h) == base for h in hs[1:])


@dataclass
class Slot:
    value: np.ndarray  # the slot's value at the check point
    f: object  # x -> cost with the slot set to x (complex-safe)
    z0: np.ndarray  # the first pre-activation the slot feeds (Z[l], or Z[l+1] for A[l]), at the point
    response: object  # v -> how that pre-activation moves per unit step along v (a product)
    along_response: object  # (v, dz) -> the Line through the point along v
    axis: int  # the axis of ``value`` that indexes rows of z0 (0 for W/b, 1 for A)

    def along(self, v, dz=None):
        """The Line through the point along ``v`` (``dz``: its response, if known)."""
        return self.along_response(v, self.response(v) if dz is None else dz)

    def away_from_kinks(self, v, dz, eps):
        """(v, dz) with the parts zeroed that would move a ReLU input they feed across 0.

        For W{l}/b{l} those are rows (units of layer l), for A{l} columns
        (examples); a row (column) of v moves only the same row (column) of the
        pre-activation, so dz is zeroed alike. Returns None when nothing would be left.
        """
        crossed = self.z0 == 0
        for sign in (1, -1):
            crossed |= (self.z0 + sign * eps * dz > 0) != (self.z0 > 0)
        if self.axis == 0:
            keep = ~crossed.any(axis=1)[:, None]
        else:
            keep = ~crossed.any(axis=0)[None, :]
        if keep.all():
            return v, dz
        v, dz = v * keep, dz * keep
        # No renormalising: scaling v up would move other inputs further.
        return (v, dz) if v.any() else None


def slot(X, weights, Y, key, activations=None):
    """Slot for a grads key: "dW2", "db2" or "dA1". ``activations``: [A0 = X, A1, ..., A(L-1)]
    if already computed (the forward pass at the cat network's size, once for every slot)."""
    kind, l = key[1], int(key[2:])
    m = X.shape[1]
    activations = activations or _activations(X, weights)
    if kind == "A":
        start, inputs = l + 1, None
        value = activations[l]
        W_next, b_next = weights[l]
        z0 = W_next @ value + b_next
        response = lambda v: W_next @ v
    else:
        start, inputs = l, activations[l - 1]
        W, b = weights[l - 1]
        value = W if kind == "W" else b
        z0 = W @ inputs + b
        response = (lambda v: v @ inputs) if kind == "W" else (lambda v: np.broadcast_to(v, z0.shape).copy())

    def run(x):
        if kind == "A":
            return forward(x, weights, start=start)
        trial = list(weights)
        trial[l - 1] = (x, weights[l - 1][1]) if kind == "W" else (weights[l - 1][0], x)
        return forward(inputs, trial, start=start)

    scale = m if kind == "A" else 1

    def f(x):
        return scale * cost(run(x)[0], Y)

    def along_response(v, dz):
        return Line(z0, dz, lambda h, Z: forward_from_z(Z, weights, start), Y, scale)

    return Slot(value.copy(), f, z0, response, along_response, 1 if kind == "A" else 0)


def parameters_line(X, weights, Y, directions):
    """The Line through the point along ``directions`` [(vW1, vb1), ...], every W and b at once:
    Z1 + h (vW1 X + vb1) from one product, then layers 2..L at W + h vW, b + h vb."""
    W1, b1 = weights[0]
    vW1, vb1 = directions[0]

    def rest(h, Z1):
        moved = [(W + h * vW, b + h * vb) for (W, b), (vW, vb) in zip(weights[1:], directions[1:])]
        return forward_from_z(Z1, [weights[0], *moved], 1)

    return Line(W1 @ X + b1, vW1 @ X + vb1, rest, Y)


def _activations(X, weights):
    """[A0 = X, A1, ..., A(L-1)]: the inputs of every layer."""
    As = [X]
    for W, b in weights[:-1]:
        As.append(np.maximum(W @ As[-1] + b, 0))
    return As

"""Where the checks run: points at which the network is alive.

Bugs hide at dull points: a dead ReLU unit has zero gradient whatever the
code, a saturated output flattens every gradient, and a dropped bias is
invisible when b = 0. So check points use weights randn / sqrt(fan_in),
nonzero biases (positive in ReLU layers, to keep units active) and inputs in
[0, 1] like pixels. Biases are then nudged so that no ReLU unit is dead and no ReLU
input lies within KINK_MARGIN of 0; a point still degenerate is redrawn.
"""

from dataclasses import dataclass, field

import numpy as np

from reference.oracles.numpy_network import forward
from reference.tolerances import KINK_MARGIN, SATURATION

__all__ = ["NetworkPoint", "network_point", "KINK_SHAPE", "degeneracies", "liven"]

MAX_DRAWS = 20


@dataclass
class NetworkPoint:
    """X (n_x, m), Y (1, m), weights [(W1, b1), ...], and how it was found."""

    X: np.ndarray
    Y: np.ndarray
    weights: list
    draws: int = 1
    notes: list = field(default_factory=list)

    @property
    def layer_dims(self):
        return [self.X.shape[0]] + [W.shape[0] for W, _ in self.weights]

    @property
    def parameters(self):
        """The seed's dict W1..WL, b1..bL (fresh copies)."""
        params = {}
        for l, (W, b) in enumerate(self.weights, start=1):
            params[f"W{l}"], params[f"b{l}"] = W.copy(), b.copy()
        return params


def _draw_weights(rng, dims):
    weights = []
    for l in range(1, len(dims)):
        W = rng.randn(dims[l], dims[l - 1]) / np.sqrt(dims[l - 1])
        low, high = (0.05, 0.5) if l < len(dims) - 1 else (-0.5, 0.5)
        b = rng.uniform(low, high, (dims[l], 1))
        b[np.abs(b) < 0.05] = 0.05  # never a zero bias: it hides a dropped b
        weights.append((W, b))
    return weights


def degeneracies(X, weights):
    """What makes a point dull or invalid for gradient checks, as sentences."""
    AL, Zs = forward(X, weights)
    problems = []
    for l, Z in enumerate(Zs[:-1], start=1):
        dead = int((Z <= 0).all(axis=1).sum())
        if dead:
            problems.append(f"{dead} dead ReLU unit(s) in layer {l}")
        if (Z == 0).any():
            problems.append(f"a ReLU input exactly 0 in layer {l}")
    if (np.minimum(AL, 1 - AL) < SATURATION).any():
        problems.append("AL saturated (within rounding of 0 or 1)")
    return problems


def liven(X, weights, margin=KINK_MARGIN):
    """Shift ReLU biases so that every unit is active on some example and no
    unit's input is within ``margin`` of 0 (finite differences then never
    straddle a kink). Layer by layer, since each shift moves the layers above."""
    A = X
    for W, b in weights[:-1]:
        Z = W @ A + b
        for i, row in enumerate(Z):
            if row.max() <= 0:  # dead: lift its largest input to 0.1
                b[i, 0] += 0.1 - row.max()
                row = row + 0.1 - row.max()
            b[i, 0] -= _nearest_clear_point(row, margin)
        A = np.maximum(W @ A + b, 0)
    return weights


def _nearest_clear_point(values, margin):
    """The p closest to 0 with every |value - p| >= margin."""
    edges = np.sort(values)
    candidates = np.concatenate([[0.0], edges - margin, edges + margin])
    candidates = candidates[np.argsort(np.abs(candidates))]
    for p in candidates:
        if np.abs(values - p).min() >= margin * (1 - 1e-9):
            return p
    return 0.0


def network_point(layer_dims, m, seed, X=None, Y=None):
    """A live check point; X and Y are drawn (pixels in [0, 1], labels 0/1) unless given."""
    rng = np.random.RandomState(seed)
    if X is None:
        X = rng.uniform(0, 1, (layer_dims[0], m))
        Y = rng.randint(0, 2, (1, m)).astype(np.float64)
    first_problems = None
    for draw in range(1, MAX_DRAWS + 1):  # noqa: B007 -- the count of draws is kept in the point
        weights = liven(X, _draw_weights(rng, layer_dims))
        problems = degeneracies(X, weights)
        if not problems:
            break
        first_problems = first_problems or problems
    point = NetworkPoint(X, Y, weights, draws=draw)
    if draw > 1:
        point.notes.append(f"redrew the parameters {draw - 1} time(s): {'; '.join(first_problems)}")
    if problems:
        point.notes.append(f"still degenerate after {MAX_DRAWS} draws: {'; '.join(problems)}")
    return point


KINK_SHAPE = (3, 5)  # relu_backward is also judged at a point where Z holds 0s (assignments/dnn/custom.py)

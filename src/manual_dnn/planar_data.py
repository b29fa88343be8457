"""The "flower" of course 1, week 3: 400 points in the plane, two classes in alternating petals.

The course's ``planar_utils.load_planar_dataset`` seeds numpy's global generator with 1
and draws the petals from it; here a local ``RandomState(1)`` draws the same stream.
"""

import numpy as np

PETALS = 4  # the flower's maximum radius, and sin(4 t) gives it its petals
NOISE = 0.2  # standard deviation of the noise on the angle and on the radius


def load_planar_dataset(m=400, *, seed=1):
    """X (2, m) points and Y (1, m) uint8 labels: class j fills angles [3.12 j, 3.12 (j + 1)].

    For each class in turn, m/2 angles t (evenly spaced, plus noise) and radii
    r = 4 sin(4 t) (plus noise) are drawn; the point is (r sin t, r cos t).
    """
    if m <= 0 or m % 2:
        raise ValueError(f"m must be a positive even number (two classes of m/2 points), got {m!r}")
    rng = np.random.RandomState(seed)
    per_class = m // 2
    points, labels = [], []
    for j in range(2):
        t = np.linspace(j * 3.12, (j + 1) * 3.12, per_class) + rng.randn(per_class) * NOISE  # angles
        r = PETALS * np.sin(4 * t) + rng.randn(per_class) * NOISE  # radii
        points.append(np.stack([r * np.sin(t), r * np.cos(t)]))
        labels.append(np.full(per_class, j, dtype=np.uint8))
    X = np.concatenate(points, axis=1)
    Y = np.concatenate(labels)[np.newaxis, :]
    return X, Y

"""Input validation shared by the public functions.

Most checks look only at shapes, dtypes and keys -- O(1) per call -- so the
training loop does not notice them. They turn numpy's broadcasting surprises
into a ValueError that names the argument and the shapes. ``require_finite``
reads every value once: it guards the entry points (training, predict), not
each step.
"""

import numpy as np


def as_matrix(name, x):
    """Return ``x`` as a 2-D numpy array, or raise naming ``name``."""
    x = np.asarray(x)
    if x.ndim != 2:
        raise ValueError(f"{name} must be a 2-D array, got shape {x.shape}")
    return x


def require_examples(name, x):
    """Raise unless the 2-D array ``x`` has at least one example (column)."""
    if x.shape[1] == 0:
        raise ValueError(f"{name} has no examples (shape {x.shape}): m must be at least 1")


def require_same_shape(name, x, other_name, other):
    if np.shape(x) != np.shape(other):
        raise ValueError(
            f"{name} has shape {np.shape(x)} but {other_name} has shape {np.shape(other)}: "
            "they must match"
        )


def require_activation(activation):
    if activation not in ("relu", "sigmoid"):
        raise ValueError(f"activation must be 'relu' or 'sigmoid', got {activation!r}")


def require_layer_dims(name, dims):
    """Raise unless ``dims`` is a non-empty sequence of positive integers."""
    dims = list(dims)
    if len(dims) < 2:
        raise ValueError(f"{name} needs at least 2 sizes (input and output), got {dims}")
    for size in dims:
        if isinstance(size, bool) or not isinstance(size, (int, np.integer)) or size <= 0:
            raise ValueError(f"{name} must hold positive integers, got {dims}")
    return dims


def count_layers(parameters):
    """Return L for a dict holding exactly W1..WL and b1..bL, else raise."""
    if not isinstance(parameters, dict) or not parameters:
        raise ValueError("parameters must be a non-empty dict with keys W1..WL and b1..bL")
    L = len(parameters) // 2
    expected = {f"{p}{l}" for l in range(1, L + 1) for p in ("W", "b")}
    if len(parameters) % 2 or set(parameters) != expected:
        raise ValueError(
            f"parameters keys {sorted(parameters)} do not form W1..WL and b1..bL"
        )
    return L


def require_finite(name, x):
    """Raise unless every value of the numeric array ``x`` is finite (no NaN, no inf)."""
    x = np.asarray(x)
    if x.dtype.kind not in "biuf":
        raise ValueError(f"{name} must hold numbers, got dtype {x.dtype}")
    if x.dtype.kind == "f" and not np.isfinite(x).all():
        nan, inf = np.count_nonzero(np.isnan(x)), np.count_nonzero(np.isinf(x))
        raise ValueError(f"{name} holds {nan} NaN and {inf} infinite values: every value must be finite")
    return x


def require_learning_rate(learning_rate):
    """Raise unless ``learning_rate`` is one finite number (NaN or inf would make every cost NaN)."""
    rate = np.asarray(learning_rate)
    if rate.ndim != 0 or rate.dtype.kind not in "iuf" or not np.isfinite(rate):
        raise ValueError(f"learning_rate must be a finite number, got {learning_rate!r}")


def require_keys(name, mapping, keys):
    """Raise unless the dict ``mapping`` holds every one of ``keys``."""
    if not isinstance(mapping, dict):
        raise ValueError(f"{name} must be a dict with keys {', '.join(keys)}, got {type(mapping).__name__}")
    missing = [k for k in keys if k not in mapping]
    if missing:
        raise ValueError(f"{name} has no {', '.join(missing)} (it has {', '.join(map(str, mapping)) or 'nothing'})")


def as_sequence(name, x):
    """Return ``x`` as a 3-D numpy array (n, m, T_x), or raise naming ``name``."""
    x = np.asarray(x)
    if x.ndim != 3:
        raise ValueError(f"{name} must be a 3-D array (n, m, T_x), got shape {x.shape}")
    return x


def require_shape(name, x, shape):
    """Raise unless ``x`` has exactly ``shape``."""
    if np.shape(x) != tuple(shape):
        raise ValueError(f"{name} has shape {np.shape(x)}, expected {tuple(shape)}")

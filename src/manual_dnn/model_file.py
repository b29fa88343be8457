"""Saving and loading trained parameters as a plain .npz file.

The file holds W1..WL, b1..bL and ``layer_dims``; it is written to a
temporary file and renamed, so an interrupted save never leaves a broken
file where a good one was, and it is read with ``allow_pickle=False``.
"""

import os
import tempfile
import zipfile
from pathlib import Path

import numpy as np


class ModelFileError(ValueError):
    """A model file is missing, unsafe or does not describe a network."""


def save_model(path, parameters, layer_dims):
    """Write ``parameters`` and ``layer_dims`` to ``path`` atomically."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "wb") as f:
            np.savez(f, layer_dims=np.asarray(layer_dims, dtype=np.int64), **parameters)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def load_model(path):
    """Read a model file; returns (parameters, layer_dims). Never unpickles."""
    path = Path(path)
    if not path.is_file():
        raise ModelFileError(f"{path}: no such model file")
    if not zipfile.is_zipfile(path):  # np.load would try to unpickle anything else
        raise ModelFileError(f"{path}: not an .npz model file")
    try:
        with np.load(path, allow_pickle=False) as archive:
            arrays = {name: archive[name] for name in archive.files}
    except ValueError as error:
        if "allow_pickle" in str(error):
            raise ModelFileError(f"{path}: holds pickled objects; refusing to load it") from None
        raise ModelFileError(f"{path}: not a model file ({error})") from None
    except (OSError, zipfile.BadZipFile, EOFError):
        raise ModelFileError(f"{path}: not an .npz model file") from None
    if "layer_dims" not in arrays:
        raise ModelFileError(f"{path}: no 'layer_dims' array, so not a manual-dnn model")
    dims = [int(d) for d in arrays.pop("layer_dims").ravel()]
    L = len(dims) - 1
    expected = {f"{p}{l}": shape for l in range(1, L + 1)
                for p, shape in (("W", (dims[l], dims[l - 1])), ("b", (dims[l], 1)))}
    if L < 1 or set(arrays) != set(expected):
        raise ModelFileError(f"{path}: arrays {sorted(arrays)} do not match layer_dims {dims}")
    for name, shape in expected.items():
        if arrays[name].shape != shape or arrays[name].dtype.kind != "f":
            raise ModelFileError(
                f"{path}: {name} is {arrays[name].shape} {arrays[name].dtype}, expected {shape} float"
            )
    return {name: arrays[name] for name in expected}, dims

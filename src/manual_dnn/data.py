"""The course's cat / non-cat images: loading and the notebook's preparation.

Each h5 file holds ``{split}_set_x`` (m, 64, 64, 3) uint8, ``{split}_set_y``
(m,) integer labels in {0, 1} and ``list_classes`` [b'non-cat', b'cat'].
"""

import os
from pathlib import Path

import numpy as np

FILES = {"train": "train_catvnoncat.h5", "test": "test_catvnoncat.h5"}
IMAGE_SHAPE = (64, 64, 3)


class DataError(ValueError):
    """A data file is missing or is not what the course's loader expects."""


def resolve_data_dir(data_dir=None):
    """The folder to read: ``data_dir``, else $MANUAL_DNN_DATA, else ./datasets."""
    return Path(data_dir or os.environ.get("MANUAL_DNN_DATA") or "datasets")


def _read_split(path, split):
    import h5py  # only the loader needs it

    if not path.is_file():
        raise DataError(f"{path}: no such file (expected the course's {path.name})")
    if not h5py.is_hdf5(path):
        raise DataError(f"{path}: not an HDF5 file")
    x_key, y_key = f"{split}_set_x", f"{split}_set_y"
    with h5py.File(path, "r") as f:
        for key in (x_key, y_key, "list_classes"):
            if key not in f:
                raise DataError(f"{path}: missing dataset '{key}'")
        x, y, classes = f[x_key][:], f[y_key][:], f["list_classes"][:]
    if x.ndim != 4 or x.shape[1:] != IMAGE_SHAPE or x.dtype != np.uint8:
        raise DataError(f"{path}: '{x_key}' must be (m, 64, 64, 3) uint8, got {x.shape} {x.dtype}")
    if y.shape != (x.shape[0],) or not np.issubdtype(y.dtype, np.integer):
        raise DataError(
            f"{path}: '{y_key}' must be ({x.shape[0]},) integers, got {y.shape} {y.dtype}"
        )
    if not np.isin(y, (0, 1)).all():
        raise DataError(f"{path}: '{y_key}' holds labels outside {{0, 1}}: {sorted(set(y.tolist()) - {0, 1})}")
    return x, y.reshape(1, -1), classes


def load_data(data_dir=None):
    """Load both files, as the course's ``load_data()``.

    Returns
    -------
    train_x_orig : (209, 64, 64, 3) uint8, train_y : (1, 209),
    test_x_orig : (50, 64, 64, 3) uint8, test_y : (1, 50), classes : [b'non-cat', b'cat']
    """
    data_dir = resolve_data_dir(data_dir)
    if not data_dir.is_dir():
        raise DataError(
            f"{data_dir}: no such data directory (pass --data-dir or set MANUAL_DNN_DATA to the "
            f"folder holding {FILES['train']} and {FILES['test']})"
        )
    train_x, train_y, classes = _read_split(data_dir / FILES["train"], "train")
    test_x, test_y, _ = _read_split(data_dir / FILES["test"], "test")
    return train_x, train_y, test_x, test_y, classes


def flatten_images(x_orig):
    """(m, 64, 64, 3) uint8 -> (12288, m) float64 in [0, 1], as the notebook."""
    x_orig = np.asarray(x_orig)
    return x_orig.reshape(x_orig.shape[0], -1).T / 255.0

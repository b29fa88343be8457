"""The course's cat / non-cat images: loading and the notebook's preparation.

Each h5 file holds ``{split}_set_x`` (m, 64, 64, 3) uint8, ``{split}_set_y``
(m,) integer labels in {0, 1} and ``list_classes`` [b'non-cat', b'cat'].
"""

import os
from pathlib import Path

import numpy as np

from manual_dnn.memory import TooLargeError, require_memory

FILES = {"train": "train_catvnoncat.h5", "test": "test_catvnoncat.h5"}
IMAGE_SHAPE = (64, 64, 3)


class DataError(ValueError):
    """A data file is missing or is not what the course's loader expects."""


def resolve_data_dir(data_dir=None):
    """The folder to read: ``data_dir``, else $MANUAL_DNN_DATA, else ./datasets."""
    return Path(data_dir or os.environ.get("MANUAL_DNN_DATA") or "datasets")


def _dataset(f, path, key):
    """f[key] if it is a dataset; else a DataError naming what it is."""
    import h5py

    if key not in f:
        raise DataError(f"{path}: missing dataset '{key}'")
    item = f[key]
    if not isinstance(item, h5py.Dataset):
        raise DataError(f"{path}: '{key}' is a {type(item).__name__.lower()}, not a dataset")
    if item.shape is None or item.ndim == 0:
        raise DataError(f"{path}: '{key}' is a single value, not an array")
    return item


def _read_split(path, split):
    import h5py  # only the loader needs it

    if not path.is_file():
        what = "not a regular file" if path.exists() else "no such file"
        raise DataError(f"{path}: {what} (expected the course's {path.name})")
    x_key, y_key = f"{split}_set_x", f"{split}_set_y"
    try:
        if not h5py.is_hdf5(path):
            raise DataError(f"{path}: not an HDF5 file")
        with h5py.File(path, "r") as f:
            x_set, y_set, classes_set = (_dataset(f, path, key) for key in (x_key, y_key, "list_classes"))
            # Shapes and types come from the file's header: refuse before reading any data.
            if x_set.ndim != 4 or x_set.shape[1:] != IMAGE_SHAPE or x_set.dtype != np.uint8:
                raise DataError(f"{path}: '{x_key}' must be (m, 64, 64, 3) uint8, got {x_set.shape} {x_set.dtype}")
            if x_set.shape[0] == 0:
                raise DataError(f"{path}: '{x_key}' holds no images (m = 0)")
            if y_set.shape != (x_set.shape[0],) or not np.issubdtype(y_set.dtype, np.integer):
                raise DataError(
                    f"{path}: '{y_key}' must be ({x_set.shape[0]},) integers, got {y_set.shape} {y_set.dtype}"
                )
            require_memory(f"{path}: '{x_key}' ({x_set.shape[0]} images)", x_set.size * x_set.dtype.itemsize)
            x, y, classes = x_set[()], y_set[()], classes_set[()]
    except DataError:
        raise
    except TooLargeError as error:
        raise DataError(str(error)) from None
    except PermissionError:
        raise DataError(f"{path}: permission denied (cannot read it)") from None
    except (OSError, KeyError, RuntimeError, TypeError, ValueError) as error:  # h5py's words for a damaged file
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise DataError(f"{path}: cannot read it, the HDF5 file is damaged or truncated ({reason})") from None
    if not np.isin(y, (0, 1)).all():
        others = np.unique(y[~np.isin(y, (0, 1))])
        raise DataError(f"{path}: '{y_key}' holds labels outside {{0, 1}}: {others[:5].tolist()}"
                        f"{' ...' if len(others) > 5 else ''}")
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

"""Saving and loading trained parameters as a plain .npz file.

The file holds W1..WL, b1..bL and ``layer_dims``. It is written through
``output_file.write_atomically``, so an interrupted save never leaves a
broken file where a good one was, and read with ``allow_pickle=False``.
Loading reads each array's header first: a file whose arrays do not fit
``layer_dims``, that would not fit in memory, or whose numbers are not
finite is refused before (or instead of) being used.
"""

import math
import zipfile
from pathlib import Path

import numpy as np

from manual_dnn.memory import TooLargeError, require_memory
from manual_dnn.output_file import check_output_path, write_atomically

__all__ = ["ModelFileError", "save_model", "load_model", "model_file_bytes", "check_model_path"]


class ModelFileError(ValueError):
    """A model file is missing, unsafe or does not describe a network."""


def model_file_bytes(layer_dims):
    """Bytes of the .npz file save_model writes for ``layer_dims`` (float64, plus headers)."""
    dims = [int(n) for n in layer_dims]
    return 8 * sum(n * (n_prev + 1) for n_prev, n in zip(dims, dims[1:])) + 1024 * len(dims)


def check_model_path(path):
    """Raise OutputFileError unless ``path`` can take a model (see output_file)."""
    return check_output_path(path)


def save_model(path, parameters, layer_dims):
    """Write ``parameters`` and ``layer_dims`` to ``path`` atomically (OutputFileError when it cannot)."""
    arrays = {"layer_dims": np.asarray(layer_dims, dtype=np.int64), **parameters}
    write_atomically(path, lambda f: np.savez(f, **arrays))


_HEADER_READERS = {(1, 0): np.lib.format.read_array_header_1_0, (2, 0): np.lib.format.read_array_header_2_0}


def _headers(archive, path):
    """{name: (shape, dtype)} of every member, from the .npy headers alone."""
    headers = {}
    for info in archive.infolist():
        name = info.filename
        if not name.endswith(".npy"):
            raise ModelFileError(f"{path}: holds {name!r}, which is not a .npy array")
        with archive.open(info) as member:
            try:
                version = np.lib.format.read_magic(member)
                if version not in _HEADER_READERS:
                    raise ValueError(f".npy format version {version} is not one numpy's savez writes")
                shape, _, dtype = _HEADER_READERS[version](member)
            except (ValueError, OSError, EOFError, SyntaxError) as error:
                raise ModelFileError(f"{path}: {name} is not a .npy array ({error})") from None
        headers[name[: -len(".npy")]] = (shape, dtype)
    return headers


def _layer_dims(archive, headers, path):
    shape, dtype = headers.pop("layer_dims", (None, None))
    if shape is None:
        raise ModelFileError(f"{path}: no 'layer_dims' array, so not a manual-dnn model")
    if dtype.hasobject:
        raise ModelFileError(f"{path}: holds pickled objects; refusing to load it")
    if len(shape) != 1 or dtype.kind not in "iu" or not 2 <= shape[0] <= 1000:
        raise ModelFileError(f"{path}: 'layer_dims' must be a list of layer sizes (integers), got {shape} {dtype}")
    with archive.open("layer_dims.npy") as member:
        dims = np.lib.format.read_array(member, allow_pickle=False)
    if (dims <= 0).any():
        raise ModelFileError(f"{path}: 'layer_dims' {dims.tolist()} holds sizes that are not positive")
    return [int(d) for d in dims]


def load_model(path):
    """Read a model file; returns (parameters, layer_dims). Never unpickles."""
    path = Path(path)
    if not path.is_file():
        raise ModelFileError(f"{path}: {'not a regular file' if path.exists() else 'no such model file'}")
    try:
        if not zipfile.is_zipfile(path):  # np.load would try to unpickle anything else
            raise ModelFileError(f"{path}: not an .npz model file")
        with zipfile.ZipFile(path) as archive:
            headers = _headers(archive, path)
            dims = _layer_dims(archive, headers, path)
            L = len(dims) - 1
            expected = {f"{p}{l}": shape for l in range(1, L + 1)
                        for p, shape in (("W", (dims[l], dims[l - 1])), ("b", (dims[l], 1)))}
            if set(headers) != set(expected):
                raise ModelFileError(f"{path}: arrays {sorted(headers)} do not match layer_dims {dims}")
            for name, shape in expected.items():
                if headers[name][0] != shape or headers[name][1].kind != "f":
                    raise ModelFileError(f"{path}: {name} is {headers[name][0]} {headers[name][1]}, "
                                         f"expected {shape} float")
            require_memory(f"{path}: a network {','.join(map(str, dims))}",
                           sum(math.prod(shape) * headers[name][1].itemsize for name, shape in expected.items()))
            parameters = {}
            for name in expected:
                with archive.open(f"{name}.npy") as member:
                    parameters[name] = np.lib.format.read_array(member, allow_pickle=False)
    except TooLargeError as error:
        raise ModelFileError(str(error)) from None
    except PermissionError:
        raise ModelFileError(f"{path}: permission denied (cannot read it)") from None
    except ModelFileError:
        raise
    except (OSError, zipfile.BadZipFile, EOFError, ValueError, RuntimeError, NotImplementedError) as error:
        # (zipfile's words for an encrypted member or an unknown compression method: Runtime, NotImplemented)
        raise ModelFileError(f"{path}: not an .npz model file, or a damaged one ({error})") from None
    for name, value in parameters.items():
        if not np.isfinite(value).all():
            raise ModelFileError(f"{path}: {name} holds {np.count_nonzero(~np.isfinite(value))} values that are "
                                 "not finite (NaN or inf): the model is broken; train it again")
    return parameters, dims

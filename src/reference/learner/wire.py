"""The data-only channel between the checker and a learner's sandboxed child.

A message is a tree of data: None, bool, int, float, complex, str, numpy
arrays of numbers or booleans, numpy scalars, and tuples, lists and dicts
(str or int keys) of these, nested. Anything else is NotData, named by its
type. The structure travels as JSON and the arrays in numpy's .npy format
read with ``allow_pickle=False``: decoding never runs code, whatever the
child sends (the child runs the learner's code, so it is not trusted).

A frame on the pipe: 8 bytes (the length of the rest), 8 bytes (the JSON's
length), the JSON, then the .npy blobs one after another, each 8 bytes of
length first.
"""

import io
import json
import struct

import numpy as np

__all__ = ["NotData", "WireError", "encode", "decode", "write_message", "read_frame_length", "MAX_DEPTH"]

MAX_DEPTH = 64  # deeper trees are not the seed's data (and JSON would recurse too far)
ARRAY_KINDS = "biufc"  # bool, int, unsigned, float, complex: nothing that can hold an object
_LENGTH = struct.Struct("<Q")


class NotData(TypeError):
    """A value that cannot cross: its message names its type."""

    def __init__(self, value):
        super().__init__(f"a {type(value)}, which is not data")
        self.type_name = str(type(value))


class WireError(ValueError):
    """What arrived is not a well-formed message (a broken or hostile child)."""


# ---------------------------------------------------------------- encoding (either side)

def _tree(value, arrays, depth):
    if depth > MAX_DEPTH:
        raise NotData(value)
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, (int, float)) and type(value) in (int, float):
        return value
    if type(value) is complex:
        return {"c": [value.real, value.imag]}
    if isinstance(value, np.ndarray):
        if value.dtype.kind not in ARRAY_KINDS or value.dtype.fields is not None:
            raise NotData(value)
        if id(value) not in arrays.index:  # an array met twice (a cache holding X, X itself) crosses once
            arrays.index[id(value)] = len(arrays)
            arrays.append(np.asarray(value))
        return {"a": arrays.index[id(value)]}
    if isinstance(value, np.generic):
        if value.dtype.kind not in ARRAY_KINDS:
            raise NotData(value)
        arrays.append(np.asarray(value))
        return {"s": len(arrays) - 1}
    if isinstance(value, (list, tuple)) and type(value) in (list, tuple):
        return {"l" if type(value) is list else "t": [_tree(v, arrays, depth + 1) for v in value]}
    if type(value) is dict:
        items = []
        for key, item in value.items():
            if type(key) not in (str, int):
                raise NotData(key)
            items.append([key, _tree(item, arrays, depth + 1)])
        return {"d": items}
    raise NotData(value)


class _Arrays(list):
    """The arrays of a message, each once, found again by identity."""

    def __init__(self):
        super().__init__()
        self.index = {}


def encode(value):
    """value -> (JSON bytes, [arrays]); raises NotData for anything that is not data."""
    arrays = _Arrays()
    tree = _tree(value, arrays, 0)
    return json.dumps(tree, allow_nan=True, separators=(",", ":")).encode(), list(arrays)


def _npy_parts(array):
    """An array as .npy: its header, then its bytes (a view, not a copy, when it is contiguous)."""
    array = array if array.flags.c_contiguous else array.copy(order="C")  # (ascontiguousarray makes 0-d 1-d)
    header = io.BytesIO()
    np.lib.format.write_array_header_2_0(header, np.lib.format.header_data_from_array_1_0(array))
    return [header.getvalue(), memoryview(array.reshape(-1).view(np.uint8))]


def frame(value):
    """One frame for ``value`` as a list of buffers (no copy of the arrays' data)."""
    header, arrays = encode(value)
    parts = [None, _LENGTH.pack(len(header)), header]
    for array in arrays:
        npy = _npy_parts(array)
        parts += [_LENGTH.pack(sum(map(len, npy))), *npy]
    parts[0] = _LENGTH.pack(sum(map(len, parts[1:])))
    return parts


def write_message(stream, value):
    """Encode ``value`` and write one frame to the binary ``stream``; returns its size in bytes."""
    parts = frame(value)
    for part in parts:
        stream.write(part)
    stream.flush()
    return sum(map(len, parts))


def read_frame_length(prefix):
    """The length of the frame body announced by its first 8 bytes."""
    return _LENGTH.unpack(bytes(prefix))[0]


def read_body(stream, prefix):
    """The body of the frame whose 8-byte ``prefix`` was read from the blocking binary ``stream``."""
    body = bytearray(read_frame_length(prefix))
    view, done = memoryview(body), 0
    while done < len(body):
        n = stream.readinto(view[done:])
        if not n:
            raise EOFError("the frame ended early")
        done += n
    return body


# ---------------------------------------------------------------- decoding (the parent: strict)

def _split(body):
    view = memoryview(body)
    if len(view) < _LENGTH.size:
        raise WireError("a frame shorter than its header")
    (json_size,) = _LENGTH.unpack(view[:8])
    if json_size > len(view) - 8:
        raise WireError("a frame whose structure is longer than the frame")
    header, rest, blobs = bytes(view[8:8 + json_size]), view[8 + json_size:], []
    while len(rest):
        if len(rest) < 8:
            raise WireError("a truncated array length")
        (size,) = _LENGTH.unpack(rest[:8])
        if size > len(rest) - 8:
            raise WireError("an array longer than the frame")
        blobs.append(rest[8:8 + size])
        rest = rest[8 + size:]
    return header, blobs


def _array(blob):
    """A .npy blob -> an array viewing ``blob`` (writable when ``blob`` is). Only the header is
    parsed (numpy's own safe parser); an object or structured dtype is refused before any data is read."""
    head = io.BytesIO(bytes(blob[:min(len(blob), 1 << 16)]))
    try:
        version = np.lib.format.read_magic(head)
        read_header = np.lib.format.read_array_header_1_0 if version == (1, 0) else np.lib.format.read_array_header_2_0
        shape, fortran, dtype = read_header(head)
    except Exception as error:  # whatever a malformed header raises, it is the sender's fault
        raise WireError(f"an unreadable array ({type(error).__name__})") from None
    if dtype.kind not in ARRAY_KINDS or dtype.fields is not None or dtype.subdtype is not None:
        raise WireError(f"an array of dtype {dtype}")
    count = int(np.prod(shape, dtype=np.int64)) if shape else 1
    if count * dtype.itemsize != len(blob) - head.tell():
        raise WireError("an array whose data does not match its shape")
    flat = np.frombuffer(blob, dtype, count, head.tell())
    return flat.reshape(shape, order="F" if fortran else "C")


def _value(node, arrays, used, depth):
    if depth > MAX_DEPTH + 1:
        raise WireError("a structure nested too deeply")
    if node is None or type(node) in (bool, str, int, float):
        return node
    if type(node) is not dict or len(node) != 1:
        raise WireError(f"an unknown node {type(node).__name__}")
    (tag, body), = node.items()
    if tag in ("a", "s"):
        if type(body) is not int or not 0 <= body < len(arrays):
            raise WireError("a bad array reference")
        used.add(body)
        return arrays[body] if tag == "a" else arrays[body][()]
    if tag in ("l", "t") and type(body) is list:
        items = [_value(v, arrays, used, depth + 1) for v in body]
        return items if tag == "l" else tuple(items)
    if tag == "d" and type(body) is list:
        out = {}
        for pair in body:
            if type(pair) is not list or len(pair) != 2 or type(pair[0]) not in (str, int):
                raise WireError("a bad dict entry")
            out[pair[0]] = _value(pair[1], arrays, used, depth + 1)
        return out
    if tag == "c" and type(body) is list and len(body) == 2 and all(type(x) in (int, float) for x in body):
        return complex(*body)
    raise WireError(f"an unknown node {tag!r}")


def decode(body):
    """One frame's body (after its 8-byte length) -> the value; raises WireError, never runs code."""
    header, blobs = _split(body)
    try:
        tree = json.loads(header)
    except (ValueError, RecursionError):
        raise WireError("a structure that is not JSON") from None
    arrays = [_array(b) for b in blobs]
    used = set()
    try:
        value = _value(tree, arrays, used, 0)
    except RecursionError:
        raise WireError("a structure nested too deeply") from None
    if len(used) != len(arrays):
        raise WireError("arrays that nothing refers to")
    return value

"""The data-only channel: data crosses unchanged; nothing else crosses, and nothing decoded runs code."""

import io
import pickle
import struct

import numpy as np
import pytest

from reference.learner import wire


def roundtrip(value):
    buffer = io.BytesIO()
    wire.write_message(buffer, value)
    return wire.decode(bytearray(buffer.getvalue()[8:]))


def same(a, b):
    if isinstance(a, np.ndarray):
        return type(b) is np.ndarray and a.dtype == b.dtype and a.shape == b.shape and np.array_equal(a, b, True)
    if isinstance(a, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(map(same, a, b))
    if isinstance(a, dict):
        return type(b) is dict and list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, float) and a != a:
        return type(b) is float and b != b
    return type(a) is type(b) and a == b


@pytest.mark.parametrize("value", [
    None, True, 0, -(10 ** 30), 1.5, float("nan"), float("inf"), 2 + 3j, "dZ", "",
    np.float64(0.25), np.int32(-3), np.bool_(True), np.array(7.0), np.zeros((0, 3)),
    np.arange(12.0).reshape(3, 4).T, np.array([[1 + 2j]]), np.array([True, False]), np.float32([1.5]),
    ((np.ones((2, 3)), np.ones((3, 1))), np.ones((2, 2))), [1, [2, (3,)]],
    {"dW1": np.ones((2, 2)), 3: None, "caches": [((np.eye(2), np.eye(2), np.ones((2, 1))), np.eye(2))]},
])
def test_data_crosses_unchanged(value):
    assert same(value, roundtrip(value))


def test_decoded_arrays_are_writable():
    array = roundtrip({"a": np.ones((2, 2))})["a"]
    array[0, 0] = 5.0
    assert array[0, 0] == 5.0


class Foo:
    pass


@pytest.mark.parametrize("value, named", [
    (Foo(), "Foo"), (np.array([Foo()], dtype=object), "ndarray"), ([1, {"k": lambda: 0}], "function"),
    ({(1, 2): 3}, "tuple"), (np.zeros(2, dtype=[("x", "f8")]), "ndarray"), ({1, 2}, "set"),
    (np.array(["text"]), "ndarray"),
])
def test_anything_else_is_not_data_and_its_type_is_named(value, named):
    with pytest.raises(wire.NotData, match=named):
        wire.encode(value)


def test_a_structure_nested_too_deeply_is_not_data():
    value = []
    for _ in range(wire.MAX_DEPTH + 5):
        value = [value]
    with pytest.raises(wire.NotData):
        wire.encode(value)


def _frame(header, blobs=()):
    body = struct.pack("<Q", len(header)) + header
    for blob in blobs:
        body += struct.pack("<Q", len(blob)) + blob
    return bytearray(body)


def _npy(array, allow_pickle=False):
    buffer = io.BytesIO()
    np.lib.format.write_array(buffer, array, allow_pickle=allow_pickle)
    return buffer.getvalue()


class Bomb:
    def __reduce__(self):
        return (exec, ("raise SystemExit('unpickled!')",))


@pytest.mark.parametrize("body", [
    _frame(b'{"a":0}', [_npy(np.array([Bomb()], dtype=object), allow_pickle=True)]),  # a pickled object array
    _frame(b'{"a":0}', [pickle.dumps(Bomb())]),
    _frame(b"not json"),
    _frame(b'{"x":1}'),
    _frame(b'{"a":1}', [_npy(np.ones(2))]),  # a reference to no array
    _frame(b'{"a":0}', [_npy(np.ones(2))[:-3]]),  # truncated data
    _frame(b"null", [_npy(np.ones(2))]),  # an array nothing refers to
    _frame(b"[" * 100000 + b"]" * 100000),
    bytearray(b"\x01"),
])
def test_garbage_is_refused_and_never_unpickled(body):
    with pytest.raises(wire.WireError):
        wire.decode(body)


def test_a_field_added_to_call_crosses_without_a_change_to_the_sandbox():
    from dataclasses import dataclass

    from reference.learner import child
    from reference.learner.calling import Call
    from reference.learner.channel import Died
    from reference.learner.replies import checked_fields

    @dataclass
    class CallWithPlace(Call):  # what another engineer may add: where the learner's exception came from
        file: str | None = None
        line: int | None = None

    sent = child._fields(CallWithPlace(value=np.ones(2), error="raised ValueError", file="nb.py", line=7), wire)
    received = checked_fields(CallWithPlace, roundtrip(sent))
    assert received["file"] == "nb.py" and received["line"] == 7 and received["error"] == "raised ValueError"
    with pytest.raises(Died, match="line is str"):
        checked_fields(CallWithPlace, {**received, "line": "7"})
    with pytest.raises(Died, match="output is list"):
        checked_fields(CallWithPlace, {**received, "output": ["not", "text"]})


@pytest.mark.parametrize("sent, back", [
    (np.ones((2, 3)), np.ones((2, 3))), (np.array([np.nan, 1.0]), np.array([np.nan, 1.0])),
    (np.array([0.0]), np.array([-0.0])), (np.ones((2, 3)), np.ones((3, 2))), (np.ones(2), np.array([1.0, 2.0])),
    ((np.ones(2), 1), [np.ones(2), 1]), ({"W1": np.ones(2)}, {"W1": np.ones(2), "b1": 0}),
    ({"W1": (np.ones(2), np.nan)}, {"W1": (np.ones(2), np.nan)}), ("relu", "sigmoid"), (None, None),
])
def test_the_parents_fast_comparison_agrees_with_calling_same(sent, back):
    from reference.learner.calling import _same
    from reference.learner.replies import unchanged

    assert unchanged(sent, back) == _same(sent, back)


def test_an_array_met_twice_crosses_once_and_stays_one_array():
    X = np.arange(6.0).reshape(2, 3)
    header, arrays = wire.encode({"value": (X, [X]), "after": [X]})
    assert len(arrays) == 1
    back = roundtrip({"value": (X, [X]), "after": [X]})
    assert back["after"][0] is back["value"][0] and np.array_equal(back["after"][0], X)

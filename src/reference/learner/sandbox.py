"""A learner's file, loaded and called in a child process that the checker never trusts.

    impl = open_sandboxed("my_notebook.ipynb", timeout=10, memory=4 << 30)
    impl.call("linear_backward", ("dZ", "cache"), dZ, cache)  # -> Call, as in process
    impl.close()

The child (reference.learner.child) runs the learner's code with ``python -I``
in a fresh temporary directory (removed afterwards), in its own process
group (so whatever it starts is killed with it), stdin from /dev/null, BLAS
on one thread, a memory limit (RLIMIT_DATA) and a CPU limit as a backstop.
This side measures the wall time of every request, decodes replies without
pickle (reference.learner.wire), checks every field, and decides itself
whether a call wrote into its arguments. Every way the child can end becomes
one Call with a reason; after a timeout or a death the next call starts a new
child, so the other functions still get their verdicts.
"""

import dataclasses
import fcntl
import os
import select
import shutil
import signal
import tempfile
import time
import types
import typing
import weakref
from pathlib import Path

import numpy as np

from reference.learner import wire
from reference.learner.calling import Call, _same
from reference.learner.child import CAPPED, OUTPUT_CAP
from reference.learner.implementation import Implementation, ImplementationError
from reference.learner.spawning import launch
from reference.seed_functions import HELPERS, SEED_FUNCTIONS

__all__ = ["open_sandboxed", "SandboxedImplementation", "DEFAULT_TIMEOUT", "DEFAULT_MEMORY", "call_failure_kind",
           "TIMED_OUT", "CRASHED"]

DEFAULT_TIMEOUT = 10.0  # seconds of wall time per call (and for loading)
DEFAULT_MEMORY = 4 << 30  # bytes
START_TIMEOUT = 60.0  # the child's own start (Python, numpy): not the learner's time
TIMED_OUT = "timed out after"  # every timeout's reason contains this, every death's starts with CRASHED
CRASHED = "crashed:"
F_SETPIPE_SZ = getattr(fcntl, "F_SETPIPE_SZ", 1031)
PIPE_SIZE = 1 << 20


def call_failure_kind(reason):
    """"timeout", "crashed" or "error" for the reason of a failed call (a Call's error)."""
    if TIMED_OUT in reason:
        return "timeout"
    return "crashed" if reason.startswith(CRASHED) else "error"


def _unchanged(sent, back):
    """calling._same, with a fast path for arrays equal without NaNs (np.array_equal's equal_nan=True is
    ~7x slower, and the caches at real size hold 20 MB)."""
    if isinstance(sent, np.ndarray) and isinstance(back, np.ndarray) and sent.shape == back.shape \
            and np.array_equal(sent, back):
        return True
    if isinstance(sent, (tuple, list)) and type(sent) is type(back) and len(sent) == len(back):
        return all(map(_unchanged, sent, back))
    if isinstance(sent, dict) and isinstance(back, dict) and sent.keys() == back.keys():
        return all(_unchanged(sent[k], back[k]) for k in sent)
    return _same(sent, back)


def _size(n):
    return f"{n / (1 << 30):g} GiB" if n >= 1 << 30 else f"{n / (1 << 20):g} MiB"


class _Died(Exception):
    """The child ended, hung or sent garbage: the message is the reason."""


def _kill(process, workdir):
    """Kill the child's whole process group and remove its working directory."""
    if process is not None:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        process.exit_code(timeout=2)  # reaped: nothing of it writes into its folder any more
    if workdir is not None:
        def writable(function, path, _):  # a learner may have made something read-only
            try:
                os.chmod(os.path.dirname(path), 0o700)
                os.chmod(path, 0o700)
                function(path)
            except OSError:
                pass

        shutil.rmtree(workdir, onerror=writable)


class _Child:
    """One child process and its pipes."""

    def __init__(self, workdir, memory, cpu_seconds):
        to_child, self.requests = os.pipe()
        self.replies, from_child = os.pipe()
        self.output, output_end = os.pipe()
        try:
            self.process = launch(workdir, memory, cpu_seconds, to_child, from_child, output_end)
        finally:
            for fd in (to_child, from_child, output_end):
                os.close(fd)
        for fd in (self.requests, self.replies, self.output):
            os.set_blocking(fd, False)
        for fd in (self.requests, self.replies):  # fewer, larger transfers: arrays are megabytes
            try:
                fcntl.fcntl(fd, F_SETPIPE_SZ, PIPE_SIZE)
            except OSError:
                pass
        self.printed = bytearray()
        self.dropped = 0

    def close(self):
        for fd in (self.requests, self.replies, self.output):
            try:
                os.close(fd)
            except OSError:
                pass

    def take_output(self):
        """What the child wrote to its stdout/stderr since the last time (capped)."""
        self._drain()
        text = self.printed.decode("utf-8", "replace") + (CAPPED if self.dropped else "")
        self.printed, self.dropped = bytearray(), 0
        return text

    def _drain(self):
        while True:
            try:
                chunk = os.read(self.output, 1 << 16)
            except (BlockingIOError, OSError):
                return
            if not chunk:
                return
            room = OUTPUT_CAP - len(self.printed)
            self.printed += chunk[:max(room, 0)]
            self.dropped += max(len(chunk) - room, 0)

    def exchange(self, parts, deadline, limit, reply=True):
        """Send one frame (a list of buffers), wait for one reply of at most ``limit`` bytes until ``deadline``."""
        parts = [memoryview(p).cast("B") for p in parts if len(p)]
        prefix, body, got = bytearray(8), None, 0
        while True:
            if not reply and not parts:
                return None
            if body is not None and got == len(body):
                return wire.decode(body)
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError
            readable, writable, _ = select.select([self.replies, self.output], [self.requests] if parts else [],
                                                  [], left)
            if self.output in readable:
                self._drain()
            if writable:
                try:
                    sent = os.write(self.requests, parts[0][:PIPE_SIZE])
                except BlockingIOError:
                    sent = 0
                except BrokenPipeError:
                    raise _Died(self._ended("closed its end of the channel")) from None
                parts[0] = parts[0][sent:]
                if not len(parts[0]):
                    parts.pop(0)
            if self.replies in readable:
                target = memoryview(prefix)[got:] if body is None else memoryview(body)[got:]
                try:
                    n = os.readv(self.replies, [target])
                except BlockingIOError:
                    continue
                if not n:
                    raise _Died(self._ended("closed its end of the channel"))
                got += n
                if body is None and got == 8:
                    size = wire.read_frame_length(prefix)
                    if size > limit:
                        raise _Died(f"{CRASHED} sent {_size(size)}, more than the {_size(limit)} "
                                    "a reply may hold")
                    body, got = bytearray(size), 0

    def _ended(self, otherwise):
        code = self.process.exit_code(timeout=2)
        if code is None:
            return f"{CRASHED} {otherwise}"
        if code >= 0:
            return f"{CRASHED} exited with status {code}"
        name = signal.Signals(-code).name if -code in signal.valid_signals() else str(-code)
        if -code == signal.SIGXCPU:
            return f"{CRASHED} used up its CPU time (killed by {name})"
        return f"{CRASHED} killed by signal {name}"


def _check_fields(record_type, fields):
    """The fields of ``record_type`` found in ``fields``, each of the type its annotation says."""
    try:
        hints = typing.get_type_hints(record_type)
    except Exception:  # an annotation that does not resolve: each field is then checked as text or data
        hints = {}
    checked = {}
    for f in dataclasses.fields(record_type):
        if f.name not in fields:
            continue
        value, hint = fields[f.name], hints.get(f.name) or _default_type(f)
        if not _fits(value, hint):
            raise _Died(f"{CRASHED} garbage on the channel: {f.name} is {type(value).__name__}")
        checked[f.name] = value
    return checked


def _default_type(f):
    """Without an annotation: the type of the field's default (text stays text), else anything."""
    if f.default_factory is not dataclasses.MISSING:
        return type(f.default_factory())
    if f.default is not dataclasses.MISSING and f.default is not None:
        return type(f.default)
    return object


def _fits(value, hint):
    if hint is object or hint is typing.Any:
        return True
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        return any(_fits(value, a) for a in args)
    if hint is type(None):
        return value is None
    if hint is list or origin is list:  # every list field holds text (names, notes) unless it says otherwise
        item = args[0] if args else str
        return isinstance(value, list) and all(_fits(v, item) for v in value)
    if isinstance(hint, type):
        return isinstance(value, hint) and not (hint is int and isinstance(value, bool))
    return True


class _Sandbox:
    def __init__(self, path, label, timeout, memory):
        self.path, self.label, self.timeout, self.memory = path, label, timeout, memory
        self.cpu_seconds = int(max(60, 30 * timeout))
        self.workdir = tempfile.mkdtemp(prefix="manual-dnn-learner-")
        self.child = None
        self.finalizer = weakref.finalize(self, _kill, None, self.workdir)

    def _start(self, meanwhile=None):
        """A new child with the learner's file loaded: (the loaded fields, what it printed).

        ``meanwhile()``, if given, runs here while the child starts and loads (JAX's import, say).
        """
        child = _Child(self.workdir, self.memory, self.cpu_seconds)
        self.finalizer.detach()
        self.finalizer = weakref.finalize(self, _kill, child.process, self.workdir)
        self.child = child
        load = wire.frame({"op": "load", "path": str(self.path)})
        try:  # sent at once (it fits in the pipe), read by the child once it is ready
            child.exchange(load, time.monotonic() + START_TIMEOUT, 0, reply=False)
            if meanwhile is not None:
                meanwhile()
            ready = child.exchange([], time.monotonic() + START_TIMEOUT, 1 << 10)
            if ready != {"ready": True}:
                raise _Died(f"{CRASHED} garbage on the channel at start")
        except (TimeoutError, _Died, wire.WireError) as error:
            self._stop()
            raise ImplementationError(f"{self.label}: the checker's sandbox could not start ({error})") from None
        try:
            reply = child.exchange([], time.monotonic() + self.timeout, 64 << 20)
        except TimeoutError:
            self._stop()
            raise ImplementationError(f"{self.label}: the implementation timed out after {self.timeout:g} s "
                                      "while loading") from None
        except (_Died, wire.WireError) as error:
            self._stop()
            reason = str(error).removeprefix(CRASHED).strip()
            raise ImplementationError(f"{self.label}: the implementation {reason} while loading") from None
        if isinstance(reply, dict) and isinstance(reply.get("unloadable"), str) and len(reply) == 1:
            self._stop()
            raise ImplementationError(reply["unloadable"].replace(str(self.path), self.label))
        if not (isinstance(reply, dict) and isinstance(reply.get("loaded"), dict) and len(reply) == 1):
            self._stop()
            raise ImplementationError(f"{self.label}: the implementation sent garbage while loading")
        return reply["loaded"], child.take_output()

    def _request(self, message, timeout, limit=64 << 20):
        parts = wire.frame(message)
        return self.child.exchange(parts, time.monotonic() + timeout, limit + 4 * sum(map(len, parts)))

    def _stop(self):
        if self.child is not None:
            _kill(self.child.process, None)
            self.child.close()
            self.child = None
            self.finalizer.detach()
            self.finalizer = weakref.finalize(self, _kill, None, self.workdir)

    def load(self, meanwhile=None):
        """The learner's Implementation fields, checked (raises ImplementationError)."""
        try:
            fields, printed = self._start(meanwhile)
            names = fields.get("functions")
            if not (isinstance(names, list) and all(n in SEED_FUNCTIONS for n in names)):
                raise _Died(f"{CRASHED} garbage on the channel: functions")
            fields = _check_fields(Implementation, {**fields, "functions": dict.fromkeys(names)})
            # What is supplied or missing is said by code the learner could patch: only seed names, disjoint.
            for listed, allowed in (("supplied", HELPERS), ("missing", SEED_FUNCTIONS)):
                if not set(fields.get(listed, ())) <= set(allowed) - set(names):
                    raise _Died(f"{CRASHED} garbage on the channel: {listed}")
        except _Died as error:
            self._stop()
            raise ImplementationError(f"{self.label}: the implementation sent garbage while loading ({error})") \
                from None
        fields["label"] = self.label
        fields["output"] = _capped(fields.get("output", "") + printed)
        return fields

    def call(self, name, argnames, args):
        if self.child is None:  # the previous call timed out or crashed: a fresh child
            try:
                self._start()
            except ImplementationError as error:
                return Call(error=f"{CRASHED} could not reload the implementation after the previous "
                                  f"crash: {error}")
        try:
            reply = self._request({"op": "call", "name": name, "argnames": list(argnames), "args": list(args)},
                                  self.timeout)
            result = self._reply_call(reply, argnames, args)
        except TimeoutError:
            self._stop()
            return Call(error=f"{name} {TIMED_OUT} {self.timeout:g} s")
        except (_Died, wire.WireError) as error:
            output = self.child.take_output() if self.child else ""
            self._stop()
            reason = str(error) if isinstance(error, _Died) else f"{CRASHED} garbage on the channel ({error})"
            return Call(error=reason, output=output)
        result.output = _capped(result.output + self.child.take_output())
        if result.error and result.error.startswith("raised MemoryError"):
            result.error = f"over the {_size(self.memory)} memory limit ({result.error})"
        return result

    def _reply_call(self, reply, argnames, args):
        if not (isinstance(reply, dict) and set(reply) == {"call", "after"} and isinstance(reply["call"], dict)
                and isinstance(reply["after"], list) and len(reply["after"]) == len(args)):
            raise _Died(f"{CRASHED} garbage on the channel: not a reply to a call")
        result = Call(**_check_fields(Call, reply["call"]))
        mutated = []
        for name, sent, back in zip(argnames, args, reply["after"]):
            if not (isinstance(back, list) and len(back) == 2 and isinstance(back[0], bool)):
                raise _Died(f"{CRASHED} garbage on the channel: arguments after the call")
            if not back[0] or not _unchanged(sent, back[1]):
                mutated.append(name)
        result.mutated = mutated  # decided here: the child's own opinion is not trusted
        return result

    def close(self):
        self._stop()
        self.finalizer()


def _capped(text):
    return text if len(text) <= OUTPUT_CAP + len(CAPPED) else text[:OUTPUT_CAP] + CAPPED


class SandboxedImplementation(Implementation):
    """An Implementation whose functions live in a sandboxed child process."""

    def call(self, name, argnames, *args):
        if name not in self.functions:
            raise KeyError(name)
        return self._sandbox.call(name, argnames, args)

    def close(self):
        self._sandbox.close()

    def __enter__(self):
        return self

    def __exit__(self, *_):
        self.close()


def open_sandboxed(path, timeout=DEFAULT_TIMEOUT, memory=DEFAULT_MEMORY, meanwhile=None):
    """Load the learner's .py/.ipynb ``path`` in a sandboxed child; raises ImplementationError.

    ``meanwhile()`` runs while the child starts (so a caller can import JAX in parallel).
    """
    label = str(path)
    path = Path(path)
    if not path.is_file():
        raise ImplementationError(f"{path}: no such file")
    sandbox = _Sandbox(path.resolve(), label, float(timeout), int(memory))
    try:
        fields = sandbox.load(meanwhile)
    except BaseException:
        sandbox.close()
        raise
    try:
        impl = SandboxedImplementation(**fields)
    except TypeError as error:  # a required field that could not cross
        sandbox.close()
        raise ImplementationError(f"{label}: the checker could not rebuild the implementation ({error})") from None
    impl._sandbox = sandbox
    return impl

"""One sandboxed child process and its pipes: send a frame, wait for the reply until a deadline,
read what it prints (capped), and say why it ended.

Every way a child can fail here raises: TimeoutError (the deadline passed) or Died with the
reason ("crashed: killed by signal SIGSEGV", "crashed: garbage on the channel ...").
"""

import fcntl
import os
import select
import shutil
import signal
import time

from reference.learner import wire
from reference.learner.child import CAPPED, OUTPUT_CAP
from reference.learner.spawning import launch
from reference.learner.timed_out import TIMED_OUT_BEFORE

__all__ = ["Channel", "Died", "kill", "call_failure_kind", "TIMED_OUT", "CRASHED", "START_TIMEOUT", "size_text"]

START_TIMEOUT = 60.0  # the child's own start (Python, numpy): not the learner's time
TIMED_OUT = "timed out after"  # every timeout's reason contains this, every death's starts with CRASHED
CRASHED = "crashed:"
F_SETPIPE_SZ = getattr(fcntl, "F_SETPIPE_SZ", 1031)
PIPE_SIZE = 1 << 20


def call_failure_kind(reason):
    """"timeout", "crashed" or "error" for the reason of a failed call (a Call's error)."""
    if TIMED_OUT in reason or TIMED_OUT_BEFORE in reason:
        return "timeout"
    return "crashed" if reason.startswith(CRASHED) else "error"


def size_text(n):
    return f"{n / (1 << 30):g} GiB" if n >= 1 << 30 else f"{n / (1 << 20):g} MiB"


class Died(Exception):
    """The child ended, hung or sent garbage: the message is the reason."""


def kill(process, workdir):
    """Kill the child's whole process group and remove its working directory."""
    if process is not None and process.pid is not None:
        try:
            os.killpg(process.pid, signal.SIGKILL)  # its whole group: whatever it started too
        except ProcessLookupError:
            try:  # no group of its own yet (killed before its setsid): itself
                os.kill(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        except PermissionError:
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


class Channel:
    """One child process (started by spawning.launch) and its pipes."""

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
            # Only sending: the reply (the child may already have written it) is the next exchange's to read.
            listening = [self.replies, self.output] if reply else [self.output]
            readable, writable, _ = select.select(listening, [self.requests] if parts else [], [], left)
            if self.output in readable:
                self._drain()
            if writable:
                try:
                    sent = os.write(self.requests, parts[0][:PIPE_SIZE])
                except BlockingIOError:
                    sent = 0
                except BrokenPipeError:
                    raise Died(self._ended("closed its end of the channel")) from None
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
                    raise Died(self._ended("closed its end of the channel"))
                got += n
                if body is None and got == 8:
                    size = wire.read_frame_length(prefix)
                    if size > limit:
                        raise Died(f"{CRASHED} sent {size_text(size)}, more than the {size_text(limit)} "
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

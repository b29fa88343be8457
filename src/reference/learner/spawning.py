"""Starting a sandboxed child: forked by a zygote that has already imported what every child needs.

A new Python with numpy costs ~0.15 s of CPU per child; a fork of a prepared
process, milliseconds. The zygote (``reference.learner.child.zygote``) is
started once per checker process with ``python -I``, runs no learner code,
and dies with the checker. Where it cannot run (no SOCK_SEQPACKET, no
fd passing), each child is a new ``python -I`` instead.
"""

import collections
import json
import os
import select
import socket
import subprocess
import sys
import time
from pathlib import Path

__all__ = ["launch", "child_environment"]

BOOT = ("import sys; sys.path[0:0] = sys.argv[1].split('\\0'); "
        "from reference.learner import child; getattr(child, sys.argv[2])(sys.argv[3:])")
START_TIMEOUT = 60.0


def child_environment(workdir):
    """The whole environment of a child: nothing of the checker's own but PATH."""
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": workdir, "TMPDIR": workdir,
            "LANG": "C.UTF-8", "MPLBACKEND": "Agg", "JAX_PLATFORMS": "cpu",
            **{name: "1" for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")}}


def _python(entry, *argv, **popen):
    import manual_dnn
    import reference

    paths = list(dict.fromkeys(str(Path(m.__file__).resolve().parent.parent) for m in (reference, manual_dnn)))
    return subprocess.Popen([sys.executable, "-I", "-B", "-c", BOOT, "\0".join(paths), entry, *map(str, argv)],
                            stdin=subprocess.DEVNULL, **popen)


class _Started:
    """A child started as its own Python."""

    def __init__(self, process):
        self.process, self.pid = process, process.pid

    def exit_code(self, timeout):
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None


class _Forked:
    """A child forked by the zygote (which reaps it and tells its exit code). Its pid is known once
    the zygote answers: the order is sent at once, so the caller works while the zygote forks."""

    def __init__(self, zygote):
        self.zygote, self._pid, self._code = zygote, None, None

    @property
    def pid(self):
        """The child's pid (None when the zygote never answered)."""
        if self._pid is None:
            self.zygote.wait_for_pid(self, time.monotonic() + START_TIMEOUT)
        return self._pid

    def exit_code(self, timeout):
        # Kept: the zygote says it once, and a dead child is asked again when it is killed and reaped.
        if self._code is None and self.pid is not None:
            self._code = self.zygote.exit_code(self.pid, timeout)
        return self._code


class _Zygote:
    def __init__(self):
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        try:
            self.process = _python("zygote", theirs.fileno(), pass_fds=(theirs.fileno(),), cwd="/",
                                   env=child_environment("/"), stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, start_new_session=True)
        finally:
            theirs.close()
        self.channel, self.codes, self.waiting = ours, {}, collections.deque()

    def alive(self):
        return self.process.poll() is None

    def _receive(self, deadline):
        """Take one message, or return False when the deadline passes; raises OSError when the zygote is gone."""
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([self.channel], [], [], left)[0]:
            return False
        message = self.channel.recv(1 << 12)
        if not message:
            raise ConnectionError("the zygote ended")
        message = json.loads(message)
        if "exited" in message:
            self.codes[message["exited"]] = message["code"]
        elif "pid" in message and self.waiting:  # orders are answered in the order they were sent
            self.codes.pop(message["pid"], None)  # an earlier child's, if its pid is reused
            self.waiting.popleft()._pid = message["pid"]
        return True

    def fork(self, workdir, memory, cpu_seconds, fds):
        order = json.dumps({"workdir": workdir, "memory": memory, "cpu_seconds": cpu_seconds}).encode()
        socket.send_fds(self.channel, [order], list(fds))
        child = _Forked(self)
        self.waiting.append(child)
        return child

    def wait_for_pid(self, child, deadline):
        try:
            while child._pid is None and self._receive(deadline):
                pass
        except OSError:
            pass

    def exit_code(self, pid, timeout):
        deadline = time.monotonic() + timeout
        try:
            while pid not in self.codes:
                if not self._receive(deadline):
                    return None
        except OSError:
            return None
        return self.codes.pop(pid)


_zygote = None


def launch(workdir, memory, cpu_seconds, requests, replies, output):
    """Start a child that serves ``requests``/``replies`` with stdout and stderr on ``output``."""
    global _zygote
    if hasattr(socket, "send_fds") and hasattr(socket, "SOCK_SEQPACKET"):
        try:
            if _zygote is None or not _zygote.alive():
                _zygote = _Zygote()
            return _zygote.fork(workdir, memory, cpu_seconds, (requests, replies, output))
        except OSError:
            _zygote = None  # a fresh Python per child, then
    return _Started(_python("main", requests, replies, memory, cpu_seconds, stdout=output, stderr=output,
                            pass_fds=(requests, replies), cwd=workdir, env=child_environment(workdir),
                            start_new_session=True))

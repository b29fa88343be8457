"""The sandboxed child: loads a learner's file and runs its functions, one request at a time.

Started by reference.learner.spawning: forked by the zygote below (itself
``python -I -B``, prepared with numpy and the loader), or a ``python -I -B`` of
its own; in a fresh temporary directory, in its own process group (session),
stdin from /dev/null, stdout and stderr on a pipe the parent reads and caps.
It never imports JAX (nor anything of the checker's oracles or verdicts): it
runs exactly ``loading.from_path`` and ``calling.call``, and sends back data
only, over the pipe whose file descriptors it was given. The parent trusts
none of it: it decodes without pickle, checks every field, and decides
itself whether a call wrote into its arguments.

Requests: {"op": "load", "path": P, "assignment": A} and {"op": "call", "name": N,
"argnames": [...], "args": [...], "seed": S or None, "timed_out": [names]}. Replies: {"loaded": {field: value}} or
{"unloadable": message}; {"call": {field: value}, "after": [[True, arg] or
[False, type name], ...]}.
"""

import dataclasses
import os
import resource
import signal
import sys

OUTPUT_CAP = 1 << 20  # bytes of printed output kept per call (and for loading)
CAPPED = "\n[... output capped at 1 MiB by the checker]"


def _limit(memory, cpu_seconds):
    """The child's own limits, set before any learner code runs."""
    resource.setrlimit(resource.RLIMIT_DATA, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 5))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    _die_with_parent()


def _die_with_parent():
    """Linux: killed when the parent ends, so an orphan never keeps running a learner's loop."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _capped(text):
    return text if len(text) <= OUTPUT_CAP else text[:OUTPUT_CAP] + CAPPED


def _fields(record, wire, skip=()):
    """Every dataclass field of ``record`` that is data; one that is not is left out (the parent
    then has the field's default), so a field added to Call or Implementation crosses by itself."""
    out = {}
    for f in dataclasses.fields(record):
        if f.name in skip:
            continue
        value = getattr(record, f.name)
        if isinstance(value, str):
            value = _capped(value)
        try:
            wire.encode(value)
        except wire.NotData:
            continue
        out[f.name] = value
    return out


def _load(path, wire, name="dnn"):
    from reference.assignments import assignment
    from reference.learner.implementation import ImplementationError
    from reference.learner.loading import from_path

    try:
        impl = from_path(path, keep_imports=True, assignment=assignment(name))  # this process is the learner's alone
    except ImplementationError as error:
        return None, {"unloadable": str(error)}
    except BaseException as error:  # noqa: B036 -- a learner's KeyboardInterrupt at import, or worse
        return None, {"unloadable": f"{path}: loading raised {type(error).__name__}: {error}".rstrip(": ")}
    fields = _fields(impl, wire, skip=("functions",))
    fields["functions"] = list(impl.functions)
    return impl, {"loaded": fields}


def _call(impl, request, wire):
    from reference.learner.calling import Call, call
    from reference.learner.timed_out import TimedOutBefore, callee_text, silence

    for name in request.get("timed_out", ()):  # they end at once, called from anywhere
        if name in impl.functions:
            silence(impl.functions[name], name)
    function = impl.functions[request["name"]]
    seen = []

    def spy(*given):  # keeps the very arguments the function gets, to send them back after the call
        seen.append(given)
        return function(*given)

    try:
        result = call(spy, request["argnames"], *request["args"], seed=request.get("seed"))
    except TimedOutBefore as error:
        result = Call(error=callee_text(str(error)))
    except SystemExit as error:  # sys.exit() in a learner's function: the checker survives it
        result = Call(error=f"called sys.exit({error.code!r})")
    except BaseException as error:  # noqa: B036 -- KeyboardInterrupt and friends, raised by the learner
        result = Call(error=f"raised {type(error).__name__}")
    try:
        wire.encode(result.value)
    except wire.NotData as error:
        result.value, result.error = None, f"returned a {error.type_name}, which is not data"
    after = []
    for arg in (seen[0] if seen else request["args"]):
        try:
            wire.encode(arg)
            after.append([True, arg])
        except wire.NotData as error:
            after.append([False, error.type_name])
    return {"call": _fields(result, wire), "after": after}


def serve(fd_in, fd_out):
    """Answer the parent's requests until it closes the channel (or asks for nothing known)."""
    from reference.learner import wire

    requests, replies = os.fdopen(fd_in, "rb"), os.fdopen(fd_out, "wb")
    wire.write_message(replies, {"ready": True})
    impl = None
    while True:
        prefix = requests.read(8)
        if len(prefix) < 8:
            return  # the parent is gone or done
        request = wire.decode(wire.read_body(requests, prefix))
        if request["op"] == "load":
            impl, reply = _load(request["path"], wire, request.get("assignment", "dnn"))
        elif request["op"] == "call" and impl is not None:
            reply = _call(impl, request, wire)
        else:
            return
        wire.write_message(replies, reply)


# What learners' notebooks import at their top (the course's first cell): imported once
# in the zygote, before any learner code, rather than again in every child (0.5 s each).
LEARNERS_IMPORTS = ("matplotlib.pyplot", "h5py", "PIL.Image", "scipy.ndimage")


def _prepare(learners_imports=True):
    """Import, before any learner code, what every child needs (numpy, the loader, the helpers)
    and, with ``learners_imports``, what learners' files usually import (matplotlib on Agg: no
    window, nothing blocks)."""
    sys.dont_write_bytecode = True  # nothing written beside the learner's file
    import importlib

    import numpy  # noqa: F401

    import manual_dnn  # noqa: F401 -- the helpers the course supplied
    from reference.assignments import all_assignments
    from reference.learner import calling, loading, wire  # noqa: F401

    all_assignments()  # their tables and course modules (no JAX: the math is imported lazily)

    os.environ["MPLBACKEND"] = "Agg"
    if not learners_imports:
        return
    for name in LEARNERS_IMPORTS:
        try:
            importlib.import_module(name)
        except Exception:  # not installed, or broken: the learner's own import will say so
            pass


def main(argv):
    """A child started on its own: ``fd_in fd_out memory cpu_seconds``."""
    fd_in, fd_out, memory, cpu_seconds = map(int, argv)
    _limit(memory, cpu_seconds)
    _prepare()
    serve(fd_in, fd_out)


# ---------------------------------------------------------------- the zygote: children by fork

def zygote(argv):
    """Fork children on request, already prepared (so each starts in milliseconds, not a new Python).

    It runs no learner code itself. Over the socket ``argv[0]`` it receives
    {"workdir", "memory", "cpu_seconds"} with three file descriptors (requests,
    replies, output) and answers {"pid"}; when a child ends it says {"exited", "code"}.
    """
    import json
    import select
    import socket

    _die_with_parent()
    # The learners' usual imports (0.5 s of matplotlib, scipy, h5py) only before the second child:
    # a single check forks one, which imports them itself if its file does; a class, many.
    _prepare(learners_imports=False)
    forked = 0
    channel = socket.socket(fileno=int(argv[0]))
    wake_read, wake_write = os.pipe()
    os.set_blocking(wake_write, False)
    signal.set_wakeup_fd(wake_write)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    while True:
        readable, _, _ = select.select([channel, wake_read], [], [])
        if wake_read in readable:
            os.read(wake_read, 1 << 10)
            while True:
                try:
                    pid, status = os.waitpid(-1, os.WNOHANG)
                except ChildProcessError:
                    break
                if pid == 0:
                    break
                channel.send(json.dumps({"exited": pid, "code": os.waitstatus_to_exitcode(status)}).encode())
        if channel in readable:
            try:
                message, fds, _, _ = socket.recv_fds(channel, 1 << 12, 3)
            except OSError:
                return
            if not message:
                return  # the checker is done
            order = json.loads(message)
            if forked == 1:
                _prepare()
            forked += 1
            pid = os.fork()
            if pid == 0:
                try:
                    channel.close()
                    signal.set_wakeup_fd(-1)
                    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                    os.close(wake_read)
                    os.close(wake_write)
                    _become_child(order, *fds)
                finally:
                    os._exit(0)
            for fd in fds:
                os.close(fd)
            channel.send(json.dumps({"pid": pid}).encode())


def _become_child(order, requests, replies, output):
    os.setsid()  # its own process group: whatever it starts is killed with it
    workdir = order["workdir"]
    os.chdir(workdir)
    os.environ.update(HOME=workdir, TMPDIR=workdir)
    import tempfile

    tempfile.tempdir = None
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(output, 1)
    os.dup2(output, 2)
    os.close(null)
    os.close(output)
    _limit(order["memory"], order["cpu_seconds"])
    serve(requests, replies)

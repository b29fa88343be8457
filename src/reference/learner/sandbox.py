"""A learner's file, loaded and called in a child process that the checker never trusts.

    impl = open_sandboxed("my_notebook.ipynb", timeout=10, memory=4 << 30)
    impl.call("linear_backward", ("dZ", "cache"), dZ, cache)  # -> Call, as in process
    impl.close()

The child (reference.learner.child) runs the learner's code with ``python -I``
in a fresh temporary directory (removed afterwards), in its own process
group (so whatever it starts is killed with it), stdin from /dev/null, BLAS
on one thread, a memory limit (RLIMIT_DATA) and a CPU limit as a backstop.
This side measures the wall time of every request (reference.learner.channel),
decodes replies without pickle (reference.learner.wire), checks every field
and decides itself whether a call wrote into its arguments
(reference.learner.replies). Every way the child can end becomes one Call
with a reason; after a timeout or a death the next call starts a new child,
so the other functions still get their verdicts.
"""

import tempfile
import time
import weakref
from pathlib import Path

from reference.learner import wire
from reference.learner.calling import Call
from reference.learner.channel import (
    CRASHED,
    START_TIMEOUT,
    TIMED_OUT,
    Channel,
    Died,
    call_failure_kind,
    kill,
    size_text,
)
from reference.learner.child import CAPPED, OUTPUT_CAP
from reference.learner.implementation import MAX_DEFINED, Implementation, ImplementationError
from reference.learner.replies import checked_fields, checked_frames, unchanged
from reference.learner.timed_out import before_text

__all__ = ["open_sandboxed", "assignment_of", "SandboxedImplementation", "SandboxError", "DEFAULT_TIMEOUT",
           "DEFAULT_MEMORY", "call_failure_kind", "TIMED_OUT", "CRASHED"]

DEFAULT_TIMEOUT = 10.0  # seconds of wall time per call (and for loading)
DEFAULT_MEMORY = 4 << 30  # bytes


class SandboxError(ImplementationError):
    """The sandbox itself could not start: the checker's failure, never the learner's."""


class _Sandbox:
    def __init__(self, path, label, timeout, memory, assignment):
        self.path, self.label, self.timeout, self.memory = path, label, timeout, memory
        self.assignment = assignment
        self.cpu_seconds = int(max(60, 30 * timeout))
        self.workdir = tempfile.mkdtemp(prefix="manual-dnn-learner-")
        self.child = None
        self.timed_out = set()  # the functions that ran out of time: never run again (learner/timed_out.py)
        self.finalizer = weakref.finalize(self, kill, None, self.workdir)

    def _start(self, meanwhile=None):
        """A new child with the learner's file loaded: (the loaded fields, what it printed).

        ``meanwhile()``, if given, runs here while the child starts and loads (JAX's import, say).
        """
        child = Channel(self.workdir, self.memory, self.cpu_seconds)
        self.finalizer.detach()
        self.finalizer = weakref.finalize(self, kill, child.process, self.workdir)
        self.child = child
        load = wire.frame({"op": "load", "path": str(self.path), "assignment": self.assignment.name})
        try:  # sent at once (it fits in the pipe), read by the child once it is ready
            child.exchange(load, time.monotonic() + START_TIMEOUT, 0, reply=False)
            if meanwhile is not None:
                meanwhile()
            ready = child.exchange([], time.monotonic() + START_TIMEOUT, 1 << 10)
            if ready != {"ready": True}:
                raise Died(f"{CRASHED} garbage on the channel at start")
        except (TimeoutError, Died, wire.WireError) as error:
            self._stop()
            raise SandboxError(f"{self.label}: the checker's sandbox could not start ({error})") from None
        try:
            reply = child.exchange([], time.monotonic() + self.timeout, 64 << 20)
        except TimeoutError:
            self._stop()
            raise ImplementationError(f"{self.label}: the implementation timed out after {self.timeout:g} s "
                                      "while loading") from None
        except (Died, wire.WireError) as error:
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
            kill(self.child.process, None)
            self.child.close()
            self.child = None
            self.finalizer.detach()
            self.finalizer = weakref.finalize(self, kill, None, self.workdir)

    def load(self, meanwhile=None):
        """The learner's Implementation fields, checked (raises ImplementationError)."""
        try:
            fields, printed = self._start(meanwhile)
            table = self.assignment.table
            names = fields.get("functions")
            if not (isinstance(names, list) and all(n in table for n in names)):
                raise Died(f"{CRASHED} garbage on the channel: functions")
            fields = checked_fields(Implementation, {**fields, "functions": dict.fromkeys(names)})
            # What is supplied or missing is said by code the learner could patch: only the table's names, disjoint.
            for listed in ("supplied", "missing"):
                if not set(fields.get(listed, ())) <= set(table) - set(names):
                    raise Died(f"{CRASHED} garbage on the channel: {listed}")
            # Names only suggest ("did you mean ...?"): identifiers, as many as the loader keeps.
            defined = fields.get("defined", [])
            if len(defined) > MAX_DEFINED or not all(n.isidentifier() and len(n) <= 200 for n in defined):
                raise Died(f"{CRASHED} garbage on the channel: defined")
            if not (_signatures_fit(fields.get("signatures", {}), names)
                    and _signatures_fit(fields.get("constructors", {}), names)):
                raise Died(f"{CRASHED} garbage on the channel: signatures")
            if not _texts_fit(fields.get("sources", {}), fields.get("test_globals", {}), names):
                raise Died(f"{CRASHED} garbage on the channel: sources")
            fields["assignment"] = self.assignment.name
        except Died as error:
            self._stop()
            raise ImplementationError(f"{self.label}: the implementation sent garbage while loading ({error})") \
                from None
        fields["label"] = self.label
        fields["output"] = _capped(fields.get("output", "") + printed)
        return fields

    def call(self, name, argnames, args, seed=None):
        if name in self.timed_out:
            return Call(error=before_text(name, self.timeout))
        if self.child is None:  # the previous call timed out or crashed: a fresh child
            try:
                self._start()
            except ImplementationError as error:
                return Call(error=f"{CRASHED} could not reload the implementation after the previous "
                                  f"crash: {error}")
        try:
            reply = self._request({"op": "call", "name": name, "argnames": list(argnames), "args": list(args),
                                   "seed": seed, "timed_out": sorted(self.timed_out)}, self.timeout)
            result = self._reply_call(reply, argnames, args)
        except TimeoutError:
            self._stop()
            self.timed_out.add(name)
            return Call(error=f"{name} {TIMED_OUT} {self.timeout:g} s")
        except (Died, wire.WireError) as error:
            output = self.child.take_output() if self.child else ""
            self._stop()
            reason = str(error) if isinstance(error, Died) else f"{CRASHED} garbage on the channel ({error})"
            return Call(error=reason, output=output)
        result.output = _capped(result.output + self.child.take_output())
        if result.error and result.error.startswith("raised MemoryError"):
            result.error = f"over the {size_text(self.memory)} memory limit ({result.error})"
        return result

    def _reply_call(self, reply, argnames, args):
        if not (isinstance(reply, dict) and set(reply) == {"call", "after"} and isinstance(reply["call"], dict)
                and isinstance(reply["after"], list) and len(reply["after"]) == len(args)):
            raise Died(f"{CRASHED} garbage on the channel: not a reply to a call")
        result = Call(**checked_fields(Call, reply["call"]))
        if not checked_frames(result.frames):
            raise Died(f"{CRASHED} garbage on the channel: frames")
        mutated = []
        for name, sent, back in zip(argnames, args, reply["after"]):
            if not (isinstance(back, list) and len(back) == 2 and isinstance(back[0], bool)):
                raise Died(f"{CRASHED} garbage on the channel: arguments after the call")
            if not back[0] or not unchanged(sent, back[1]):
                mutated.append(name)
        result.mutated = mutated  # decided here: the child's own opinion is not trusted
        return result

    def close(self):
        self._stop()
        self.finalizer()


def _signatures_fit(signatures, names):
    """{name: [[parameter, has a default], ...]} for functions found, nothing else."""
    return isinstance(signatures, dict) and all(
        name in names and isinstance(parameters, list) and all(
            isinstance(p, list) and len(p) == 2 and isinstance(p[0], str) and isinstance(p[1], bool)
            for p in parameters)
        for name, parameters in signatures.items())


def _texts_fit(sources, test_globals, names):
    """{name: source text} and {name: [[global, where], ...]} for functions found, nothing else."""
    return isinstance(sources, dict) and isinstance(test_globals, dict) and all(
        name in names and isinstance(text, str) for name, text in sources.items()) and all(
        name in names and isinstance(pairs, list) and all(
            isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) for x in p) for p in pairs)
        for name, pairs in test_globals.items())


def _capped(text):
    return text if len(text) <= OUTPUT_CAP + len(CAPPED) else text[:OUTPUT_CAP] + CAPPED


class SandboxedImplementation(Implementation):
    """An Implementation whose functions live in a sandboxed child process."""

    def call(self, name, argnames, *args, seed=None):
        if name not in self.functions:
            raise KeyError(name)
        return self.refusal(name, argnames) or self._sandbox.call(name, argnames, args, seed)

    def close(self):
        self._sandbox.close()

    def __enter__(self):
        return self

    def __exit__(self, *_):
        self.close()


def open_sandboxed(path, timeout=DEFAULT_TIMEOUT, memory=DEFAULT_MEMORY, meanwhile=None, assignment=None):
    """Load the learner's .py/.ipynb ``path`` (or package folder) in a sandboxed child; raises ImplementationError.

    ``assignment``: the Assignment (or its name) the file is of; None: recognised from the names and
    signatures the file defines (reference.assignments.detection), before any of its code runs.
    ``meanwhile()`` runs while the child starts (so a caller can import JAX in parallel).
    """
    label = str(path)
    path = Path(path)
    if not (path.is_file() or path.is_dir()):
        raise ImplementationError(f"{path}: no such file or folder")
    assignment, notes = _assignment_of(path, label, assignment)
    sandbox = _Sandbox(path.resolve(), label, float(timeout), int(memory), assignment)
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
    impl.notes[:0] = notes
    return impl


def assignment_of(path):
    """The name of the assignment a file or folder is of (recognised as open_sandboxed does), or None."""
    try:
        found, _ = _assignment_of(Path(path), str(path), None)
    except (ImplementationError, OSError):
        return None
    return found.name


def _assignment_of(path, label, assignment):
    """(the Assignment, notes): the one named, or the one the file's definitions show."""
    from reference.assignments import all_assignments
    from reference.assignments import assignment as named
    from reference.assignments.detection import defined_in_source, recognise
    from reference.learner.packages import sources

    if isinstance(assignment, str):
        try:
            return named(assignment), []
        except KeyError as error:
            raise ImplementationError(str(error.args[0])) from None
    if assignment is not None:
        return assignment, []
    try:
        texts = sources(path)
    except ValueError as error:
        raise ImplementationError(str(error)) from None
    found = recognise(defined_in_source(texts), all_assignments())
    if found.assignment is None:
        if not found.evidence:  # nothing of any assignment: loading says why (a syntax error, no function)
            return named("dnn"), []
        raise ImplementationError(f"{label}: {found.message}")
    return found.assignment, [found.message] if found.message else []

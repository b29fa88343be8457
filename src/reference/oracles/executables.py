"""Compiled oracles kept between runs, keyed by shape: a second run neither traces, lowers nor compiles.

``jax.jit`` traces a function, lowers it to XLA and compiles it in every new process; JAX's
persistent compilation cache (compilation_cache.py) saves only the last step, and tracing and
lowering the network's gradient are most of a warm check's JAX time. ``jit(function, name)``
keeps what jit makes -- the XLA executable with the structure of its arguments and results,
``jax.experimental.serialize_executable`` -- in the cache folder, one file per (function,
argument shapes and dtypes); a later process loads it in milliseconds. ``prefetch`` starts
that loading (or the compilation, the first time) in a background thread, for shapes a
caller knows it will need: XLA compiles without Python's lock, so a check's first seconds
and its compilations overlap, two at a time.

A file's name is a digest of: the name given; the source of every module of the ``reference``
package (any change to the checker's code compiles afresh); the versions of jax and jaxlib; the
processor (its model and features) and XLA_FLAGS; the platform; whether float64 is on; the tree,
shapes and dtypes of the arguments. Files are written
under a temporary name and renamed, so a concurrent worker never reads half of one; past
MAX_BYTES the least recently used go. A file that cannot be loaded, or whose executable fails
on its first call, is removed and the function runs through jax.jit: never an error of its own.
What is kept is compiled apart from JAX's persistent cache (on CPU an executable that came from
that cache cannot be serialised again). Loading unpickles the file, as JAX's persistent cache
deserialises executables: the cache folder is trusted as that one is. Off with the persistent
cache (``--no-cache``, MANUAL_DNN_NO_CACHE=1): then this is jax.jit.
"""

import concurrent.futures
import contextlib
import hashlib
import os
import pickle
import tempfile
import threading
from pathlib import Path

import jax
import numpy as np

from reference.oracles import compilation_cache

__all__ = ["jit", "folder", "in_background", "MAX_BYTES"]

MAX_BYTES = 64 << 20  # a default check keeps ~0.3 MB here; each other network size about as much
COMPILER_OPTIONS = {"xla_backend_optimization_level": 0}
BACKGROUND_THREADS = 2  # compilations at once: the machines this runs on have two cores or more
_SUFFIX = ".xla"
_code_digest = _machine_digest = None
_lock = threading.Lock()  # guards every _Cached.executables
_pool_lock = threading.Lock()
_pool = None


def folder():
    """Where the executables are kept: beside JAX's persistent cache."""
    return compilation_cache.cache_folder().parent / "executables"


def _code():
    """A digest of the reference package's source (what the traced functions are made of) and of JAX's version."""
    global _code_digest
    if _code_digest is None:
        import jaxlib

        root = Path(__file__).resolve().parents[1]
        digest = hashlib.sha256(f"{jax.__version__} {jaxlib.__version__}".encode())
        for path in sorted(root.rglob("*.py")):
            digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
        _code_digest = digest.hexdigest()
    return _code_digest


def _machine():
    """What an executable compiled here assumes of the processor: a cache folder shared by machines
    (a home directory on a cluster) must not hand one instructions another lacks."""
    global _machine_digest
    if _machine_digest is None:
        import platform

        text = f"{platform.machine()} {os.environ.get('XLA_FLAGS', '')}"
        with contextlib.suppress(OSError):
            lines = Path("/proc/cpuinfo").read_text(errors="replace").splitlines()
            text += "".join(sorted({line for line in lines if line.startswith(("model name", "flags", "Features"))}))
        _machine_digest = hashlib.sha256(text.encode()).hexdigest()
    return _machine_digest


def _signature(args):
    """(float64 on, the arguments' tree, (shape, dtype) of each leaf): what an executable is compiled for."""
    leaves, tree = jax.tree_util.tree_flatten(args)
    shapes = tuple((tuple(x.shape) if hasattr(x, "shape") else np.shape(x),
                    np.dtype(x.dtype if hasattr(x, "dtype") else type(x)).str) for x in leaves)
    return bool(jax.config.jax_enable_x64), tree, shapes


class _Guarded:
    """A loaded executable whose first call is watched: if it fails, the file goes and jax.jit takes over."""

    def __init__(self, executable, fallback, path):
        self.executable, self.fallback, self.path, self.trusted = executable, fallback, path, False

    def __call__(self, *args):
        if self.trusted:
            return self.executable(*args)
        try:
            result = jax.block_until_ready(self.executable(*args))
        except Exception:  # an executable this process cannot run
            _remove(self.path)
            self.executable = self.fallback
            result = self.fallback(*args)
        self.trusted = True
        return result


class _Cached:
    """jax.jit of a function, with one executable per argument signature, kept on disk."""

    def __init__(self, function, name):
        self.jitted, self.name, self.executables = jax.jit(function), name, {}

    def __call__(self, *args):
        return self.specialized(*args)(*args)

    def specialized(self, *args):
        """What runs the function on arguments shaped as ``args``: for a loop to call directly."""
        if not compilation_cache.enabled():
            return self.jitted
        signature = _signature(args)
        with _lock:
            entry = self.executables.get(signature)
            if entry is None:
                entry = self.executables[signature] = concurrent.futures.Future()
                mine = True
            else:
                mine = False
        if mine:  # resolved here, now
            executable = self._resolve(args, signature)
            entry.set_result(executable)
        else:
            executable = entry.result() if isinstance(entry, concurrent.futures.Future) else entry
        with _lock:
            self.executables[signature] = executable
        return executable

    def prefetch(self, *specs):
        """Load (or compile) the executable for arguments shaped as ``specs`` (arrays or
        jax.ShapeDtypeStruct) in a background thread; a later call waits for it if need be."""
        if not compilation_cache.enabled():
            return
        signature = _signature(specs)
        pool = _background()
        with _lock:
            if signature in self.executables:
                return
            self.executables[signature] = pool.submit(self._resolve, specs, signature)

    def _resolve(self, args, signature):
        """The executable for ``signature``: loaded, else compiled (and kept); jax.jit's if neither works."""
        try:
            path = folder() / f"{self.name}-{self._key(signature)}{_SUFFIX}"
            with jax.enable_x64(signature[0]):  # a background thread has its own setting
                executable = _load(path)
                if executable is not None:
                    return _Guarded(executable, self.jitted, path)
                return self._compile(args, path)
        except Exception:  # the cache folder unreachable, say: jit compiles in memory as ever
            return self.jitted

    def _key(self, signature):
        x64, tree, leaves = signature
        text = repr((self.name, _code(), _machine(), jax.default_backend(), x64, str(tree), leaves))
        return hashlib.sha256(text.encode()).hexdigest()[:32]

    def _compile(self, args, path):
        from jax.experimental import serialize_executable

        try:  # LLVM's optimisations cost a fifth of a first check and gain nothing measurable: the oracles'
            # work is a few products (library calls) and small elementwise steps; results agree to 1e-16
            with compilation_cache.bypassed():
                compiled = self.jitted.lower(*args).compile(compiler_options=COMPILER_OPTIONS)
        except Exception:  # whatever AOT compilation cannot do, jit can: its error, if any, comes from there
            return self.jitted
        with contextlib.suppress(Exception):  # a full disk, an executable that cannot be serialised: not kept
            _write(path, pickle.dumps(serialize_executable.serialize(compiled)))
        return compiled


def in_background(task):
    """Run ``task()`` on the compiling threads: a head start only, so whatever it raises is dropped
    (the call that needs its work does that work itself, and says what fails)."""
    def guarded():
        with contextlib.suppress(Exception):
            task()
    _background().submit(guarded)


def _background():
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = concurrent.futures.ThreadPoolExecutor(BACKGROUND_THREADS, thread_name_prefix="manual-dnn-compile")
        return _pool


def _load(path):
    from jax.experimental import serialize_executable

    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        payload, in_tree, out_tree = pickle.loads(data)
        executable = serialize_executable.deserialize_and_load(payload, in_tree, out_tree)
    except Exception:  # damaged, or written by another version of jax
        _remove(path)
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # recently used
    return executable


def _remove(path):
    with contextlib.suppress(OSError):
        path.unlink()


def _write(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    _evict(path.parent, len(data))
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".writing-")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)  # atomic: readers see the whole file or none
    except BaseException:
        _remove(Path(temporary))
        raise


def _evict(where, adding):
    """Remove the least recently used files until ``adding`` more bytes fit under MAX_BYTES."""
    entries = []
    for entry in where.glob(f"*{_SUFFIX}"):
        with contextlib.suppress(OSError):
            stat = entry.stat()
            entries.append((stat.st_mtime, stat.st_size, entry))
    total = sum(size for _, size, _ in entries) + adding
    for _, size, entry in sorted(entries, key=lambda e: e[0]):
        if total <= MAX_BYTES:
            break
        _remove(entry)
        total -= size


def jit(function, name=None):
    """``jax.jit(function)``, each compilation kept on disk per argument signature (see above).

    Arguments are arrays (numpy or jax) in pytrees: no static arguments.
    """
    return _Cached(function, name or f"{function.__module__}.{function.__qualname__}")

"""JAX's persistent compilation cache, set up in one place, and the switch for every cache of compilations.

The oracles' own functions are kept by executables.py (traced, lowered and compiled once per shape,
loaded by later runs); every other compilation -- explain, the engine's declared functions, the
tests' oracles -- goes through JAX's persistent cache, pointed here at the user's cache folder
(platformdirs: ``$XDG_CACHE_HOME/manual-dnn/jax`` on Linux, else ``~/.cache/manual-dnn/jax``), every
compilation kept however small or quick, bounded (past MAX_BYTES the least recently used go).

Safe for concurrent grading workers: with a size bound JAX reads and writes every entry under a
file lock (its ``.lockfile``, via the filelock package), so no process reads an entry another is
writing. An unreadable entry (a process killed while writing it) is never fatal: JAX compiles
afresh, and ``in_use`` then removes the entries that no longer decompress, quietly, so the next
compilation writes them again.

Turned off, with executables.py, by ``--no-cache`` (gradcheck, grade) or the environment variable
MANUAL_DNN_NO_CACHE=1 (for ``check()`` in Python). A process whose JAX already has a cache folder
of its own (a notebook's user set one) keeps it.
"""

import contextlib
import os
import threading
import warnings
import zlib
from pathlib import Path

__all__ = ["NO_CACHE_VARIABLE", "MAX_BYTES", "cache_folder", "enabled", "use_cache", "in_use", "bypassed",
           "repair"]

NO_CACHE_VARIABLE = "MANUAL_DNN_NO_CACHE"
MAX_BYTES = 64 << 20  # JAX writes here only what executables.py does not keep: explain, the engine, tests
_READ_ERROR = "Error reading persistent compilation cache entry"

_configured = None  # the folder JAX was pointed at by us, "off", or None before the first call
_shown = {}  # the warnings in_use passed on, so that each shows once as Python's default does
_bypass_lock = threading.Lock()
_bypassing, _bypassed_folder = 0, None  # threads inside bypassed(), and the folder they took away


def cache_folder():
    """Where the compiled oracles are kept (created on first use)."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("manual-dnn", appauthor=False)) / "jax"


def enabled():
    """False when MANUAL_DNN_NO_CACHE is set to anything but "" or "0"."""
    return os.environ.get(NO_CACHE_VARIABLE, "") in ("", "0")


def use_cache():
    """Point JAX at the cache folder (or away from it, when turned off), before it compiles.

    Cheap when nothing changed. Returns the folder in use, or None.
    """
    global _configured
    want = str(cache_folder()) if enabled() else "off"
    if want == _configured:
        return None if want == "off" else Path(want)
    import jax
    from jax.experimental.compilation_cache import compilation_cache

    theirs = jax.config.jax_compilation_cache_dir
    if _configured is None and theirs and want != "off":  # the process has a cache of its own: kept
        _configured = theirs
        return Path(theirs)
    if want != "off":
        try:
            Path(want).mkdir(parents=True, exist_ok=True)
        except OSError:  # a read-only home, say: the check runs, uncached
            want = "off"
    if want != "off":
        jax.config.update("jax_compilation_cache_max_size", MAX_BYTES)  # bounded, and locked for concurrent workers
        jax.config.update("jax_persistent_cache_min_compile_time_secs", 0.0)  # our compilations are all small
        jax.config.update("jax_persistent_cache_min_entry_size_bytes", -1)
    jax.config.update("jax_compilation_cache_dir", None if want == "off" else want)
    compilation_cache.reset_cache()  # JAX opens its cache once per process: reopened at the new place
    _configured = want
    return None if want == "off" else Path(want)


@contextlib.contextmanager
def in_use():
    """Around JAX work: the cache set up first; an entry JAX could not read is removed
    afterwards (JAX compiled afresh meanwhile), silently; other warnings pass through."""
    folder = use_cache()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield
    unreadable = [w for w in caught if str(w.message).startswith(_READ_ERROR)]
    if unreadable and folder is not None:
        repair(folder)
    for w in caught:
        if w not in unreadable:  # shown as they would have been, once per place (the registry)
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno, registry=_shown)


@contextlib.contextmanager
def bypassed():
    """No persistent cache for the compilations inside: each compiles afresh, and is not written
    (an executable JAX loaded from its cache cannot be serialised again on CPU: executables.py).
    Threads may compile inside at once: the cache comes back when the last one leaves."""
    global _bypassing, _bypassed_folder
    import jax
    from jax.experimental.compilation_cache import compilation_cache

    with _bypass_lock:
        if _bypassing == 0:
            _bypassed_folder = jax.config.jax_compilation_cache_dir
            if _bypassed_folder is not None:
                jax.config.update("jax_compilation_cache_dir", None)
                compilation_cache.reset_cache()
        _bypassing += 1
    try:
        yield
    finally:
        with _bypass_lock:
            _bypassing -= 1
            if _bypassing == 0 and _bypassed_folder is not None:
                jax.config.update("jax_compilation_cache_dir", _bypassed_folder)
                compilation_cache.reset_cache()


def repair(folder):
    """Remove the entries of ``folder`` that do not decompress; returns how many."""
    removed = 0
    for entry in Path(folder).glob("*-cache"):
        try:
            data = entry.read_bytes()
        except OSError:
            continue
        if not _decompresses(data):
            with contextlib.suppress(OSError):
                entry.unlink()
                removed += 1
    return removed


def _decompresses(data):
    """Whether ``data`` is a whole compressed stream of one of the formats JAX writes (zlib, zstd)."""
    decompressors = [zlib.decompress]
    with contextlib.suppress(ImportError):
        import zstandard

        decompressors.append(zstandard.ZstdDecompressor().decompress)
    with contextlib.suppress(ImportError):
        from compression import zstd  # Python 3.14

        decompressors.append(zstd.decompress)
    for decompress in decompressors:
        try:
            decompress(data)
            return True
        except Exception:  # each library has its own error type
            continue
    return False

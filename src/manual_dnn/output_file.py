"""Writing a file the user named (a model, a cost plot) without ever losing what was there.

``check_output_path`` says, before any long work, whether the path can be
written; ``write_atomically`` checks again, writes a temporary file in the
same folder and renames it over the target, so an interrupted or failed
write leaves the old file (or nothing) in place. A symlink is followed: the
file it points to is replaced and the link stays. Special files (devices,
FIFOs, sockets), directories and read-only files are refused, never
replaced; the new file gets the mode of the file it replaces, else the
user's umask.
"""

import contextlib
import os
import stat
import tempfile
from pathlib import Path

__all__ = ["OutputFileError", "check_output_path", "write_atomically", "same_file"]

_SPECIAL = (
    (stat.S_ISDIR, "is a directory"),
    (stat.S_ISCHR, "is a character device, not a regular file"),
    (stat.S_ISBLK, "is a block device, not a regular file"),
    (stat.S_ISFIFO, "is a FIFO (named pipe), not a regular file"),
    (stat.S_ISSOCK, "is a socket, not a regular file"),
)


class OutputFileError(ValueError):
    """The path cannot be written safely, or writing it failed (one line)."""


def check_output_path(path):
    """The real file to write for ``path`` (symlinks followed), or OutputFileError saying why not."""
    if str(path) == "":
        raise OutputFileError("an empty file name")
    target = Path(os.path.realpath(path))
    try:
        info = os.stat(target)
    except FileNotFoundError:
        info = None
    except OSError as error:  # a symlink loop, a name too long, a folder that is a file
        raise OutputFileError(f"{path}: cannot write it ({error.strerror})") from None
    if info is not None:
        for is_kind, what in _SPECIAL:
            if is_kind(info.st_mode):
                raise OutputFileError(f"{path}: {what}; refusing to replace it")
        # Root may write anything: the mode bits say what the user meant.
        if not os.access(target, os.W_OK) or not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
            raise OutputFileError(f"{path}: is read-only; refusing to replace it (remove it or make it writable)")
    folder = target.parent
    if not folder.is_dir():
        raise OutputFileError(f"{path}: folder {folder} does not exist")
    try:  # the one sure test: root ignores permission bits, and some folders (/proc) take no new file
        fd, probe = tempfile.mkstemp(dir=folder, prefix=".manual-dnn-probe-")
        os.close(fd)
        os.unlink(probe)
    except OSError as error:
        raise OutputFileError(f"{path}: cannot write in folder {folder} ({error.strerror})") from None
    return target


def same_file(a, b):
    """Whether paths ``a`` and ``b`` name one file (after symlinks; hard links too)."""
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    with contextlib.suppress(OSError):
        return os.path.samefile(a, b)
    return False


def _new_file_mode():
    umask = os.umask(0o022)  # the only portable way to read it is to set it
    os.umask(umask)
    return 0o666 & ~umask


def write_atomically(path, write):
    """Call ``write(binary_file)`` on a temporary file, then rename it to ``path``.

    Raises OutputFileError (and leaves no temporary file) when the path is
    refused or the writing fails (a full disk, a quota).
    """
    target = check_output_path(path)
    mode = stat.S_IMODE(os.stat(target).st_mode) if target.exists() else _new_file_mode()
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as error:
        raise OutputFileError(f"{path}: cannot write in folder {target.parent} ({error.strerror})") from None
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())  # the bytes are on disk before the name points at them
        os.chmod(tmp, mode)  # mkstemp made it 0600
        check_output_path(path)  # still a regular file (or nothing) right before the rename
        os.replace(tmp, target)
    except BaseException as error:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(error, OSError):
            raise OutputFileError(f"{path}: cannot write it ({error.strerror or error})") from None
        raise

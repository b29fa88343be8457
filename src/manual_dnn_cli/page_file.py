"""A file the user asked us to write (``gradcheck --html``): checked before any work, written atomically.

``writable_target`` refuses, with one line, what cannot or must not be
replaced -- a folder, a device or FIFO, a read-only file, the file being
checked, a folder that is missing or not writable -- before the check runs.
``write_atomically`` writes a temporary file beside the target and renames it
over, so an interrupted run never leaves half a page where a good one was.
"""

import os
import stat
import tempfile

__all__ = ["PageFileError", "writable_target", "write_atomically"]


class PageFileError(Exception):
    """The target cannot be written; the message is one line naming it."""


def writable_target(path, option="--html", keep=()):
    """The real path to write ``path`` to (symlinks followed), or PageFileError.

    ``keep``: files that must not be overwritten (the learner's file being checked).
    """
    if not path:
        raise PageFileError(f"{option} needs a file name")
    real = os.path.realpath(path)
    if os.path.isdir(real):
        example = os.path.join(path, "report.html")
        raise PageFileError(f"{option} {path}: is a folder; give a file name such as {example}")
    if os.path.lexists(real):
        mode = os.stat(real).st_mode
        if not stat.S_ISREG(mode):
            raise PageFileError(f"{option} {path}: is not a regular file (a device, FIFO or socket); not replaced")
        if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
            raise PageFileError(f"{option} {path}: is read-only; not replaced")
    for other in keep:
        if other and os.path.exists(other) and os.path.exists(real) and os.path.samefile(other, real):
            raise PageFileError(f"{option} {path}: is the file being checked; not overwritten")
    folder = os.path.dirname(real)
    if not os.path.isdir(folder):
        raise PageFileError(f"{option} {path}: the folder {os.path.dirname(path) or '.'} does not exist")
    try:  # the only sure test of writability (root ignores permission bits, read-only mounts do not)
        fd, probe = tempfile.mkstemp(dir=folder, prefix=".manual-dnn-probe-")
        os.close(fd)
        os.unlink(probe)
    except OSError as error:
        raise PageFileError(f"{option} {path}: cannot write in {folder}: {error.strerror}") from None
    return real


def write_atomically(path, text):
    """Write ``text`` (UTF-8) to ``path`` through a temporary file in the same folder, then rename.

    The new file keeps an existing file's permissions, else gets the usual ones
    (0666 less the umask). Raises OSError, leaving nothing behind.
    """
    folder, name = os.path.split(path)
    fd, temporary = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        if os.path.exists(path):
            mode = stat.S_IMODE(os.stat(path).st_mode)
        else:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise

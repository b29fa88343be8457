"""The submissions a command line names: .py and .ipynb files, given or found in folders; or, per folder, each
folder inside the ones given (a student's repository, its package checked whole)."""

from pathlib import Path

__all__ = ["SubmissionError", "find_submissions", "SUFFIXES"]

SUFFIXES = (".py", ".ipynb")
SKIPPED_FOLDERS = ("__pycache__", ".ipynb_checkpoints")


class SubmissionError(ValueError):
    """A named path that is not a submission (one line, exit 2)."""


def _hidden(path, root):
    return any(part.startswith(".") or part in SKIPPED_FOLDERS for part in path.relative_to(root).parts[:-1]) \
        or path.name.startswith(".")


def find_submissions(paths, per_folder=False):
    """[Path] in a stable order: each file as given, each folder's .py/.ipynb files (recursively,
    hidden folders and notebook checkpoints left out) sorted by name; duplicates once. ``per_folder``:
    each folder given holds one submission per folder inside it (files given stay submissions)."""
    found = []
    for text in paths:
        path = Path(text)
        if path.is_dir() and per_folder:
            inside = sorted(p for p in path.iterdir() if p.is_dir() and not p.name.startswith(".")
                            and p.name not in SKIPPED_FOLDERS)
            if not inside:
                raise SubmissionError(f"{path}: no folder inside it (--per-folder: one submission per folder)")
            found += inside
        elif path.is_dir():
            inside = sorted(p for p in path.rglob("*") if p.suffix in SUFFIXES and p.is_file() and not _hidden(p, path))
            found += inside
        elif path.is_file():
            if path.suffix not in SUFFIXES:
                raise SubmissionError(f"{path}: not a .py file or an .ipynb notebook")
            found.append(path)
        else:
            raise SubmissionError(f"{path}: no such file or folder")
    unique = list(dict.fromkeys(found))
    if not unique:
        raise SubmissionError(f"no .py or .ipynb file in {', '.join(map(str, paths))}")
    return unique

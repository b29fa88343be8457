"""A learner's code as it lives in a package: a file inside one (``cs231n/classifiers/fc_net.py``,
whose ``from ..layers import *`` reaches the learner's own ``layers.py``), or the package's folder.

``layout(path)`` says where the package is: its top folder, its name and the dotted name of the
file. While the learner's code loads, a ``Finder`` serves the package's modules: the learner's own
files, run statement by statement as the file checked is (a top-level line that fails is skipped
and listed; the rest still defines its functions); and, for a module of the course's own that the
folder lacks (``layer_utils``, ``gradient_check``, the compiled ``im2col_cython``), the one the
assignment rebuilt (``Assignment.package``), run under the learner's package name, so that its
relative imports reach the learner's modules (the course's ``affine_relu_forward`` calls the
learner's ``affine_forward``). A notebook or a file that imports the course's package without
having it (``from cs231n.solver import Solver``) gets the course's own modules the same way.
"""

import ast
import importlib
import importlib.abc
import importlib.machinery
import sys
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Layout", "layout", "find_package", "Finder", "sources", "module_files", "learner_files", "SKIPPED_FOLDERS",
           "MAX_FILES"]

SKIPPED_FOLDERS = ("__pycache__", ".ipynb_checkpoints", "build", "datasets")
MAX_FILES = 200  # .py files of a package folder read to know what it defines: a course package has ~20
MAX_BYTES = 5 << 20


@dataclass(frozen=True)
class Layout:
    """root: the package's top folder; name: its import name (the folder's name); module: the dotted
    name of the file given ("" for the folder itself)."""

    root: Path
    name: str
    module: str = ""

    @property
    def package(self):
        """The package the file's relative imports start from (``cs231n.classifiers`` for fc_net.py)."""
        return self.module.rpartition(".")[0] if self.module else self.name


def _relative_level(path):
    """The deepest relative import of a .py file (``from ..layers import *``: 2), 0 when none or unreadable."""
    try:
        tree = ast.parse(path.read_bytes())
    except (OSError, SyntaxError, ValueError):
        return 0
    return max((node.level for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)), default=0)


def layout(path):
    """The Layout of ``path`` (a folder, or a .py file inside a package), or None for a file on its own.

    A folder is a package whose top is the highest folder above it with an ``__init__.py`` (itself
    when none has). A file is in a package when its folder has an ``__init__.py`` or it imports
    relatively; the package reaches up as far as its ``__init__.py`` files and its relative imports do.
    """
    path = Path(path).resolve()
    if path.is_dir():
        top = path
        while (top.parent / "__init__.py").is_file() and top.parent != top:
            top = top.parent
        parts = path.relative_to(top).parts
        return Layout(top, top.name, ".".join((top.name, *parts)) if parts else "")
    if path.suffix != ".py":
        return None
    depth = 0
    folder = path.parent
    while (folder / "__init__.py").is_file() and folder.parent != folder:
        depth += 1
        folder = folder.parent
    depth = max(depth, _relative_level(path))
    if depth == 0 or len(path.parents) <= depth:
        return None
    top = path.parents[depth - 1]
    if not top.name.isidentifier():
        return None
    parts = path.relative_to(top).with_suffix("").parts
    if not all(part.isidentifier() for part in parts):
        return None
    return Layout(top, top.name, ".".join((top.name, *parts)))


def find_package(folder, name):
    """The package named ``name`` (the course's, ``cs231n``) a learner's folder holds: the folder itself
    when it is one or has that name, else the one folder of that name inside it (a student's repository,
    ``assignment2/cs231n``), else the folder. ValueError naming them when it holds several."""
    folder = Path(folder)
    if folder.name == name or (folder / "__init__.py").is_file() or not name:
        return folder
    found = sorted((p for p in folder.rglob(name) if p.is_dir() and not _skipped(p.relative_to(folder))),
                   key=lambda p: (len(p.parts), str(p)))
    found = [p for p in found if not any(q in p.parents for q in found)]  # the outermost of nested ones
    if len(found) > 1:
        shown = ", ".join(str(p.relative_to(folder)) for p in found[:4])
        raise ValueError(f"{folder}: holds {len(found)} {name} packages ({shown}): give one of them")
    return found[0] if found else folder


def _skipped(relative):
    return any(part.startswith(".") or part in SKIPPED_FOLDERS for part in relative.parts)


def module_files(root):
    """[(dotted name below the package, path)] of the .py files of a package folder, in order; hidden
    folders, caches, build output and the course's data left out; at most MAX_FILES."""
    found = []
    for path in sorted(Path(root).rglob("*.py")):
        relative = path.relative_to(root)
        if any(part.startswith(".") or part in SKIPPED_FOLDERS for part in relative.parts[:-1]) or \
                path.name.startswith(".") or not all(p.isidentifier() for p in relative.with_suffix("").parts):
            continue
        parts = relative.with_suffix("").parts
        found.append((".".join(parts[:-1] if parts[-1] == "__init__" else parts), path))
        if len(found) > MAX_FILES:
            raise ValueError(f"{root}: more than {MAX_FILES} .py files: give the package's folder (cs231n/), "
                             "not a whole repository")
    return found


def learner_files(folder):
    """[path] of the .py and .ipynb files in a learner's folder that is not a package (a student's
    repository of an assignment without one), hidden folders, caches and checkpoints left out; at most
    MAX_FILES."""
    found = sorted(p for p in Path(folder).rglob("*") if p.suffix in (".py", ".ipynb") and p.is_file()
                   and not _skipped(p.relative_to(folder)))
    if len(found) > MAX_FILES:
        raise ValueError(f"{folder}: more than {MAX_FILES} .py and .ipynb files: give the submission's folder")
    return found


def sources(path):
    """The Python texts a file or folder holds (a notebook's code cells, a package's modules): what
    recognising its assignment reads, before any of its code runs."""
    from reference.learner.source import code_cells

    path = Path(path)
    if not path.is_dir():
        texts = [text for _, text in code_cells(path)]
        for folder in _imported_packages(texts, path.parent):  # a notebook that imports the student's cs231n/
            texts += sources(folder)
        return texts
    texts, size = [], 0
    files = [file for _, file in module_files(path)] + [p for p in learner_files(path) if p.suffix == ".ipynb"]
    for file in files:
        texts += [text for _, text in code_cells(file)]
        size += len(texts[-1]) if texts else 0
        if size > MAX_BYTES:
            raise ValueError(f"{path}: more than {MAX_BYTES >> 20} MB of Python: give the package's folder")
    return texts


def _imported_packages(texts, folder):
    """The package folders beside a file (``cs231n/``) that its texts import (``from cs231n.layers import *``):
    what it checks is defined there. Single-file modules (the course's ``dnn_utils.py``) are left out: they
    hold the course's helpers, not the learner's work."""
    names = set()
    for text in texts:
        try:
            tree = ast.parse(text)
        except (SyntaxError, ValueError):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return [folder / name for name in sorted(names)
            if name.isidentifier() and (folder / name).is_dir() and any((folder / name).glob("*.py"))]


class _Loader(importlib.abc.Loader):
    """Runs one module's file: the learner's with ``run`` (statement by statement), the course's as it is."""

    def __init__(self, path, run=None):
        self.path, self.run = path, run

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        if self.path is None:  # a package with no file of its own
            return
        module.__file__ = str(self.path)
        if self.run is not None:
            self.run(self.path, module.__dict__)
        else:
            exec(compile(self.path.read_text(encoding="utf-8"), str(self.path), "exec"), module.__dict__)


@dataclass
class Finder(importlib.abc.MetaPathFinder):
    """Serves ``name`` and its submodules: the learner's files under ``root`` (None: the learner has no
    folder of it), run by ``run(path, namespace)``; else the course's own module of ``course`` (the
    dotted name of the rebuilt package) when it is one of those the course supplies."""

    name: str
    root: Path | None
    course: str = ""
    run: object = None
    supplied: list = field(default_factory=list)  # the course's modules served, dotted

    def find_spec(self, fullname, path=None, target=None):
        if fullname != self.name and not fullname.startswith(self.name + "."):
            return None
        relative = fullname[len(self.name) + 1:]
        own = self._learners(fullname, relative)
        if own is not None:
            return own
        course = self._courses(fullname, relative)
        if course is not None:
            return course
        if not relative:  # the package itself, when the learner has no folder of it: empty
            spec = importlib.machinery.ModuleSpec(fullname, _Loader(None), is_package=True)
            spec.submodule_search_locations = []
            return spec
        return None

    def _learners(self, fullname, relative):
        if self.root is None:
            return None
        base = self.root.joinpath(*relative.split(".")) if relative else self.root
        if base.is_dir():
            init = base / "__init__.py"
            spec = importlib.machinery.ModuleSpec(fullname, _Loader(init if init.is_file() else None, self.run),
                                                  origin=str(init) if init.is_file() else None, is_package=True)
            spec.submodule_search_locations = [str(base)]
            return spec
        file = base.with_suffix(".py")
        if file.is_file():
            return importlib.machinery.ModuleSpec(fullname, _Loader(file, self.run), origin=str(file))
        return None  # nothing of the learner's: a compiled module of theirs is the path finder's

    def _courses(self, fullname, relative):
        if not self.course or not relative or relative not in _supplied_by(self.course):
            return None
        if self.root is not None and importlib.machinery.PathFinder.find_spec(
                fullname.rpartition(".")[2], [str(self.root.joinpath(*relative.split(".")[:-1]))]) is not None:
            return None  # the learner's own compiled module (im2col_cython built in place)
        file = Path(importlib.import_module(self.course).__file__).parent.joinpath(*relative.split(".")) \
            .with_suffix(".py")
        if not file.is_file():
            return None
        if fullname not in self.supplied:
            self.supplied.append(fullname)
        return importlib.machinery.ModuleSpec(fullname, _Loader(file), origin=str(file))

    def install(self):
        sys.meta_path.insert(0, self)

    def remove(self):
        if self in sys.meta_path:
            sys.meta_path.remove(self)
        for module in [m for m in sys.modules if m == self.name or m.startswith(self.name + ".")]:
            del sys.modules[module]


def _supplied_by(course):
    """The modules of the rebuilt package ``course`` that the course gave its learners (its ``SUPPLIED``)."""
    return tuple(getattr(importlib.import_module(course), "SUPPLIED", ()))

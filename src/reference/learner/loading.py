"""What the checker checks: the seed's functions, found in a module, a .py
file, a Jupyter notebook or a mapping (such as a notebook's ``globals()``).

Learners write these functions in several styles, all found here: plain
functions; static, class or plain methods of a class (through an instance the
file creates); attributes of a module object the file builds.

A learner's file often uses sigmoid, relu, sigmoid_backward and relu_backward
without defining them: the course supplied them from a utility module
(``from dnn_utils import ...``). They are supplied here the same way, from
manual_dnn, and reported as supplied rather than checked. Likewise a fragment
that uses ``np`` (or ``copy``) without importing it gets the course notebook's
own first-cell import, and a note that says so; one that calls the course's
other functions without defining them (an Application loop saved on its own)
gets them from the course's ``dnn_app_utils``, reported as supplied; and
``from any.package.dnn_app_utils_v2 import *`` is the course's module too.
"""

import ast
import contextlib
import importlib
import importlib.util
import inspect
import linecache
import re
import sys
import types
from pathlib import Path

from reference.learner import methods, packages
from reference.learner.call_graph import call_graph_of
from reference.learner.calling import Captured, cell_filename
from reference.learner.course_modules import COURSE_MODULE_NAMES, course_modules, supplied_functions
from reference.learner.implementation import MAX_DEFINED, Implementation, ImplementationError
from reference.learner.source import code_cells, is_notebook
from reference.seed_functions import HELPERS, SEED_FUNCTIONS

__all__ = ["ImplementationError", "load_implementation", "from_path", "from_mapping", "call_graph_of"]


# What the course notebook's first cell imports that the seed functions use:
# name in the learner's code -> (module, the line that imports it).
COURSE_IMPORTS = {"np": ("numpy", "import numpy as np"), "copy": ("copy", "import copy")}

def _helpers():
    import manual_dnn

    return {name: getattr(manual_dnn, name) for name in HELPERS}


# ---------------------------------------------------------------- finding the functions

def _containers(mapping):
    """Objects the learner's code built that may hold the seed functions, with a
    description each: instances of its classes first (they reach every kind of
    method), then its classes, then module-like objects it built."""
    module_name = mapping.get("__name__")
    classes = {id(v): v for v in mapping.values() if isinstance(v, type) and _own_module(v.__module__, module_name)}
    instances, own_classes, namespaces = [], [], []
    for key, value in list(mapping.items()):
        if isinstance(key, str) and key.startswith("__"):
            continue
        if isinstance(value, type) and id(value) in classes:
            own_classes.append((value, f"class {value.__name__}"))
        elif id(type(value)) in classes:
            instances.append((value, f"instance {key} of class {type(value).__name__}"))
        elif isinstance(value, types.SimpleNamespace) or (
                isinstance(value, types.ModuleType) and getattr(value, "__spec__", None) is None
                and value.__name__ not in COURSE_MODULE_NAMES and not getattr(value, "__course_module__", False)):
            namespaces.append((value, f"object {key}"))
    return instances + own_classes + namespaces


def _own_module(module, name):
    """Whether ``module`` is the learner's module ``name`` or, for a package, one of its modules."""
    return isinstance(module, str) and isinstance(name, str) and (module == name or module.startswith(name + "."))


def _positional(function):
    try:
        return [p for p in inspect.signature(function).parameters.values()
                if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    except (TypeError, ValueError):
        return None


def _member(container, name, arguments):
    """(callable, what it is) for ``container.name``; (None, "method") when it is
    a method that needs an instance; (None, None) when there is none."""
    try:
        raw = inspect.getattr_static(container, name)
    except AttributeError:
        return None, None
    if isinstance(container, type):
        if isinstance(raw, staticmethod):
            return getattr(container, name), "static method"
        if isinstance(raw, classmethod):
            return getattr(container, name), "class method"
        if inspect.isfunction(raw):
            positional = _positional(raw)
            if positional is not None and len(positional) == len(arguments) and \
                    (not positional or positional[0].name != "self"):
                return raw, "function"  # defined without self, called on the class as the learner does
            return None, "method"
        return None, None
    value = getattr(container, name, None)
    if not callable(value):
        return None, None
    if isinstance(container, (types.ModuleType, types.SimpleNamespace)):
        return value, "attribute"
    static = isinstance(inspect.getattr_static(type(container), name, None), staticmethod)
    return value, "static method" if static else "method"


def signature_of(function):
    """[[parameter, has a default], ...] of ``function``'s positional parameters (data), or None
    when it takes *args or cannot be read."""
    try:
        parameters = list(inspect.signature(function).parameters.values())
    except (TypeError, ValueError):
        return None
    if any(p.kind == p.VAR_POSITIONAL for p in parameters):
        return None
    return [[p.name, p.default is not p.empty] for p in parameters
            if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]


def from_mapping(mapping, label="mapping", supplied=None, assignment=None):
    """The functions of ``assignment`` (default the cat network, ``dnn``) a namespace defines:
    as its own names, else inside the classes, instances and module objects it built."""
    supplied = supplied or {}
    table = SEED_FUNCTIONS if assignment is None else assignment.table
    functions, own_supplied, missing, found_in, groups = {}, [], [], {}, {}
    containers = _containers(mapping)
    unreachable, constructors, lacking_methods = {}, {}, []
    for name, seed in table.items():
        if "." in name:  # Class.method: called on an object the checker builds
            found = methods.find_method(mapping, containers, name)
            if found is None:
                missing.append(name)
                if methods.has_class(mapping, containers, name):
                    lacking_methods.append(name)  # the class is there: its method is missing, whatever the file
                continue
            functions[name] = found
            if (signature := methods.constructor_signature(found.cls)) is not None:
                constructors[name] = signature
            continue
        value = mapping.get(name)
        if callable(value) and supplied.get(name) is not value:
            functions[name] = value
            continue
        for container, description in containers:  # a class's own sigmoid beats the one supplied
            found, kind = _member(container, name, seed.arguments)
            if found is not None:
                functions[name] = found
                found_in[name] = f"{kind} of {description}"
                groups.setdefault(f"{kind}s of {description}", []).append(name)
                break
            if kind == "method":
                unreachable.setdefault(description, []).append(name)
        else:
            (own_supplied if value is not None and supplied.get(name) is value else missing).append(name)
    notes = [f"found as {where}: {', '.join(names)}" for where, names in groups.items()]
    for description, names in unreachable.items():
        names = [n for n in names if n not in functions]
        if names:
            notes.append(f"{description} defines {', '.join(names)} as methods, but the file creates no instance "
                         f"of it (such as obj = {description.split()[-1]}(...)): not checked")
    # "Not found" speaks of the notebooks the file is from: a Step-by-Step file lacks no training loop.
    notebooks = {table[name].notebook for name in functions}
    missing = [name for name in missing
               if (not notebooks or table[name].notebook in notebooks or name in lacking_methods)
               and getattr(table[name], "graded", True) and not table[name].helper]  # the course's own: never missing
    missing, notes = _of_an_earlier_version(missing, functions, table, notes)
    calls = {name: call_graph_of(function, mapping, containers, table) for name, function in functions.items()}
    signatures = {name: found for name, function in functions.items() if (found := signature_of(function)) is not None}
    sources = {name: text for name, function in functions.items() if (text := source_of(function))}
    return Implementation(label, functions, own_supplied, missing, notes=notes, found_in=found_in, calls=calls,
                          assignment="dnn" if assignment is None else assignment.name, signatures=signatures,
                          constructors=constructors, sources=sources,
                          defined=_other_functions(mapping, table))


SOURCE_LIMIT = 20_000  # characters of a function's source kept (its template's placeholders are read there)


def source_of(function):
    """The source text of ``function`` (from linecache: a learner's file or notebook cell), or ""."""
    try:
        return inspect.getsource(getattr(function, "__func__", function))[:SOURCE_LIMIT]
    except (OSError, TypeError, IndexError):
        return ""


def _other_functions(mapping, table):
    """The names of the functions the namespace's own code defines at top level, the table's aside."""
    module_name = mapping.get("__name__")
    names = [key for key, value in list(mapping.items())
             if isinstance(key, str) and key.isidentifier() and len(key) <= 200 and key not in table
             and not key.startswith("__")
             and inspect.isfunction(value) and _own_module(getattr(value, "__module__", None), module_name)]
    return names[:MAX_DEFINED]


def _of_an_earlier_version(missing, functions, table, notes):
    """(missing, notes) without the functions a later course version added, when the file has none
    of that version's: it follows an earlier one, and lacks nothing of it."""
    added = {}
    for name in missing:
        if getattr(table[name], "since", ""):
            added.setdefault(table[name].since, []).append(name)
    for version, names in added.items():
        if not any(getattr(table[n], "since", "") == version for n in functions):
            missing = [n for n in missing if n not in names]
            notes = notes + [f"no {', '.join(names)}: the course added them in {version}, so the file follows an "
                             f"earlier version (not missing)"]
    return missing, notes


# ---------------------------------------------------------------- running a file

def _cell_number(where):
    match = re.search(r"cell (\d+)", where or "")
    return int(match.group(1)) if match else None


def _statements(path, where, source, strict):
    """Each top-level statement compiled on its own, so one failing line
    (a test-case call, an import of the course's testCases) spares the rest.
    A notebook's cell is compiled under its own name, so that an exception
    names the cell and the line within it."""
    number = _cell_number(where)
    filename = str(path) if number is None else cell_filename(path, number)
    left_out = []
    try:
        tree = ast.parse(source, filename=filename)
    except SyntaxError as error:
        if error.lineno is None:  # e.g. null bytes: not source code at all
            raise ImplementationError(f"{path}: not a Python source file ({error.msg})") from None
        if not strict:
            return [], [f"{where}line {error.lineno}: SyntaxError: {error.msg} (the whole cell)"]
        tree, left_out = _what_parses(source, filename, error)
        if tree is None:
            raise ImplementationError(f"{path}: {where}line {error.lineno}: {error.msg}") from None
    except ValueError as error:  # null bytes, on older Pythons
        raise ImplementationError(f"{path}: not a Python source file ({error})") from None
    lines = source.splitlines(True)
    linecache.cache[filename] = (len(source), None, lines, filename)  # an exception's line, shown from here
    return [(node, compile(ast.Module([node], []), filename, "exec")) for node in tree.body], left_out


MAX_LEFT_OUT = 50  # top-level pieces a file that does not parse may lose before it is refused


def _top_level(line):
    """Whether a line starts a top-level statement (not blank, a comment, an indented or closing line)."""
    return bool(line.strip()) and not line[0].isspace() and line[0] not in "#)]}"


def _what_parses(source, filename, error):
    """(the module without the top-level pieces that do not parse, [what was left out]) of a file
    that does not parse as a whole (printed outputs pasted between its functions); (None, []) when
    nothing sensible remains. Each piece left out is blanked, so every other line keeps its number."""
    lines = source.splitlines(True)
    left_out = []
    for _ in range(MAX_LEFT_OUT):
        index = min(max(error.lineno - 1, 0), len(lines) - 1)
        start = next((i for i in range(index, -1, -1) if _top_level(lines[i])), 0)
        end = next((i for i in range(index + 1, len(lines)) if _top_level(lines[i])), len(lines))
        defined = [m.group(1) for line in lines[start:end] if (m := re.match(r"(?:async\s+)?def\s+(\w+)", line))]
        left_out.append(f"lines {start + 1}-{end}: SyntaxError: {error.msg} at line {error.lineno}"
                        + (f" (so {', '.join(defined)} is not checked)" if defined else ""))
        lines[start:end] = ["\n"] * (end - start)
        try:
            tree = ast.parse("".join(lines), filename=filename)
            return (tree, left_out) if tree.body else (None, [])
        except SyntaxError as again:
            if again.lineno is None:
                return None, []
            error = again
    return None, []


class _ModuleNames(ast.NodeVisitor):
    """The names a statement binds at module level, the names it loads anywhere, and the
    modules it imports anywhere (dotted, as written)."""

    def __init__(self):
        self.binds, self.loads, self.imports_inside, self.modules, self.depth = set(), set(), set(), set(), 0

    def visit_Import(self, node):
        if isinstance(node, ast.Import):
            self.modules |= {a.name for a in node.names}
        elif node.module and not node.level:
            self.modules.add(node.module)
        names = {(a.asname or a.name).split(".")[0] for a in node.names}
        if self.depth:  # ``import numpy as np`` in a function's body: it runs when the function does
            self.imports_inside |= names
        else:
            self.binds |= names

    visit_ImportFrom = visit_Import

    def visit_Name(self, node):
        if isinstance(node.ctx, ast.Load):
            self.loads.add(node.id)
        elif not self.depth:
            self.binds.add(node.id)

    def _scope(self, node):
        if not self.depth and hasattr(node, "name"):
            self.binds.add(node.name)
        self.depth += 1
        self.generic_visit(node)
        self.depth -= 1

    visit_FunctionDef = visit_AsyncFunctionDef = visit_ClassDef = visit_Lambda = _scope


def _names_in(node):
    visitor = _ModuleNames()
    visitor.visit(node)
    return visitor


class _NotebookShell:
    """What a notebook's magics call once IPython's transformers have turned them
    into Python (``get_ipython().run_line_magic("matplotlib", "inline")``), as far
    as loading needs: line magics and shell escapes do nothing here (no display,
    no shell), and a cell magic that only wraps its cell (%%time, %%capture) runs
    the cell, so the functions defined in it count."""

    WRAPPING_CELL_MAGICS = ("time", "timeit", "capture", "prun")

    def __init__(self, namespace):
        self.namespace = namespace

    def get(self):
        return self

    def run_line_magic(self, name, line, *args, **kwargs):
        return None

    def magic(self, line):  # what older IPython versions exported for a line magic
        return None

    def run_cell_magic(self, name, line, cell):
        if name not in self.WRAPPING_CELL_MAGICS:
            raise NotImplementedError(f"a %%{name} cell is not run here")
        exec(compile(cell, f"<%%{name} cell>", "exec"), self.namespace)

    def system(self, command):
        return 0

    def getoutput(self, command):
        return []


def _course(assignment):
    """(module objects, {name: object} of all they supply, helpers the course's notebook imported
    for its learners) of ``assignment``'s course modules (default the cat network's)."""
    if assignment is None:
        return course_modules(), supplied_functions(), _helpers()
    contents = assignment.course_modules() if assignment.course_modules else {}
    modules, supplied = {}, {}
    for name, members in contents.items():
        module = types.ModuleType(name, f"The course's {name}, rebuilt by manual-dnn's checker.")
        module.__dict__.update(members)
        module.__course_module__ = True  # the course's, not a module object the learner built
        modules[name] = module
        supplied.update(members)
    helpers = {row.name: supplied[row.name] for row in assignment.functions if row.helper and row.name in supplied}
    return modules, supplied, helpers


def from_path(path, keep_imports=False, assignment=None):
    """Run a learner's .py file, .ipynb notebook or package folder and collect the functions of
    ``assignment`` (default the cat network's).

    Top-level statements that fail are skipped and listed (a learner's file
    usually ends in test-case calls that need the course's files); the
    function definitions around them still count. A file inside a package runs as
    that package's module (its relative imports reach the learner's other modules; the
    course's own modules the folder lacks are supplied: reference.learner.packages); a
    folder is the package, each module that defines a function of the assignment
    imported. ``keep_imports``: the file's folder stays on sys.path and the course's
    modules in sys.modules afterwards (the sandbox's child, where a function may import
    its sibling file or the course's module in its body when it is called).
    """
    path = Path(path)
    if path.is_dir():
        return _from_folder(path, keep_imports, assignment)
    if not path.is_file():
        raise ImplementationError(f"{path}: no such file")
    shims, supplied, helpers = _course(assignment)
    skipped, programs, left_out = [], [], []
    for where, source in code_cells(path):
        statements, problems = _statements(path, where, source, strict=not is_notebook(path))
        programs += [(where, node, code) for node, code in statements]
        (skipped if is_notebook(path) else left_out).extend(problems)
    names = [_names_in(node) for _, node, _ in programs]
    used = set().union(*(n.loads for n in names)) if names else set()
    course_imports = {name: __import__(module) for name, (module, _) in COURSE_IMPORTS.items() if name in used}
    place = packages.layout(path) if not is_notebook(path) else None
    namespace = {"__name__": place.module if place else "learner_implementation", "__file__": str(path),
                 **helpers, **course_imports}
    namespace["get_ipython"] = _NotebookShell(namespace).get  # magics, as IPython's transformers wrote them
    imported_itself = set()
    shims.update(_course_modules_in_packages(set().union(*(n.modules for n in names)), shims, path.parent))
    finder = _package_finder(path, place, assignment, skipped)
    if place:  # the file is its package's module: a sibling that imports it gets this one
        module = types.ModuleType(place.module)
        module.__dict__.update(namespace, __package__=place.package)
        namespace = module.__dict__
        shims[place.module] = module
    saved = {name: sys.modules.get(name) for name in shims}
    sys.modules.update(shims)
    sys.path.insert(0, str(path.parent))
    if finder:
        finder.install()
    output = Captured()  # a file that closes sys.stdout or sys.stderr while loading loses nothing by it
    try:
        with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
            for (where, node, code), bound in zip(programs, names):
                try:
                    exec(code, namespace)
                    imported_itself |= bound.binds
                except (Exception, SystemExit) as error:
                    message = str(error).splitlines()[0] if str(error) else ""
                    skipped.append(f"{where}line {node.lineno}: {type(error).__name__}: {message}".rstrip(": "))
    finally:
        if not keep_imports:
            sys.path.remove(str(path.parent))
            if finder:
                finder.remove()
            for name, module in saved.items():
                if module is None:
                    sys.modules.pop(name, None)
                else:
                    sys.modules[name] = module
    table = SEED_FUNCTIONS if assignment is None else assignment.table
    _supply_the_other_notebooks_functions(namespace, used, supplied, table)
    implementation = from_mapping(namespace, str(path), supplied, assignment)
    implementation.output = output.getvalue()
    implementation.skipped = skipped
    imported = imported_itself | set().union(*(n.imports_inside for n in names)) if names else imported_itself
    implementation.supplied_imports = [COURSE_IMPORTS[n][1] for n in course_imports if n not in imported]
    implementation.test_globals = _test_globals(programs, implementation.functions)
    implementation.notes[:0] = _loading_notes(implementation) + _package_notes(finder)
    if left_out:
        implementation.notes.insert(0, f"the file does not parse as a whole (text pasted between its functions?): "
                                       f"{len(left_out)} piece(s) left out, the rest loaded and checked: "
                                       f"{'; '.join(left_out[:3])}" + (" ..." if len(left_out) > 3 else ""))
    return implementation


def _module_runner(base, skipped):
    """run(path, namespace): a module of the learner's package run statement by statement, as the file
    checked is; each statement that fails is skipped and listed in ``skipped`` (named by its file)."""
    def run(path, namespace):
        shown = path.relative_to(base) if path.is_relative_to(base) else path
        for where, source in code_cells(path):
            statements, problems = _statements(path, where, source, strict=True)
            skipped.extend(f"{shown}: {problem}" for problem in problems)
            for node, code in statements:
                try:
                    exec(code, namespace)
                except (Exception, SystemExit) as error:
                    message = str(error).splitlines()[0] if str(error) else ""
                    skipped.append(f"{shown} line {node.lineno}: {type(error).__name__}: {message}".rstrip(": "))
    return run


def _package_finder(path, place, assignment, skipped):
    """The Finder of the package the file lives in (or, for an assignment whose course gave a package,
    of that package: the learner's folder of it beside the file, or the course's own modules alone);
    None when neither applies."""
    course = getattr(assignment, "package", "") if assignment is not None else ""
    if place is not None:
        return packages.Finder(place.name, place.root, course, _module_runner(place.root.parent, skipped))
    if not course:
        return None
    name = course.rpartition(".")[2]
    beside = path.parent / name
    root = beside if beside.is_dir() else None
    return packages.Finder(name, root, course, _module_runner(path.parent, skipped))


def _package_notes(finder):
    if finder is None or not finder.supplied:
        return []
    return [f"the course's own {', '.join(finder.supplied)} (not in the learner's folder): supplied as the course "
            "gave them, rebuilt by manual-dnn"]


def _from_folder(path, keep_imports, assignment):
    """A package folder: every module of it that defines a function of ``assignment`` imported (its own
    imports served by the package's Finder), their namespaces joined into one."""
    course = getattr(assignment, "package", "")
    table = SEED_FUNCTIONS if assignment is None else assignment.table
    if not course:  # an assignment whose course gave no package: the folder holds the learner's file
        return from_path(_the_file(path, table, assignment), keep_imports, assignment)
    try:
        path = packages.find_package(path, course.rpartition(".")[2])  # a student's repository: its package
        place = packages.layout(path)
        files = packages.module_files(place.root)
    except ValueError as error:
        raise ImplementationError(str(error)) from None
    from reference.assignments.detection import defined_in_source

    wanted = []
    for dotted, file in files:
        if not file.resolve().is_relative_to(path.resolve()):
            continue
        if set(defined_in_source([text for _, text in code_cells(file)])) & set(table):
            wanted.append(".".join(filter(None, (place.name, dotted))))
    if not wanted:
        raise ImplementationError(f"{path}: no module of the package defines a function of "
                                  f"{getattr(assignment, 'name', 'dnn')}")
    skipped, modules = [], []
    finder = packages.Finder(place.name, place.root, course, _module_runner(place.root.parent, skipped))
    finder.install()
    output = Captured()
    try:
        with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
            for name in wanted:
                try:
                    modules.append(importlib.import_module(name))
                except (Exception, SystemExit) as error:
                    message = str(error).splitlines()[0] if str(error) else ""
                    skipped.append(f"import {name}: {type(error).__name__}: {message}".rstrip(": "))
        mapping = {"__name__": place.name}
        for module in modules:  # a function its own module defines beats a copy another imported
            for key, value in vars(module).items():
                if key not in mapping or getattr(value, "__module__", None) == module.__name__:
                    mapping[key] = value
        mapping["__name__"] = place.name
    finally:
        if not keep_imports:
            finder.remove()
    implementation = from_mapping(mapping, str(path), {}, assignment)
    implementation.output = output.getvalue()
    implementation.skipped = skipped
    implementation.notes[:0] = [f"the package {place.name}: checked {', '.join(m.__name__ for m in modules)}"] + \
        _loading_notes(implementation) + _package_notes(finder)
    return implementation


def _the_file(folder, table, assignment):
    """The one .py or .ipynb file of a learner's folder that defines functions of ``table``; else
    ImplementationError in one line (none, or several: the folder's files are not joined)."""
    from reference.assignments.detection import defined_in_source

    try:
        files = packages.learner_files(folder)
    except ValueError as error:
        raise ImplementationError(str(error)) from None
    found = [file for file in files if set(defined_in_source([text for _, text in code_cells(file)])) & set(table)]
    name = getattr(assignment, "name", "dnn")
    if not found:
        raise ImplementationError(f"{folder}: no file in it defines a function of {name}")
    if len(found) > 1:
        shown = ", ".join(str(file.relative_to(folder)) for file in found[:4])
        raise ImplementationError(f"{folder}: {len(found)} files define functions of {name} ({shown}): "
                                  "give one of them")
    return found[0]


def _where(where, node):
    return f"{where}line {node.lineno}"


def _test_globals(programs, functions):
    """{function: [[global, where]]}: the globals each top-level function of the table reads that
    only the file's top-level statements assign (a test cell's ``W = np.random.randn(...)``), never a
    definition or an import: inside the function they are whatever that test code left, or undefined."""
    assigned, definitions = {}, set()
    for where, node, _ in programs:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Import, ast.ImportFrom)):
            definitions.add(getattr(node, "name", None))
            definitions |= {(a.asname or a.name).split(".")[0] for a in getattr(node, "names", ())}
            continue
        for name in _names_in(node).binds:
            assigned.setdefault(name, _where(where, node))
    found = {}
    for _, node, _ in programs:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name in functions:
            names = [n for n in _globals_read(node) if n in assigned and n not in definitions]
            if names:
                found[node.name] = [[n, assigned[n]] for n in names]
    return found


def _globals_read(node):
    """The names a function's body reads that it never binds itself (parameters, assignments, loops,
    imports, nested definitions): its globals, in order of first use."""
    bound = {a.arg for a in ast.walk(node.args) if isinstance(a, ast.arg)}
    for child in ast.walk(node):
        if child is node:
            continue
        if isinstance(child, ast.Name) and not isinstance(child.ctx, ast.Load):
            bound.add(child.id)
        elif isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(child.name)
        elif isinstance(child, (ast.Import, ast.ImportFrom)):
            bound |= {(a.asname or a.name).split(".")[0] for a in child.names}
        elif isinstance(child, ast.arg):
            bound.add(child.arg)
        elif isinstance(child, ast.ExceptHandler) and child.name:
            bound.add(child.name)
    declared = {n for child in ast.walk(node) if isinstance(child, ast.Global) for n in child.names}
    loads = [c.id for c in ast.walk(node) if isinstance(c, ast.Name) and isinstance(c.ctx, ast.Load)]
    return list(dict.fromkeys(n for n in loads if n not in bound or n in declared))


def _supply_the_other_notebooks_functions(namespace, used, supplied, table):
    """An Application loop saved on its own calls the Step-by-Step functions its notebook
    imported from ``dnn_app_utils``: put those it uses but never defines into ``namespace``
    (they are then reported as supplied). A function of the file's own notebook is never
    supplied: a misspelt or missing one there is the learner's NameError, as in Jupyter."""
    own = {table[name].notebook for name in table
           if callable(namespace.get(name)) and namespace[name] is not supplied.get(name)}
    for name in sorted(used & set(supplied) - set(namespace)):
        notebook = table[name].notebook if name in table else "Application"
        if own and notebook not in own:
            namespace[name] = supplied[name]


def _course_modules_in_packages(imported, shims, folder):
    """{dotted name: module} for ``from some.package.dnn_app_utils_v2 import ...`` (the
    course's module kept in a folder of the learner's repository), where that package
    is not beside the file: the course's module under that name, its packages empty."""
    modules = {}
    for dotted in sorted(imported):
        *packages, last = dotted.split(".")
        if not packages or last not in shims or _importable(packages[0], folder):
            continue
        parent = None
        for depth in range(1, len(packages) + 1):
            name = ".".join(packages[:depth])
            package = modules.setdefault(name, types.ModuleType(name))
            package.__path__ = []
            if parent is not None:
                setattr(parent, packages[depth - 1], package)
            parent = package
        setattr(parent, last, shims[last])
        modules[dotted] = shims[last]
    return modules


def _importable(name, folder):
    """Whether a top-level module or package ``name`` exists beside the file or is installed."""
    if (folder / name).exists() or (folder / f"{name}.py").exists():
        return True
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def _loading_notes(implementation):
    notes = []
    if implementation.supplied_imports:
        notes.append(f"the file uses {', '.join(i.split()[-1] for i in implementation.supplied_imports)} "
                     f"without importing it; supplied as the course's notebook does in its first cell "
                     f"({'; '.join(implementation.supplied_imports)})")
    skipped = implementation.skipped
    if skipped:
        shown = "; ".join(skipped[:3]) + (f"; and {len(skipped) - 3} more" if len(skipped) > 3 else "")
        notes.append(f"{len(skipped)} top-level statement(s) could not run here and were skipped "
                     f"(test-case calls need the course's files; the functions are unaffected): {shown}")
    lines = implementation.output.count("\n") + (0 if implementation.output.endswith("\n") or
                                                 not implementation.output else 1)
    if lines:
        notes.append(f"while loading, the file's top-level code printed {lines} line(s) (its own test cells and "
                     f"the like; captured, not shown)")
    return notes


def load_implementation(source, assignment=None):
    """A module, a path to a .py file or .ipynb notebook, or a mapping -> Implementation.

    A path is loaded and called in a sandboxed child process (reference.learner.sandbox);
    modules and mappings (a notebook's ``globals()``) stay in this process. ``assignment``
    (an Assignment or its name): what the source is checked as; None: recognised from the
    names and signatures it defines.
    """
    if isinstance(source, Implementation):
        return source
    if isinstance(source, (str, Path)):
        from reference.learner.sandbox import open_sandboxed

        return open_sandboxed(source, assignment=assignment)
    if isinstance(source, types.ModuleType):
        mapping, label = vars(source), source.__name__
    elif hasattr(source, "get"):  # a notebook's or a script's globals() is named so in the report
        mapping, label = source, "globals()" if source.get("__name__") == "__main__" else "a dict of functions"
    else:
        raise ImplementationError(f"cannot check {type(source).__name__}: give a module, a .py path or a mapping")
    found, notes = _assignment_of_mapping(mapping, label, assignment)
    implementation = from_mapping(mapping, label, assignment=found)
    implementation.notes[:0] = notes
    return implementation


def _assignment_of_mapping(mapping, label, assignment):
    """(the Assignment, notes) of an in-process namespace: the one named, or recognised."""
    from reference.assignments import all_assignments
    from reference.assignments import assignment as named
    from reference.assignments.detection import defined_in_mapping, recognise

    if isinstance(assignment, str):
        try:
            return named(assignment), []
        except KeyError as error:
            raise ImplementationError(str(error.args[0])) from None
    if assignment is not None:
        return assignment, []
    found = recognise(defined_in_mapping(mapping), all_assignments())
    if found.assignment is None:
        if not found.evidence:  # nothing of any assignment: the cat network's "nothing checked"
            return named("dnn"), []
        raise ImplementationError(f"{label}: {found.message}")
    return found.assignment, [found.message] if found.message else []

"""A learner's file as Python source: a .py file, or a notebook's code cells.

A .py file is decoded as Python decodes it (a UTF-8 BOM, a PEP 263 coding
line). A notebook (``.ipynb``, any case) is read with nbformat, every version
(v3's worksheets become v4's cells), and each code cell is turned into Python
by IPython's own input transformers, exactly as Jupyter does before running
it: ``%matplotlib inline`` becomes ``get_ipython().run_line_magic(...)``,
``x = !ls`` a ``getoutput`` call, ``obj?`` a ``pinfo`` magic. Those lines are
Python now, so the loader skips just the statements that fail when run, not
whole cells. Each cell keeps its own line numbers, so a problem is reported as
"code cell 7, line 3" -- where the learner will look for it. Code cells are
counted as a Jupyter user counts them: code cells only, from 1 (markdown cells
between them do not count).

nbformat (~0.15 s) and IPython's transformers (~0.05-0.1 s more) are imported
only for a notebook; a .py file needs neither.
"""

import json
import tokenize
import warnings

from reference.learner.implementation import ImplementationError

__all__ = ["code_cells", "is_notebook"]

_NOT_OPENABLE = "Jupyter cannot open it either"


def is_notebook(path):
    """Whether ``path`` names a Jupyter notebook (``.ipynb`` in any case)."""
    return path.suffix.lower() == ".ipynb"


# The first bytes of files learners give by mistake: the picture they meant to test, the data, an archive.
MAGIC = ((b"\x89PNG\r\n\x1a\n", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
         (b"II*\x00", "a TIFF image"), (b"MM\x00*", "a TIFF image"), (b"\x89HDF\r\n\x1a\n", "an HDF5 data file"),
         (b"PK\x03\x04", "a zip archive"), (b"PK\x05\x06", "a zip archive"), (b"%PDF", "a PDF document"),
         (b"\x1f\x8b", "a gzip archive"), (b"\x93NUMPY", "a numpy .npy array"), (b"\x7fELF", "a program"))
UTF16 = (b"\xff\xfe", b"\xfe\xff")


def _not_text(path):
    """Why ``path`` is a binary file rather than source or a notebook, in words, or None."""
    try:
        with open(path, "rb") as f:
            head = f.read(8192)
    except OSError:
        return None  # the reader below says why it cannot be read
    kind = next((what for magic, what in MAGIC if head.startswith(magic)), None)
    if kind:
        return f"{kind}, not a Python source file or a notebook; give the .py file or the .ipynb notebook"
    if head.startswith(UTF16):
        return "text saved as UTF-16, which Python and Jupyter do not read: save it as UTF-8"
    if b"\0" in head:
        return ("a binary file (it holds NUL bytes), not a Python source file or a notebook; give the .py file or "
                "the .ipynb notebook")
    return None


def code_cells(path):
    """[(where, source)]: ``("", the whole file)`` for Python, ``("code cell N, ", code)`` per notebook code
    cell, N counting code cells only, from 1."""
    binary = _not_text(path)
    if binary:
        raise ImplementationError(f"{path}: {binary}")
    if is_notebook(path):
        return _notebook_cells(path)
    try:
        with tokenize.open(path) as f:  # BOM and coding line, as the interpreter reads them
            return [("", f.read())]
    except (SyntaxError, UnicodeDecodeError) as error:  # a bad coding line, bytes the encoding cannot decode
        reason = error.msg if isinstance(error, SyntaxError) else str(error)
        raise ImplementationError(f"{path}: cannot read it as Python source ({reason}); save it as UTF-8") from None
    except OSError as error:
        raise ImplementationError(f"{path}: cannot read it ({error.strerror or type(error).__name__})") from None


def _kind(value):
    return {type(None): "null", bool: "true/false", int: "a number", float: "a number", str: "a string",
            list: "a list", dict: "an object"}.get(type(value), type(value).__name__)


def _raw_cells(notebook):
    """The notebook's cells in order, v4 (``cells``) or v3 and older (``worksheets[*].cells``)."""
    if not isinstance(notebook, dict):
        raise ValueError(f"the file is {_kind(notebook)}, not a notebook object")
    if "cells" in notebook:
        groups = [notebook["cells"]]
    else:
        worksheets = notebook.get("worksheets")
        if not isinstance(worksheets, list):
            raise ValueError("it has no 'cells' list")
        groups = [sheet.get("cells") if isinstance(sheet, dict) else None for sheet in worksheets]
    cells = []
    for group in groups:
        if not isinstance(group, list):
            raise ValueError(f"its cells are {_kind(group)}, not a list")
        cells += group
    return cells


def _check_cells(cells, source_key):
    """Name the first cell that is not an object or whose code is not text (nbformat would stumble)."""
    for number, cell in enumerate(cells, start=1):
        if not isinstance(cell, dict):
            raise ValueError(f"cell {number} is {_kind(cell)}, not a cell object")
        if cell.get("cell_type") != "code":
            continue
        source = cell.get(source_key)
        if not (isinstance(source, str) or (isinstance(source, list) and all(isinstance(s, str) for s in source))):
            raise ValueError(f"cell {number}'s {source_key} is {_kind(source)}, not text")


def _notebook_cells(path):
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImplementationError(f"{path}: not UTF-8 text ({error.reason} at byte {error.start}), "
                                  f"so not a notebook; {_NOT_OPENABLE}") from None
    except OSError as error:
        raise ImplementationError(f"{path}: cannot read it ({error.strerror or type(error).__name__})") from None
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImplementationError(f"{path}: not valid JSON at line {error.lineno}, column {error.colno} "
                                  f"({error.msg}): {_NOT_OPENABLE}") from None
    except RecursionError:
        raise ImplementationError(f"{path}: JSON nested too deeply to be a notebook: {_NOT_OPENABLE}") from None
    try:
        key = _source_key(raw.get("nbformat"))
        cells = _raw_cells(raw)
        _check_cells(cells, key)
    except ValueError as error:
        raise ImplementationError(f"{path}: not a valid notebook: {error}") from None
    try:
        sources = [cell.source if cell.get("cell_type") == "code" else None
                   for cell in _read_with_nbformat(raw, text).cells]
    except ValueError:
        # nbformat refuses some damage Jupyter would only warn about (a cell without its
        # "metadata", say); every code cell's text was checked above, so read that.
        sources = [_text(cell.get(key)) if cell.get("cell_type") == "code" else None for cell in cells]
    as_python = _ipython_transformer()
    code = [source for source in sources if source is not None]
    return [(f"code cell {number}, ", as_python(source)) for number, source in enumerate(code, start=1)]


def _text(source):
    return source if isinstance(source, str) else "".join(source)


def _source_key(version):
    """Where a code cell keeps its code: v4's "source", v2-v3's "input", v1's "code"."""
    if not isinstance(version, int) or version >= 4:
        return "source"
    return "input" if version >= 2 else "code"


def _read_with_nbformat(raw, text):
    """nbformat's v4 notebook of ``text`` (parsed: ``raw``), validated; ValueError saying why not."""
    import nbformat

    if not isinstance(raw.get("nbformat"), int):
        raise ValueError(f"its 'nbformat' version is {_kind(raw.get('nbformat'))}, not a number")
    if raw["nbformat"] > nbformat.current_nbformat:
        raise ValueError(f"nbformat {raw['nbformat']} is newer than this nbformat reads "
                         f"({nbformat.current_nbformat}); upgrade nbformat")
    validation = {}
    try:
        with warnings.catch_warnings():  # missing or repeated cell ids: nbformat mends them and says so
            warnings.simplefilter("ignore")
            # Converting v1-v3 upgrades the cells; invalid parts are captured, not logged.
            notebook = nbformat.reads(text, as_version=4, capture_validation_error=validation)
    except Exception as error:  # nbformat raises many kinds for damaged notebooks
        message = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise ValueError(f"nbformat cannot read it ({message}); {_NOT_OPENABLE}") from None
    # A validation error elsewhere (metadata, outputs) leaves the code readable, as Jupyter
    # opens such a notebook with a warning; the cells' code was checked above.
    return notebook


def _ipython_transformer():
    """source -> source as IPython runs it: magics, shell escapes and help turned into calls."""
    from IPython.core.inputtransformer2 import TransformerManager

    manager = TransformerManager()

    def as_python(source):
        try:
            return manager.transform_cell(source)
        except Exception:  # not IPython syntax either: the loader reports the SyntaxError
            return source

    return as_python

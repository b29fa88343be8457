"""A learner's file as Python source: a .py file, or a notebook's code cells.

Each cell keeps its own line numbers, so a problem is reported as
"cell 12, line 3" -- where the learner will look for it.
"""

import json

from reference.learner.implementation import ImplementationError

__all__ = ["code_cells"]


def code_cells(path):
    """[(where, source)]: the whole file, or a notebook's code cells without magics."""
    try:
        text = path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError) as error:
        raise ImplementationError(f"{path}: cannot read it as text ({type(error).__name__})") from None
    if path.suffix != ".ipynb":
        return [("", text)]
    try:
        cells = json.loads(text)["cells"]
    except (ValueError, KeyError, TypeError):
        raise ImplementationError(f"{path}: not a Jupyter notebook (no cells)") from None
    units = []
    for number, cell in enumerate(cells, start=1):
        if cell.get("cell_type") == "code":
            source = cell.get("source", "")
            lines = (source if isinstance(source, list) else source.splitlines(True))
            # IPython magics (%matplotlib, !pip) are not Python: blank them, keeping line numbers.
            lines = ["\n" if line.lstrip().startswith(("%", "!")) else line for line in lines]
            units.append((f"cell {number}, ", "".join(lines)))
    return units

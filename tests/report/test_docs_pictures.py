"""docs/draw_pictures.py draws the pictures docs/derivations.md shows, and every one it names exists."""

import re
import sys
from pathlib import Path

from PIL import Image

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_the_docs_script_draws_every_picture_the_docs_show(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(DOCS))
    import draw_pictures

    written = draw_pictures.draw(tmp_path, [5, 4, 3, 1], 6)  # small maps: the cat-size ones come from `make docs`
    shown = set(re.findall(r"\]\((gradcheck-[a-z-]+\.png)\)", (DOCS / "derivations.md").read_text()))
    assert {p.name for p in written} == shown and len(shown) == 5
    for path in written:
        assert Image.open(path).size[0] >= 500
        assert (DOCS / path.name).is_file(), f"docs/{path.name} is not committed: run make docs"
    sys.modules.pop("draw_pictures", None)

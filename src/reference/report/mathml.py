"""Equations as MathML, written by hand: typeset by the browser itself, offline.

MathML Core is native in Chromium (109+), Firefox and Safari: no script, no
font download, no CDN, and it takes the page's colours in light and dark
themes. A few builders in the course's notation (W^[l], dZ^[l], A^[l-1]ᵀ)
are all ``manual-dnn explain --format html`` needs; every leaf is escaped.
"""

from html import escape

__all__ = ["math", "mi", "mo", "mn", "row", "frac", "sup", "layer", "transposed", "summed", "call", "text", "mspace"]


def math(*parts):
    """A displayed equation."""
    return f'<math display="block">{row(*parts)}</math>'


def mi(name):
    return f"<mi>{escape(str(name))}</mi>"


def mo(op):
    return f"<mo>{escape(str(op))}</mo>"


def mn(number):
    return f"<mn>{escape(str(number))}</mn>"


def text(words):
    return f"<mtext>{escape(str(words))}</mtext>"


def mspace(width="1em"):
    return f'<mspace width="{escape(width)}"></mspace>'


def row(*parts):
    return "<mrow>" + "".join(parts) + "</mrow>"


def frac(numerator, denominator):
    return f"<mfrac>{row(numerator)}{row(denominator)}</mfrac>"


def sup(base, exponent):
    return f"<msup>{row(base)}{row(exponent)}</msup>"


def _index(l):
    """[l], [l-1]: the course's layer superscript; ``l`` is a number or a string like "l-1"."""
    return row(mo("["), mn(l) if isinstance(l, int) else mi(l), mo("]"))


def layer(name, l, transpose=False):
    """W^[l] (with ᵀ when ``transpose``): ``name`` is "W", "dZ", "A", ...; letters italic, one by one."""
    return sup(row(*map(mi, name)), row(_index(l), mi("T") if transpose else ""))


def transposed(name, l):
    return layer(name, l, transpose=True)


def summed(index, body):
    """Σ over ``index`` of body."""
    return row(f'<munder><mo largeop="true" movablelimits="false">∑</mo>{mi(index)}</munder>', body)


def call(function, *arguments):
    """function(arg, ...) with the function's name upright."""
    args = [a if i == 0 else mo(",") + a for i, a in enumerate(arguments)]
    return row(f'<mi mathvariant="normal">{escape(function)}</mi>', mo("("), *args, mo(")"))

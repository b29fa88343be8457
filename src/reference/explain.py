"""`manual-dnn explain`: one forward and one backward pass of a tiny network,
step by step: each equation, its shapes, its numbers, and beside every
gradient the JAX value and how closely they agree.

The numbers come from manual_dnn's own functions; JAX only checks them.
"""

import re
from html import escape

import numpy as np

import manual_dnn as md
from reference.checks.points import network_point
from reference.oracles import jax_network as jnet
from reference.report import mathml as mm
from reference.tolerances import TOLERANCES, relative_error

__all__ = ["explain", "writer", "agreement", "Beside", "verdict", "derivation", "jax_gradient", "jax_value",
           "NEXT_STEP"]

NEXT_STEP = "Next: `manual-dnn gradcheck --impl your_notebook.ipynb` checks your own functions the same way."


def _unsigned_zeros(value):
    """``value`` as an array, -0.0 shown as 0 (a dropped unit times a negative number is no news)."""
    value = np.asarray(value)
    return value + 0.0 if value.dtype.kind == "f" else value


class _Writer:
    """Text or Markdown, the same content."""

    def __init__(self, markdown):
        self.markdown = markdown
        self.lines = []

    def heading(self, text, level=2):
        if self.markdown:
            self.lines += ([] if self.lines[-1:] == [""] else [""]) + ["#" * level + " " + text, ""]
        else:
            self.lines += ["", text, "-" * len(text) if level == 2 else ""]
            if level != 2:
                self.lines.pop()

    def say(self, text):
        # Markdown: a paragraph each (lines of one paragraph would run together; an indented one is code).
        self.lines += [text, ""] if self.markdown else [text]

    def equation(self, equation, shapes="", math=None):
        """``math``, the same equation in MathML, is for the HTML writer."""
        shapes = f"    shapes: {shapes}" if shapes else ""
        self.lines += [f"`{equation}`{shapes}", ""] if self.markdown else [f"  {equation}{shapes}"]

    def matrix(self, name, value, note=""):
        body = np.array2string(_unsigned_zeros(value), precision=6, suppress_small=False, max_line_width=90)
        lines = body.splitlines()
        label = f"{name} {np.shape(value)}" if np.ndim(value) else name
        if self.markdown:
            self.lines += [f"{label}{note}:", "", "```", *lines, "```", ""]
        else:
            self.lines.append(f"    {label} = {lines[0]}" + ("" if len(lines) > 1 else note))
            pad = " " * (len(label) + 7)
            self.lines += [pad + line for line in lines[1:]]
            if len(lines) > 1 and note:
                self.lines.append(pad + note.strip())

    def text(self):
        return "\n".join(self.lines).strip("\n")


class _HtmlWriter:
    """The same content as a page: equations in MathML, matrices as tables, nothing fetched."""

    STYLE = """
    main { line-height: 1.5; }
    math[display="block"] { font-size: 1.15em; margin: 0.5rem 0 0.2rem; }
    .shapes { opacity: 0.75; font-size: 0.9em; margin: 0 0 0.4rem; }
    table.matrix { border-collapse: collapse; font-family: ui-monospace, Menlo, Consolas, monospace;
      font-size: 0.85em; margin: 0.2rem 0 0.6rem; font-variant-numeric: tabular-nums; }
    table.matrix td { padding: 0.05rem 0.5rem; text-align: right; border-left: 1px solid rgba(127,127,127,.3); }
    p.label { margin: 0.4rem 0 0; font-size: 0.9em; }
    .agrees { color: #1b7f3b; } .disagrees { color: #c62828; font-weight: 700; }
    @media (prefers-color-scheme: dark) { .agrees { color: #4cc46a; } .disagrees { color: #ff6b6b; } }
    code { background: rgba(127,127,127,.15); border-radius: 3px; padding: 0 0.25rem; }
    """

    def __init__(self):
        self.parts = []
        self.title = ""

    def heading(self, text, level=2):
        self.title = self.title or text
        self.parts.append(f"<h{level}>{escape(text)}</h{level}>")

    def say(self, text):
        # `code` spans as in the Markdown version; everything else escaped.
        self.parts.append("<p>" + re.sub(r"`([^`]*)`", r"<code>\1</code>", escape(text.strip())) + "</p>")

    def equation(self, equation, shapes="", math=None):
        self.parts.append(math or f"<p><code>{escape(equation)}</code></p>")
        if shapes:
            self.parts.append(f'<p class="shapes">shapes: {escape(shapes)}</p>')

    def matrix(self, name, value, note=""):
        shape = np.shape(value)
        value = np.atleast_2d(_unsigned_zeros(value))
        rows = "".join("<tr>" + "".join(f"<td>{x:.6g}</td>" for x in row) + "</tr>" for row in value)
        kind = "agrees" if "agrees" in note else "disagrees" if "DISAGREES" in note else ""
        note = f' <span class="{kind}">{escape(note.strip())}</span>' if note else ""
        shape = escape(str(shape)) if shape else ""
        self.parts.append(f'<p class="label"><strong>{escape(name)}</strong> {shape}{note}</p>'
                          f'<table class="matrix">{rows}</table>')

    def text(self):
        from reference.report.html import page

        return page(self.title, f"<style>{self.STYLE}</style><main>\n" + "\n".join(self.parts) + "\n</main>")


# The course's equations in MathML, for the HTML page (reference/report/mathml.py).
def _linear_math(l):
    return mm.math(mm.layer("Z", l), mm.mo("="), mm.layer("W", l), mm.layer("A", l - 1), mm.mo("+"),
                   mm.layer("b", l))


def _activation_math(l, last):
    Z = mm.layer("Z", l)
    if last:
        return mm.math(mm.layer("A", l), mm.mo("="), mm.call("σ", Z), mm.mo("="),
                       mm.frac(mm.mn(1), mm.row(mm.mn(1), mm.mo("+"), mm.sup(mm.mi("e"), mm.row(mm.mo("−"), Z)))))
    return mm.math(mm.layer("A", l), mm.mo("="), mm.call("relu", Z), mm.mo("="), mm.call("max", mm.mn(0), Z))


def _log(x):
    return mm.call("log", x)


def _cost_math(L):
    AL, Y = mm.layer("A", L), mm.mi("Y")
    return mm.math(mm.mi("J"), mm.mo("="), mm.mo("−"), mm.frac(mm.mn(1), mm.mi("m")),
                   mm.summed("t", mm.row(mm.mo("("), Y, _log(AL), mm.mo("+"), mm.mo("("), mm.mn(1), mm.mo("−"), Y,
                                         mm.mo(")"), _log(mm.row(mm.mn(1), mm.mo("−"), AL)), mm.mo(")"))))


def _dAL_math(L):
    AL, Y = mm.layer("A", L), mm.mi("Y")
    return mm.math(mm.layer("dA", L), mm.mo("="), mm.mo("−"), mm.mo("("), mm.frac(Y, AL), mm.mo("−"),
                   mm.frac(mm.row(mm.mn(1), mm.mo("−"), Y), mm.row(mm.mn(1), mm.mo("−"), AL)), mm.mo(")"))


def _dZ_math(l, last):
    dZ, dA, Z = mm.layer("dZ", l), mm.layer("dA", l), mm.layer("Z", l)
    if last:
        s = mm.mi("s")
        return mm.math(dZ, mm.mo("="), dA, mm.mo("⊙"), s, mm.mo("⊙"), mm.mo("("), mm.mn(1), mm.mo("−"), s,
                       mm.mo(")"), mm.mo(","), mm.mspace(), s, mm.mo("="), mm.call("σ", Z))
    return mm.math(dZ, mm.mo("="), dA, mm.mo("⊙"), mm.mo("("), Z, mm.mo(">"), mm.mn(0), mm.mo(")"))


def _gradient_math(name, l):
    m_inverse = mm.frac(mm.mn(1), mm.mi("m"))
    if name == "dW":
        return mm.math(mm.layer("dW", l), mm.mo("="), m_inverse, mm.layer("dZ", l), mm.transposed("A", l - 1))
    if name == "db":
        example_t = mm.row(mm.mo("["), mm.mn(l), mm.mo("]"), mm.mo("("), mm.mi("t"), mm.mo(")"))
        return mm.math(mm.layer("db", l), mm.mo("="), m_inverse,
                       mm.summed("t", mm.sup(mm.row(mm.mi("d"), mm.mi("Z")), example_t)))
    return mm.math(mm.layer("dA", l - 1), mm.mo("="), mm.transposed("W", l), mm.layer("dZ", l))


def _agreement(actual, expected):
    rel = relative_error(actual, expected)
    verdict = "agrees" if rel <= TOLERANCES["jax-grad"] else "DISAGREES"
    return rel, f"   <- JAX {verdict}: rel. error {rel:.1e}"


def writer(fmt):
    """The writer of ``fmt`` ("text", "markdown", "html"): heading, say, equation, matrix, text()."""
    return _HtmlWriter() if fmt == "html" else _Writer(fmt == "markdown")


def agreement(actual, expected):
    """(relative error, the note shown beside a matrix: JAX agrees or DISAGREES)."""
    return _agreement(actual, expected)


class Beside:
    """Gradients written beside JAX's, the largest relative error kept for the verdict."""

    def __init__(self, w):
        self.w, self.worst = w, 0.0

    def gradient(self, name, value, expected):
        rel, note = _agreement(value, expected)
        self.worst = max(self.worst, rel)
        self.w.matrix(name, value, note)
        return rel


def verdict(w, worst, *also, next_step=NEXT_STEP):
    """The last lines: whether every gradient agreed with JAX (``worst``, the largest relative error),
    the sentences ``also``, then what to do next."""
    w.heading("Verdict", 3)
    w.say(f"Every gradient agrees with JAX autodiff; the largest relative error is {worst:.1e} "
          f"(tolerance {TOLERANCES['jax-grad']:.0e})." if worst <= TOLERANCES["jax-grad"]
          else f"Some gradients disagree with JAX (largest relative error {worst:.1e}).")
    for sentence in also:
        w.say(sentence)
    w.say(next_step)


def derivation(w, heading):
    """A first line pointing at ``heading``, a section of docs/derivations.md, by its anchor (GitHub's)."""
    anchor = re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")
    w.say(f"The derivation: `docs/derivations.md#{anchor}`.")


def jax_gradient(math, inputs, wrt):
    """JAX's gradient of the scalar ``math(*inputs)`` with respect to each input at an index in ``wrt``
    (float64 numpy arrays); the other inputs are held fixed."""
    from reference.engine import oracles

    return oracles.vjp(math, inputs, wrt, [np.float64(1.0)])


def jax_value(math, inputs):
    """``math(*inputs)``'s first output, computed by JAX in float64, as a Python float (a cost)."""
    from reference.engine import oracles

    return float(oracles.values(math, inputs)[0])


def explain(layer_dims, examples, seed, fmt="text"):
    """The walk-through as one string (``fmt`` "text", "markdown" or "html", a whole page)."""
    point = network_point(layer_dims, examples, seed)
    X, Y, params = point.X, point.Y, point.parameters
    L, m = len(layer_dims) - 1, examples
    w = _HtmlWriter() if fmt == "html" else _Writer(fmt == "markdown")
    w.heading(f"One pass through a {' -> '.join(map(str, layer_dims))} network, m = {m} (seed {seed})", 1)
    w.say("Examples are columns: X is (n_x, m), W[l] is (n_l, n_{l-1}), b[l] is (n_l, 1). "
          "Hidden layers use ReLU, the output a sigmoid; the cost is the mean cross-entropy.")
    w.matrix("X = A0", X)
    w.matrix("Y", Y)

    w.heading("Forward")
    A, caches = X, []
    for l in range(1, L + 1):
        act = "sigmoid" if l == L else "relu"
        W, b = params[f"W{l}"], params[f"b{l}"]
        w.heading(f"Layer {l} ({act})", 3)
        w.matrix(f"W{l}", W)
        w.matrix(f"b{l}", b)
        A_next, cache = md.linear_activation_forward(A, W, b, act)
        w.equation(f"Z{l} = W{l} A{l - 1} + b{l}", f"{W.shape} x {A.shape} + {b.shape} -> {cache[1].shape}",
                   _linear_math(l))
        w.matrix(f"Z{l}", cache[1])
        name = "AL" if l == L else f"A{l}"
        w.equation(f"{name} = {act}(Z{l})" + ("  = 1 / (1 + exp(-Z))" if l == L else "  = max(0, Z)"),
                   math=_activation_math(l, l == L))
        w.matrix(name, A_next)
        A = A_next
        caches.append(cache)
    AL = A
    cost = md.compute_cost(AL, Y)
    w.heading("Cost", 3)
    w.equation("J = -(1/m) sum( Y log(AL) + (1 - Y) log(1 - AL) )", math=_cost_math(L))
    w.say(f"    J = {cost:.10f}   (JAX: {float(jnet.cost_value(AL, Y)):.10f})")

    w.heading("Backward")
    w.say("dA and dZ are gradients of the summed loss m*J (per example); dW and db take the mean, "
          "hence the 1/m there and nowhere else.")
    expected = jnet.model_backward(X, point.weights, Y)
    dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    w.equation("dAL = -(Y / AL - (1 - Y) / (1 - AL))", f"{AL.shape}", _dAL_math(L))
    w.matrix("dAL", dAL)
    worst, dA = 0.0, dAL
    for l in range(L, 0, -1):
        (A_prev, W, b), Z = caches[l - 1]
        act = "sigmoid" if l == L else "relu"
        w.heading(f"Layer {l} ({act})", 3)
        if act == "sigmoid":
            dZ = md.sigmoid_backward(dA, Z)
            w.equation(f"dZ{l} = dA{l} * s * (1 - s),  s = sigmoid(Z{l})", f"{Z.shape}, elementwise",
                       _dZ_math(l, True))
            w.matrix(f"dZ{l}", dZ, "   (= AL - Y, the simplified form)")
        else:
            dZ = md.relu_backward(dA, Z)
            w.equation(f"dZ{l} = dA{l} * (Z{l} > 0)", f"{Z.shape}, elementwise; 0 where Z = 0",
                       _dZ_math(l, False))
            w.matrix(f"dZ{l}", dZ)
        dA_prev, dW, db = md.linear_backward(dZ, (A_prev, W, b))
        for name, value, equation, shapes in (
            (f"dW{l}", dW, f"dW{l} = dZ{l} A{l - 1}^T / m", f"{dZ.shape} x {A_prev.T.shape} -> {dW.shape}"),
            (f"db{l}", db, f"db{l} = sum over examples of dZ{l} / m", f"{dZ.shape} -> {db.shape}"),
            (f"dA{l - 1}", dA_prev, f"dA{l - 1} = W{l}^T dZ{l}", f"{W.T.shape} x {dZ.shape} -> {dA_prev.shape}"),
        ):
            rel, note = _agreement(value, expected[name])
            worst = max(worst, rel)
            w.equation(equation, shapes, _gradient_math(name[:2], l))
            w.matrix(name, value, note)
        dA = dA_prev
    verdict(w, worst)
    return w.text()

"""`manual-dnn explain`: one forward and one backward pass of a tiny network,
step by step: each equation, its shapes, its numbers, and beside every
gradient the JAX value and how closely they agree.

The numbers come from manual_dnn's own functions; JAX only checks them.
"""

import numpy as np

import manual_dnn as md
from reference.checks.points import network_point
from reference.oracles import jax_network as jnet
from reference.tolerances import TOLERANCES, relative_error

__all__ = ["explain"]


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
        self.lines.append(text)

    def equation(self, equation, shapes=""):
        shapes = f"    shapes: {shapes}" if shapes else ""
        self.lines.append(f"`{equation}`{shapes}" if self.markdown else f"  {equation}{shapes}")

    def matrix(self, name, value, note=""):
        body = np.array2string(np.asarray(value), precision=6, suppress_small=False, max_line_width=90)
        lines = body.splitlines()
        label = f"{name} {np.shape(value)}"
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


def _agreement(actual, expected):
    rel = relative_error(actual, expected)
    verdict = "agrees" if rel <= TOLERANCES["jax-grad"] else "DISAGREES"
    return rel, f"   <- JAX {verdict}: rel. error {rel:.1e}"


def explain(layer_dims, examples, seed, fmt="text"):
    """The walk-through as one string (``fmt`` "text" or "markdown")."""
    point = network_point(layer_dims, examples, seed)
    X, Y, params = point.X, point.Y, point.parameters
    L, m = len(layer_dims) - 1, examples
    w = _Writer(fmt == "markdown")
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
        w.equation(f"Z{l} = W{l} A{l - 1} + b{l}", f"{W.shape} x {A.shape} + {b.shape} -> {cache[1].shape}")
        w.matrix(f"Z{l}", cache[1])
        name = "AL" if l == L else f"A{l}"
        w.equation(f"{name} = {act}(Z{l})" + ("  = 1 / (1 + exp(-Z))" if l == L else "  = max(0, Z)"))
        w.matrix(name, A_next)
        A = A_next
        caches.append(cache)
    AL = A
    cost = md.compute_cost(AL, Y)
    w.heading("Cost", 3)
    w.equation("J = -(1/m) sum( Y log(AL) + (1 - Y) log(1 - AL) )")
    w.say(f"    J = {cost:.10f}   (JAX: {float(jnet.cost_value(AL, Y)):.10f})")

    w.heading("Backward")
    w.say("dA and dZ are gradients of the summed loss m*J (per example); dW and db take the mean, "
          "hence the 1/m there and nowhere else.")
    expected = jnet.model_backward(X, point.weights, Y)
    dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    w.equation("dAL = -(Y / AL - (1 - Y) / (1 - AL))", f"{AL.shape}")
    w.matrix("dAL", dAL)
    worst, dA = 0.0, dAL
    for l in range(L, 0, -1):
        (A_prev, W, b), Z = caches[l - 1]
        act = "sigmoid" if l == L else "relu"
        w.heading(f"Layer {l} ({act})", 3)
        if act == "sigmoid":
            dZ = md.sigmoid_backward(dA, Z)
            w.equation(f"dZ{l} = dA{l} * s * (1 - s),  s = sigmoid(Z{l})", f"{Z.shape}, elementwise")
            w.matrix(f"dZ{l}", dZ, "   (= AL - Y, the simplified form)")
        else:
            dZ = md.relu_backward(dA, Z)
            w.equation(f"dZ{l} = dA{l} * (Z{l} > 0)", f"{Z.shape}, elementwise; 0 where Z = 0")
            w.matrix(f"dZ{l}", dZ)
        dA_prev, dW, db = md.linear_backward(dZ, (A_prev, W, b))
        for name, value, equation, shapes in (
            (f"dW{l}", dW, f"dW{l} = dZ{l} A{l - 1}^T / m", f"{dZ.shape} x {A_prev.T.shape} -> {dW.shape}"),
            (f"db{l}", db, f"db{l} = sum over examples of dZ{l} / m", f"{dZ.shape} -> {db.shape}"),
            (f"dA{l - 1}", dA_prev, f"dA{l - 1} = W{l}^T dZ{l}", f"{W.T.shape} x {dZ.shape} -> {dA_prev.shape}"),
        ):
            rel, note = _agreement(value, expected[name])
            worst = max(worst, rel)
            w.equation(equation, shapes)
            w.matrix(name, value, note)
        dA = dA_prev
    w.heading("Verdict", 3)
    w.say(f"Every gradient agrees with JAX autodiff; the largest relative error is {worst:.1e} "
          f"(tolerance {TOLERANCES['jax-grad']:.0e})." if worst <= TOLERANCES["jax-grad"]
          else f"Some gradients disagree with JAX (largest relative error {worst:.1e}).")
    w.say("Next: `manual-dnn gradcheck --impl your_notebook.ipynb` checks your own functions the same way.")
    return w.text()

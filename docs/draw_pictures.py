"""Draw the pictures of docs/derivations.md ("Three pictures of gradient checking").

    python docs/draw_pictures.py            # into docs/ (what `make docs` runs)
    python docs/draw_pictures.py --out DIR --maps-layers 5,4,3,1 --maps-examples 6

Every picture comes from a real check (reference.check) of manual_dnn or of a
learner's bug, drawn by reference.report.pictures -- the same functions that
draw the HTML report. The PNGs are committed, so the docs read anywhere;
re-run this after changing the checks or the pictures.
"""

import argparse
import sys
from pathlib import Path

import numpy as np

import manual_dnn
from reference import check
from reference.bug_zoo import mutant_namespace, seed_namespace
from reference.report.pictures import error_map_figure, png_bytes, step_size_figure, taylor_figure

DOCS = Path(__file__).resolve().parent


# Three bugs whose errors have a shape, written as a learner writes linear_backward.
def linear_backward_mixing_up_an_input(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = np.dot(dZ, A_prev.T) / m
    j = A_prev.shape[0] // 2
    dW[:, j] = np.dot(dZ, A_prev[j - 1]) / m  # BUG: input j's column computed from input j - 1
    return np.dot(W.T, dZ), dW, np.sum(dZ, axis=1, keepdims=True) / m


def linear_backward_doubling_a_unit(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = np.dot(dZ, A_prev.T) / m
    dW[0] = 2 * dW[0]  # BUG: unit 0's row counted twice
    return np.dot(W.T, dZ), dW, np.sum(dZ, axis=1, keepdims=True) / m


def linear_backward_without_1_over_m(dZ, cache):
    A_prev, W, b = cache
    dW = np.dot(dZ, A_prev.T)  # BUG: the 1/m forgotten
    return np.dot(W.T, dZ), dW, np.sum(dZ, axis=1, keepdims=True) / A_prev.shape[1]


SHAPES = {"column": linear_backward_mixing_up_an_input, "row": linear_backward_doubling_a_unit,
          "uniform": linear_backward_without_1_over_m}


def _with(bug):
    namespace = seed_namespace()
    namespace["linear_backward"] = bug
    return namespace


def _find(report, **fields):
    return next(c for c in report.checks if all(getattr(c, k) == v for k, v in fields.items()))


def draw(out, maps_layers, maps_examples):
    """Write the five PNGs into ``out``; returns their paths.

    The Taylor test and the step sizes on a small network (5, 4, 3, 1; 6 examples),
    where the sweep keeps many steps; the heat maps at ``maps_layers`` (the cat
    network by default: dW1 is 20 x 12288).
    """
    small = dict(layer_dims=[5, 4, 3, 1], examples=6)
    right = check(manual_dnn, **small)
    wrong = check(mutant_namespace("dW-missing-1/m"), **small)
    figures = {
        "gradcheck-taylor.png": taylor_figure(_find(right, oracle="taylor"), _find(wrong, oracle="taylor"),
                                              labels=["manual_dnn (right)", "dW without 1/m (wrong)"]),
        "gradcheck-step-size.png": step_size_figure(next(c for c in right.checks if c.steps)),
    }
    for shape, bug in SHAPES.items():
        report = check(_with(bug), layer_dims=maps_layers, examples=maps_examples)
        figures[f"gradcheck-map-{shape}.png"] = error_map_figure(
            _find(report, function="L_model_backward", target="dW1", oracle="jax-grad"))
    written = []
    for name, figure in figures.items():
        path = Path(out) / name
        path.write_bytes(png_bytes(figure, dpi=100))
        written.append(path)
    return written


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(DOCS), help="folder for the PNGs (default: docs/)")
    parser.add_argument("--maps-layers", default="12288,20,7,5,1",
                        help="network sizes for the heat maps (default: the cat network)")
    parser.add_argument("--maps-examples", type=int, default=209)
    args = parser.parse_args(argv)
    for path in draw(args.out, [int(n) for n in args.maps_layers.split(",")], args.maps_examples):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())

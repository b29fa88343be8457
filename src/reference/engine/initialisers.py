"""Initialisers judged by the dict they return: the keys W1, b1, ..., WL, bL, the shapes, finite
numbers, zero biases, rows of W that differ (symmetry broken) -- or, for an initialiser meant to be
all zeros, zeros. Which initialisation it draws (the course's scale and seed, or another) and
whether it seeds numpy itself are reported, not judged: two calls that differ are a note.

A row names this check with ``check=initialiser(dims=..., expected=...)``.
"""

import numpy as np

from reference.checks.comparison import call_failure, contract_failure, returned
from reference.engine.contract import bind
from reference.report.results import Check

__all__ = ["initialiser"]


def initialiser(dims, candidates=None, zeros=False):
    """A row's check. ``dims(values)`` -> [n_0, ..., n_L] of the network the call asks for;
    ``candidates(dims)`` -> {words: parameters} of the initialisations to recognise (the course's,
    with its seed); ``zeros``: every W must be 0 (the Initialization assignment's first one)."""
    def check(run, row, values):
        _check(run, row, values, dims(values), candidates, zeros)
    return check


def _call(run, row, values):
    argnames, arguments, checks = bind(row, run.signature(row.name), values, run.aliases)
    run.add(checks)
    if arguments is None:
        return None
    result = run.call(row.name, argnames, arguments)
    if result.error:
        run.add([call_failure(row.name, result)])
        return None
    return result.value


def _problems(parameters, dims, zeros):
    if not isinstance(parameters, dict):
        return [f"returned {returned(parameters)}, expected the parameters dict"]
    keys = [f"{p}{l}" for l in range(1, len(dims)) for p in "Wb"]
    if sorted(map(str, parameters)) != sorted(keys):
        return [f"keys {sorted(map(str, parameters))}, expected {keys}"]
    problems = []
    for l in range(1, len(dims)):
        for key, shape in ((f"W{l}", (dims[l], dims[l - 1])), (f"b{l}", (dims[l], 1))):
            try:
                array = np.asarray(parameters[key], dtype=np.float64)
            except (TypeError, ValueError, OverflowError):
                problems.append(f"{key} is {type(parameters[key]).__name__}, not an array of numbers")
                continue
            if array.shape != shape:
                problems.append(f"{key} has shape {array.shape}, expected {shape}")
            elif not np.isfinite(array).all():
                problems.append(f"{key} is not finite")
            elif key[0] == "b" and np.any(array != 0):
                problems.append(f"{key} is not zeros: the course initialises biases to 0")
            elif key[0] == "W" and zeros and np.any(array != 0):
                problems.append(f"{key} is not zeros: this initialiser sets every weight to 0")
            elif key[0] == "W" and not zeros and dims[l] > 1 and (array == array[:1]).all():
                problems.append(f"every row of {key} is the same: the units stay symmetric and learn the same thing")
    return problems


def _check(run, row, values, dims, candidates, zeros):
    first = _call(run, row, values)
    if first is None:
        return
    problems = _problems(first, dims, zeros)
    if problems:
        run.add([contract_failure(row.name, "parameters", p) for p in problems])
        return
    run.add([Check(row.name, "parameters", "rule", None, None, True,
                   f"keys, shapes, zero biases{', zero weights' if zeros else ''} for layers {list(dims)}")])
    second = _call(run, row, values)
    if isinstance(second, dict) and not _problems(second, dims, zeros) and all(
            np.array_equal(np.asarray(first[k]), np.asarray(second[k])) for k in first):
        run.add([Check(row.name, "reproducible", "rule", None, None, True, "two calls give the same parameters")])
    elif not zeros:
        run.notes.append(f"{row.name} gives other parameters on a second call: it does not seed numpy itself "
                         "(the course's calls np.random.seed first thing), so its numbers differ from the "
                         "notebook's expected ones (reported, not judged)")
    if not zeros and candidates is not None:
        run.notes.append(_words(row.name, first, dims, candidates(dims)))


SCALES = {"* 0.01": lambda n_prev, n: 0.01, "* 10": lambda n_prev, n: 10.0,
          "* sqrt(2 / n_{l-1}) (He's)": lambda n_prev, n: np.sqrt(2 / n_prev),
          "* sqrt(1 / n_{l-1}) (Xavier's)": lambda n_prev, n: np.sqrt(1 / n_prev),
          "/ sqrt(n_{l-1})": lambda n_prev, n: 1 / np.sqrt(n_prev),
          "* sqrt(2 / n_l), the layer's own size, not its input's": lambda n_prev, n: np.sqrt(2 / n)}


def _seeded_scale(parameters, dims):
    """(words, seed) when every W is randn of a seed 0-10 times a known scale of its layer, else None."""
    for seed in range(11):
        rng = np.random.RandomState(seed)
        ratios = []
        for l in range(1, len(dims)):
            draw = rng.randn(dims[l], dims[l - 1])
            W = np.asarray(parameters[f"W{l}"], dtype=np.float64)
            if not np.abs(draw).min() > 0:
                break
            ratio = W / draw
            if not np.allclose(ratio, ratio.flat[0], rtol=1e-9, atol=0):
                break
            ratios.append((ratio.flat[0], dims[l - 1], dims[l]))
        else:
            for words, scale in SCALES.items():
                if all(np.isclose(r, scale(n_prev, n), rtol=1e-9) for r, n_prev, n in ratios):
                    return words, seed
    return None


def _words(name, parameters, dims, candidates):
    for words, candidate in candidates.items():
        if all(np.array_equal(np.asarray(parameters[k], dtype=np.float64), v) for k, v in candidate.items()):
            return f"{name} initialises W as {words}"
    seeded = _seeded_scale(parameters, dims)
    if seeded is not None:
        return f"{name} initialises W as randn {seeded[0]}, np.random.seed({seeded[1]}): not the course's"
    spread = {words: _spread(parameters, candidate) for words, candidate in candidates.items()}
    near = [words for words, ratio in spread.items() if 0.5 <= ratio <= 2]
    if near:
        return f"{name} initialises W at the scale of {near[0].split(',')[0]}, but not with the course's seed"
    return (f"{name} initialises W at its own scale, not the course's ({'; '.join(candidates)}): reported, "
            "not judged")


def _spread(parameters, candidate):
    """The RMS of the W's over the candidate's: about 1 at the scale the candidate draws with."""
    mine = np.concatenate([np.asarray(parameters[k], dtype=np.float64).ravel() for k in candidate if k[0] == "W"])
    theirs = np.concatenate([np.asarray(v).ravel() for k, v in candidate.items() if k[0] == "W"])
    scale = np.sqrt(np.mean(theirs ** 2))
    return float(np.sqrt(np.mean(mine ** 2)) / scale) if scale > 0 else np.inf

"""Checks of the two initialisers, and what an initialisation is, in words.

An initialiser is judged by its dict: the keys W1, b1, ..., the shapes, zero
biases, rows of W that differ. Which initialisation it draws (randn * 0.01 or
randn / sqrt(n), which seed) is reported, not judged; so is whether it seeds
numpy itself, as the course's does: it is called after ``np.random.seed(1)``
(``SEED``) as the course's loops call it, and once more after another seed to
tell the two apart. One that two calls after the same seed cannot repeat draws
from a generator no numpy seed fixes: that fails.
"""

import numpy as np

import manual_dnn
from reference.checks.comparison import call_failure, contract_failure, returned
from reference.learner import course_modules
from reference.report.results import Check
from reference.seed_functions import SEED_FUNCTIONS, parameter_names

__all__ = ["initializer_checks", "describe_initialisation", "initialisation_words", "structure_problems",
           "parameter_problems", "same_parameters", "weights", "call_initialiser", "initialiser_arguments",
           "SEED", "OTHER_SEED", "TWO_LAYER_DIMS", "DEEP_DIMS"]

TWO_LAYER_DIMS = (6, 4, 1)
DEEP_DIMS = [6, 5, 3, 1]
SEED = 1  # numpy's global seed before each call of an initialiser or a loop: the course's np.random.seed(1)
OTHER_SEED = 2  # a second call after it: the same parameters if and only if the function seeds itself
COURSE_INITIALISERS = {"initialize_parameters": manual_dnn.initialize_parameters,
                       "initialize_parameters_deep": course_modules.initialize_parameters_deep}


def _rule(function, target, detail):
    """A passing check judged by a rule (shapes, zeros, reproducibility), not by a number."""
    return Check(function, target, "rule", None, None, True, detail)


def initialiser_arguments(name, dims):
    """The arguments ``name`` takes for a network of ``dims``, or None (initialize_parameters has one hidden layer)."""
    if name == "initialize_parameters":
        return tuple(dims) if len(dims) == 3 else None
    return (list(dims),)


def call_initialiser(impl, name, dims, seed=SEED):
    """impl's ``name`` for ``dims``, called after np.random.seed(seed): a Call."""
    return impl.call(name, SEED_FUNCTIONS[name].arguments, *initialiser_arguments(name, dims), seed=seed)


def course_initialisation(name, dims):
    """The course's own ``name`` for ``dims`` (the Application's deep one: randn / sqrt(n), seed 1), or None."""
    args = initialiser_arguments(name, dims)
    return None if args is None else COURSE_INITIALISERS[name](*args)


# ---------------------------------------------------------------- what a parameters dict is

def _numbers(value):
    """``value`` as a float64 array, or None when it is not numbers."""
    try:
        array = np.asarray(value)
        return None if array.dtype.kind == "c" else np.asarray(array, dtype=np.float64)
    except (TypeError, ValueError, OverflowError):
        return None


def structure_problems(parameters, dims):
    """Why ``parameters`` is not a dict of finite W's and b's of the shapes ``dims`` need, as
    sentences (empty when it is one: then ``weights`` can read it)."""
    if not isinstance(parameters, dict):
        return [f"returned {returned(parameters)}, expected the parameters dict"]
    expected = parameter_names(len(dims) - 1)
    if set(parameters) != set(expected):
        return [f"keys {sorted(map(str, parameters))}, expected {expected}"]
    problems = []
    for l in range(1, len(dims)):
        for key, shape in ((f"W{l}", (dims[l], dims[l - 1])), (f"b{l}", (dims[l], 1))):
            array = _numbers(parameters[key])
            if array is None:
                problems.append(f"{key} is {type(parameters[key]).__name__}, not an array of numbers")
            elif array.shape != shape:
                problems.append(f"{key} has shape {array.shape}, expected {shape}")
            elif not np.isfinite(array).all():
                problems.append(f"{key} is not finite")
    return problems


def parameter_problems(parameters, dims):
    """What is wrong with an initialiser's dict, as sentences (empty when nothing)."""
    problems = structure_problems(parameters, dims)
    if problems:
        return problems
    for l in range(1, len(dims)):
        W, b = (np.asarray(parameters[f"{p}{l}"], dtype=np.float64) for p in "Wb")
        if dims[l] > 1 and (W == W[:1]).all():
            problems.append(f"every row of W{l} is the same: the units stay symmetric and learn the same thing")
        if np.any(b != 0):
            problems.append(f"b{l} is not zeros: the course initialises biases to 0")
    return problems


def weights(parameters, L):
    """[(W1, b1), ..., (WL, bL)] as float64, from a dict without structure problems."""
    return [(np.asarray(parameters[f"W{l}"], dtype=np.float64), np.asarray(parameters[f"b{l}"], dtype=np.float64))
            for l in range(1, L + 1)]


def _equal(a, b):
    try:
        return bool(np.array_equal(a, b))
    except Exception:  # ragged lists and the like: not equal to an array
        return False


def same_parameters(a, b, keys=None):
    """Whether dicts ``a`` and ``b`` hold equal arrays under ``keys`` (default: every key of ``b``)."""
    if not (isinstance(a, dict) and isinstance(b, dict)):
        return False
    keys = list(b) if keys is None else keys
    return all(k in a and k in b and _equal(a[k], b[k]) for k in keys)


# ---------------------------------------------------------------- which initialisation, in words

def _initialisations(dims):
    """{description: W's} for the course's initialisations (and the rand slip), likely seeds."""
    found = {}
    for seed in range(11):
        for draw in ("randn", "rand"):
            for scaled in (False, True):
                rng = np.random.RandomState(seed)
                params = {}
                for l in range(1, len(dims)):
                    W = getattr(rng, draw)(dims[l], dims[l - 1])
                    params[f"W{l}"] = W / np.sqrt(dims[l - 1]) if scaled else W * 0.01
                scale = "/ sqrt(n_{l-1})" if scaled else "* 0.01"
                found[f"{draw} {scale}, np.random.seed({seed})"] = params
    return found


def describe_initialisation(parameters, dims):
    """Which of the course's initialisations ``parameters`` is, in words (or None)."""
    for description, candidate in _initialisations(dims).items():
        if same_parameters(parameters, candidate):
            return description
    return None


SCALES = (("randn * 0.01", lambda n: 0.01), ("randn / sqrt(n)", lambda n: 1 / np.sqrt(n)),
          ("randn * sqrt(2 / n) (He)", lambda n: np.sqrt(2 / n)))


def _scale_in_words(parameters, dims):
    """The scale the W's are drawn at (their spread pooled over the layers, nearest of SCALES), or None."""
    ws = [W for W, _ in weights(parameters, len(dims) - 1)]

    def spread(scale):  # the RMS of W / scale(n_{l-1}) over every layer: about 1 at the scale drawn with
        return np.sqrt(np.mean(np.concatenate([(W / scale(n)).ravel() ** 2 for W, n in zip(ws, dims)])))

    off = {how: abs(np.log(spread(scale))) for how, scale in SCALES}
    near = [how for how in off if off[how] <= np.log(2)]
    return min(near, key=off.get) if near else None


def initialisation_words(parameters, dims):
    """The initialisation of ``parameters`` as words ("randn / sqrt(n_{l-1}), np.random.seed(1)",
    "the scale of randn * 0.01", "its own way"), for a dict without structure problems."""
    how = describe_initialisation(parameters, dims)
    if how is not None:
        return how
    scale = _scale_in_words(parameters, dims)
    return f"the scale of {scale}" if scale else "its own way (neither randn * 0.01 nor randn / sqrt(n))"


def _initialisation_note(name, parameters, dims, seeds_itself=True):
    how = describe_initialisation(parameters, dims)
    if not seeds_itself:
        drawn = how.split(",")[0] if how and how.endswith(f"seed({SEED})") else None
        what = f"as {drawn}" if drawn else (f"at {initialisation_words(parameters, dims)}"
                                          if _scale_in_words(parameters, dims) else "in its own way")
        note = (f"{name} draws W {what} without seeding numpy itself (the course's calls np.random.seed first): "
                f"its numbers follow its caller's seed; checked here after np.random.seed({SEED}) (reported, "
                "not judged)")
        return note + (_RAND if drawn and drawn.startswith("rand ") else "")
    if how is None:
        scale = _scale_in_words(parameters, dims)
        if scale:
            return (f"{name} initialises W at the scale of {scale}, but not with the course's seed "
                    "(none, or one other than 0-10): its numbers differ from the course's")
        return f"{name} initialises W in its own way (neither randn * 0.01 nor randn / sqrt(n), seeds 0-10)"
    if how.startswith("rand "):
        return f"{name} initialises W as {how}" + _RAND
    return f"{name} initialises W as {how}"


_RAND = (": np.random.rand draws from [0, 1), so every weight is positive; the course draws with "
         "np.random.randn (reported, not judged)")


# ---------------------------------------------------------------- the checks

def initializer_checks(impl):
    """initialize_parameters(6, 4, 1) and initialize_parameters_deep([6, 5, 3, 1]):
    keys, shapes, zero biases, broken symmetry, the same result after the same seed.
    Returns (checks, printed output, notes)."""
    checks, printed, notes = [], [], []
    for name, dims in (("initialize_parameters", TWO_LAYER_DIMS), ("initialize_parameters_deep", DEEP_DIMS)):
        if name not in impl:
            continue
        first, other = (call_initialiser(impl, name, dims, seed) for seed in (SEED, OTHER_SEED))
        printed += [first.output, other.output]
        if first.error:
            checks.append(call_failure(name, first))
            continue
        problems = parameter_problems(first.value, dims)
        checks += [contract_failure(name, "parameters", p) for p in problems]
        if problems:
            continue
        checks.append(_rule(name, "parameters", f"keys, shapes and zero biases for layers {list(dims)}"))
        if not other.error and same_parameters(first.value, other.value):
            checks.append(_rule(name, "reproducible", "two calls give the same parameters"))
            notes.append(_initialisation_note(name, first.value, dims))
            continue
        again = call_initialiser(impl, name, dims, SEED)
        printed.append(again.output)
        if again.error or not same_parameters(first.value, again.value):
            checks.append(contract_failure(name, "reproducible", (
                f"two calls after the same np.random.seed({SEED}) gave different parameters: it draws from a "
                "generator no numpy seed fixes; the course seeds inside (np.random.seed) so that every run "
                "starts the same")))
        else:
            checks.append(_rule(name, "reproducible", f"two calls after np.random.seed({SEED}) give the same "
                                "parameters (it does not seed numpy itself: see the notes)"))
            notes.append(_initialisation_note(name, first.value, dims, seeds_itself=False))
    return checks, "".join(printed), notes

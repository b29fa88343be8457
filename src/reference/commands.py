"""``manual-dnn gradcheck`` and ``manual-dnn explain`` (they need JAX)."""

import sys

import numpy as np

__all__ = ["gradcheck", "explain"]


def _fail(message, command="gradcheck"):
    print(f"manual-dnn {command}: {message}", file=sys.stderr)
    return 2


def gradcheck(args):
    from reference.bug_zoo import MUTANTS, mutant_namespace
    from reference.checker import CAT_NETWORK, check
    from reference.implementation import ImplementationError

    if args.list_mutants:
        width = max(map(len, MUTANTS))
        for name, mutant in MUTANTS.items():
            print(f"{name:<{width}}  {mutant.summary}")
        return 0
    if args.impl and args.mutant:
        return _fail("give either --impl or --mutant, not both")
    layers = args.layers
    if layers and layers[-1] != 1:
        return _fail(f"--layers must end with 1 (one sigmoid output), got {','.join(map(str, layers))}")
    X = Y = None
    if args.data_dir:
        from manual_dnn.data import DataError, flatten_images, load_data

        try:
            train_x, train_y, *_ = load_data(args.data_dir)
        except DataError as error:
            return _fail(str(error))
        X, Y = flatten_images(train_x), train_y.astype(np.float64)
        if args.examples and args.examples > X.shape[1]:
            return _fail(f"--examples {args.examples}: the cat images in {args.data_dir} have {X.shape[1]}")
        if args.examples:
            X, Y = X[:, : args.examples], Y[:, : args.examples]
        if layers and layers[0] != X.shape[0]:
            return _fail(f"--layers starts with {layers[0]} but the cat images have {X.shape[0]} inputs")
    params = None
    if args.params:
        params = [p.strip() for p in args.params.split(",") if p.strip()]
        L = len(layers or CAT_NETWORK) - 1
        known = {f"{p}{l}" for l in range(1, L + 1) for p in ("W", "b")}
        unknown = [p for p in params if p not in known]
        if unknown or not params:
            named = ", ".join(unknown) or repr(args.params)
            return _fail(f"--params: unknown parameter {named}; this network has W1..W{L}, b1..b{L}")
    if args.mutant:
        if args.mutant not in MUTANTS:
            return _fail(f"no mutant named {args.mutant!r}; see --list-mutants")
        source = mutant_namespace(args.mutant)
    elif args.impl:
        source = args.impl
    else:
        import manual_dnn as source
    try:
        report = check(source, layers, args.examples, args.seed, X, Y, full_fd=args.full_fd or bool(params),
                       params=params)
    except ImplementationError as error:
        return _fail(str(error))
    if not report.checks:
        return _fail(f"{report.implementation}: defines none of the seed's functions "
                     "(linear_forward, ..., L_model_backward, update_parameters)")
    if args.mutant:
        report.implementation = f"mutant {args.mutant}"
    print(report.to_json() if args.json else report.to_text())
    return 0 if report.passed else 1


EXPLAIN_LIMIT = 16  # units and examples: beyond this the walk-through is a wall of numbers


def explain(args):
    from reference.explain import explain as run

    layers = args.layers
    if layers[-1] != 1:
        return _fail(f"--layers must end with 1 (one sigmoid output), got {','.join(map(str, layers))}", "explain")
    if max(layers) > EXPLAIN_LIMIT or args.examples > EXPLAIN_LIMIT:
        return _fail(f"explain prints every number, so it takes layers and examples of at most "
                     f"{EXPLAIN_LIMIT}; use 'manual-dnn gradcheck' for real sizes", "explain")
    print(run(layers, args.examples, args.seed, args.format))
    return 0

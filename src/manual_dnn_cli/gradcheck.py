"""``manual-dnn gradcheck``: check manual_dnn, a learner's file or a bug of the
zoo, function by function, against the oracles (needs JAX, imported on run)."""

import os
import sys

import numpy as np

from manual_dnn.output_file import OutputFileError, check_output_path, same_file, write_atomically
from manual_dnn_cli.options import fail, layer_sizes, memory_size, path, positive_float, positive_int, seed

COMMAND = "gradcheck"
# Peak memory of a check is ~8.3x network_bytes (measured: 12288,2000,1 on 209 examples); 10x leaves room.
CHECK_MEMORY_FACTOR = 10


def add_parser(commands):
    gradcheck = commands.add_parser(
        "gradcheck",
        help="check every backward function against JAX and finite differences",
        description="Check manual_dnn (or a learner's file) function by function against JAX "
        "autodiff and numerical differentiation. Exit 0 when all pass, 1 when any fails.",
    )
    gradcheck.add_argument("--impl", type=path, metavar="PATH",
                           help="a learner's .py file or .ipynb notebook to check instead of manual_dnn")
    gradcheck.add_argument("--assignment", metavar="NAME",
                           help="the assignment to check the file as (default: recognised from the functions it "
                           "defines); without --impl, check manual_dnn's own solution of it")
    gradcheck.add_argument("--list-assignments", action="store_true", help="list the assignments known and exit")
    gradcheck.add_argument("--mutant", metavar="NAME", help="check one bug of the bug zoo instead")
    gradcheck.add_argument("--list-mutants", action="store_true", help="list the bug zoo and exit")
    gradcheck.add_argument("--layers", type=layer_sizes, metavar="N0,N1,...,1",
                           help="layer sizes (default 12288,20,7,5,1, the seed's cat network)")
    gradcheck.add_argument("--examples", type=positive_int, metavar="M", help="number of examples (default 209)")
    gradcheck.add_argument("--seed", type=seed, default=0, help="seed of the check point (default 0)")
    gradcheck.add_argument("--data-dir", type=path, metavar="DIR",
                           help="check on the cat images in DIR instead of synthetic data")
    gradcheck.add_argument("--params", metavar="W1,b3", help="full-FD only these parameters")
    gradcheck.add_argument("--full-fd", action="store_true", help="central differences for every parameter")
    gradcheck.add_argument("--only", metavar="NAME[,NAME]",
                           help="check only these functions (and the functions they call): for a fragment")
    gradcheck.add_argument("--verbose", "-v", action="store_true",
                           help="the whole report: the table of every check, every failure, the notes")
    gradcheck.add_argument("--json", action="store_true", help="print the report as JSON on stdout")
    gradcheck.add_argument("--html", metavar="FILE",
                           help="also write the report as one self-contained HTML page, with its pictures")
    add_sandbox_options(gradcheck)
    return gradcheck


def add_sandbox_options(parser):
    """--timeout and --memory: the limits of the child process that runs a learner's file; and --no-cache."""
    parser.add_argument("--timeout", type=positive_float, default=10.0, metavar="SECONDS",
                        help="wall-time limit for loading the learner's file and for each call (default 10)")
    parser.add_argument("--memory", type=memory_size, default=4 << 30, metavar="SIZE",
                        help="memory limit of the learner's process, e.g. 4G or 512M (default 4G)")
    parser.add_argument("--no-cache", action="store_true",
                        help="compile the oracles afresh, without the compilation cache in the user's cache folder")


def _assignment_names():
    from reference.assignments import NAMES

    return list(NAMES)


def run(args):
    os.environ.setdefault("JAX_PLATFORMS", "cpu")  # the oracles' float64 work is small: a GPU only adds start-up
    from manual_dnn.memory import TooLargeError, network_bytes, require_memory
    from manual_dnn.training import CAT_EXAMPLES, CAT_NETWORK
    from reference.learner.loading import ImplementationError
    from reference.seed_functions import parameter_names

    if args.assignment is not None and args.assignment not in _assignment_names():
        return fail(f"--assignment {args.assignment}: no such assignment; known: {', '.join(_assignment_names())} "
                    "(--list-assignments says more)", COMMAND)
    if args.list_mutants:
        from reference.bug_zoo import zoo_of

        zoo = zoo_of(args.assignment)
        if zoo is None:
            return fail(f"--list-mutants: the assignment {args.assignment} has no bug zoo", COMMAND)
        width = max(map(len, zoo[0]))
        for name, mutant in zoo[0].items():
            print(f"{name:<{width}}  {mutant.function}: {mutant.summary}")
        return 0
    if args.list_assignments:
        from reference.assignments import all_assignments

        for each in all_assignments():
            print(f"{each.name:<20}  {each.describe()}: {', '.join(each.graded)}")
        return 0
    if args.impl and args.mutant:
        return fail("give either --impl or --mutant, not both", COMMAND)
    if args.assignment is not None:
        cat_only = [option for option, given in (("--layers", args.layers), ("--examples", args.examples),
                                                 ("--data-dir", args.data_dir), ("--full-fd", args.full_fd),
                                                 ("--params", args.params)) if given]
        if args.assignment != "dnn" and cat_only:
            return fail(f"{', '.join(cat_only)}: only for the cat network (--assignment dnn)", COMMAND)
    page = None
    if args.html is not None:  # refused now, not after the check has run
        try:
            page = check_output_path(args.html)
        except OutputFileError as error:
            return fail(f"--html {error}", COMMAND)
        if any(other and same_file(other, page) for other in (args.impl, args.data_dir)):
            return fail(f"--html {args.html}: is the file being checked; not overwritten", COMMAND)
    layers = args.layers
    if layers and layers[-1] != 1:
        return fail(f"--layers must end with 1 (one sigmoid output), got {','.join(map(str, layers))}", COMMAND)
    X = Y = None
    if args.data_dir:
        from manual_dnn.data import DataError, flatten_images, load_data

        try:
            train_x, train_y, *_ = load_data(args.data_dir)
        except DataError as error:
            return fail(str(error), COMMAND)
        X, Y = flatten_images(train_x), train_y.astype(np.float64)
        if args.examples and args.examples > X.shape[1]:
            return fail(f"--examples {args.examples}: the cat images in {args.data_dir} have {X.shape[1]}", COMMAND)
        if args.examples:
            X, Y = X[:, : args.examples], Y[:, : args.examples]
        if layers and layers[0] != X.shape[0]:
            return fail(f"--layers starts with {layers[0]} but the cat images have {X.shape[0]} inputs", COMMAND)
    try:
        m = X.shape[1] if X is not None else args.examples or CAT_EXAMPLES
        require_memory(f"checking --layers {','.join(map(str, layers or CAT_NETWORK))} on {m} examples",
                       CHECK_MEMORY_FACTOR * network_bytes(layers or CAT_NETWORK, m))
    except TooLargeError as error:
        return fail(str(error), COMMAND)
    only = None
    if args.only is not None:  # the tables, not the checker: JAX is imported later, in parallel
        from reference.assignments import assignment, known_functions

        # no --impl checks manual_dnn, the cat network: its functions are the ones to name
        named = args.assignment or (None if args.impl else "dnn")
        known = list(assignment(named).table if named else known_functions())
        only = [name.strip() for name in args.only.split(",") if name.strip()]
        unknown = [name for name in only if name not in known]
        if unknown or not only:
            named = ", ".join(unknown) or repr(args.only)
            return fail(f"--only: unknown function {named}; the functions known are {', '.join(known)}", COMMAND)
    params = None
    if args.params is not None:
        params = [p.strip() for p in args.params.split(",") if p.strip()]
        L = len(layers or CAT_NETWORK) - 1
        unknown = [p for p in params if p not in parameter_names(L)]
        if unknown or not params:
            named = ", ".join(unknown) or repr(args.params)
            return fail(f"--params: unknown parameter {named}; this network has W1..W{L}, b1..b{L}", COMMAND)
    if args.impl:
        import importlib

        from reference.learner.sandbox import SandboxError, open_sandboxed

        try:  # the learner's file loads in its child while JAX is imported here
            source = open_sandboxed(args.impl, args.timeout, args.memory,
                                    meanwhile=lambda: importlib.import_module("reference.checks.checker"),
                                    assignment=args.assignment)
        except SandboxError as error:  # the checker's failure, not the file's: exit 3, as an oracle's
            print(f"manual-dnn {COMMAND}: {error}", file=sys.stderr)
            return 3
        except ImplementationError as error:
            return fail(str(error), COMMAND)
        from reference.checks.checker import check
        from reference.oracles.jax_network import OracleError
    else:
        from reference.bug_zoo import zoo_of
        from reference.checks.checker import check
        from reference.oracles.jax_network import OracleError

        zoo = zoo_of(args.assignment)
        if args.mutant and (zoo is None or args.mutant not in zoo[0]):
            return fail(f"no mutant named {args.mutant!r}; see --list-mutants", COMMAND)
        if args.mutant:
            source = zoo[1](args.mutant)
        elif args.assignment not in (None, "dnn"):
            import importlib

            from reference.assignments import assignment

            source = importlib.import_module(assignment(args.assignment).reference)
        else:
            import manual_dnn as source
    try:
        report = check(source, layers, args.examples, args.seed, X, Y, full_fd=args.full_fd or bool(params),
                       params=params, assignment=args.assignment, only=only)
    except ImplementationError as error:
        return fail(str(error), COMMAND)
    except OracleError as error:  # the checker's failure: one line, the traceback in a file
        from reference.tracebacks import save_traceback

        print(f"manual-dnn {COMMAND}: {error}; traceback in {save_traceback(error)}", file=sys.stderr)
        return 3
    if not report.checks and not report.found:
        from reference.assignments import all_assignments

        known = "; ".join(f"{each.name}: {', '.join(each.graded[:3])}, ..." for each in all_assignments())
        return fail(f"{report.implementation}: defines none of the functions of the assignments known ({known})",
                    COMMAND)
    if args.mutant:
        report.implementation = f"mutant {args.mutant}"
    print(report.to_json() if args.json else report.to_text(verbose=args.verbose))
    if page:  # after the report is out: a full disk loses the page, never the verdict
        from reference.report.html import report_page

        try:
            write_atomically(args.html, lambda file: file.write(report_page(report).encode("utf-8")))
        except OutputFileError as error:
            return fail(f"--html {error}", COMMAND)
    return 0 if report.passed else 1

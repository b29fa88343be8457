"""``manual-dnn explain``: one forward and backward pass of a tiny network, every
equation with its numbers, each gradient beside JAX's (needs JAX, imported on run)."""

from manual_dnn_cli.options import fail, layer_sizes, positive_int, seed

EXPLAIN_LIMIT = 16  # units and examples: beyond this the walk-through is a wall of numbers


def add_parser(commands):
    explain = commands.add_parser(
        "explain",
        help="walk through one forward and backward pass with numbers, checked against JAX",
    )
    explain.add_argument("--layers", type=layer_sizes, default=[3, 2, 1], metavar="N0,...,1")
    explain.add_argument("--examples", type=positive_int, default=2, metavar="M")
    explain.add_argument("--seed", type=seed, default=0)
    explain.add_argument("--format", choices=("text", "markdown", "html"), default="text",
                         help="html: one offline page, the equations typeset in MathML")
    explain.add_argument("--assignment", metavar="NAME", default="dnn",
                         help="the walk-through of another assignment (logistic_regression, planar, regularization, "
                              "gradient_checking, convolution, rnn, cs231n); --layers and --examples are the cat "
                              "network's")
    return explain


def run(args):
    from reference.explain import explain

    if args.assignment != "dnn":
        return _other(args)
    layers = args.layers
    if layers[-1] != 1:
        return fail(f"--layers must end with 1 (one sigmoid output), got {','.join(map(str, layers))}", "explain")
    if max(layers) > EXPLAIN_LIMIT or args.examples > EXPLAIN_LIMIT:
        return fail(f"explain prints every number, so it takes layers and examples of at most "
                    f"{EXPLAIN_LIMIT}; use 'manual-dnn gradcheck' for real sizes", "explain")
    print(explain(layers, args.examples, args.seed, args.format))
    return 0


def _other(args):
    """The walk-through an assignment declares (Assignment.explain), or one line saying there is none."""
    from reference.assignments import NAMES, assignment

    if args.assignment not in NAMES:
        return fail(f"--assignment {args.assignment}: no such assignment; known: {', '.join(NAMES)}", "explain")
    walk = assignment(args.assignment).explain
    if walk is None:
        with_walk = [name for name in NAMES if name == "dnn" or assignment(name).explain is not None]
        return fail(f"--assignment {args.assignment} has no walk-through; these do: {', '.join(with_walk)}", "explain")
    print(walk(args.seed, args.format))
    return 0

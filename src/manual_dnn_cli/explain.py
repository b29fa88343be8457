"""``manual-dnn explain``: one forward and backward pass of a tiny network, every
equation with its numbers, each gradient beside JAX's (needs JAX, imported on run)."""

from manual_dnn_cli.options import fail, layer_sizes, positive_int, seed


def _rnn():
    from reference.assignments.rnn.explain import explain_rnn

    return explain_rnn


WALKTHROUGHS = {"dnn": None, "rnn": _rnn}  # assignment -> () -> its walk-through (seed, format)
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
    explain.add_argument("--assignment", choices=tuple(WALKTHROUGHS), default="dnn",
                         help="rnn: backpropagation through time and an LSTM cell (course 5 week 1), instead of "
                              "the cat network")
    return explain


def run(args):
    from reference.explain import explain

    if args.assignment != "dnn":
        print(WALKTHROUGHS[args.assignment]()(args.seed, args.format))
        return 0
    layers = args.layers
    if layers[-1] != 1:
        return fail(f"--layers must end with 1 (one sigmoid output), got {','.join(map(str, layers))}", "explain")
    if max(layers) > EXPLAIN_LIMIT or args.examples > EXPLAIN_LIMIT:
        return fail(f"explain prints every number, so it takes layers and examples of at most "
                    f"{EXPLAIN_LIMIT}; use 'manual-dnn gradcheck' for real sizes", "explain")
    print(explain(layers, args.examples, args.seed, args.format))
    return 0

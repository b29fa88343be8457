"""The ``manual-dnn`` command: the one place above both packages.

It imports ``manual_dnn`` (the network) and, for the subcommands that need the
oracles, ``reference``; neither package imports it. One module per subcommand,
its options beside its body; ``main.py`` puts them together.
"""

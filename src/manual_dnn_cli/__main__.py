"""``python -m manual_dnn_cli``: the same as the ``manual-dnn`` command."""

from manual_dnn_cli.main import console

console()

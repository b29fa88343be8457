"""``python -m manual_dnn_cli``: the same as the ``manual-dnn`` command."""

import sys

from manual_dnn_cli.main import main

sys.exit(main())

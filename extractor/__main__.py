"""``python -m extractor``: the ``zhengce`` command."""

import sys

from .cli import main

sys.exit(main())

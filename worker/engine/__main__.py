"""`python -m worker.engine ...`: see worker/engine/cli.py."""

import sys

from worker.engine.cli import main

sys.exit(main())

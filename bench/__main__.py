"""``python -m bench [--quick] [--sizes N ...] [--reps N] [--check]``: run the benchmark suite (see bench/suite.py)."""

import sys

from bench.suite import main

sys.exit(main())

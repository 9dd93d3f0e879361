"""``python -m bench [--quick] [--sizes N ...] [--reps N] [--check] [--only cmd]``: run the benchmark suite (bench/suite.py)."""

import sys

from bench.suite import main

sys.exit(main())

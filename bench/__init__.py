"""Benchmarks of ``wgt`` at the scale of the largest negotiations (issue 6).

``python -m bench`` (or ``bench/run``) generates workspaces with :mod:`bench.generate`,
measures every operation in fresh processes with :mod:`bench.measure`, compares each
with its floor and peers and writes ``bench/RESULTS.md`` (:mod:`bench.report`).
"""

"""Benchmarks of ``wgt`` at the scale of the largest negotiations (issues 6 and 15).

``python -m bench`` (or ``bench/run``) generates workspaces with :mod:`bench.generate`,
times the commands as a user runs them (whole ``wgt`` processes, :mod:`bench.commands`)
against their floors (:mod:`bench.floors`), interleaved, and measures every library
operation in fresh processes with :mod:`bench.measure`; it compares each with its floor
and peers and writes ``bench/RESULTS.md`` (:mod:`bench.report`, :mod:`bench.command_report`).
"""

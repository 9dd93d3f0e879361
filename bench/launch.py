"""``python -I -S bench/launch.py REPORT TIMEOUT CMD...``: run CMD and write its wall time and peak RSS to REPORT.

Linux counts the memory of the process that forked a child into the child's
``ru_maxrss`` (the high-water mark survives ``exec``), so a measurement forked from
the suite (which holds generated workspaces) would report the suite's memory. This
launcher is tiny: it forks the command itself, times it from fork to exit, kills
it after TIMEOUT seconds, and reads the command's own peak RSS from ``wait4``.
"""

import os
import signal
import sys
import time

report, timeout, argv = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
started = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(argv[0], argv)
    finally:
        os._exit(127)
timed_out = []


def stop(signum, frame):
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:  # it exited (and was reaped) just before the alarm: it finished in time
        return
    timed_out.append(True)


signal.signal(signal.SIGALRM, stop)
signal.setitimer(signal.ITIMER_REAL, timeout)
while True:
    try:
        _, status, usage = os.wait4(pid, 0)
        break
    except InterruptedError:
        continue
wall = time.perf_counter() - started
signal.setitimer(signal.ITIMER_REAL, 0)
with open(report, "w") as handle:
    handle.write(f"{wall} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)} {int(bool(timed_out))}\n")

"""``python -I -S bench/lockprobe.py LOCKFILE REPORT``: how long could no one write, while a command ran?

A writer needs the workspace lock (``tracker/lock.py``: ``flock`` on ``.wgt.lock``)
exclusively, and it cannot have it while any process holds it, shared (reading) or
exclusive (writing). The probe tries to take it exclusively without waiting every
``INTERVAL`` seconds and lets it go at once; it prints ``ready`` when it has started
and, on SIGTERM, writes to REPORT one JSON object: the longest interval during which
every attempt failed (from the last success before it to the first success after it,
so at most one interval too long), the total of such intervals, their number and the
number of attempts. It knows nothing of the command it watches: it measures the old
code (everything under the lock) and a command that prepares outside it alike.
"""

import fcntl
import json
import os
import signal
import sys
import time

INTERVAL = 0.005


def blocked_spans(attempts: list[tuple[float, bool]], end: float) -> list[float]:
    """The intervals during which no attempt succeeded: ``(time, got it)`` pairs in order, ended at ``end``."""
    # Blocked from the first attempt: counted from the probe's start.
    spans, last_ok, blocked = [], attempts[0][0] if attempts else None, False
    for at, ok in attempts:
        if ok:
            if blocked and last_ok is not None:
                spans.append(at - last_ok)
            last_ok, blocked = at, False
        else:
            blocked = True
    if blocked and last_ok is not None:
        spans.append(end - last_ok)
    return spans


def summary(attempts: list[tuple[float, bool]], end: float) -> dict:
    spans = blocked_spans(attempts, end)
    return {
        "longest": max(spans, default=0.0),
        "blocked_total": sum(spans),
        "spans": len(spans),
        "attempts": len(attempts),
    }


def main(lock_file: str, report: str) -> int:
    stop = []
    signal.signal(signal.SIGTERM, lambda signum, frame: stop.append(True))
    fd = os.open(lock_file, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    # Only the transitions are kept (the latest of a run of successes): hours stay a few entries.
    attempts: list[tuple[float, bool]] = []
    count = 0
    print("ready", flush=True)
    while not stop:
        now = time.monotonic()
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            fcntl.flock(fd, fcntl.LOCK_UN)
            ok = True
        except BlockingIOError:
            ok = False
        count += 1
        if not attempts or attempts[-1][1] != ok:
            attempts.append((now, ok))
        elif ok:
            attempts[-1] = (now, True)
        time.sleep(INTERVAL)
    result = summary(attempts, time.monotonic())
    result["attempts"] = count
    with open(report, "w") as handle:
        json.dump(result, handle)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))

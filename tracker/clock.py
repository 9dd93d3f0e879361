"""Times as wgt writes them: UTC, ISO 8601 to the second (``2005-03-01T14:05:09Z``)."""

from __future__ import annotations

import datetime as dt
import re

_TIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z\Z")


def now() -> str:
    """The current UTC time, to the second."""
    return _utcnow().replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _utcnow() -> dt.datetime:
    # One place that reads the machine's clock: tests move it (deadlines, dates in the future).
    return dt.datetime.now(dt.timezone.utc)


def is_time(value: object) -> bool:
    """Whether ``value`` is a time as wgt writes it (checked cheaply: the log holds one per entry)."""
    match = _TIME.match(value) if isinstance(value, str) else None
    if match is None:
        return False
    try:
        dt.datetime(*map(int, match.groups()))
    except ValueError:
        return False
    return True

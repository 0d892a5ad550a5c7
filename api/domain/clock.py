"""An injectable clock, so that time-driven states can be tested; and the UK's calendar dates."""

from __future__ import annotations

import datetime as dt
from typing import Protocol
from zoneinfo import ZoneInfo

UK = ZoneInfo("Europe/London")
"""The time zone of the people who use the system: GMT in winter, BST (UTC+1) in summer."""


def uk_date(moment: dt.datetime) -> dt.date:
    """The calendar date in the UK at ``moment``, a timezone-aware time: 00:30 BST on 10 June 2026 is
    10 June, though it is still 9 June in UTC."""
    return moment.astimezone(UK).date()


class Clock(Protocol):
    """Tells the current time, timezone-aware in UTC."""

    def now(self) -> dt.datetime: ...


class SystemClock:
    """The real clock."""

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)


class FixedClock:
    """A clock that stands still until moved; for tests and demos."""

    def __init__(self, at: dt.datetime) -> None:
        if at.tzinfo is None:
            raise ValueError("FixedClock needs a timezone-aware datetime")
        self.at = at

    def now(self) -> dt.datetime:
        return self.at

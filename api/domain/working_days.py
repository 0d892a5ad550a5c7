"""Working days in England and Wales: not a Saturday, a Sunday or a bank holiday.

Bank holidays come from the ``holidays`` package (England's, which Wales shares), kept up to date with each
release rather than written here. Days and times are in UK time (:data:`api.domain.clock.UK`).
"""

from __future__ import annotations

import datetime as dt
import functools

import holidays

from api.domain.clock import UK


@functools.cache
def _bank_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.UK(subdiv="ENG", years=year))


def is_working_day(day: dt.date) -> bool:
    """Whether ``day`` is a working day in England and Wales."""
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def working_day_on_or_after(day: dt.date) -> dt.date:
    """``day`` if it is a working day, else the next one."""
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def last_of_working_days(first: dt.date, count: int) -> dt.date:
    """The last day of a period of ``count`` working days beginning with ``first`` (which counts if it is one)."""
    day = working_day_on_or_after(first)
    for _ in range(count - 1):
        day = working_day_on_or_after(day + dt.timedelta(days=1))
    return day


def end_of_working_days(start: dt.datetime, count: int) -> dt.datetime:
    """The moment a period of ``count`` working days beginning with ``start``'s UK day ends: the next midnight
    UK time after its last day."""
    last = last_of_working_days(start.astimezone(UK).date(), count)
    return dt.datetime.combine(last + dt.timedelta(days=1), dt.time(), tzinfo=UK).astimezone(dt.UTC)

"""The one source of "now" for the whole program, and of the user's local conventions.

Every rule that depends on the date takes a Clock, so tests and snapshots can pin time
instead of depending on the day they happen to run. The clock also carries the two things
a date phrase needs besides "now": the time zone whose rules give each date its UTC offset
(so a time typed for a day across a DST change gets that day's offset), and whether the
user writes 3/7 for 3 July (day first) or 7 March (month first).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from functools import cache
from typing import Protocol


class Clock(Protocol):
    day_first: bool
    """True when "3/7/2026" means 3 July (day/month order), False for 7 March."""

    def now(self) -> datetime:
        """An aware datetime in the user's local time zone (a ZoneInfo when it is known,
        so that other dates get the offset in force on them)."""
        ...


@cache
def local_zone() -> tzinfo | None:
    """The system's time zone with its DST rules: $TZ when it names a zone, else
    /etc/localtime; None when neither can be read (then only the current offset is known)."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError  # ~2 ms; only once a clock is read

    name = os.environ.get("TZ", "").removeprefix(":")
    try:
        if name:
            return ZoneInfo(name)
        with open("/etc/localtime", "rb") as zone_file:
            return ZoneInfo.from_file(zone_file, key="localtime")
    except (OSError, ValueError, ZoneInfoNotFoundError):
        return None


@dataclass
class SystemClock:
    day_first: bool = False

    def now(self) -> datetime:
        zone = local_zone()
        return datetime.now(zone) if zone else datetime.now().astimezone()


@dataclass
class FixedClock:
    """A clock that only moves when told to; `advance` drives timers in tests.

    The moment's tzinfo is the local zone: give a ZoneInfo to test DST rules."""

    moment: datetime
    day_first: bool = False

    def __post_init__(self) -> None:
        if self.moment.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")

    def now(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        self.moment = self.moment + timedelta(**delta)


def pinned_in_local_zone(moment: datetime) -> datetime:
    """A pinned instant in the system zone when that zone has the pinned offset then (so
    DST rules apply to other dates); a pin with any other offset keeps it as a fixed zone."""
    if moment.tzinfo is None:
        return moment.astimezone()
    zone = local_zone()
    if zone is None:
        return moment
    local = moment.astimezone(zone)
    return local if local.utcoffset() == moment.utcoffset() else moment


def today(clock: Clock) -> date:
    return clock.now().date()

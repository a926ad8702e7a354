"""The one source of "now" for the whole program.

Every rule that depends on the date takes a Clock, so tests and snapshots can pin time
instead of depending on the day they happen to run.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """An aware datetime in the user's local time zone."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now().astimezone()


@dataclass
class FixedClock:
    """A clock that only moves when told to; `advance` drives timers in tests."""

    moment: datetime

    def __post_init__(self) -> None:
        if self.moment.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")

    def now(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        self.moment = self.moment + timedelta(**delta)


def today(clock: Clock) -> date:
    return clock.now().date()

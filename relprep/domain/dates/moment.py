"""A *moment*: when something happened (a debrief's call), or a meeting's date and time.

A moment keeps the time it was given ("15:42", "3pm", "yesterday at 5pm", an ISO date-time);
a day without a time takes the current time of day. A local time gets the UTC offset in
force on that date in the user's zone, so a time typed for the day after a DST change is
the right instant; a time that does not exist or happens twice that day is refused.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from relprep.domain.clock import Clock
from relprep.domain.dates.labels import spelled
from relprep.domain.dates.reading import read
from relprep.domain.dates.words import DateError, DateRefused, check_reach

FUTURE_TOLERANCE = timedelta(minutes=5)
"""A call logged "now" on a clock a little behind is not refused as being in the future."""


def parse_moment(text: str, clock: Clock, *, past: bool = False) -> datetime:
    """An aware date and time. With `past=True` (a call that happened) phrases look back and a
    moment later than now is refused; otherwise (a meeting) they look ahead like a due date
    and a day before today is refused unless written out with its year."""
    now = clock.now().replace(second=0, microsecond=0)
    if text.strip().lower() in ("", "now"):
        return now
    reading = read(text, clock, ahead=not past)
    if reading.instant is not None:
        moment = reading.instant
    elif reading.offset is not None:  # the same instant, shown in the user's zone
        given = datetime.combine(reading.day, reading.clock_time or time(), reading.offset)
        moment = given.astimezone(now.tzinfo)
    else:
        moment = local_moment(reading.day, reading.clock_time or now.time(), clock, text)
    check_reach(moment.date(), now.date(), text)
    if past and moment > clock.now() + FUTURE_TOLERANCE:
        raise DateRefused(
            f"{text!r} is {spelled(moment.date())} {moment:%H:%M}, later than now: "
            "a debrief records a call that has happened (name the day: yesterday 15:00)",
            moment,
            "later than now",
        )
    if not past and moment.date() < now.date() and not reading.explicit:
        raise DateRefused(
            f"{text!r} is {spelled(moment.date())}, in the past", moment, "in the past"
        )
    return moment


def local_moment(day: date, clock_time: time, clock: Clock, text: str) -> datetime:
    """`day` at `clock_time` in the clock's zone, with the offset in force on that day."""
    zone = clock.now().tzinfo
    naive = datetime.combine(day, clock_time)
    moment = naive.replace(tzinfo=zone)
    if moment.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != naive:
        raise DateError(
            f"{text!r}: {clock_time:%H:%M} does not exist on {spelled(day)} "
            "(the clocks went forward); give a time outside the gap"
        )
    if naive.replace(tzinfo=zone, fold=1).utcoffset() != moment.utcoffset():
        raise DateError(
            f"{text!r}: {clock_time:%H:%M} happens twice on {spelled(day)} (the clocks went "
            f"back); give the offset, e.g. {day.isoformat()}T{clock_time:%H:%M}{moment:%z}"
        )
    return moment

"""The one date language: every date, time and recurrence a user types is read here.

Three kinds of field, documented in docs/dates.md:
- a *due* (due, follow-up, snooze, meeting day) faces forward: `due.parse_when`;
- a *moment* (when a call happened, or a meeting's time) keeps its time: `moment.parse_moment`;
- an *every* (how a reminder recurs) is RFC 5545 RRULE text: `every.parse_every`.
dateutil does the calendar arithmetic and reads written dates; the phrases people say are
handled first, and nothing a phrase leaves out is filled in from today's date.
"""

from relprep.domain.dates.cadence import MAX_CADENCE_DAYS, check_cadence_days, parse_cadence
from relprep.domain.dates.due import is_ambiguous, is_past, parse_snooze, parse_when
from relprep.domain.dates.every import (
    advance,
    anchor_rule,
    describe_every,
    next_occurrence,
    occurrences,
    parse_every,
)
from relprep.domain.dates.labels import (
    format_date,
    format_day,
    format_resolved,
    preview,
    relative_label,
    spelled,
)
from relprep.domain.dates.moment import parse_moment
from relprep.domain.dates.words import (
    MONTH_NAMES,
    WEEKDAY_NAMES,
    DateError,
    DateRefused,
    check_reach,
)

__all__ = [
    "MAX_CADENCE_DAYS",
    "MONTH_NAMES",
    "WEEKDAY_NAMES",
    "DateError",
    "DateRefused",
    "advance",
    "anchor_rule",
    "check_cadence_days",
    "check_reach",
    "describe_every",
    "format_date",
    "format_day",
    "format_resolved",
    "is_ambiguous",
    "is_past",
    "next_occurrence",
    "occurrences",
    "parse_cadence",
    "parse_every",
    "parse_moment",
    "parse_snooze",
    "parse_when",
    "preview",
    "relative_label",
    "spelled",
]

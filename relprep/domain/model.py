"""The records relprep keeps, as plain immutable dataclasses.

Field names follow the JSON contract in docs/cli.md so that storage, export and `--json`
output are the same shape. Records are frozen: a change is a new value passed to the
Repository, so no widget can quietly hold the only copy of saved data.
"""

from __future__ import annotations

import secrets
import string
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

_ID_ALPHABET = string.ascii_lowercase + string.digits


def new_id(prefix: str) -> str:
    """A short, stable, typeable id such as "c-k3v9x2mq" (40 bits of randomness)."""
    return prefix + "-" + "".join(secrets.choice(_ID_ALPHABET) for _ in range(8))


class Kind(StrEnum):
    ACT = "act"
    PROMISE = "promise"
    """One of my promises: my integrity, measured."""
    TOUCH = "touch"
    THEIRS = "theirs"
    """A promise the customer made: marked kept when they deliver, flagged when late."""


class Cost(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class Status(StrEnum):
    OPEN = "open"
    DONE = "done"


@dataclass(frozen=True)
class Customer:
    id: str
    name: str
    created: datetime
    updated: datetime
    company: str = ""
    role: str = ""
    industry: str = ""
    interests: tuple[str, ...] = ()
    cadence_days: int | None = 30
    notes: str = ""
    last_contact: datetime | None = None
    version: int = 0
    """How many times it was saved (0: never); a save of an older version is refused."""


@dataclass(frozen=True)
class Promise:
    """Something said in a call with a date on it; mine become reminders."""

    text: str
    due: date | None = None
    reminder_id: str | None = None


@dataclass(frozen=True)
class Debrief:
    id: str
    customer_id: str
    when: datetime
    created: datetime
    updated: datetime
    listen_pct: int | None = None
    topics: tuple[str, ...] = ()
    learned: str = ""
    interests: tuple[str, ...] = ()
    negative: str = ""
    alternatives: str = ""
    my_promises: tuple[Promise, ...] = ()
    their_promises: tuple[Promise, ...] = ()
    next_step: str = ""
    follow_up: date | None = None
    follow_up_reminder_id: str | None = None
    score: int | None = None
    notes: str = ""
    version: int = 0


@dataclass(frozen=True)
class Reminder:
    id: str
    customer_id: str
    text: str
    due: date
    created: datetime
    updated: datetime
    kind: Kind = Kind.ACT
    cost: Cost = Cost.LOW
    every: str | None = None
    done_at: datetime | None = None
    debrief_id: str | None = None
    promised_due: date | None = None
    """For promises: the date first given, so a snooze never hides a late delivery."""
    version: int = 0

    @property
    def status(self) -> Status:
        return Status.DONE if self.done_at else Status.OPEN


@dataclass(frozen=True)
class PrepQuestion:
    text: str
    answer: str = ""
    source: str = "own"
    """Where it came from: "bank", "own" or "carried" (unanswered at an earlier prep)."""

    @property
    def answered(self) -> bool:
        return bool(self.answer.strip())


@dataclass(frozen=True)
class PrepSession:
    """The checklist state for one meeting, saved as the user works through it."""

    id: str
    customer_id: str
    meeting: datetime
    created: datetime
    updated: datetime
    checked: frozenset[str] = frozenset()
    answers: dict[str, str] = field(default_factory=dict)
    questions: tuple[PrepQuestion, ...] = ()
    version: int = 0

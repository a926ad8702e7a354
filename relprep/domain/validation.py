"""Turning what a person typed into records, with one message per bad field.

The TUI shows each message inline on its field and the CLI prints the first one, so the
wording here is what the user reads: say what is wrong and what would be right.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import Enum
from typing import Any, ParamSpec, TypeVar

from relprep.domain.clock import Clock
from relprep.domain.dates import DateError, parse_cadence, parse_every, parse_moment, parse_when
from relprep.domain.model import Cost, Customer, Debrief, Kind, Promise, Reminder, new_id

MAX_NAME = 120
R = TypeVar("R", Customer, Debrief, Reminder)
E = TypeVar("E", bound=Enum)
T = TypeVar("T")
P = ParamSpec("P")


class ValidationError(ValueError):
    """Field name -> message, in the order the fields appear on a form."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__("; ".join(f"{name}: {message}" for name, message in self.errors.items()))

    @property
    def first(self) -> str:
        return next(iter(self.errors))


@dataclass
class _Collector:
    """Runs each field check and remembers its message instead of stopping at the first."""

    errors: dict[str, str]

    def check(
        self, name: str, parse: Callable[P, T], *args: P.args, **kwargs: P.kwargs
    ) -> T | None:
        try:
            return parse(*args, **kwargs)
        except ValueError as error:
            self.errors[name] = str(error)
            return None

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)


def _new_or_edited(
    cls: type[R], prefix: str, existing: R | None, clock: Clock, values: dict[str, Any]
) -> R:
    """`existing` keeps its id and creation time; a new record gets both now."""
    now = clock.now()
    if existing is not None:
        return replace(existing, **values, updated=now)
    return cls(id=new_id(prefix), created=now, updated=now, **values)


def _has_control(text: str) -> bool:
    return any(unicodedata.category(char).startswith("C") for char in text)


def parse_name(text: str) -> str:
    name = text.strip()
    if not name:
        raise ValueError("a name is needed")
    if len(name) > MAX_NAME:
        raise ValueError(f"keep the name under {MAX_NAME} characters")
    if _has_control(name):
        raise ValueError("a name must be on one line, without control characters")
    return name


def parse_optional_int(text: str | int | None, low: int, high: int, what: str) -> int | None:
    if text is None or (isinstance(text, str) and not text.strip()):
        return None
    try:
        value = int(str(text).strip().removesuffix("%"))
    except ValueError:
        raise ValueError(f"{what} must be a whole number from {low} to {high}") from None
    if not low <= value <= high:
        raise ValueError(f"{what} must be from {low} to {high}, not {value}")
    return value


def parse_listen(text: str | int | None) -> int | None:
    return parse_optional_int(text, 0, 100, "listen share")


def parse_score(text: str | int | None) -> int | None:
    return parse_optional_int(text, 1, 5, "score")


def clean_list(items: Iterable[str]) -> tuple[str, ...]:
    """Trimmed, non-empty, first spelling kept when the same item repeats in another case."""
    seen: dict[str, str] = {}
    for item in items:
        text = item.strip()
        if text and text.casefold() not in seen:
            seen[text.casefold()] = text
    return tuple(seen.values())


def split_list(text: str) -> tuple[str, ...]:
    """A comma-separated form field ("golf, jazz") as a clean list."""
    return clean_list(text.split(","))


def _optional_cadence(text: str | None) -> int | None:
    if text is None or not text.strip() or text.strip().lower() in ("none", "never", "off"):
        return None
    return parse_cadence(text)


def _enum(kind: type[E], text: str, what: str) -> E:
    try:
        return kind(text.strip().lower())
    except ValueError:
        choices = ", ".join(member.value for member in kind)
        raise ValueError(f"{what} must be one of {choices}") from None


def customer_from_input(
    clock: Clock,
    *,
    name: str,
    company: str = "",
    role: str = "",
    industry: str = "",
    interests: Iterable[str] = (),
    cadence: str | None = "30d",
    notes: str = "",
    existing: Customer | None = None,
) -> Customer:
    """A new customer, or `existing` with these fields changed; raises ValidationError."""
    fields = _Collector({})
    clean_name = fields.check("name", parse_name, name)
    cadence_days = fields.check("cadence", _optional_cadence, cadence)
    fields.raise_if_any()
    values = {
        "name": clean_name,
        "company": company.strip(),
        "role": role.strip(),
        "industry": industry.strip(),
        "interests": clean_list(interests),
        "cadence_days": cadence_days,
        "notes": notes,
    }
    return _new_or_edited(Customer, "c", existing, clock, values)


def reminder_from_input(
    clock: Clock,
    *,
    customer_id: str,
    text: str,
    due: str,
    kind: str = "act",
    cost: str = "low",
    every: str | None = None,
    existing: Reminder | None = None,
) -> Reminder:
    fields = _Collector({})
    if not text.strip():
        fields.errors["text"] = "say what to do"
    due_date = fields.check("due", parse_when, due, clock)
    kind_value = fields.check("kind", _enum, Kind, kind, "kind")
    cost_value = fields.check("cost", _enum, Cost, cost, "cost")
    rule = fields.check("every", parse_every, every) if every and every.strip() else None
    fields.raise_if_any()
    values = {
        "customer_id": customer_id,
        "text": text.strip(),
        "due": due_date,
        "kind": kind_value,
        "cost": cost_value,
        "every": rule,
    }
    if existing is None and kind_value is Kind.PROMISE:
        values["promised_due"] = due_date
    return _new_or_edited(Reminder, "r", existing, clock, values)


PromiseRow = tuple[str, str] | tuple[str, str, str | None]
"""(due phrase, text) or (due phrase, text, reminder id) when editing a saved promise."""


def _promises(
    rows: Iterable[PromiseRow], clock: Clock, field: str, errors: dict[str, str]
) -> tuple[Promise, ...]:
    """A bad date, or a date with no text, is an error on that row; blank rows are skipped."""
    promises = []
    for index, row in enumerate(rows, start=1):
        due_text, text, reminder_id = (*row, None)[:3]
        if not text.strip() and not due_text.strip():
            continue
        key = f"{field}.{index}"
        if not text.strip():
            errors[key] = "say what was promised"
            continue
        due: date | None = None
        if due_text.strip():
            try:
                due = parse_when(due_text, clock)
            except DateError as error:
                errors[key] = str(error)
                continue
        promises.append(Promise(text=text.strip(), due=due, reminder_id=reminder_id))
    return tuple(promises)


def _call_time(text: str, clock: Clock) -> datetime:
    """A debrief is written after the call, so "fri" means the Friday just gone."""
    return parse_moment(text, clock, past=True)


def debrief_from_input(
    clock: Clock,
    *,
    customer_id: str,
    when: str = "",
    listen: str | int | None = None,
    topics: Iterable[str] = (),
    learned: str = "",
    interests: Iterable[str] = (),
    negative: str = "",
    alternatives: str = "",
    my_promises: Iterable[PromiseRow] = (),
    their_promises: Iterable[PromiseRow] = (),
    next_step: str = "",
    follow_up: str = "",
    score: str | int | None = None,
    notes: str = "",
    existing: Debrief | None = None,
) -> Debrief:
    """A debrief from form or command-line text. Free text is kept exactly as typed."""
    fields = _Collector({})
    moment = fields.check("when", _call_time, when, clock)
    listen_pct = fields.check("listen", parse_listen, listen)
    mine = _promises(my_promises, clock, "my_promises", fields.errors)
    theirs = _promises(their_promises, clock, "their_promises", fields.errors)
    follow = fields.check("follow_up", parse_when, follow_up, clock) if follow_up.strip() else None
    score_value = fields.check("score", parse_score, score)
    fields.raise_if_any()
    values = {
        "customer_id": customer_id,
        "when": moment,
        "listen_pct": listen_pct,
        "topics": clean_list(topics),
        "learned": learned,
        "interests": clean_list(interests),
        "negative": negative,
        "alternatives": alternatives,
        "my_promises": mine,
        "their_promises": theirs,
        "next_step": next_step,
        "follow_up": follow,
        "score": score_value,
        "notes": notes,
    }
    return _new_or_edited(Debrief, "d", existing, clock, values)

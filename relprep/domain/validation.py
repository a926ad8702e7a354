"""Turning what a person typed into records, with one message per bad field.

The TUI shows each message inline on its field and the CLI prints the first one, so the
wording here is what the user reads: say what is wrong and what would be right.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import Enum
from typing import Any, ParamSpec, TypeVar

from relprep.domain.clock import Clock
from relprep.domain.dates import (
    DateError,
    anchor_rule,
    check_cadence_days,
    check_reach,
    parse_cadence,
    parse_every,
    parse_moment,
    parse_when,
)
from relprep.domain.model import (
    Cost,
    Customer,
    Debrief,
    Kind,
    PrepSession,
    Promise,
    Reminder,
    new_id,
)
from relprep.domain.text import one_line, text_problem

MAX_NAME = 120
MAX_LINE = 1_000
"""Characters in a one-line field (company, a topic, reminder text...)."""
MAX_TEXT = 100_000
"""Characters in a multi-line field (notes, what was learned): pages of text, not a dump."""
MAX_ITEMS = 500
"""Entries in a list field (interests, topics, promises, prep questions)."""
MAX_ID = 64
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
"""The app's own id alphabet (new_id makes "c-k3v9x2mq"): an id is safe in a file name."""
R = TypeVar("R", Customer, Debrief, Reminder)
E = TypeVar("E", bound=Enum)
T = TypeVar("T")
P = ParamSpec("P")
Record = Customer | Debrief | Reminder | PrepSession


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
    """`existing` keeps its id and creation time; a new record gets both now. Either way the
    result has passed validate_record, the rules every record meets."""
    now = clock.now()
    if existing is not None:
        record = replace(existing, **values, updated=now)
    else:
        record = cls(id=new_id(prefix), created=now, updated=now, **values)
    validate_record(record, now.date())
    return record


def _has_control(text: str) -> bool:
    """Names are stricter than other text: no format characters (bidi overrides, zero-width
    spaces) either, since a name is what a person matches and sorts by."""
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
    if rule and due_date:
        rule = fields.check("every", anchor_rule, rule, due_date)
    fields.raise_if_any()
    values = {
        "customer_id": customer_id,
        "text": text.strip(),
        "due": due_date,
        "kind": kind_value,
        "cost": cost_value,
        "every": rule,
    }
    if existing is None and kind_value in (Kind.PROMISE, Kind.THEIRS):
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


# -- one validator for every record, however it arrived --------------------------------------
# The forms and the CLI build records with the functions above and then check them here;
# import checks what it decoded here; the store checks what it reads with `stored=True`.


class RecordInvalid(ValidationError):
    """A record that breaks a rule; the message names its kind, its id and the field."""

    def __init__(self, kind: str, record_id: str, errors: Mapping[str, str]) -> None:
        super().__init__(errors)
        self.kind = kind
        self.record_id = record_id

    @property
    def problems(self) -> str:
        """What is wrong, field by field, for a message that names the record itself."""
        return "; ".join(_labelled(name, message) for name, message in self.errors.items())

    def __str__(self) -> str:
        return f"{self.kind} {one_line(self.record_id)[:80]!r}: {self.problems}"


_LABELS = {
    "cadence": "cadence",
    "listen": "listen share",
    "my_promises": "my promise",
    "their_promises": "their promise",
    "questions": "prep question",
}


def _label(field: str) -> str:
    """ "my_promises.2" -> "my promise 2", "customer_id" -> "customer id"."""
    base, _, number = field.partition(".")
    words = _LABELS.get(base, base.replace("_", " "))
    return f"{words} {number}" if number else words


def _labelled(field: str, message: str) -> str:
    label = _label(field)
    return message if message.startswith(label) else f"{label}: {message}"


_EARLIEST = date(1000, 1, 1)
_LATEST = date(8999, 12, 31)
"""Stored dates outside these cannot come from relprep; inside them every date sum relprep
does (a year ahead, a cadence of ten years, a time zone) stays in range."""


def storable_day(day: date) -> bool:
    """Whether a stored record may hold `day` (the rule decoding checks; a store that picks
    rows by their stored dates before decoding asks it too, so it never skips a bad one)."""
    return _EARLIEST <= day <= _LATEST


@dataclass
class _Checker:
    """Collects field -> message for one record. `today` set: the rules for new input and
    import (dates within reach of today, text as a person may type it); None: for a stored
    record, where text is shown inert instead of refused and only dates that would break
    arithmetic are refused."""

    today: date | None
    errors: dict[str, str]

    def fail(self, field: str, message: str) -> None:
        self.errors.setdefault(field, message)

    def identifier(self, field: str, value: str | None, *, optional: bool = False) -> None:
        if value is None and optional:
            return
        if not isinstance(value, str) or len(value) > MAX_ID or _ID.match(value) is None:
            shown = one_line(value)[:MAX_ID] if isinstance(value, str) else value
            self.fail(field, f"{shown!r} is not a relprep id (lower-case letters, digits, '-')")

    def text(self, field: str, value: str, *, multiline: bool = False, needed: str = "") -> None:
        if needed and not value.strip():
            self.fail(field, needed)
            return
        limit = MAX_TEXT if multiline else MAX_LINE
        if len(value) > limit:
            self.fail(field, f"is {len(value):,} characters long; the most is {limit:,}")
        elif self.today is not None and (problem := text_problem(value, multiline=multiline)):
            self.fail(field, problem)

    def items(self, field: str, values: Iterable[str]) -> None:
        values = tuple(values)
        if len(values) > MAX_ITEMS:
            self.fail(field, f"has {len(values):,} entries; the most is {MAX_ITEMS:,}")
            return
        seen: set[str] = set()
        for value in values:
            self.text(field, value, needed="has a blank entry")
            if value.casefold() in seen:
                self.fail(field, f"has {one_line(value)!r} twice")
            seen.add(value.casefold())

    def day(self, field: str, value: date | datetime | None) -> None:
        if value is None:
            return
        day = value.date() if isinstance(value, datetime) else value
        if self.today is not None:
            try:
                check_reach(day, self.today, day.isoformat())
            except DateError as error:
                self.fail(field, str(error))
        elif not storable_day(day):
            self.fail(field, f"{day.isoformat()} is not a date relprep can work with")

    def number(self, field: str, check: Callable[[Any], object], value: int | None) -> None:
        if value is None:
            return
        try:
            check(value)
        except ValueError as error:
            self.fail(field, str(error))


def _check_customer(check: _Checker, customer: Customer) -> None:
    if check.today is None:
        check.text("name", customer.name, needed="a name is needed")
    else:
        try:
            parse_name(customer.name)
        except ValueError as error:
            check.fail("name", str(error))
    for field in ("company", "role", "industry"):
        check.text(field, getattr(customer, field))
    check.items("interests", customer.interests)
    check.number("cadence", check_cadence_days, customer.cadence_days)
    check.text("notes", customer.notes, multiline=True)
    check.day("last_contact", customer.last_contact)


def _check_promises(check: _Checker, field: str, promises: tuple[Promise, ...]) -> None:
    if len(promises) > MAX_ITEMS:
        check.fail(field, f"has {len(promises):,} entries; the most is {MAX_ITEMS:,}")
    for index, promise in enumerate(promises, start=1):
        key = f"{field}.{index}"
        check.text(key, promise.text, needed="say what was promised")
        check.day(key, promise.due)
        check.identifier(key, promise.reminder_id, optional=True)


def _check_debrief(check: _Checker, debrief: Debrief) -> None:
    check.identifier("customer_id", debrief.customer_id)
    check.day("when", debrief.when)
    check.number("listen", parse_listen, debrief.listen_pct)
    check.items("topics", debrief.topics)
    check.items("interests", debrief.interests)
    for field in ("learned", "negative", "alternatives", "next_step", "notes"):
        check.text(field, getattr(debrief, field), multiline=True)
    _check_promises(check, "my_promises", debrief.my_promises)
    _check_promises(check, "their_promises", debrief.their_promises)
    check.day("follow_up", debrief.follow_up)
    check.identifier("follow_up_reminder_id", debrief.follow_up_reminder_id, optional=True)
    check.number("score", parse_score, debrief.score)


_RULE_SHAPE = re.compile(r"(?:RRULE:)?[A-Z]+=[A-Z0-9,+-]+(?:;[A-Z]+=[A-Z0-9,+-]+)*\Z")


def _check_every(check: _Checker, every: str | None) -> None:
    """Input and import parse the rule in full; a stored one only has to look like a rule,
    so reading thousands of reminders does not expand thousands of recurrences."""
    if every is None:
        return
    if check.today is None:
        if _RULE_SHAPE.match(every) is None or "FREQ=" not in every:
            check.fail("every", f"{one_line(every)[:80]!r} is not a recurrence rule")
        return
    try:
        parse_every(every)
    except DateError as error:
        check.fail("every", str(error))


def _check_reminder(check: _Checker, reminder: Reminder) -> None:
    check.identifier("customer_id", reminder.customer_id)
    check.text("text", reminder.text, needed="say what to do")
    check.day("due", reminder.due)
    _check_every(check, reminder.every)
    check.day("done_at", reminder.done_at)
    check.identifier("debrief_id", reminder.debrief_id, optional=True)
    check.day("promised_due", reminder.promised_due)


_QUESTION_SOURCES = ("bank", "own", "carried")


def _check_prep(check: _Checker, prep: PrepSession) -> None:
    check.identifier("customer_id", prep.customer_id)
    check.day("meeting", prep.meeting)
    for item in prep.checked:
        check.text("checked", item, needed="has a blank entry")
    for key, answer in prep.answers.items():
        check.text("answers", key, needed="has a blank entry")
        check.text("answers", answer, multiline=True)
    if len(prep.questions) > MAX_ITEMS:
        check.fail("questions", f"has {len(prep.questions):,} entries; the most is {MAX_ITEMS:,}")
    for index, question in enumerate(prep.questions, start=1):
        key = f"questions.{index}"
        check.text(key, question.text, needed="has no text")
        check.text(key, question.answer, multiline=True)
        if question.source not in _QUESTION_SOURCES:
            check.fail(key, f"comes from {one_line(question.source)!r}, not bank, own or carried")


_KINDS: dict[type, tuple[str, Callable[[_Checker, Any], None]]] = {
    Customer: ("customer", _check_customer),
    Debrief: ("debrief", _check_debrief),
    Reminder: ("reminder", _check_reminder),
    PrepSession: ("prep", _check_prep),
}


def kind_name(cls: type) -> str:
    """How messages name a kind of record: "customer", "debrief", "reminder", "prep"."""
    return _KINDS[cls][0]


def validate_record(record: Record, today: date | None = None) -> None:
    """Raise RecordInvalid naming every field of `record` that breaks a rule.

    With `today`, the rules for what a person types or imports: the forms and the CLI (through
    the *_from_input functions above) and `relprep import` all end here. Without it, the rules
    for reading a stored record: the same, except that text is made inert when shown rather
    than refused, and dates need only be ones relprep can calculate with (a stored date must
    not go bad because the years went by)."""
    kind, check_fields = _KINDS[type(record)]
    check = _Checker(today, {})
    check.identifier("id", record.id)
    check_fields(check, record)
    check.day("created", record.created)
    check.day("updated", record.updated)
    if check.errors:
        raise RecordInvalid(kind, record.id, check.errors)

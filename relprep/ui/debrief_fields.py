"""The debrief form's values as plain text, between the widgets, drafts and records.

Kept apart from the screen (and free of Textual) so the same conversions serve the form,
the draft file and the round-trip tests: what was typed is what gets saved, and what was
saved is what the form shows when the debrief is opened again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, fields, replace
from datetime import datetime
from typing import Any

from relprep.domain.clock import Clock
from relprep.domain.dates import DateError, parse_moment, parse_when
from relprep.domain.model import Debrief, Promise
from relprep.domain.validation import debrief_from_input, split_list

PromiseValue = tuple[str, str, str | None]
"""(due phrase, text, reminder id), the row shape `debrief_from_input` takes."""

LIST_SEPARATOR = ", "


def format_moment(moment: datetime) -> str:
    """A moment as text that `parse_moment` reads back to the same minute."""
    return f"{moment:%Y-%m-%d %H:%M}"


def _promise_values(promises: tuple[Promise, ...]) -> tuple[PromiseValue, ...]:
    return tuple(
        (promise.due.isoformat() if promise.due else "", promise.text, promise.reminder_id)
        for promise in promises
    )


def _filled(rows: tuple[PromiseValue, ...]) -> tuple[PromiseValue, ...]:
    return tuple(row for row in rows if row[0].strip() or row[1].strip())


@dataclass(frozen=True)
class DebriefFields:
    """Every field of the form, exactly as typed (lists are comma-separated text)."""

    when: str = ""
    listen: str = ""
    topics: str = ""
    learned: str = ""
    interests: str = ""
    negative: str = ""
    alternatives: str = ""
    my_promises: tuple[PromiseValue, ...] = ()
    their_promises: tuple[PromiseValue, ...] = ()
    next_step: str = ""
    follow_up: str = ""
    score: str = ""
    notes: str = ""

    @classmethod
    def from_debrief(cls, debrief: Debrief) -> DebriefFields:
        return cls(
            when=format_moment(debrief.when),
            listen="" if debrief.listen_pct is None else str(debrief.listen_pct),
            topics=LIST_SEPARATOR.join(debrief.topics),
            learned=debrief.learned,
            interests=LIST_SEPARATOR.join(debrief.interests),
            negative=debrief.negative,
            alternatives=debrief.alternatives,
            my_promises=_promise_values(debrief.my_promises),
            their_promises=_promise_values(debrief.their_promises),
            next_step=debrief.next_step,
            follow_up=debrief.follow_up.isoformat() if debrief.follow_up else "",
            score="" if debrief.score is None else str(debrief.score),
            notes=debrief.notes,
        )

    def same_as(self, other: DebriefFields) -> bool:
        """Equal apart from blank promise rows, which the form adds freely."""
        return self.without_blank_rows() == other.without_blank_rows()

    def without_blank_rows(self) -> DebriefFields:
        return replace(
            self,
            my_promises=_filled(self.my_promises),
            their_promises=_filled(self.their_promises),
        )

    def build(
        self, clock: Clock, customer_id: str, *, debrief_id: str, existing: Debrief | None
    ) -> Debrief:
        """The record to save; raises ValidationError with one message per bad field.

        A new debrief takes `debrief_id`, chosen when the form opened and kept in its draft,
        so saving a restored draft twice can never make two debriefs."""
        debrief = debrief_from_input(
            clock,
            customer_id=customer_id,
            when=self.when,
            listen=self.listen,
            topics=split_list(self.topics),
            learned=self.learned,
            interests=split_list(self.interests),
            negative=self.negative,
            alternatives=self.alternatives,
            my_promises=self.my_promises,
            their_promises=self.their_promises,
            next_step=self.next_step,
            follow_up=self.follow_up,
            score=self.score,
            notes=self.notes,
            existing=existing,
        )
        if existing is None:
            return replace(debrief, id=debrief_id)
        if self.when == format_moment(existing.when):
            # Untouched: keep the original offset rather than re-reading it in today's.
            return replace(debrief, when=existing.when)
        return debrief

    def pinned(self, clock: Clock, opened: datetime) -> DebriefFields:
        """The same fields with each date phrase replaced by the date it means today.

        A draft may be restored days later, when "fri" or a blank "when" (now) would mean
        another day; pinned, it keeps the dates the user saw while typing. Text that is not
        a date is kept as typed, to be corrected after restoring."""
        when = self.when if self.when.strip() else format_moment(opened)
        return replace(
            self,
            when=_pin(when, lambda text: format_moment(parse_moment(text, clock, past=True))),
            follow_up=_pin_date(self.follow_up, clock),
            my_promises=tuple(_pin_row(row, clock) for row in self.my_promises),
            their_promises=tuple(_pin_row(row, clock) for row in self.their_promises),
        )

    def to_json(self) -> dict[str, Any]:
        values = asdict(self)
        for name in ("my_promises", "their_promises"):
            values[name] = [list(row) for row in values[name]]
        return values

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DebriefFields:
        """Tolerant of drafts written by another version: unknown keys are ignored."""
        if not isinstance(data, dict):
            raise TypeError(f"expected the form's fields, got {type(data).__name__}")
        values: dict[str, Any] = {}
        for field in fields(cls):
            raw = data.get(field.name)
            if field.name.endswith("promises"):
                values[field.name] = tuple(_promise_row(row) for row in raw or ())
            elif isinstance(raw, str):
                values[field.name] = raw
        return cls(**values)


def _pin(text: str, resolve: Callable[[str], str]) -> str:
    if not text.strip():
        return text
    try:
        return resolve(text)
    except DateError:
        return text


def _pin_date(text: str, clock: Clock) -> str:
    return _pin(text, lambda phrase: parse_when(phrase, clock).isoformat())


def _pin_row(row: PromiseValue, clock: Clock) -> PromiseValue:
    due, text, reminder_id = row
    return (_pin_date(due, clock), text, reminder_id)


def _promise_row(row: Any) -> PromiseValue:
    items = list(row) if isinstance(row, list | tuple) else []
    due, text, reminder_id = [*items, None, None, None][:3]
    return (
        due if isinstance(due, str) else "",
        text if isinstance(text, str) else "",
        reminder_id if isinstance(reminder_id, str) else None,
    )


@dataclass(frozen=True)
class DebriefDraft:
    """What the form keeps on disk while the user types: the fields and the id they will save
    under, and when, so the offer to restore can say how old it is."""

    fields: DebriefFields
    debrief_id: str
    saved_at: datetime

    def to_json(self) -> dict[str, Any]:
        return {
            "form": self.fields.to_json(),
            "debrief_id": self.debrief_id,
            "saved_at": self.saved_at.isoformat(),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DebriefDraft | None:
        """None for a draft this version cannot read (it is then offered to nobody)."""
        try:
            return cls(
                fields=DebriefFields.from_json(data["form"]),
                debrief_id=str(data["debrief_id"]),
                saved_at=datetime.fromisoformat(data["saved_at"]),
            )
        except (KeyError, TypeError, ValueError):
            return None


def draft_key(customer_id: str, debrief_id: str | None) -> str:
    """One draft per customer for a new debrief, one per debrief being edited."""
    return f"debrief/{customer_id}" + (f"/{debrief_id}" if debrief_id else "")

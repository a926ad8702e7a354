"""An Input for dates in plain words that shows, as you type, the date it resolved to.

People type "fri" or "in 2 weeks"; the risk is that relprep understood something else.
Showing "→ Friday 27 Nov 2026" on the field's border while typing catches that before
saving: the weekday and month in words, so 3/7 read the other way round is seen at once,
and "in the past" beside a due date written out for a day already gone.
Parsing is left to `relprep.domain.dates`, so every screen resolves phrases the same way.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Protocol, runtime_checkable

from textual.widgets import Input

from relprep.domain.clock import Clock
from relprep.domain.dates import (
    DateError,
    DateRefused,
    format_resolved,
    is_past,
    parse_moment,
    parse_when,
)


@runtime_checkable
class _HasClock(Protocol):
    """An app that carries the clock its screens read (every relprep app does)."""

    clock: Clock


def describe_resolved(value: date | datetime) -> str:
    """ "Friday 27 Nov 2026", or "Monday 23 Nov 2026 09:30" for a moment."""
    if isinstance(value, datetime):
        return f"{format_resolved(value.date())} {value:%H:%M}"
    return format_resolved(value)


class DateInput(Input):
    """A plain-word date (or, with `moment=True`, a date and time) with a live resolution.

    `default` is the phrase a blank field stands for ("now", "today"); with no default a
    blank field means "no date" and `empty_hint` says what that implies. `future_note` is
    added when the date lies ahead, for fields about the past ("fri" means the next one).
    """

    DEFAULT_CSS = """
    DateInput {
        border-subtitle-color: $text-muted;
        &.-unresolved { border-subtitle-color: $text-warning; }
    }
    """

    def __init__(
        self,
        value: str = "",
        *,
        clock: Clock | None = None,
        moment: bool = False,
        past: bool = False,
        default: str = "",
        empty_hint: str = "",
        future_note: str = "",
        placeholder: str = "",
        **kwargs,
    ) -> None:
        super().__init__(value, placeholder=placeholder or default, **kwargs)
        self._clock = clock
        self._moment = moment
        self._past = past
        self._default = default
        self._empty_hint = empty_hint
        self._future_note = future_note

    @property
    def clock(self) -> Clock:
        """The clock given, else the app's own (every relprep app has one)."""
        if self._clock is not None:
            return self._clock
        app = self.app
        if not isinstance(app, _HasClock):
            raise TypeError("DateInput needs a clock: pass clock=, or run it in an app with one")
        return app.clock

    @property
    def phrase(self) -> str:
        """What the field stands for: the typed text, or the default when blank."""
        return self.value if self.value.strip() else self._default

    def resolve(self) -> date | datetime | None:
        """The date (or moment) typed, None when blank without a default; raises DateError."""
        if not self.phrase.strip():
            return None
        if self._moment:
            return parse_moment(self.phrase, self.clock, past=self._past)
        return parse_when(self.phrase, self.clock, past=self._past)

    @property
    def resolved(self) -> date | datetime | None:
        """Like `resolve`, but None for text that is not a date."""
        try:
            return self.resolve()
        except DateError:
            return None

    def on_mount(self) -> None:
        self.show_resolution()

    def watch_value(self) -> None:
        if self.is_mounted:
            self.show_resolution()

    def show_resolution(self) -> None:
        try:
            resolved = self.resolve()
        except DateRefused as refused:
            self.border_subtitle = f"→ {describe_resolved(refused.resolved)} · {refused.reason}"
            self.add_class("-unresolved")
            return
        except DateError:
            self.border_subtitle = "not a date yet"
            self.add_class("-unresolved")
            return
        self.remove_class("-unresolved")
        if resolved is None:
            self.border_subtitle = self._empty_hint
            return
        label = f"→ {describe_resolved(resolved)}"
        if self._future_note and self._is_future(resolved):
            label += f" {self._future_note}"
        if not self._past and is_past(_day_of(resolved), self.clock):
            label += " · in the past"
        self.border_subtitle = label

    def _is_future(self, resolved: date | datetime) -> bool:
        now = self.clock.now()
        if isinstance(resolved, datetime):
            return resolved > now
        return resolved > now.date()


def _day_of(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value

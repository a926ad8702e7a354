"""An Input for dates in plain words that shows, as you type, the date it resolved to.

People type "fri" or "in 2 weeks"; the risk is that relprep understood something else.
Showing "→ Fri 2026-11-27" on the field's border while typing catches that before saving.
Parsing is left to `relprep.domain.dates`, so every screen resolves phrases the same way.
"""

from __future__ import annotations

from datetime import date, datetime

from textual.widgets import Input

from relprep.domain.clock import Clock
from relprep.domain.dates import DateError, format_resolved, parse_moment, parse_when


def describe_resolved(value: date | datetime) -> str:
    """ "Fri 2026-11-27", or "Mon 2026-11-23 09:30" for a moment."""
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
        return self._clock or self.app.clock  # type: ignore[attr-defined]

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
        self.border_subtitle = label

    def _is_future(self, resolved: date | datetime) -> bool:
        now = self.clock.now()
        if isinstance(resolved, datetime):
            return resolved > now
        return resolved > now.date()

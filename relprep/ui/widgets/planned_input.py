"""An Input that offers what the prep planned for it, without putting words in the record.

The debrief asks which honest negative was said and which alternatives were discussed; the
prep for the call already holds what the user meant to say. Filling the field with it would
record as said what may not have been, so it is offered instead: shown faded in the empty
field, taken with → (as Textual takes any suggestion), or ignored by typing.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class PlannedInput(Input):
    def __init__(self, value: str = "", *, planned: str = "", **options) -> None:
        super().__init__(value, **options)
        self.planned = ""
        self.offer(planned)

    def offer(self, planned: str) -> None:
        """What the prep planned (read after the form opens); blank offers nothing."""
        self.planned = planned
        if planned:
            self.placeholder = f"planned: {planned}"
            self.border_subtitle = "→ takes what you planned"
            self._offer()

    def _offer(self) -> None:
        if self.planned and not self.value:
            self._suggestion = self.planned

    def on_focus(self, _event: events.Focus) -> None:
        # Input's own focus handler runs after this one and clears any suggestion.
        self.call_later(self._offer)

    def watch_value(self, _value: str) -> None:
        self._offer()

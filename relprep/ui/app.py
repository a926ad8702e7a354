"""The relprep Textual application: wiring and navigation only.

Each screen lives in its own module under `screens/`; the app knows how to open them so
that any screen, binding or palette command can say "open the prep for this customer"
without importing the others.
"""

from __future__ import annotations

from textual.app import App

from relprep.domain.clock import Clock
from relprep.store.repository import Repository
from relprep.ui.screens.today import TodayScreen


class RelprepApp(App[None]):
    TITLE = "relprep"
    CSS_PATH = "app.tcss"

    def __init__(self, repo: Repository, clock: Clock, theme: str | None = None) -> None:
        super().__init__()
        self.repo = repo
        self.clock = clock
        self._requested_theme = theme

    def on_mount(self) -> None:
        if self._requested_theme:
            self.theme = self._requested_theme
        self.push_screen(TodayScreen())

    def open_customer(self, customer_id: str) -> None:
        from relprep.ui.screens.customer import CustomerScreen

        self.push_screen(CustomerScreen(customer_id))

    def open_prep(self, customer_id: str) -> None:
        from relprep.ui.screens.prep import PrepScreen

        self.push_screen(PrepScreen(customer_id))

    def open_debrief(
        self, customer_id: str, *, listen_pct: int | None = None, debrief_id: str | None = None
    ) -> None:
        from relprep.ui.screens.debrief import DebriefScreen

        self.push_screen(DebriefScreen(customer_id, listen_pct=listen_pct, debrief_id=debrief_id))

    def open_reminders(self, customer_id: str | None = None) -> None:
        from relprep.ui.screens.reminders import RemindersScreen

        self.push_screen(RemindersScreen(customer_id))

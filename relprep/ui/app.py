"""The relprep Textual application: wiring only; each screen lives in its own module."""

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

"""The relprep Textual application: wiring and navigation only.

Each screen lives in its own module under `screens/`; the app knows how to open them so
that any screen, binding or palette command can say "open the prep for this customer"
without importing the others.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.screen import ModalScreen, Screen
from textual.theme import Theme
from textual.worker import get_current_worker

from relprep.domain.clock import Clock
from relprep.domain.merge import MergeClash
from relprep.paths import screenshots_dir
from relprep.store.errors import Conflict, StorageError
from relprep.store.repository import Repository
from relprep.store.settings import Settings, SettingsUnreadable
from relprep.store.theme_files import load_theme_files
from relprep.store.user_files import write_user_file
from relprep.ui.key_order import KeyOrderApp
from relprep.ui.screens.base import DataChanged
from relprep.ui.screens.today import TodayScreen
from relprep.ui.theming import build_themes, starting_theme
from relprep.ui.today_data import ReadAhead

if TYPE_CHECKING:
    from relprep.ui.screens.customer import CustomerData

WATCH_TIMEOUT = 1.0
"""Seconds one wait for a change may block, so the watcher notices the app closing."""


def _palette_commands() -> type[Provider]:
    """The palette's provider, imported when the palette first opens (ctrl+p)."""
    from relprep.ui.commands import RelprepCommands

    return RelprepCommands


class RelprepApp(KeyOrderApp):
    TITLE = "relprep"
    CSS_PATH: ClassVar[list[str]] = ["app.tcss", "screens/today.tcss"]
    """Today's styles load with the app's: a pushed screen's own CSS_PATH makes Textual
    re-parse every stylesheet, which the first frame should not wait for."""
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {_palette_commands}
    """Textual's system commands are listed by RelprepCommands, after relprep's own; the
    provider is imported when the palette first opens, not on the way to Today."""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("f1", "help", "Help", key_display="F1"),
    ]
    """F1 as well: in a text field `?` is typed, and the footer then offers F1 instead."""

    def __init__(
        self,
        repo: Repository,
        clock: Clock,
        theme: str | None = None,
        settings: Settings | None = None,
        *,
        watch: bool = False,
        read_ahead: ReadAhead | None = None,
    ) -> None:
        """`watch`: follow changes other processes make and show them on the open screens
        (the launcher turns it on; a test does when it is what the test is about).
        `read_ahead`: Today's first read, which the launcher started before importing Textual;
        the watcher reports any change made after it began."""
        super().__init__()
        self._watch = watch
        self._read_ahead = read_ahead
        self._watch_from: Hashable = read_ahead.version if read_ahead else None
        self.waiting_for_storage = False
        """A save is waiting for the database to come back (screens.base.in_background)."""
        self._settings_lock = threading.Lock()
        self.repo = repo
        self.clock = clock
        self.settings = settings or Settings()
        loaded = build_themes(load_theme_files())
        for custom in loaded.themes:
            self.register_theme(custom)
        self._theme_problems = loaded.problems
        self._requested_theme = theme
        self._applied_theme = starting_theme(theme, self.settings.theme, set(self.available_themes))
        self._start_with_theme(self._applied_theme)

    def _start_with_theme(self, name: str) -> None:
        """Applies the starting theme before any CSS is read. Assigning `self.theme` here would
        run Textual's watcher, which queues `refresh_css`: a reparse in a fresh Stylesheet whose
        parse cache is then dropped, so app.tcss, today.tcss and the app's default CSS were
        parsed twice on the way to the first frame (28-50 ms on 2 December). With nothing
        parsed or drawn yet, the watcher's other work is all there is to do."""
        self.set_reactive(RelprepApp.theme, name)
        dark = self.current_theme.dark
        self.stylesheet.set_variables(self.get_css_variables())
        self.add_class(f"-theme-{name}", update=False)
        self.set_class(dark, "-dark-mode", update=False)
        self.set_class(not dark, "-light-mode", update=False)
        self._refresh_truecolor_filter(self.ansi_theme)

    def on_mount(self) -> None:
        for problem in self._theme_problems:
            self.notify(problem, title="Theme file skipped", severity="warning", markup=False)
        if self._requested_theme and self._requested_theme != self.theme:
            self.notify(
                f"No theme called {self._requested_theme!r}; using {self.theme}.",
                severity="warning",
                markup=False,
            )
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        if self._watch:
            self._watch_changes()

    @work(thread=True, exclusive=True, group="watch", exit_on_error=False)
    def _watch_changes(self) -> None:
        """Waits for the data to change (never on the UI thread) and tells every open screen;
        a screen reads again in its own worker and keeps what the user is typing."""
        worker = get_current_worker()
        seen = self._watch_from
        while not worker.is_cancelled:
            try:
                current = self.repo.wait_for_change(seen, WATCH_TIMEOUT)
            except StorageError:
                time.sleep(WATCH_TIMEOUT)  # in this worker thread: try again in a moment
                continue
            if seen is not None and current != seen and not worker.is_cancelled:
                self.call_from_thread(self._data_changed)
            seen = current

    def _data_changed(self) -> None:
        """Tells the screens in view: the top one, and the one under each dialog on top. A
        screen covered by another reads again when it comes back (each does on ScreenResume);
        told now, Today read the whole database under the customer screen a saved debrief
        opens, on the GIL that screen's own read needed (3 December)."""
        for screen in reversed(self.screen_stack):
            screen.post_message(DataChanged())
            if not isinstance(screen, ModalScreen):
                break

    def storage_trouble(self, error: Exception, failed: str) -> None:
        """The one place a storage problem meets the user: "Not saved: <what happened>" in a
        notification that stays a while; the screen, and what was typed, stay as they were.
        A record changed elsewhere is a warning (the screen shows the stored one next)."""
        if isinstance(error, MergeClash):
            fields = ", ".join(name.replace("_", " ") for name in error.fields)
            message = f"{failed}: {fields} changed elsewhere meanwhile."
        else:
            message = f"{failed}: {error}"
        stale = isinstance(error, Conflict | MergeClash)
        severity = "warning" if stale else "error"
        self.notify(message, severity=severity, markup=False, timeout=10)

    def take_read_ahead(self) -> ReadAhead | None:
        """The launcher's read of Today's data, for Today's first load only."""
        ahead, self._read_ahead = self._read_ahead, None
        return ahead

    def get_default_screen(self) -> TodayScreen:
        """Today is the bottom of the stack: starting on it saves building an empty screen."""
        return TodayScreen()

    def _remember_theme(self, theme: Theme) -> None:
        """A theme picked while running becomes the one the next run starts with."""
        if theme.name != self._applied_theme:
            self._applied_theme = theme.name
            self._save_theme()

    @work(thread=True, group="settings", exit_on_error=False)
    def _save_theme(self) -> None:
        """Writes settings.json in a worker thread. Writes run one at a time and each saves
        the theme applied by then, so a quick run through themes ends on the last one."""
        with self._settings_lock:
            try:
                self.settings.theme = self._applied_theme
            except (OSError, SettingsUnreadable) as error:
                failed = "The theme is used now but not remembered"
                self.call_from_thread(self.storage_trouble, error, failed)

    def deliver_screenshot(
        self, filename: str | None = None, path: str | None = None, time_format: str | None = None
    ) -> str | None:
        """The palette's Screenshot: Textual saves into ~/Downloads and fails where there is
        none; relprep saves where `relprep paths` says (screenshots_dir), in a worker thread,
        and says where. The picture is taken here, on the UI thread, as the screen is now."""
        svg = self.export_screenshot()
        name = filename or f"relprep {self.clock.now():%Y-%m-%d %H-%M-%S}.svg"
        folder = Path(path).expanduser() if path else screenshots_dir()
        self._save_screenshot(folder / name, svg)
        return None

    @work(thread=True, group="screenshot", exit_on_error=False)
    def _save_screenshot(self, path: Path, svg: str) -> None:
        try:
            saved = write_user_file(path, svg)
        except StorageError as error:
            self.call_from_thread(self.storage_trouble, error, "Screenshot not saved")
            return
        self.call_from_thread(
            self.notify, f"Saved to {saved}", title="Screenshot", markup=False, timeout=10
        )

    def action_help(self) -> None:
        from relprep.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def add_customer(self) -> None:
        from relprep.ui.screens.customer_form import CustomerForm

        self.push_screen(CustomerForm(), self._customer_added)

    def _customer_added(self, customer_id: str | None) -> None:
        if customer_id is not None:
            self.open_customer(customer_id)

    def open_customer(
        self,
        customer_id: str,
        debrief_id: str | None = None,
        *,
        leaving: Screen | None = None,
        data: CustomerData | None = None,
    ) -> None:
        """Back to that customer's screen when it is already open below, else a new one: saving
        a debrief started from the customer screen must not stack a second copy of it. With
        `debrief_id` (a debrief just saved), the timeline's cursor goes to that call, however
        far down the history the screen below had been scrolled. `leaving`: the screen on
        top, which the customer's takes the place of (the debrief form just saved) without
        the screen under it coming back in between: Today used to resume there, and read
        the whole database while the customer screen waited for its own read. `data`: what
        the customer screen shows, read already (CustomerScreen.take)."""
        from relprep.ui.screens.customer import CustomerScreen

        open_below = [
            screen
            for screen in self.screen_stack
            if isinstance(screen, CustomerScreen) and screen.customer_id == customer_id
        ]
        if not open_below:
            screen = CustomerScreen(customer_id, debrief_id, data)
            if leaving is not None and self.screen is leaving:
                self.switch_screen(screen)
            else:
                self.push_screen(screen)
            return
        open_below[-1].show_debrief = debrief_id
        if data is not None:
            open_below[-1].take(data)
        while self.screen is not open_below[-1]:
            self.pop_screen()

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

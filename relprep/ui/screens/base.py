"""What every relprep screen can reach: the repository, the clock, and the one way to save.

Every save (and every read a key press asks for) goes through `in_background`: it runs in
a worker thread, never on the UI thread, and whatever goes wrong with the storage (locked,
a failing disk, a record changed or deleted elsewhere) comes back through one path that
says what happened in a notification and leaves the screen, and what the user typed, as it
was. A screen passes `changed` to reload itself when a save was refused as stale.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Generic, TypeVar, cast

from textual.message import Message
from textual.screen import ModalScreen, Screen

from relprep.domain.clock import Clock
from relprep.domain.merge import MergeClash
from relprep.store.errors import Conflict, RecordNotFound, StorageError
from relprep.store.repository import Repository

if TYPE_CHECKING:
    from relprep.ui.app import RelprepApp

ResultType = TypeVar("ResultType")
T = TypeVar("T")

STORAGE_TROUBLE = (StorageError, RecordNotFound, Conflict, MergeClash)
"""What a save can run into that is not a bug: each is reported, none ends the app."""


class DataChanged(Message):
    """Another process (or another screen) changed the stored data: show it again."""


class _AppAccess(Screen[ResultType], Generic[ResultType]):
    """A screen of the app: what it needs from the app, typed. A Screen itself (not a bare
    mixin) so that `self.app` is known to be there."""

    @property
    def relprep(self) -> RelprepApp:
        """The app, as the RelprepApp every relprep screen runs in."""
        return cast("RelprepApp", self.app)

    @property
    def repo(self) -> Repository:
        return self.relprep.repo

    @property
    def clock(self) -> Clock:
        return self.relprep.clock

    @property
    def today(self) -> date:
        return self.clock.now().date()

    def in_background(
        self,
        job: Callable[[], T],
        done: Callable[[T], object] | None = None,
        *,
        failed: str,
        changed: Callable[[Exception], object] | None = None,
    ) -> None:
        """Run `job` (repository and use-case calls) in a worker thread, then `done(result)`
        on the UI thread. Trouble is reported under the title `failed` ("Not saved"); after
        a stale save or a record gone, `changed(error)` (a reload) runs as well."""
        app = self.relprep

        def work() -> None:
            try:
                result = job()
            except STORAGE_TROUBLE as error:
                app.call_from_thread(self._trouble, error, failed, changed)
            else:
                if done is not None:
                    app.call_from_thread(self._deliver, done, result)

        app.run_worker(work, thread=True, group="storage", exit_on_error=False)

    def _deliver(self, done: Callable[[T], object], result: T) -> None:
        if self.is_attached:
            done(result)

    def _trouble(
        self, error: Exception, failed: str, changed: Callable[[Exception], object] | None
    ) -> None:
        self.relprep.storage_trouble(error, failed)
        stale = isinstance(error, Conflict | RecordNotFound | MergeClash)
        if stale and changed is not None and self.is_attached:
            changed(error)


class AppScreen(_AppAccess[None]):
    """A full screen of the app."""


class AppModal(_AppAccess[ResultType], ModalScreen[ResultType], Generic[ResultType]):
    """A modal dialog of the app that returns a result."""

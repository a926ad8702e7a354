"""What every relprep screen can reach: the repository, the clock, and the one way to save.

Every save (and every read a key press asks for) goes through `in_background`: it runs in
a worker thread, never on the UI thread, and whatever goes wrong with the storage (locked,
a failing disk, a record changed or deleted elsewhere) comes back through one path that
says what happened in a notification and leaves the screen, and what the user typed, as it
was. A screen passes `changed` to reload itself when a save was refused as stale.

When the database cannot be reached (a team server gone), the job waits in its thread and
runs once more when the server answers again (usecases.retry): the user is told it will be,
then that it was. Until then other saves are refused, so a key pressed again meanwhile
cannot make the same change twice once the server is back.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Generic, TypeVar, cast

from textual.message import Message
from textual.screen import ModalScreen, Screen

from relprep.domain.clock import Clock
from relprep.domain.merge import MergeClash
from relprep.store.errors import Conflict, RecordNotFound, StorageError, StorageUnavailable
from relprep.store.repository import Repository
from relprep.usecases.retry import GaveUp, run_once_back

if TYPE_CHECKING:
    from relprep.ui.app import RelprepApp

ResultType = TypeVar("ResultType")
T = TypeVar("T")

STORAGE_TROUBLE = (StorageError, RecordNotFound, Conflict, MergeClash)
"""What a save can run into that is not a bug: each is reported, none ends the app."""
WILL_RETRY = "will save it when the database is back; what you typed stays here"
STILL_WAITING = "still waiting for the database to save your last change; try again after it"


def done_now(failed: str) -> str:
    """ "Not saved" -> "Saved", "Prep not saved" -> "Prep saved": the same words, now done."""
    done = failed.replace("not ", "", 1).replace("Not ", "", 1)
    return done[:1].upper() + done[1:]


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
        a stale save or a record gone, `changed(error)` (a reload) runs as well. With the
        database out of reach it is run again once it is back (see the module docstring)."""
        app = self.relprep
        if app.waiting_for_storage:
            app.storage_trouble(StorageUnavailable(STILL_WAITING), failed)
            return

        def work() -> None:
            try:
                result = self.run_retrying(job, failed)
            except GaveUp:
                return
            except STORAGE_TROUBLE as error:
                app.call_from_thread(self._trouble, error, failed, changed)
            else:
                if done is not None:
                    app.call_from_thread(self._deliver, done, result)

        app.run_worker(work, thread=True, group="storage", exit_on_error=False)

    def run_retrying(self, job: Callable[[], T], failed: str) -> T:
        """`job()` in the calling worker thread; with the database out of reach, the user is
        told it will be run again, and it is, once, when the database answers (then told
        "Saved"). Raises what the job raises, or GaveUp when the app quits meanwhile."""
        app = self.relprep
        waited = False

        def unreachable(error: StorageUnavailable) -> None:
            nonlocal waited
            waited = app.waiting_for_storage = True
            retry = StorageUnavailable(f"{error}; {WILL_RETRY}")
            app.call_from_thread(app.storage_trouble, retry, failed)

        try:
            result, retried = run_once_back(
                self.repo, job, unreachable=unreachable, wanted=lambda: app.is_running
            )
        finally:
            if waited:
                app.waiting_for_storage = False
        if retried:
            app.call_from_thread(app.notify, f"{done_now(failed)}: the database is back.")
        return result

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

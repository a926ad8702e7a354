"""What every relprep screen can reach: the repository and the clock, typed."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Generic, TypeVar, cast

from textual.screen import ModalScreen, Screen

from relprep.domain.clock import Clock
from relprep.store.repository import Repository

if TYPE_CHECKING:
    from relprep.ui.app import RelprepApp

ResultType = TypeVar("ResultType")


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


class AppScreen(_AppAccess[None]):
    """A full screen of the app."""


class AppModal(_AppAccess[ResultType], ModalScreen[ResultType], Generic[ResultType]):
    """A modal dialog of the app that returns a result."""

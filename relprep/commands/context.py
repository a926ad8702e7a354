"""What every sub-command needs: the repository, the clock and the two kinds of output."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.segment import Segment

from relprep.domain.clock import Clock, FixedClock, SystemClock, pinned_in_local_zone
from relprep.domain.model import Customer
from relprep.domain.text import inert
from relprep.formats.shapes import json_array
from relprep.store.repository import Repository
from relprep.store.select import open_repository
from relprep.usecases.customers import find_customer

if TYPE_CHECKING:
    from relprep.commands.table import Listing

NOW_ENV = "RELPREP_NOW"


class UsageError(Exception):
    """Bad usage or input on the command line: exit 2 with this one-line message."""


def clock_from_env(*, day_first: bool = False) -> Clock:
    """$RELPREP_NOW pins the clock (ISO 8601 with offset), so scripts and tests are repeatable.
    `day_first` is the user's date order setting, which the clock carries to the parser."""
    pinned = os.environ.get(NOW_ENV)
    if not pinned:
        return SystemClock(day_first=day_first)
    try:
        moment = datetime.fromisoformat(pinned)
    except ValueError:
        raise UsageError(f"{NOW_ENV}={pinned!r} is not an ISO 8601 date and time") from None
    return FixedClock(pinned_in_local_zone(moment), day_first=day_first)


class InertConsole(Console):
    """A Rich console that writes every piece of text through `inert`, so no command can print
    a stored or typed escape sequence raw, while Rich's own styling still reaches the terminal
    (it is added after this step, from each segment's style)."""

    def _render_buffer(self, buffer: Iterable[Segment]) -> str:
        return super()._render_buffer(
            segment if segment.control else Segment(inert(segment.text), segment.style)
            for segment in buffer
        )


@dataclass
class Context:
    db: str
    """Where the data is: a file path or a server URL (see relprep.store.select)."""
    clock: Clock
    as_json: bool = False
    console: Console = field(default_factory=lambda: InertConsole(highlight=False, soft_wrap=True))
    """Lines are not wrapped at the terminal width (ids and paths stay copyable); tables are
    still fitted to it."""

    @cached_property
    def repo(self) -> Repository:
        return open_repository(self.db)

    @property
    def today(self) -> date:
        return self.clock.now().date()

    def customer(self, ref: str) -> Customer:
        """The customer a user named by id or (a unique start of) their name."""
        return find_customer(self.repo, ref)

    def customer_names(self) -> dict[str, str]:
        """Customer id -> name, for showing reminders and debriefs by who they concern."""
        return {customer.id: customer.name for customer in self.repo.list_customers()}

    def emit(self, data: Any) -> None:
        """Exactly one JSON document on stdout; a list has one item per line."""
        if isinstance(data, list):
            sys.stdout.write(json_array(data))
        else:
            json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")


def listing(*headers: str, wrap: Iterable[str] = ()) -> Listing:
    """A borderless table for lists. Only the `wrap` columns (free text) wrap to fit, so ids
    people copy into the next command and dates stay on one line."""
    from relprep.commands.table import Listing  # only commands that print a table pay for it

    return Listing(headers, frozenset(wrap))

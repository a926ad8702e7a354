"""What Today shows, read from the repository; and the first read, started before Textual loads.

Kept free of Textual so the launcher can start the first read before importing it: Today's
own worker used to begin only after the screen was composed and its first frame laid out,
and on an empty database its data (no time to read) reached the screen about 150 ms after
that frame, waiting for the event loop, a new thread and the GIL (2 December).
"""

from __future__ import annotations

import threading
from collections.abc import Hashable
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial

from relprep import forked
from relprep.domain.clock import Clock
from relprep.domain.clock import today as day_of
from relprep.domain.due import Attention, agenda, agenda_horizon
from relprep.domain.model import Debrief
from relprep.domain.reminder_view import Item
from relprep.store.repository import Repository
from relprep.usecases.team import is_mine, my_share

RECENT_DEBRIEFS = 8
DUE_ROWS = 100
"""Rows Today's due list builds; the rest are counted under it, and R lists every reminder.
A backlog of 7,144 overdue reminders took Today 1.8 s to build and draw as rows (0.4 s for
everything shown with 100, on the same loaded machine), and screens down no one reads it.
The rest are not kept either: at 200k debriefs and 50k open reminders, 8,168 were due, and
handing them from the launcher's reader to the app (pickled) cost 0.44 s (2 December)."""


@dataclass(frozen=True)
class TodayData:
    ranked: list[Attention]
    due: list[Item]
    """The first DUE_ROWS of what is due, oldest first."""
    due_count: int
    """How many are due in all."""
    recent: list[Debrief]
    names: dict[str, str]
    left_out: tuple[str, ...] = ()
    """What could not be read and is not shown (Repository.unreadable)."""
    scope: str = ""
    """Whose reminders count on a team database: "mine (rep)" or "team"; "" on a personal one."""
    read_at: Hashable = None
    """What the read was of (read_key): Today does not read again while it is unchanged."""


def read_key(repo: Repository, today: date, team: bool) -> Hashable:
    """The data's version (taken before a read), the day and the view: a read of the same
    key would find the same data."""
    return repo.data_version(), today, team


def read_today(repo: Repository, today: date, team: bool) -> TodayData:
    """Reads the disk: call it in a worker thread, never on the UI thread. Only the
    reminders due by the agenda's horizon are read, and each customer's earliest planned
    touch: at 50k debriefs and 5,000 open reminders, decoding all of them was 0.2 of the
    0.26 s this took (and 2.4 of 2.5 s at 50,000 open)."""
    read_at = read_key(repo, today, team)
    customers = repo.list_customers()
    due_before = agenda_horizon(today) + timedelta(days=1)
    reminders = repo.list_reminders(due_before=due_before)
    planned = repo.planned_touches()
    share = None if team else my_share(repo)
    keep = partial(is_mine, share) if share else None
    lists = agenda(customers, reminders, today, keep, planned, first=DUE_ROWS)
    return TodayData(
        ranked=lists.ranked,
        due=lists.due,
        due_count=lists.due_count,
        recent=repo.recent_debriefs(RECENT_DEBRIEFS),
        names={customer.id: customer.name for customer in customers},
        left_out=tuple(repo.unreadable()),
        scope=f"mine ({share.member})" if share else "team" if team else "",
        read_at=read_at,
    )


@dataclass(frozen=True)
class ReadAhead:
    """Today's first read (the rep's own view), begun by the launcher before Textual loads."""

    version: Hashable
    """The data's version before the read: a change made after it is one the app's watcher
    must still report, so it starts from here."""
    data: Future[TodayData]


def read_ahead(repo: Repository, clock: Clock, *, in_child: bool = False) -> ReadAhead:
    """Starts Today's first read now; a daemon thread (the app may close before it ends)
    hands it to Today.

    `in_child`: the read itself runs in a forked process (relprep.forked), on the other
    core, while this one imports Textual and builds the screen; the thread only waits for
    its answer. In one process the two took turns on the GIL: at 50k debriefs start-up took
    153 ms longer than on an empty database, against 31 ms with the fork (557 and 428 ms,
    interleaved, 2 December). A file the child cannot read is named in the answer's
    left_out, and that file's last good copy is pinned, as any read of it does. When it
    cannot fork safely, or the child brings no answer, the read runs in the thread as
    before, so an error is raised here with its own type and message."""
    version = repo.data_version()
    data: Future[TodayData] = Future()
    today = day_of(clock)
    child = forked.start(partial(read_today, repo, today, team=False)) if in_child else None

    def read() -> None:
        try:
            answer = child.result(TodayData) if child is not None else None
            data.set_result(answer if answer is not None else read_today(repo, today, team=False))
        except Exception as error:  # handed to Today's worker, which reports it
            data.set_exception(error)

    threading.Thread(target=read, name="today-read-ahead", daemon=True).start()
    return ReadAhead(version, data)

"""What Today shows, read from the repository; and the first read, started before Textual loads.

Kept free of Textual so the launcher can start the first read before importing it: Today's
own worker used to begin only after the screen was composed and its first frame laid out,
and on an empty database its data (no time to read) reached the screen about 150 ms after
that frame, waiting for the event loop, a new thread and the GIL (2 December).
"""

from __future__ import annotations

import os
import pickle
import threading
from collections.abc import Hashable
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial
from typing import NoReturn

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


def read_today(repo: Repository, today: date, team: bool) -> TodayData:
    """Reads the disk: call it in a worker thread, never on the UI thread. Only the
    reminders due by the agenda's horizon are read, and each customer's earliest planned
    touch: at 50k debriefs and 5,000 open reminders, decoding all of them was 0.2 of the
    0.26 s this took (and 2.4 of 2.5 s at 50,000 open)."""
    customers = repo.list_customers()
    due_before = agenda_horizon(today) + timedelta(days=1)
    reminders = repo.list_reminders(due_before=due_before)
    planned = repo.planned_touches()
    share = None if team else my_share(repo)
    keep = partial(is_mine, share) if share else None
    lists = agenda(customers, reminders, today, keep, planned)
    return TodayData(
        ranked=lists.ranked,
        due=lists.due[:DUE_ROWS],
        due_count=len(lists.due),
        recent=repo.recent_debriefs(RECENT_DEBRIEFS),
        names={customer.id: customer.name for customer in customers},
        left_out=tuple(repo.unreadable()),
        scope=f"mine ({share.member})" if share else "team" if team else "",
    )


@dataclass(frozen=True)
class ReadAhead:
    """Today's first read (the rep's own view), running in a thread of its own."""

    version: Hashable
    """The data's version before the read: a change made after it is one the app's watcher
    must still report, so it starts from here."""
    data: Future[TodayData]


def read_ahead(repo: Repository, clock: Clock, *, in_child: bool = False) -> ReadAhead:
    """Starts Today's first read now, in a daemon thread (the app may close before it ends).

    `in_child`: the read itself runs in a forked process, on the other core, while this one
    imports Textual and builds the screen; the thread only waits for its answer. In one
    process the two took turns on the GIL, and the read was all that start-up at 50k
    debriefs added to an empty database's (273 of 271 ms, 2 December). When it cannot fork
    safely, or the child brings no answer, the read runs in the thread as before, so an
    error is raised here with its own type and message."""
    version = repo.data_version()
    data: Future[TodayData] = Future()
    today = day_of(clock)
    child = _fork_reader(repo, today) if in_child else None

    def read() -> None:
        try:
            answer = _answer_of(child) if child is not None else None
            data.set_result(answer if answer is not None else read_today(repo, today, team=False))
        except Exception as error:  # handed to Today's worker, which reports it
            data.set_exception(error)

    threading.Thread(target=read, name="today-read-ahead", daemon=True).start()
    return ReadAhead(version, data)


@dataclass(frozen=True)
class _Child:
    pid: int
    answers: int
    """The read end of the pipe the child writes its pickled TodayData to."""


def _fork_reader(repo: Repository, today: date) -> _Child | None:
    """A child process reading Today's data; None where a fork is not safe: no os.fork, or
    other threads running, whose locks the child would inherit half-held."""
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return None
    answers, out = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(answers)
        _read_and_exit(repo, today, out)
    os.close(out)
    return _Child(pid, answers)


def _read_and_exit(repo: Repository, today: date, out: int) -> NoReturn:
    """The child: it writes nothing but its answer (not even a warning to the terminal the
    app is drawing on) and leaves without running the parent's clean-up or flushing its
    buffers. It changes no data: a file it cannot read is named in the answer's left_out,
    and that file's last good copy is pinned, as any read of it does (store.atomic)."""
    status = 1
    try:
        quiet = os.open(os.devnull, os.O_WRONLY)
        os.dup2(quiet, 1)
        os.dup2(quiet, 2)
        answer = pickle.dumps(read_today(repo, today, team=False), pickle.HIGHEST_PROTOCOL)
        with os.fdopen(out, "wb") as pipe:
            pipe.write(answer)
        status = 0
    finally:
        os._exit(status)


def _answer_of(child: _Child) -> TodayData | None:
    """The child's TodayData, or None when it has none: it failed, or was killed."""
    with os.fdopen(child.answers, "rb") as pipe:
        answer = pipe.read()
    _, status = os.waitpid(child.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        return None
    received = pickle.loads(answer)  # written by our own fork, above: nothing untrusted
    return received if isinstance(received, TodayData) else None

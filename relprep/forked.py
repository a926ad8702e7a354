"""A function run in a forked child process, on another core, its result read back pickled.

How, not what: the caller (the launcher's first read of Today's data) decides what runs
there. The child writes nothing but its answer, not even a warning to the terminal the
parent may be drawing on, and leaves without running the parent's clean-up or flushing its
buffers; when it cannot answer (it raised, or was killed) the parent hears None and does
the work itself, so an error reaches the user as itself.
"""

from __future__ import annotations

import os
import pickle
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NoReturn, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Forked:
    pid: int
    answers: int
    """The read end of the pipe the child writes its pickled answer to."""

    def result(self, kind: type[T]) -> T | None:
        """The child's answer, once it has exited; None when it has none of that kind (it
        failed, or was killed). Call it once: it reads the pipe to its end and reaps the
        child."""
        with os.fdopen(self.answers, "rb") as pipe:
            answer = pipe.read()
        _, status = os.waitpid(self.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            return None
        received = pickle.loads(answer)  # written by our own fork: nothing untrusted
        return received if isinstance(received, kind) else None


def start(work: Callable[[], Any]) -> Forked | None:
    """`work` started in a child process; None where a fork is not safe: no os.fork, or
    other threads running, whose locks the child would inherit half-held."""
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return None
    answers, out = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(answers)
        _answer_and_exit(work, out)
    os.close(out)
    return Forked(pid, answers)


def _answer_and_exit(work: Callable[[], Any], out: int) -> NoReturn:
    status = 1
    try:
        quiet = os.open(os.devnull, os.O_WRONLY)
        os.dup2(quiet, 1)
        os.dup2(quiet, 2)
        answer = pickle.dumps(work(), pickle.HIGHEST_PROTOCOL)
        with os.fdopen(out, "wb") as pipe:
            pipe.write(answer)
        status = 0
    finally:
        os._exit(status)

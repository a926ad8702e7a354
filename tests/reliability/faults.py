"""Make one os function fail with ENOSPC or EIO at its n-th call, as a full or broken disk would.

Used in-process by the fault tests, and by `sitecustomize.py` in `fault_shim/` for a CLI
run in a subprocess, where it is configured by $RELPREP_FAULT ("write:ENOSPC:3").
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

FUNCTIONS = ("write", "fsync", "replace", "mkdir", "link")
ERRNOS = (errno.ENOSPC, errno.EIO)
ENV = "RELPREP_FAULT"
LOG_ENV = "RELPREP_FAULT_LOG"


@dataclass
class Fault:
    function: str
    code: int
    at: int
    calls: int = 0
    lasting: bool = False
    """Fail at every call from the `at`-th on, as a disk that stays full does."""

    @property
    def fired(self) -> bool:
        return self.calls >= self.at

    def wrap(self, original: Callable[..., Any]) -> Callable[..., Any]:
        def failing(*args: Any, **kwargs: Any) -> Any:
            self.calls += 1
            if self.calls == self.at or (self.lasting and self.calls > self.at):
                raise OSError(self.code, os.strerror(self.code))
            return original(*args, **kwargs)

        return failing

    def spec(self) -> str:
        return f"{self.function}:{errno.errorcode[self.code]}:{self.at}"

    @classmethod
    def parse(cls, spec: str) -> Fault:
        function, code, at = spec.split(":")
        return cls(function, getattr(errno, code), int(at))


@contextmanager
def injected(fault: Fault) -> Iterator[Fault]:
    original = getattr(os, fault.function)
    setattr(os, fault.function, fault.wrap(original))
    try:
        yield fault
    finally:
        setattr(os, fault.function, original)

"""A program in a pseudo-terminal, read through a terminal emulator, timed as a user sees it.

Timing until the first escape code says when drawing *started*; what a user waits for is
the frame that shows the data. So every byte the program writes is fed to pyte (a VT100
emulator) and a benchmark waits until the emulated screen *shows* something — a customer's
name in a table, a count that changed — and then until the program has gone quiet, which is
when the last frame of that change is complete.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import termios
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pyte

COLUMNS, ROWS = 120, 36
DEADLINE = 120.0
"""Seconds before a benchmark gives up on a screen: generous, a busy machine is slow."""

TICK = os.sysconf("SC_CLK_TCK")


class NeverShown(RuntimeError):
    """The screen never showed what the benchmark waited for."""


class Terminal:
    """One program running in a pseudo-terminal of COLUMNS x ROWS, with its screen emulated."""

    def __init__(
        self,
        command: Sequence[str],
        env: Mapping[str, str],
        columns: int = COLUMNS,
        rows: int = ROWS,
    ) -> None:
        self.started = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:  # the child: become the program
            os.execvpe(command[0], list(command), dict(env))
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self.pid, self.fd = pid, fd
        self.command = " ".join(command)
        self.screen = pyte.Screen(columns, rows)
        self._stream = pyte.ByteStream(self.screen)
        self.last_output = self.started

    # -- reading -------------------------------------------------------------------------

    def _pump(self, timeout: float) -> bool:
        """Feed what the program wrote within `timeout` to the emulator; False when nothing."""
        ready, _, _ = select.select([self.fd], [], [], max(timeout, 0.0))
        if not ready:
            return False
        try:
            data = os.read(self.fd, 1 << 16)
        except OSError:
            raise NeverShown(f"{self.command}: exited") from None
        if not data:
            raise NeverShown(f"{self.command}: exited")
        self.last_output = time.perf_counter()
        self._stream.feed(data)
        return True

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def cells(self) -> tuple[tuple[object, ...], ...]:
        """Every cell with its colours: a moved highlight changes this, not the text."""
        buffer, columns = self.screen.buffer, range(self.screen.columns)
        return tuple(tuple(buffer[y][x] for x in columns) for y in range(self.screen.lines))

    def wait_for(
        self, shown: Callable[[str], bool], what: str, deadline: float = DEADLINE
    ) -> float:
        """Seconds since launch at which the screen first satisfied `shown`."""
        give_up = time.perf_counter() + deadline
        while not shown(self.text()):
            if time.perf_counter() > give_up:
                raise NeverShown(f"{self.command}: never showed {what}:\n{self.text()}")
            self._pump(0.5)
        return self.last_output - self.started

    def wait_for_text(self, needle: str, deadline: float = DEADLINE) -> float:
        return self.wait_for(lambda screen: needle in screen, repr(needle), deadline)

    def settle(self, quiet: float = 0.3, deadline: float = DEADLINE) -> float:
        """Seconds since launch of the last byte before the program was quiet for `quiet` s:
        the moment its last frame was complete."""
        give_up = time.perf_counter() + deadline
        while time.perf_counter() < give_up:
            if not self._pump(quiet):
                return self.last_output - self.started
        raise NeverShown(f"{self.command}: never went quiet")

    # -- typing --------------------------------------------------------------------------

    def press(self, keys: str) -> float:
        """Send keys as one write (a burst); returns the time since launch it was sent."""
        os.write(self.fd, keys.encode())
        return time.perf_counter() - self.started

    def respond(
        self, keys: str, done: Callable[[str], bool] = lambda _: True, what: str = "a change"
    ) -> tuple[float, float]:
        """Press `keys`; seconds until the screen (text or colours) first differed from before
        and `done` held for its text, and seconds until the program was quiet again."""
        before = self.cells()
        sent = self.press(keys)
        give_up = time.perf_counter() + DEADLINE
        while self.cells() == before or not done(self.text()):
            if time.perf_counter() > give_up:
                raise NeverShown(f"{self.command}: {keys!r} never showed {what}:\n{self.text()}")
            self._pump(0.5)
        shown = self.last_output - self.started - sent
        return shown, self.settle() - sent

    # -- the process ---------------------------------------------------------------------

    def peak_rss_mb(self) -> float:
        """Peak resident memory so far (VmHWM), in MiB."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def peak_tree_memory_mb(self, needle: str, every: float = 0.01) -> float:
        """Peak memory, in MiB, of the program and every process it started, from launch
        until it shows `needle` and goes quiet (wait_for_text, then settle): the sum of their
        proportional set sizes (Pss: a page two of them share counts half to each), sampled
        every `every` s in a thread of this process. VmHWM sees one process only; relprep
        reads its first data in a child process. Sampling walks the processes' page tables,
        so this round is never a timed one."""
        peak, done = 0.0, threading.Event()

        def sample() -> None:
            nonlocal peak
            while not done.is_set():
                peak = max(peak, sum(_pss_kb(pid) for pid in self._tree()) / 1024)
                done.wait(every)

        sampler = threading.Thread(target=sample)
        sampler.start()
        try:
            self.wait_for_text(needle)
            self.settle()
        finally:
            done.set()
            sampler.join()
        return peak

    def _tree(self) -> list[int]:
        """The program's process and its descendants, as /proc lists them now."""
        found, look = [], [self.pid]
        while look:
            pid = look.pop()
            found.append(pid)
            for children in Path(f"/proc/{pid}/task").glob("*/children"):
                try:
                    look.extend(int(child) for child in children.read_text().split())
                except OSError:  # the thread or process has ended
                    continue
        return found

    def cpu_seconds(self) -> float:
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICK

    def close(self) -> None:
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        finally:
            os.close(self.fd)

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def _pss_kb(pid: int) -> int:
    """A process's proportional set size in KiB; 0 once it has ended."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def app_env(config: Path) -> dict[str, str]:
    """The environment a user's terminal gives: colours on, relprep's settings kept apart."""
    env = {
        **os.environ,
        "TERM": "xterm-256color",
        "COLUMNS": str(COLUMNS),
        "LINES": str(ROWS),
        "RELPREP_CONFIG_DIR": str(config),
    }
    env.pop("NO_COLOR", None)
    env.pop("TEXTUAL", None)
    return env

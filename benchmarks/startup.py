"""Time to first frame: relprep next to a bare Textual app with similar widgets.

Each app is started in a pseudo-terminal (110x35) as a user would start it, and timed from
launch until its first frame is on the terminal; relprep is also timed until its customer
table shows data. Runs alternate between the apps so both see the same machine load.
Prints medians and ratios. Goals: <= 1.3x the bare app with an empty database, <= 1.5x
with 50,000 debriefs.

    python benchmarks/startup.py [--runs 7] [--debriefs 50000]
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import re
import select
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from relprep.domain.clock import SystemClock
from relprep.domain.model import Customer, Debrief, Kind, Reminder, new_id
from relprep.store.tinydb_repository import TinyRepository

COLUMNS, ROWS = 110, 35
TIMEOUT = 60.0
FRAME = re.compile(rb"\x1b\[\d+;\d+H")
"""The first cursor move to a cell: the first frame is being drawn."""

BARE_APP = """
from textual.app import App
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DataTable, Footer, Header, Input, Label, Static


class Bare(App):
    TITLE = "bare"

    def compose(self):
        yield Header()
        yield Static("Welcome")
        yield Button("Add")
        with Vertical():
            yield Label("Needs attention")
            yield Input()
            yield DataTable(id="a")
            with Horizontal():
                yield DataTable(id="b")
                yield DataTable(id="c")
        yield Footer()

    def on_mount(self):
        for widget in (self.query_one(Input), self.query_one(Static), self.query_one(Button)):
            widget.display = False
        for table in self.query(DataTable):
            table.add_columns("One", "Two", "Three")


Bare().run()
"""


def customers_and_history(total: int, per_customer: int) -> Iterator[tuple[Customer, list]]:
    """Customers with ten years of debriefs each, spread evenly back from now."""
    now = SystemClock().now()
    span = timedelta(days=3650)
    for index in range(total // per_customer):
        customer = Customer(
            new_id("c"), f"Customer {index:04d}", now, now, company=f"Company {index % 97}"
        )
        debriefs = []
        for number in range(per_customer):
            when = now - span * (number + 1) / per_customer - timedelta(hours=index)
            debriefs.append(
                Debrief(
                    new_id("d"),
                    customer.id,
                    when,
                    when,
                    when,
                    listen_pct=40 + number % 30,
                    topics=("pricing", "roadmap"),
                    learned="Notes from the call " * 5,
                    next_step="Follow up",
                    score=1 + number % 5,
                )
            )
        yield replace(customer, last_contact=debriefs[0].when), debriefs


def build_db(path: Path, debriefs: int) -> None:
    repo = TinyRepository(path)
    customers, history, reminders = [], [], []
    today = SystemClock().now().date()
    for customer, debriefs_of in customers_and_history(debriefs, per_customer=500):
        customers.append(customer)
        history.extend(debriefs_of)
        reminders.append(
            Reminder(
                new_id("r"),
                customer.id,
                "Send the article",
                today,
                customer.created,
                customer.created,
                kind=Kind.ACT,
            )
        )
    repo.import_records(customers=customers, debriefs=history, reminders=reminders)


TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time the process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def time_until(
    command: list[str], env: dict[str, str], markers: list[re.Pattern[bytes] | bytes]
) -> tuple[list[float], float]:
    """Seconds from launch until each marker has appeared on the terminal, in order, and the
    CPU seconds the app had used when the first one appeared (steadier on a busy machine)."""
    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe(command[0], command, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
    start = time.perf_counter()
    seen, found, pending, cpu = b"", [], list(markers), 0.0
    try:
        while pending and time.perf_counter() - start < TIMEOUT:
            ready, _, _ = select.select([fd], [], [], 0.5)
            if not ready:
                continue
            try:
                seen += os.read(fd, 65536)
            except OSError:
                break
            while pending and re.search(pending[0], seen):
                found.append(time.perf_counter() - start)
                cpu = cpu or cpu_seconds(pid)
                pending.pop(0)
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
    if pending:
        raise RuntimeError(f"{' '.join(command)}: never showed {pending[0]!r}")
    return found, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--debriefs", type=int, default=50_000)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="relprep-startup-"))
    env = {
        **os.environ,
        "TERM": "xterm-256color",
        "COLUMNS": str(COLUMNS),
        "LINES": str(ROWS),
        "RELPREP_CONFIG_DIR": str(work / "config"),
    }
    env.pop("NO_COLOR", None)
    bare = work / "bare.py"
    bare.write_text(BARE_APP)
    big = work / "big.json"
    started = time.perf_counter()
    build_db(big, args.debriefs)
    built = time.perf_counter() - started
    print(f"built a {args.debriefs:,}-debrief database in {built:.1f} s ({work})")

    relprep = [sys.executable, "-m", "relprep", "--db"]
    cases = {
        "bare Textual app": ([sys.executable, str(bare)], [FRAME]),
        "relprep, empty db": ([*relprep, str(work / "empty.json")], [FRAME, b"Welcome"]),
        f"relprep, {args.debriefs:,} debriefs": ([*relprep, str(big)], [FRAME, b"Customer 0"]),
    }
    runs: dict[str, list[tuple[list[float], float]]] = {name: [] for name in cases}
    for _ in range(args.runs):
        for name, (command, markers) in cases.items():
            runs[name].append(time_until(command, env, markers))
    report(runs, args.runs)


def report(runs: dict[str, list[tuple[list[float], float]]], count: int) -> None:
    def median(name: str, pick) -> float:
        return statistics.median(pick(run) for run in runs[name])

    first = {name: median(name, lambda run: run[0][0]) for name in runs}
    shown = {name: median(name, lambda run: run[0][-1]) for name in runs}
    cpu = {name: median(name, lambda run: run[1]) for name in runs}
    bare = next(iter(runs))
    print(f"\nmedians of {count} runs in a {COLUMNS}x{ROWS} pseudo-terminal")
    print(
        f"{'app':<28}{'first frame':>12}{'ratio':>7}{'CPU to frame':>14}{'ratio':>7}"
        f"{'data shown':>12}"
    )
    for name in runs:
        print(
            f"{name:<28}{first[name] * 1000:>9.0f} ms{first[name] / first[bare]:>6.2f}x"
            f"{cpu[name] * 1000:>11.0f} ms{cpu[name] / cpu[bare]:>6.2f}x"
            f"{shown[name] * 1000:>9.0f} ms"
        )


if __name__ == "__main__":
    main()

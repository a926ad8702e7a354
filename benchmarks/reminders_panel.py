"""The reminders panel with 5,000 reminders: from a key press to the frame that shows it.

relprep runs in a 120x36 pseudo-terminal read through a terminal emulator, on a database of
5,000 open reminders and 50,000 debriefs (so the ideas for the highlighted customer have a
history to search). After the panel shows its rows, each filter key (overdue, today, week,
all; kind; sort) and each cursor move is pressed in turn, and timed from the key until the
emulated screen first changes (the next frame drawn) and until relprep is quiet again (the
change complete). Medians with ranges. Goals: next frame after a filter change <= 50 ms;
after a cursor move <= 16 ms (one frame at 60 Hz).

    python benchmarks/reminders_panel.py [--rounds 10] [--small]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from datasets import Mix, build, relprep_env
from figures import median, spread, verdict
from terminal import Terminal, app_env

FILTERS = {"1": "overdue", "2": "today", "3": "week", "4": "all", "k": "kind", "o": "sort"}
DOWN, UP = "\x1b[B", "\x1b[A"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--small", action="store_true", help="a small database, to try it")
    args = parser.parse_args()
    mix = (
        Mix("500 open reminders, 2k debriefs", 2_000, 500, customers=40)
        if args.small
        else Mix("5,000 open reminders, 50k debriefs", 50_000, 5_000)
    )
    work = Path(tempfile.mkdtemp(prefix="relprep-panel-"))
    started = time.perf_counter()
    db = build(mix, work / "db")
    print(f"built {mix.label} in {time.perf_counter() - started:.0f} s")
    env = relprep_env(app_env(work / "config"))
    env.pop("NO_COLOR")

    frame: dict[str, list[float]] = {name: [] for name in [*FILTERS.values(), "cursor"]}
    settled: dict[str, list[float]] = {name: [] for name in frame}
    with Terminal([sys.executable, "-m", "relprep", "--db", str(db)], env) as terminal:
        terminal.wait_for_text("Customer 0")
        terminal.settle()
        terminal.press("R")
        opened = terminal.wait_for(_rows_shown, "reminder rows")
        terminal.settle()
        print(f"panel open with its rows {opened:.2f} s after launch")
        for _ in range(args.rounds):
            for key, name in FILTERS.items():
                shown, quiet = terminal.respond(key)
                frame[name].append(shown)
                settled[name].append(quiet)
            terminal.press("4")  # back to all (maybe shown already): rows for the cursor
            terminal.settle()
            _every_kind(terminal)
            for key in (DOWN, DOWN, UP):
                shown, quiet = terminal.respond(key)
                frame["cursor"].append(shown)
                settled["cursor"].append(quiet)
        rss = terminal.peak_rss_mb()
    report(frame, settled, rss)


def _every_kind(terminal: Terminal) -> None:
    """Cycle the kind filter back to "Any kind", so the cursor moves over every reminder.

    Left on one kind, the list can be short enough that the cursor sits on its last row,
    where a move down draws nothing new.
    """
    for _ in range(len(FILTERS) + 4):
        if "Any kind" in terminal.text():
            terminal.wait_for(_rows_shown, "every kind's rows")
            terminal.settle()
            return
        terminal.press("k")
        terminal.settle()
    raise SystemExit('the kind filter never came back to "Any kind"')


def _rows_shown(screen: str) -> bool:
    return "Loading" not in screen and screen.count("Customer 0") >= 5


def report(frame: dict[str, list[float]], settled: dict[str, list[float]], rss: float) -> None:
    print(f"\nkey -> next frame drawn / -> change complete (quiet 0.3 s); peak {rss:.0f} MiB")
    for name in frame:
        print(f"{name:<8} frame {spread(frame[name])}")
        print(f"{'':<8} done  {spread(settled[name])}")
    print()
    # Each key judged on its own: pooled, four quick window keys hid a slow kind filter.
    for name in FILTERS.values():
        print(verdict(median(frame[name]) * 1000, 50, f"{name} key: next frame, median ms"))
    print(verdict(median(frame["cursor"]) * 1000, 16, "cursor move: next frame, median ms"))


if __name__ == "__main__":
    main()

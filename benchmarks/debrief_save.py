"""A debrief saved in the real TUI, from ctrl+s until the customer screen shows the new call.

relprep runs in a 120x36 pseudo-terminal read through a terminal emulator, on a database of
50,000 debriefs, 5,000 open and 20,000 done reminders. Each round opens the debrief form for
the customer at the top of Today (`d`), types a listen share unique to the round, presses
ctrl+s, and waits until the customer screen, which the app opens after a save, shows that
call's listen share in its reader; then escape back to Today. Nothing inside the app is
replaced or hooked: this is what the user waits for. Medians with ranges.

    python benchmarks/debrief_save.py [--runs 15] [--small]
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

from datasets import Mix, build, relprep_env
from figures import spread
from terminal import Terminal, app_env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--small", action="store_true", help="a small database, to try it")
    args = parser.parse_args()
    mix = (
        Mix("5k debriefs, 500 open, 2k done", 5_000, 500, 2_000)
        if args.small
        else Mix("50k debriefs, 5k open, 20k done", 50_000, 5_000, 20_000)
    )
    work = Path(tempfile.mkdtemp(prefix="relprep-debrief-"))
    started = time.perf_counter()
    db = build(mix, work / "db")
    print(f"built {mix.label} in {time.perf_counter() - started:.0f} s")
    env = relprep_env(app_env(work / "config"))
    env.pop("NO_COLOR")

    shown: list[float] = []
    settled: list[float] = []
    with Terminal([sys.executable, "-m", "relprep", "--db", str(db)], env) as terminal:
        terminal.wait_for_text("Needs attention")
        terminal.wait_for_text("Customer 0")
        terminal.settle()
        for run in range(args.runs):
            listen = 60 + run % 40
            terminal.press("d")
            terminal.wait_for_text("Debrief —")
            terminal.settle()
            terminal.press(f"\t{listen}")
            terminal.wait_for_text(f"{listen}")
            pattern = re.compile(rf"Listened\s+{listen}%")
            took, quiet = terminal.respond(
                "\x13", lambda screen, p=pattern: bool(p.search(screen)), "the saved call"
            )
            shown.append(took)
            settled.append(quiet)
            terminal.press("\x1b")
            terminal.wait_for_text("Needs attention")
            terminal.settle()
    print(f"\n{mix.label}: ctrl+s until the customer screen shows the call")
    print(f"  shown    {spread(shown)}")
    print(f"  settled  {spread(settled)}")


if __name__ == "__main__":
    main()

"""Start-up until Today shows its data, next to a bare Textual app until its first frame.

Each app runs in a 120x36 pseudo-terminal and its output goes through a terminal emulator:
the bare app is timed until its content is on the emulated screen, relprep until Today shows
a customer's row (or the welcome on an empty database) and then until it is quiet (settled:
the last frame of start-up is complete). Runs are interleaved, so every app sees the same
machine load, and every figure is a median with its range. Peak memory (VmHWM) is read
once the data is shown; since relprep reads its first data in a child process, as many
untimed runs again sample the memory of every process each app started (their Pss, every
10 ms), and the memory goal is judged on those.

Every app starts from compiled code, as an installed package does (datasets.relprep_env);
a first, untimed round of every app writes it.

Goals: data shown <= 1.3x the bare app's first frame on an empty database, <= 1.5x at 50k
debriefs + 5k open + 20k done reminders, <= 2x at 200k + 50k open + 40k done; peak memory
at 50k/5k/20k <= 1.5x the bare app's.

    python benchmarks/startup.py [--runs 7] [--small]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from datasets import Mix, build, check_compiled, relprep_env
from figures import median, spread, verdict
from terminal import Terminal, app_env

BARE_APP = """
from textual.app import App
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, Header, Label


class Bare(App):
    TITLE = "bare"

    def compose(self):
        yield Header()
        with Vertical():
            yield Label("Needs attention")
            yield DataTable(id="a")
            with Horizontal():
                yield DataTable(id="b")
                yield DataTable(id="c")
        yield Footer()

    def on_mount(self):
        for table in self.query(DataTable):
            table.add_columns("One", "Two", "Three")
        self.query_one("#a", DataTable).add_row("Customer 0001", "x", "y")


Bare().run()
"""

MIXES = {
    "empty": (Mix("empty database", customers=0), "Welcome", 1.3),
    "50k": (
        Mix("50k debriefs, 5k open, 20k done", 50_000, 5_000, 20_000, preps=2_000),
        "Customer 0",
        1.5,
    ),
    "200k": (
        Mix("200k debriefs, 50k open, 40k done", 200_000, 50_000, 40_000, preps=5_000),
        "Customer 0",
        2.0,
    ),
}
SMALL = {
    "empty": MIXES["empty"],
    "50k": (Mix("5k debriefs, 500 open, 2k done", 5_000, 500, 2_000), "Customer 0", 1.5),
}


@dataclass
class Runs:
    shown: list[float] = field(default_factory=list)
    settled: list[float] = field(default_factory=list)
    rss: list[float] = field(default_factory=list)
    tree: list[float] = field(default_factory=list)
    """Peak memory of the app and its reader process (Terminal.peak_tree_memory_mb)."""


def once(command: list[str], env: dict[str, str], marker: str) -> tuple[float, float, float]:
    with Terminal(command, env) as terminal:
        shown = terminal.wait_for_text(marker)
        settled = terminal.settle()
        return shown, settled, terminal.peak_rss_mb()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--small", action="store_true", help="small databases, to try it")
    args = parser.parse_args()
    mixes = SMALL if args.small else MIXES

    work = Path(tempfile.mkdtemp(prefix="relprep-startup-"))
    bare = work / "bare.py"
    bare.write_text(BARE_APP)
    env = relprep_env(app_env(work / "config"))
    env.pop("NO_COLOR")
    cases: dict[str, tuple[list[str], str]] = {
        "bare Textual app": ([sys.executable, str(bare)], "Customer 0001")
    }
    for key, (mix, marker, _) in mixes.items():
        started = time.perf_counter()
        db = build(mix, work / key)
        print(f"built {mix.label} in {time.perf_counter() - started:.0f} s")
        command = [sys.executable, "-m", "relprep", "--db", str(db)]
        cases[f"relprep, {mix.label}"] = (command, marker)

    for command, marker in cases.values():
        once(command, env, marker)  # compiles each program's code, untimed
    check_compiled()
    runs = {name: Runs() for name in cases}
    for _ in range(args.runs):
        for name, (command, marker) in cases.items():
            shown, settled, rss = once(command, env, marker)
            runs[name].shown.append(shown)
            runs[name].settled.append(settled)
            runs[name].rss.append(rss)
    for _ in range(args.runs):
        for name, (command, marker) in cases.items():
            with Terminal(command, env) as terminal:
                runs[name].tree.append(terminal.peak_tree_memory_mb(marker))
    report(runs, mixes, args.runs)


def report(runs: dict[str, Runs], mixes: dict, count: int) -> None:
    bare = runs["bare Textual app"]
    base = median(bare.shown)
    print(f"\n{count} interleaved runs each, 120x36 pseudo-terminal, read through pyte")
    for name, measured in runs.items():
        print(f"{name}")
        print(f"  data on screen   {spread(measured.shown)}")
        print(f"  settled          {spread(measured.settled)}")
        print(f"  peak memory      {median(measured.rss):.0f} MiB (VmHWM of the app's process)")
        print(f"  with its reader  {spread(measured.tree, 'MiB', 1)} (Pss, every process)")
    print()
    for (mix, _, limit), name in zip(mixes.values(), list(runs)[1:], strict=True):
        ratio = median(runs[name].shown) / base
        print(verdict(ratio, limit, f"{mix.label}: data shown / bare first frame"))
    if "50k" in mixes:
        name = f"relprep, {mixes['50k'][0].label}"
        memory = median(runs[name].tree) / median(bare.tree)
        label = f"{mixes['50k'][0].label}: peak memory with its reader / bare app"
        print(verdict(memory, 1.5, label))


if __name__ == "__main__":
    main()

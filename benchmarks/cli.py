"""Commands as a user runs them, next to taskwarrior and jrnl doing the same, in the same run.

Every command is a fresh process, timed wall-clock from launch to exit. Runs are
interleaved (one of each case per round), so all cases see the same machine load; figures
are medians with their range. Baselines: `task add` and `task next` (taskwarrior) with
50,000 pending tasks, and `jrnl` adding an entry to a journal of 50,000 entries; a baseline
whose tool is not installed is skipped with a note. relprep runs from compiled code, as
installed (datasets.relprep_env); a first round of every command is not timed.

Goals: `reminder add` at 200k debriefs / 50k open <= taskwarrior's `task add` with 50k
pending, and <= 1.5x relprep on an empty database; `debrief add` for a customer with 50,000
debriefs <= 1.5x a customer with 10.

    python benchmarks/cli.py [--runs 11] [--small]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from datasets import NOW, RELPREP, Mix, build, check_compiled, relprep_env
from figures import median, spread, verdict

PENDING = 50_000
Case = tuple[list[str], dict[str, str]]


def taskwarrior(folder: Path, pending: int) -> dict[str, Case]:
    """taskwarrior 2.x with `pending` tasks, set up to never prompt."""
    task = shutil.which("task")
    if task is None:
        print("skipped taskwarrior: `task` is not installed (apt-get install taskwarrior)")
        return {}
    folder.mkdir(parents=True)
    rc = folder / "taskrc"
    rc.write_text(f"data.location={folder / 'data'}\nconfirmation=off\nverbose=nothing\n")
    env = {**os.environ, "TASKRC": str(rc)}
    tasks = [
        {
            "uuid": f"00000000-0000-4000-8000-{n:012d}",
            "description": f"Send the article to Customer {n % 200:04d}",
            "status": "pending",
            "entry": "20260101T000000Z",
            "due": (NOW + timedelta(days=n % 365 - 60)).strftime("%Y%m%dT000000Z"),
        }
        for n in range(pending)
    ]
    source = folder / "tasks.json"
    source.write_text("\n".join(json.dumps(t) for t in tasks))
    subprocess.run([task, "import", str(source)], env=env, capture_output=True, check=True)
    return {
        f"task add ({pending:,} pending)": ([task, "add", "Send the article", "due:fri"], env),
        f"task next ({pending:,} pending)": ([task, "next", "limit:30"], env),
    }


def jrnl(folder: Path, entries: int) -> dict[str, Case]:
    """jrnl with a plain-text journal of `entries` entries."""
    program = shutil.which("jrnl")
    if program is None:
        print("skipped jrnl: `jrnl` is not installed (pipx install jrnl)")
        return {}
    config = folder / "config"
    (config / "jrnl").mkdir(parents=True)
    journal = folder / "journal.txt"
    (config / "jrnl" / "jrnl.yaml").write_text(
        f"journals:\n  default:\n    journal: {journal}\nencrypt: false\n"
        "default_hour: 9\ndefault_minute: 0\neditor: ''\ntimeformat: '%F %r'\n"
        "tagsymbols: '#@'\nhighlight: false\nlinewrap: 79\nindent_character: '|'\n"
        "template: false\ncolors: {body: none, date: none, tags: none, title: none}\n"
        "version: v4.6\n"
    )
    start = NOW - timedelta(days=3650)
    with journal.open("w") as out:
        for n in range(entries):
            moment = start + timedelta(hours=n * 3650 * 24 / entries)
            out.write(f"[{moment:%Y-%m-%d %I:%M:%S %p}] Call with Customer {n % 200:04d}.\n")
            out.write("Talked through the renewal and their hiring freeze.\n\n")
    env = {**os.environ, "XDG_CONFIG_HOME": str(config), "XDG_DATA_HOME": str(folder)}
    return {f"jrnl add ({entries:,} entries)": ([program, "Call with Ada. Renewal."], env)}


def relprep_cases(work: Path, small: bool) -> dict[str, Case]:
    big = (
        Mix("20k debriefs, 5k open, 4k done", 20_000, 5_000, 4_000)
        if small
        else Mix("200k debriefs, 50k open, 40k done", 200_000, 50_000, 40_000)
    )
    heavy = Mix(
        "one customer with 50k debriefs",
        debriefs=2_000,
        heavy_debriefs=5_000 if small else 50_000,
    )
    empty_db = build(Mix("empty", customers=200), work / "empty")
    big_db = build(big, work / "big")
    heavy_db = build(heavy, work / "heavy")
    env = relprep_env()
    add = ["reminder", "add", "Customer 0001", "Send the article", "--due", "fri"]
    heavy_at = [*RELPREP, "--db", str(heavy_db), "debrief", "add"]
    notes = ["--listen", "55", "--learned", "Renewal in March"]
    return {
        "relprep --version (start-up)": ([*RELPREP, "--version"], env),
        "relprep reminder add (empty db)": ([*RELPREP, "--db", str(empty_db), *add], env),
        f"relprep reminder add ({big.label})": ([*RELPREP, "--db", str(big_db), *add], env),
        "relprep reminder list --when overdue (empty db)": (
            [*RELPREP, "--db", str(empty_db), "reminder", "list", "--when", "overdue"],
            env,
        ),
        f"relprep reminder list --when overdue ({big.label})": (
            [*RELPREP, "--db", str(big_db), "reminder", "list", "--when", "overdue"],
            env,
        ),
        "relprep debrief add (customer with 10 debriefs)": (
            [*heavy_at, "Customer 0001", *notes],
            env,
        ),
        f"relprep debrief add ({heavy.label})": (
            [*heavy_at, "Key Account", *notes],
            env,
        ),
    }


def timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)}: exit {done.returncode}: {done.stderr!r}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--small", action="store_true", help="small databases, to try it")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="relprep-cli-"))
    pending = 5_000 if args.small else PENDING
    started = time.perf_counter()
    cases = {
        "python -c pass": ([sys.executable, "-c", "pass"], dict(os.environ)),
        **relprep_cases(work, args.small),
        **taskwarrior(work / "task", pending),
        **jrnl(work / "jrnl", pending),
    }
    print(f"built every database in {time.perf_counter() - started:.0f} s")
    for command, env in cases.values():
        timed(command, env)  # untimed: compiles relprep's code (relprep_env), reads each db
    check_compiled()
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(args.runs):
        for name, (command, env) in cases.items():
            times[name].append(timed(command, env))
    report(times)


def report(times: dict[str, list[float]]) -> None:
    print(f"\nwall time from launch to exit, {len(next(iter(times.values())))} interleaved runs")
    for name, values in times.items():
        print(f"{name:<58} {spread(values, 's', 1.0)}")
    print()

    def pick(prefix: str) -> float | None:
        found = [median(v) for name, v in times.items() if name.startswith(prefix)]
        return found[0] if found else None

    empty = pick("relprep reminder add (empty")
    big = [median(v) for n, v in times.items() if n.startswith("relprep reminder add (2")]
    task = pick("task add")
    if big and empty:
        print(verdict(big[0] / empty, 1.5, "reminder add, big / empty database"))
    if big and task:
        print(verdict(big[0] / task, 1.0, "reminder add at the big database / task add"))
    light, heavy = pick("relprep debrief add (customer"), pick("relprep debrief add (one")
    if light and heavy:
        print(verdict(heavy / light, 1.5, "debrief add, heavy customer / light customer"))


if __name__ == "__main__":
    main()

"""Run every benchmark script in this folder and write their figures to one Markdown report.

Each script (startup, save latency, CLI, reminder filters, ... whichever exist) runs in its
own process with its default settings, so one cannot warm the caches of the next, and
measures relprep next to its baseline in the same run. Their printed figures are gathered
into a single table in REPORT.md, followed by each script's full output.

    python benchmarks/run_all.py [--only NAME ...] [--timeout SECONDS] [-o FILE]
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from datasets import CACHE_ENV

HERE = Path(__file__).resolve().parent
_RULE = re.compile(r"^[\s|:-]+$")


@dataclass
class Outcome:
    name: str
    purpose: str
    seconds: float
    status: str
    output: str

    def goals(self) -> list[str]:
        """The lines where the script judged a goal: 'GOAL MET ...' or 'GOAL MISSED ...'."""
        return [line for line in self.figures() if line.startswith("GOAL")]

    def figures(self) -> list[str]:
        """What the script printed, without blank lines and the rules of its tables."""
        lines = (line.strip() for line in self.output.splitlines())
        return [line for line in lines if line and not _RULE.match(line)]


def scripts(folder: Path, only: list[str]) -> list[Path]:
    """The runnable scripts; helper modules (no `__main__` block) are what they import."""
    found = sorted(
        path
        for path in folder.glob("*.py")
        if path.name != Path(__file__).name and '__name__ == "__main__"' in path.read_text()
    )
    return [path for path in found if not only or path.stem in only]


def purpose(script: Path) -> str:
    """The first line of the script's docstring: what it measures."""
    match = re.search(r'^"""(.+?)$', script.read_text(), re.MULTILINE)
    return match[1].removesuffix('"""').strip().rstrip(".") if match else ""


def run(script: Path, timeout: float, cache: Path) -> Outcome:
    started = time.perf_counter()
    env = {**os.environ, "NO_COLOR": "1", "PYTHONUNBUFFERED": "1", CACHE_ENV: str(cache)}
    try:
        done = subprocess.run(
            [sys.executable, str(script)],
            capture_output=True,
            text=True,
            timeout=timeout,
            env=env,
            cwd=script.parent.parent,
            check=False,
        )
        output = done.stdout + (f"\n[stderr]\n{done.stderr}" if done.returncode else "")
        status = "ok" if done.returncode == 0 else f"failed (exit {done.returncode})"
    except subprocess.TimeoutExpired as error:
        output = error.stdout.decode() if isinstance(error.stdout, bytes) else error.stdout or ""
        status = f"stopped after {timeout:g} s"
    return Outcome(script.stem, purpose(script), time.perf_counter() - started, status, output)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def report(outcomes: list[Outcome]) -> str:
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    machine = f"Python {platform.python_version()}, {platform.system()}, {os.cpu_count()} CPUs"
    lines = [
        "# relprep benchmark report",
        "",
        f"Measured {stamp} on {machine} by `python benchmarks/run_all.py`.",
        "Each benchmark ran in its own process and measured relprep and its baselines in that",
        "same run, interleaved; figures are medians with their range. Screens are timed",
        "through a terminal emulator until the frame that shows the data. Each script's full",
        "output follows the table.",
        "",
        "## Goals",
        "",
        "Every goal, as each benchmark judged it in this run (MISSED means missed, plainly):",
        "",
        *[f"- `{o.name}`: {line}" for o in outcomes for line in o.goals()],
        "",
        "## Figures",
        "",
        "| benchmark | what it measures | figures | run time | status |",
        "| --- | --- | --- | ---: | --- |",
    ]
    for outcome in outcomes:
        figures = "<br>".join(_cell(line) for line in outcome.figures()) or "-"
        lines.append(
            f"| `{outcome.name}` | {_cell(outcome.purpose)} | {figures} "
            f"| {outcome.seconds:.0f} s | {outcome.status} |"
        )
    for outcome in outcomes:
        lines += ["", f"## {outcome.name}", "", "```", outcome.output.rstrip(), "```"]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", default=[], metavar="NAME", help="e.g. startup cli")
    parser.add_argument("--timeout", type=float, default=1800, help="per script, in seconds")
    parser.add_argument("--folder", type=Path, default=HERE, help=argparse.SUPPRESS)
    parser.add_argument("-o", "--output", type=Path, default=HERE / "REPORT.md")
    args = parser.parse_args(argv)
    outcomes = []
    cache = Path(tempfile.mkdtemp(prefix="relprep-bench-cache-"))
    for script in scripts(args.folder, args.only):
        print(f"running {script.name} ...", flush=True)
        outcomes.append(run(script, args.timeout, cache))
        print(f"  {outcomes[-1].status} in {outcomes[-1].seconds:.0f} s", flush=True)
    shutil.rmtree(cache, ignore_errors=True)
    args.output.write_text(report(outcomes))
    print(f"wrote {args.output}")
    return 0 if all(outcome.status == "ok" for outcome in outcomes) else 1


if __name__ == "__main__":
    raise SystemExit(main())

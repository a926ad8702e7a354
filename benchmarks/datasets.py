"""Databases with a realistic mix of what a user piles up, built the way a user could.

A mix is written as a relprep JSON export and loaded with `relprep import`, so the
benchmarks go through the app's public door and keep working whatever the storage layout
is. Debriefs are ~1 KB of notes spread over ten years; reminders are open (due from two
months ago to a year ahead) or done (spread over the years); one customer may be "heavy"
(a key account with most of the calls).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

NOW = datetime.fromisoformat("2026-11-23T09:30:00+01:00")
"""Every run pins relprep's clock here (RELPREP_NOW), so each sees the same due dates."""
RELPREP = (sys.executable, "-m", "relprep")
YEARS = 10
NOTES = (
    "Talked through the renewal, their hiring freeze and how the new plant changes the "
    "volumes they need next year. She was candid about last quarter's outage and what it "
    "cost them; I said plainly that our reporting is weaker than the competition's. "
)
WORDS = ("send", "call", "article", "match", "book", "lunch", "intro", "quote", "note", "trip")


@dataclass(frozen=True)
class Mix:
    label: str
    debriefs: int = 0
    open_reminders: int = 0
    done_reminders: int = 0
    customers: int = 200
    preps: int = 0
    heavy_debriefs: int = 0
    """Debriefs of one extra customer, "Key Account", on top of `debriefs`."""


def relprep_env(base: Mapping[str, str] | None = None, **extra: str) -> dict[str, str]:
    """What every timed program runs with: relprep's clock pinned, no colour, and compiled
    code, as an installed package has it (pip compiles it). Where $PYTHONDONTWRITEBYTECODE
    is set (this machine sets it), relprep's own modules were otherwise compiled from source
    at every start (0.14 s of CPU on the machine of 2 December; about 0.1 s of each
    command's wall time), which taskwarrior and the bare Textual app, its library installed
    with .pyc files, never paid. Bytecode goes to one private folder ($PYTHONPYCACHEPREFIX),
    which the first, untimed round of each benchmark fills. `base`: the environment to
    start from (os.environ), such as a terminal's (terminal.app_env)."""
    start = os.environ if base is None else base
    env = {**start, "RELPREP_NOW": NOW.isoformat(), "NO_COLOR": "1", **extra}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = _bytecode_folder()
    return env


def check_compiled() -> None:
    """After a benchmark's untimed round: the programs wrote their bytecode, so the timed
    rounds read it. (An environment that still said $PYTHONDONTWRITEBYTECODE, with the
    folder set, made every start compile Textual and all from source: 1.44 s for the bare
    app instead of about 0.5 s.)"""
    if not any(Path(_bytecode_folder()).rglob("*.pyc")):
        raise RuntimeError(f"no bytecode was written to {_bytecode_folder()}: check relprep_env")


@functools.cache
def _bytecode_folder() -> str:
    return tempfile.mkdtemp(prefix="relprep-bench-pycache-")


def _iso(moment: datetime) -> str:
    return moment.isoformat()


def _customer(index: int) -> dict[str, object]:
    created = NOW - timedelta(days=YEARS * 365)
    return {
        "id": f"c-{index:08d}",
        "name": f"Customer {index:04d}",
        "company": f"Company {index % 97}",
        "interests": ["golf", "jazz"],
        "cadence_days": 30,
        "created": _iso(created),
        "updated": _iso(created),
        "last_contact": _iso(NOW - timedelta(days=index % 40, hours=1)),
    }


def _debrief(number: int, customer_id: str, when: datetime, rng: random.Random) -> dict:
    return {
        "id": f"d-{number:08d}",
        "customer_id": customer_id,
        "when": _iso(when),
        "created": _iso(when),
        "updated": _iso(when),
        "listen_pct": rng.randint(30, 70),
        "topics": ["renewal", "budget", "hiring"],
        "learned": NOTES,
        "next_step": "Send the revised quote",
        "score": rng.randint(1, 5),
    }


def _reminder(number: int, customer_id: str, rng: random.Random, done: bool) -> dict:
    if done:
        due = NOW - timedelta(days=rng.randint(1, YEARS * 365))
        extra = {"done_at": _iso(due + timedelta(hours=rng.randint(-48, 72)))}
    else:
        due = NOW + timedelta(days=rng.randint(-60, 365))
        extra = {}
    return {
        "id": f"r-{number:08d}",
        "customer_id": customer_id,
        "text": " ".join(rng.choices(WORDS, k=5)),
        "due": due.date().isoformat(),
        "created": _iso(due - timedelta(days=14)),
        "updated": _iso(due - timedelta(days=14)),
        "kind": rng.choice(["act", "promise", "touch"]),
        "cost": rng.choice(["low", "low", "medium", "high"]),
        **extra,
    }


def _prep(number: int, customer_id: str, when: datetime) -> dict:
    return {
        "id": f"p-{number:08d}",
        "customer_id": customer_id,
        "meeting": _iso(when),
        "created": _iso(when),
        "updated": _iso(when),
        "checked": ["intent", "professionalism"],
        "answers": {"intent": "Help them decide about the renewal, whatever they choose"},
    }


def document(mix: Mix, header: dict[str, object]) -> dict[str, object]:
    """The export for `mix`, under the `header` (app, format version) relprep writes."""
    rng = random.Random(7)
    customers = [_customer(n) for n in range(mix.customers)]
    ids = [str(c["id"]) for c in customers]
    span = timedelta(days=YEARS * 365)
    debriefs = [
        _debrief(n, ids[n % len(ids)], NOW - span * (n + 1) / (mix.debriefs + 1), rng)
        for n in range(mix.debriefs)
    ]
    if mix.heavy_debriefs:
        heavy = {**_customer(mix.customers), "name": "Key Account"}
        customers.append(heavy)
        debriefs += [
            _debrief(
                mix.debriefs + n,
                str(heavy["id"]),
                NOW - span * (n + 1) / (mix.heavy_debriefs + 1),
                rng,
            )
            for n in range(mix.heavy_debriefs)
        ]
    reminders = [
        _reminder(n, rng.choice(ids), rng, done=n >= mix.open_reminders)
        for n in range(mix.open_reminders + mix.done_reminders)
    ]
    preps = [
        _prep(n, ids[n % len(ids)], NOW - span * (n + 1) / (mix.preps + 1))
        for n in range(mix.preps)
    ]
    tables = {"customers": customers, "debriefs": debriefs, "reminders": reminders}
    return {**header, **tables, "preps": preps}


CACHE_ENV = "RELPREP_BENCH_CACHE"
"""run_all.py names a folder here so that scripts of one run build each mix only once."""


def build(mix: Mix, folder: Path) -> Path:
    """A database holding `mix` in `folder`, loaded through `relprep import` (or copied from
    the run's cache of built databases, which benchmarks never write into)."""
    cache = os.environ.get(CACHE_ENV)
    if not cache:
        return _build(mix, folder)
    built = Path(cache) / hashlib.sha256(repr(mix).encode()).hexdigest()[:16]
    if not built.exists():
        _build(mix, built.with_suffix(".partial"))
        built.with_suffix(".partial").rename(built)
    shutil.copytree(built, folder, dirs_exist_ok=True)
    return folder / "db.json"


def _build(mix: Mix, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "db.json"
    env = relprep_env()
    with tempfile.TemporaryDirectory() as scratch:
        empty, export = Path(scratch) / "empty.json", Path(scratch) / "export.json"
        run([*RELPREP, "--db", str(empty), "export", "--format", "json", "-o", str(export)], env)
        header = {
            key: value
            for key, value in json.loads(export.read_text()).items()
            if not isinstance(value, list)
        }
        export.write_text(json.dumps(document(mix, header)))
        run([*RELPREP, "--db", str(db), "import", str(export)], env)
    return db


def run(command: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed: {done.stderr.strip()}")

"""Two running copies never lose each other's writes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from relprep.store.tinydb_repository import TinyRepository

WRITER = """
import sys
from pathlib import Path
from relprep.domain.clock import SystemClock
from relprep.domain.validation import customer_from_input
from relprep.store.tinydb_repository import TinyRepository

repo = TinyRepository(Path(sys.argv[1]), lock_timeout=60)
for n in range(int(sys.argv[3])):
    repo.save_customer(customer_from_input(SystemClock(), name=f"{sys.argv[2]}-{n}"))
"""


def test_two_processes_inserting_200_each_keep_all_400(tmp_path: Path, clock) -> None:
    path = tmp_path / "db.json"
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(path), name, "200"])
        for name in ("left", "right")
    ]
    assert [w.wait(timeout=300) for w in writers] == [0, 0]
    names = {c.name for c in TinyRepository(path).list_customers()}
    assert len(names) == 400
    assert {n.split("-")[0] for n in names} == {"left", "right"}

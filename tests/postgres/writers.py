"""Worker processes writing a team database: `python -m tests.postgres.writers MODE URL N`.

They speak the protocol of tests/reliability/children.py on stdout (ready / begin <id> /
ok <id>), so the crash test knows which saves were acknowledged when it killed one.

    loop URL SEED     save debriefs (with their reminders) until killed
    count URL N       wait for a line on stdin, save N debriefs, say "done"
"""

from __future__ import annotations

import random
import sys

from relprep.store.select import open_repository
from relprep.usecases.debriefs import save_debrief
from tests.reliability.children import CLOCK, new_debrief, say


def save_in_a_loop(url: str, seed: int, count: int | None = None) -> None:
    rng = random.Random(seed)
    repo = open_repository(url)
    customers = [c.id for c in repo.list_customers()]
    say("ready")
    if count is not None:
        sys.stdin.readline()
    number = 0
    while count is None or number < count:
        debrief = new_debrief(rng, rng.choice(customers), number)
        say(f"begin {debrief.id}")
        save_debrief(repo, debrief, CLOCK.now())
        say(f"ok {debrief.id}")
        number += 1
    say("done")


if __name__ == "__main__":
    mode, url, number = sys.argv[1], sys.argv[2], int(sys.argv[3])
    if mode == "loop":
        save_in_a_loop(url, seed=number)
    else:
        save_in_a_loop(url, seed=number, count=number)

"""A full or failing disk while saving a debrief in the app: an error, and nothing typed is lost.

The debrief form saves in a worker thread through the real repository while os.write,
fsync, replace, mkdir or link fail with ENOSPC or EIO at every call (a disk that stays
full). The form must stay open with what was typed, say why it did not save, and save it
all once the disk works again.
"""

from __future__ import annotations

import errno
import os

import pytest

from relprep.store.tinydb_repository import TinyRepository
from tests.factories import add_customer
from tests.reliability.faults import ERRNOS, FUNCTIONS, Fault, injected
from tests.ui import notices, settle
from tests.ui.debrief_pilot import debrief_form, type_into, value_of

NOTES = "She is moving the plant to Lyon; wants the ROI sheet by Friday"


def _cases() -> list:
    """Each function failing once in the default run (the error codes taken in turn), and
    each with each error code under `pytest -m slow`."""
    every = [(function, code) for function in FUNCTIONS for code in ERRNOS]
    default = [(f, ERRNOS[n % len(ERRNOS)]) for n, f in enumerate(FUNCTIONS)]
    return [
        *(pytest.param(f, c, id=f"{f}-{errno.errorcode[c]}") for f, c in default),
        *(
            pytest.param(f, c, id=f"full-{f}-{errno.errorcode[c]}", marks=pytest.mark.slow)
            for f, c in every
        ),
    ]


@pytest.mark.parametrize(("function", "code"), _cases())
async def test_a_failing_disk_shows_an_error_and_keeps_the_form(
    repo: TinyRepository, clock, function: str, code: int, figures
) -> None:
    customer = add_customer(repo, clock)
    async with debrief_form(repo, clock, customer.id) as form:
        await type_into(form.pilot, "#notes", NOTES)
        with injected(Fault(function, code, at=1, lasting=True)) as fault:
            await form.pilot.press("ctrl+s")
            await settle(form.pilot)
        if fault.fired:
            assert form.app.screen is form.screen
            assert value_of(form.pilot, "#notes") == NOTES
            assert any(
                note.startswith("Not saved") and os.strerror(code) in note
                for note in notices(form.app)
            ), notices(form.app)
            assert repo.debriefs_for(customer.id) == []
            figures["faults injected (debrief form in the app)"] += 1
            await form.pilot.press("ctrl+s")
            await settle(form.pilot)
        assert form.opened == [customer.id]
    saved = TinyRepository(repo.layout.main).debriefs_for(customer.id)
    assert [debrief.notes for debrief in saved] == [NOTES]

"""A debrief being typed survives a crash, a kill or a quit, and is offered back once."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest

from relprep.domain.clock import FixedClock
from relprep.store.tinydb_repository import TinyRepository
from relprep.ui.debrief_fields import DebriefDraft, DebriefFields, draft_key
from relprep.ui.screens import debrief as debrief_screen
from relprep.ui.screens.confirm import ConfirmScreen
from relprep.ui.screens.debrief import DebriefScreen
from tests.conftest import NOW
from tests.factories import add_customer, add_debrief
from tests.ui import settle, until
from tests.ui.debrief_pilot import (
    SIZE,
    debrief_form,
    fill_promise,
    form_app,
    open_form,
    put,
    type_into,
    value_of,
)

TYPE_THEN_DIE = textwrap.dedent(
    """
    import asyncio, os, signal, sys, time
    from datetime import datetime
    from pathlib import Path

    from relprep.domain.clock import FixedClock
    from relprep.store.tinydb_repository import TinyRepository
    from relprep.ui.app import RelprepApp
    from relprep.ui.debrief_fields import draft_key

    async def main(db, customer_id, now):
        clock = FixedClock(datetime.fromisoformat(now))
        app = RelprepApp(TinyRepository(Path(db)), clock)
        async with app.run_test(size=(100, 34)) as pilot:
            app.open_debrief(customer_id, listen_pct=48)
            await pilot.pause()
            app.screen.query_one("#negative").focus()
            await pilot.press(*"Our price is high")
            app.screen.query_one("#notes").insert("[red]not markup[/] ✨")
            deadline = time.monotonic() + 60
            while "not markup" not in str(app.repo.load_draft(draft_key(customer_id, None))):
                assert time.monotonic() < deadline, "the draft was never written"
                await pilot.pause(0.02)
            os.kill(os.getpid(), signal.SIGKILL)

    asyncio.run(main(*sys.argv[1:]))
    """
)


@pytest.fixture(autouse=True)
def quick_drafts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(debrief_screen, "DRAFT_DELAY", 0.05)


async def test_draft_restored_after_the_app_is_killed_mid_entry(
    repo: TinyRepository, clock: FixedClock, db_path: Path
) -> None:
    customer = add_customer(repo, clock)
    killed = subprocess.run(
        [sys.executable, "-c", TYPE_THEN_DIE, str(db_path), customer.id, clock.now().isoformat()],
        cwd=Path(__file__).parents[2],
        capture_output=True,
        timeout=120,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr.decode()

    app, opened = form_app(TinyRepository(db_path), clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_form(app, pilot, customer.id)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert value_of(pilot, "#negative") == "Our price is high"
        assert value_of(pilot, "#notes") == "[red]not markup[/] ✨"
        assert value_of(pilot, "#listen") == "48"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert opened == [customer.id]
    (saved,) = repo.debriefs_for(customer.id)
    assert (saved.negative, saved.listen_pct) == ("Our price is high", 48)
    assert repo.load_draft(draft_key(customer.id, None)) is None


async def test_quitting_before_the_draft_delay_still_keeps_the_draft(
    repo: TinyRepository, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(debrief_screen, "DRAFT_DELAY", 3600)
    customer = add_customer(repo, clock)
    async with debrief_form(repo, clock, customer.id) as form:
        await type_into(form.pilot, "#learned", "They moved offices")
        assert repo.load_draft(draft_key(customer.id, None)) is None
    draft = DebriefDraft.from_json(repo.load_draft(draft_key(customer.id, None)) or {})
    assert draft is not None
    assert draft.fields.learned == "They moved offices"


async def test_the_draft_follows_the_typing_and_a_save_removes_it(
    repo: TinyRepository, clock: FixedClock
) -> None:
    customer = add_customer(repo, clock)
    key = draft_key(customer.id, None)
    async with debrief_form(repo, clock, customer.id) as form:
        await type_into(form.pilot, "#topics", "renewal")
        await until(form.pilot, lambda: _topics_in_draft(repo, key) == "renewal", "the draft")
        await form.pilot.press("ctrl+s")
        await settle(form.pilot)
    assert repo.load_draft(key) is None
    assert [d.topics for d in repo.debriefs_for(customer.id)] == [("renewal",)]


def _topics_in_draft(repo: TinyRepository, key: str) -> str | None:
    """What the draft on disk holds for the topics (on a slow machine a draft can be written
    between two keys, so a draft alone does not mean the whole word is in it)."""
    draft = repo.load_draft(key)
    return DebriefFields.from_json(draft["form"]).topics if draft else None


def leave_draft(repo: TinyRepository, clock: FixedClock, customer_id: str, **draft) -> str:
    """A draft on disk as an earlier run would have left it; returns its key."""
    key = draft_key(customer_id, None)
    debrief_id = draft.pop("debrief_id", "d-draft001")
    repo.save_draft(key, DebriefDraft(DebriefFields(**draft), debrief_id, clock.now()).to_json())
    return key


async def test_discarding_the_offered_draft_removes_it(
    repo: TinyRepository, clock: FixedClock
) -> None:
    customer = add_customer(repo, clock)
    key = leave_draft(repo, clock, customer.id, notes="old thoughts")
    async with debrief_form(repo, clock, customer.id) as form:
        assert isinstance(form.app.screen, ConfirmScreen)
        await form.pilot.press("n")
        await settle(form.pilot)
        assert isinstance(form.app.screen, DebriefScreen)
        assert value_of(form.pilot, "#notes") == ""
        await until(form.pilot, lambda: repo.load_draft(key) is None, "the draft removed")
    assert repo.load_draft(key) is None


async def test_escape_on_the_offer_restores_rather_than_loses_the_draft(
    repo: TinyRepository, clock: FixedClock
) -> None:
    customer = add_customer(repo, clock)
    key = leave_draft(repo, clock, customer.id, notes="half-typed")
    async with debrief_form(repo, clock, customer.id) as form:
        await form.pilot.press("escape")
        await form.pilot.pause()
        assert isinstance(form.app.screen, DebriefScreen)
        assert value_of(form.pilot, "#notes") == "half-typed"
        await settle(form.pilot)
    assert repo.load_draft(key) is not None


UNREADABLE = [{"form": "not fields"}, {"form": {}}, {"saved_at": "never"}, {}]
"""Drafts as another version (or a damaged file) could leave them."""


async def test_a_draft_this_version_cannot_read_is_not_offered(
    repo: TinyRepository, clock: FixedClock
) -> None:
    """One app, each draft left for a customer of its own, so nothing one form remembers
    can stand in for what the next one reads."""
    app, _ = form_app(repo, clock)
    async with app.run_test(size=SIZE) as pilot:
        for number, unreadable in enumerate(UNREADABLE):
            customer = add_customer(repo, clock, name=f"Customer {number}")
            repo.save_draft(draft_key(customer.id, None), unreadable)
            await open_form(app, pilot, customer.id)
            assert isinstance(app.screen, DebriefScreen), unreadable
            await app.pop_screen()
            await settle(pilot)


async def test_a_draft_of_a_debrief_already_saved_is_not_offered(
    repo: TinyRepository, clock: FixedClock
) -> None:
    """Killed between saving the debrief and removing its draft: nothing to restore."""
    customer = add_customer(repo, clock)
    saved = add_debrief(repo, clock, customer, notes="saved")
    key = leave_draft(repo, clock, customer.id, notes="saved", debrief_id=saved.id)
    async with debrief_form(repo, clock, customer.id) as form:
        assert isinstance(form.app.screen, DebriefScreen)
        await settle(form.pilot)
    assert repo.load_draft(key) is None


async def test_editing_keeps_its_own_draft(repo: TinyRepository, clock: FixedClock) -> None:
    customer = add_customer(repo, clock)
    earlier = add_debrief(repo, clock, customer, notes="first")
    async with debrief_form(repo, clock, customer.id, debrief_id=earlier.id) as form:
        await type_into(form.pilot, "#notes", " and more")
        await until(
            form.pilot, lambda: repo.load_draft(draft_key(customer.id, earlier.id)), "a draft"
        )
    assert repo.load_draft(draft_key(customer.id, None)) is None
    edit = DebriefDraft.from_json(repo.load_draft(draft_key(customer.id, earlier.id)) or {})
    assert edit is not None and edit.debrief_id == earlier.id


async def test_a_draft_restored_days_later_keeps_the_dates_it_showed(
    repo: TinyRepository, clock: FixedClock
) -> None:
    """Typed on Monday ("fri", blank for now), restored on Saturday: still that Monday and
    that Friday, not the next ones."""
    customer = add_customer(repo, clock)
    async with debrief_form(repo, clock, customer.id) as form:
        await fill_promise(form.pilot, "my_promises", 1, "Send the deck", "fri", typed=False)
        put(form.pilot, "#follow_up", "tomorrow")
        await form.pilot.pause()  # the form takes in the changes before the app quits
    clock.advance(days=5)
    async with debrief_form(repo, clock, customer.id) as form:
        await form.pilot.press("y")
        await form.pilot.pause()
        assert value_of(form.pilot, "#when") == "2026-11-23 09:30"
        await form.pilot.press("ctrl+s")
        await settle(form.pilot)
    (saved,) = repo.debriefs_for(customer.id)
    assert saved.when == NOW
    assert [p.due for p in saved.my_promises] == [date(2026, 11, 27)]
    assert saved.follow_up == date(2026, 11, 24)


async def test_a_draft_pins_a_call_time_to_the_day_gone_not_the_next_one(
    repo: TinyRepository, clock: FixedClock
) -> None:
    """ "fri 10:00" typed on Monday for when the call was is the Friday just gone."""
    customer = add_customer(repo, clock)
    async with debrief_form(repo, clock, customer.id) as form:
        await type_into(form.pilot, "#when", "fri 10:00")
    clock.advance(days=1)
    async with debrief_form(repo, clock, customer.id) as form:
        await form.pilot.press("y")
        await form.pilot.pause()
        assert value_of(form.pilot, "#when") == "2026-11-20 10:00"

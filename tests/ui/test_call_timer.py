"""The live call timer on screen, with the clock moved by hand instead of waiting."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from relprep.domain.clock import FixedClock
from relprep.domain.model import Customer
from relprep.store.tinydb_repository import TinyRepository
from relprep.ui.app import RelprepApp
from relprep.ui.screens.call_timer import CallTimerScreen
from relprep.ui.screens.prep import PrepScreen
from tests.factories import add_customer
from tests.ui import settle, until
from tests.ui.test_prep import open_prep

SIZE = (100, 34)


@pytest.fixture
def ada(repo: TinyRepository, clock: FixedClock) -> Customer:
    return add_customer(repo, clock)


async def start_call(app: RelprepApp, pilot: Pilot, customer: Customer) -> CallTimerScreen:
    await open_prep(app, pilot, customer)
    await pilot.press("ctrl+t")
    await until(pilot, lambda: isinstance(app.screen, CallTimerScreen), "the call timer opened")
    await settle(pilot)
    assert isinstance(app.screen, CallTimerScreen)
    return app.screen


def shown(screen: CallTimerScreen, widget_id: str) -> str:
    """What the widget says after a redraw (a tick, in real use)."""
    screen.show()
    return str(screen.query_one(f"#{widget_id}", Static).content)


async def test_six_minutes_me_nine_them_shows_sixty_percent(
    app: RelprepApp, ada: Customer, clock: FixedClock
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_call(app, pilot, ada)
        assert shown(screen, "speaker") == "I am talking"
        clock.advance(minutes=6)
        await pilot.press("space")
        clock.advance(minutes=9)

        assert shown(screen, "speaker") == "They are talking"
        assert shown(screen, "clock") == "Elapsed 15:00   me 6:00   them 9:00"
        share = shown(screen, "share")
        assert share == "Listening 60%  at or past the 57% mark seen in calls that convert"
        assert shown(screen, "monologue") == "Longest monologue 6:00"


async def test_time_spent_back_in_the_prep_still_counts(
    app: RelprepApp, ada: Customer, clock: FixedClock
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await start_call(app, pilot, ada)
        clock.advance(minutes=6)
        await pilot.press("space", "escape")
        assert isinstance(app.screen, PrepScreen)
        assert app.screen.sub_title == "Ada Lovelace · call running: ctrl+t to return"

        clock.advance(minutes=9)
        await pilot.press("ctrl+t")
        screen = app.screen
        assert isinstance(screen, CallTimerScreen)

        assert shown(screen, "clock") == "Elapsed 15:00   me 6:00   them 9:00"


async def test_a_pause_stops_both_sides(app: RelprepApp, ada: Customer, clock: FixedClock) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_call(app, pilot, ada)
        clock.advance(minutes=2)
        await pilot.press("p")
        clock.advance(minutes=5)

        assert shown(screen, "speaker") == "Paused  (p to resume)"
        assert shown(screen, "clock") == "Elapsed 7:00   me 2:00   them 0:00   paused 5:00"
        assert "below the 50% line" in shown(screen, "share")


async def test_a_long_monologue_gets_a_nudge(
    app: RelprepApp, ada: Customer, clock: FixedClock
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_call(app, pilot, ada)
        clock.advance(minutes=1)
        assert "question" not in shown(screen, "monologue")

        clock.advance(minutes=2, seconds=5)

        assert "talking for 3:05: time for a question?" in shown(screen, "monologue")


async def test_finish_opens_the_debrief_with_the_listen_share(
    app: RelprepApp, ada: Customer, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[tuple[str, int | None]] = []

    def open_debrief(customer_id: str, *, listen_pct: int | None = None, **_: object) -> None:
        opened.append((customer_id, listen_pct))

    monkeypatch.setattr(app, "open_debrief", open_debrief)
    async with app.run_test(size=SIZE) as pilot:
        await start_call(app, pilot, ada)
        clock.advance(minutes=6)
        await pilot.press("space")
        clock.advance(minutes=9)

        await pilot.press("f")
        await pilot.pause()

        assert opened == [(ada.id, 60)]
        assert isinstance(app.screen, PrepScreen)
        assert app.screen.call is None
        assert app.screen.sub_title == "Ada Lovelace"


def test_snapshot_timer(snap_compare, app: RelprepApp, ada: Customer, clock: FixedClock) -> None:
    async def run_before(pilot: Pilot) -> None:
        screen = await start_call(app, pilot, ada)
        clock.advance(minutes=6)
        await pilot.press("space")
        clock.advance(minutes=9)
        await pilot.press("space")
        clock.advance(minutes=2, seconds=30)
        screen.show()
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


async def test_leaving_the_prep_during_a_call_asks_first(app: RelprepApp, ada: Customer) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await start_call(app, pilot, ada)
        await pilot.press("escape", "escape")
        assert isinstance(app.screen, PrepScreen)

        await pilot.press("escape")

        assert not isinstance(app.screen, PrepScreen)

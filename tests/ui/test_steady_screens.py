"""The autouse `steady_screens` fixture reaches every app a test starts (tests/conftest.py)."""

from __future__ import annotations

from textual.notifications import Notification
from textual.widgets import Input, TextArea

from tests.ui import SIZE, make_app, settle


async def test_an_app_under_test_changes_nothing_on_a_timer(repo, clock):
    async with make_app(repo, clock).run_test(size=SIZE) as pilot:
        await settle(pilot)
        app = pilot.app
        assert app.animation_level == "none"

        field, area = Input(), TextArea()
        await app.screen.mount(field, area)
        for widget, blink in (
            (field, field._toggle_cursor),
            (area, area._toggle_cursor_blink_visible),
        ):
            widget.focus()
            await pilot.pause()
            assert widget._cursor_visible
            blink()  # what the blink timer calls every half second
            blink()
            blink()
            assert widget._cursor_visible

        app.notify("Saved.", timeout=0)
        await pilot.pause()
        assert [n.message for n in app._notifications] == ["Saved."]


def test_a_notification_outlives_its_timeout():
    assert not Notification("Saved.", timeout=0).has_expired

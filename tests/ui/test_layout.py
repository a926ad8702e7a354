"""What fits on screen: fields inside their forms, columns that end in "…" rather than run
into each other, and the keys that matter at 80x24."""

from __future__ import annotations

import pytest
from textual.app import App
from textual.widgets import Input

from relprep.ui.app import RelprepApp
from relprep.ui.screens.customer_form import CustomerForm
from tests.ui import settle

SMALL = (80, 24)
LARGE = (120, 36)
LONG_NAME = "Adelaide Augusta Ada King-Noel, Countess of Lovelace, née Byron, of London"


def fields_past_their_box(app: App) -> list[str]:
    """Input fields that reach past the box holding them, where what they show is cut off."""
    cut = []
    for field in app.screen.query(Input):
        box = field.parent.content_region if field.parent else app.screen.region
        if field.display and (field.region.right > box.right or field.region.x < box.x):
            cut.append(field.id or field.name or "?")
    return cut


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x36"])
async def test_a_long_name_scrolls_in_the_customer_form_with_the_cursor_in_view(
    app: RelprepApp, size: tuple[int, int]
) -> None:
    assert len(LONG_NAME) == 74
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        app.push_screen(CustomerForm())
        await settle(pilot)
        assert fields_past_their_box(app) == []
        await pilot.press(*LONG_NAME)
        name = app.screen.query_one("#name", Input)
        assert name.value == LONG_NAME
        shown_from = name.scroll_offset.x
        assert shown_from + name.region.width >= len(LONG_NAME) + 1, "cursor cell in view"
        assert name.scroll_offset.x > 0, "the start scrolled away to show the end"

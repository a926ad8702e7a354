"""Every key goes to the widget the user sees focused, however fast the keys come.

A burst is posted to the app with no await between keys, as a fast typist or a busy machine
delivers it through the terminal: the app reads them all before any widget has handled the
first. Textual 8.2.8 moved focus on tab only after the tab had bubbled up from the field being
left, so the keys after it were typed into that field.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from textual import events
from textual.app import App
from textual.keys import _character_to_key
from textual.pilot import Pilot
from textual.widgets import Checkbox, Input, TextArea

from relprep.domain.model import Customer
from relprep.store.tinydb_repository import TinyRepository
from relprep.ui.app import RelprepApp
from relprep.ui.screens.customer_form import CustomerForm
from relprep.ui.screens.debrief import DebriefScreen
from relprep.ui.screens.prep import PrepScreen
from tests.factories import add_customer
from tests.ui import SIZE, settle
from tests.ui.test_prep import answer, checkbox, open_prep

WAIT = 90.0
"""Seconds a burst may take to be handled on a loaded machine before a test gives up."""
NAMED = {"\t": "tab", "\x1b[Z": "shift+tab"}


def burst(app: App, *parts: str) -> None:
    """Post every key of `parts` at once; "\\t" is tab and "\\x1b[Z" shift+tab."""
    for part in parts:
        if part in NAMED:
            app.post_message(events.Key(NAMED[part], None))
            continue
        for char in part:
            key = "tab" if char == "\t" else _character_to_key(char)
            app.post_message(events.Key(key, None if char == "\t" else char))


async def until(pilot: Pilot, done: Callable[[], object]) -> None:
    """Wait for `done()`, then for the app to finish what it was doing: a burst is handled
    one key after another, and the last key's effects come a moment after it."""
    deadline = time.monotonic() + WAIT
    while not done():
        assert time.monotonic() < deadline, "the burst was never handled"
        await pilot.pause()
    await settle(pilot)


def typed(app: App, text: str) -> bool:
    """Whether `text` is in some field of the screen: the last key of the burst has landed."""
    fields = [field.value for field in app.screen.query(Input)]
    fields += [area.text for area in app.screen.query(TextArea)]
    return any(text in field for field in fields)


def value(app: App, selector: str) -> str:
    return app.screen.query_one(selector, Input).value


async def test_a_burst_with_tabs_fills_each_field_of_the_customer_form(
    app: RelprepApp,
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(CustomerForm())
        await settle(pilot)
        burst(app, "Ada Burst\tAnalytical Engines\tCTO")
        await until(pilot, lambda: typed(app, "CTO"))
        assert isinstance(app.screen, CustomerForm)
        names = [value(app, f"#{name}") for name in ("name", "company", "role")]
        assert names == ["Ada Burst", "Analytical Engines", "CTO"]
        assert app.focused is app.screen.query_one("#role")


async def test_shift_tab_in_a_burst_goes_back_before_the_next_key(app: RelprepApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(CustomerForm())
        await settle(pilot)
        burst(app, "Ada\tEngines\tCTO", "\x1b[Z", "Ltd")
        await until(pilot, lambda: typed(app, "Ltd"))
        names = [value(app, f"#{name}") for name in ("name", "company", "role")]
        assert names == ["Ada", "Ltd", "CTO"], "focus selects the field's text; Ltd replaces it"


async def test_tab_leaves_a_suggestion_untaken_and_leaves_a_text_area(
    app: RelprepApp, repo: TinyRepository, clock
) -> None:
    ada = add_customer(repo, clock, interests=["sailing"])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.open_debrief(ada.id)
        await settle(pilot)
        assert isinstance(app.screen, DebriefScreen)
        burst(app, "\t60\trenewal\tsa\tlikes boats\tnone said\tCobol")
        await until(pilot, lambda: typed(app, "Cobol"))
        assert value(app, "#listen") == "60"
        assert value(app, "#topics") == "renewal"
        assert value(app, "#interests") == "sa"
        assert app.screen.query_one("#learned", TextArea).text == "likes boats"
        assert value(app, "#negative") == "none said"
        assert value(app, "#alternatives") == "Cobol"


async def test_tab_b_b_b_tab_space_in_prep_answers_then_ticks_the_next_item(
    app: RelprepApp, repo: TinyRepository, clock
) -> None:
    ada: Customer = add_customer(repo, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen: PrepScreen = await open_prep(app, pilot, ada)
        burst(app, "\tbbb\t ")
        answers = list(screen.query(".answer").results(Input))
        await until(
            pilot,
            lambda: (
                any(" " in field.value for field in answers)
                or any(box.value for box in screen.query(Checkbox))
            ),
        )
        assert answer(screen, "intent.help").value == "bbb"
        assert checkbox(screen, "intent.value").value is True
        assert checkbox(screen, "intent.help").value is False


async def test_ctrl_s_in_a_burst_saves_what_was_typed_before_it(
    app: RelprepApp, repo: TinyRepository
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(CustomerForm())
        await settle(pilot)
        burst(app, "Ada\tEngines\tCTO")
        app.post_message(events.Key("ctrl+s", None))
        await until(pilot, lambda: bool(repo.list_customers()))
        (customer,) = repo.list_customers()
        assert (customer.name, customer.company, customer.role) == ("Ada", "Engines", "CTO")


async def test_keys_after_escape_go_to_the_screen_below_the_closed_form(
    app: RelprepApp, repo: TinyRepository, clock
) -> None:
    add_customer(repo, clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(CustomerForm())
        await settle(pilot)
        burst(app, "Zed")
        app.post_message(events.Key("escape", None))
        burst(app, "y/Ada")  # y: discard what was typed
        await until(pilot, lambda: typed(app, "da"))
        assert not isinstance(app.screen, CustomerForm)
        assert value(app, "#search") == "Ada"
        assert app.focused is app.screen.query_one("#search")

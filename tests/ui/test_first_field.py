"""A form's first field has the keyboard from the moment the form is on screen.

Keys typed right after `a` or `d` (a fast typist, or a busy machine delivering a burst) must
land in the first field; they went to the form's scroller while a deferred focus was pending.
"""

from __future__ import annotations

from relprep.ui.screens.customer_form import CustomerForm
from relprep.ui.screens.debrief import DebriefScreen
from relprep.ui.screens.reminder_form import ReminderForm
from tests.factories import add_customer
from tests.ui import SIZE, make_app, settle


async def test_the_debrief_form_opens_with_when_focused(repo, clock):
    customer = add_customer(repo, clock)
    app = make_app(repo, clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.push_screen(DebriefScreen(customer.id))
        assert app.screen.focused is app.screen.query_one("#when")


async def test_the_customer_form_opens_with_name_focused(repo, clock):
    app = make_app(repo, clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.push_screen(CustomerForm())
        assert app.screen.focused is app.screen.query_one("#name")


async def test_the_reminder_form_opens_on_what_to_do_when_the_customer_is_known(repo, clock):
    """Typed at once after `a` on a customer's reminders, the text went into the customer
    picker and only what followed the Tab reached What."""
    ada, bob = add_customer(repo, clock, "Ada"), add_customer(repo, clock, "Bob")
    app = make_app(repo, clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.push_screen(ReminderForm([ada, bob], customer_id=bob.id))
        assert app.screen.focused is app.screen.query_one("#text")
        app.pop_screen()
        await settle(pilot)
        await app.push_screen(ReminderForm([ada, bob]))
        assert app.screen.focused is app.screen.query_one("#customer")

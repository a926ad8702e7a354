"""Two writers at once (a TUI holding a record, a script saving meanwhile): nothing is lost.

Issue 13 point 13: a profile edit saved after `relprep debrief add` put the customer's last
contact and new interest back; editing a promise after `relprep reminder done` reopened it.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from relprep.domain.model import Kind
from relprep.domain.validation import (
    customer_from_input,
    debrief_from_input,
    reminder_from_input,
)
from relprep.store.errors import Conflict
from relprep.store.tinydb_repository import TinyRepository
from relprep.usecases.customers import log_contact
from relprep.usecases.debriefs import save_debrief
from relprep.usecases.reminders import complete_reminder, snooze_reminder
from tests.factories import add_customer, add_debrief, add_reminder


@pytest.fixture
def script(db_path):
    """Another process's view of the same database."""
    return TinyRepository(db_path)


def test_a_stale_profile_edit_is_refused_not_saved_over_a_debrief(repo, script, clock) -> None:
    held = add_customer(repo, clock, "Ada", interests=["golf"])
    add_debrief(script, clock, held, interests=["chess"])
    edited = customer_from_input(clock, name="Ada", role="CTO", existing=held)
    with pytest.raises(Conflict) as refused:
        repo.save_customer(edited)
    assert "changed elsewhere" in refused.value.message
    stored = repo.get_customer(held.id)
    assert stored.interests == ("golf", "chess")
    assert stored.last_contact is not None
    assert refused.value.current == stored


def test_a_stale_promise_edit_does_not_reopen_a_promise_kept_meanwhile(repo, script, clock):
    ada = add_customer(repo, clock)
    held = add_reminder(repo, clock, ada, "Send the deck", kind="promise")
    complete_reminder(script, held.id, clock.now())
    unchanged = reminder_from_input(
        clock, customer_id=ada.id, text=held.text, due="fri", kind="promise", existing=held
    )
    with pytest.raises(Conflict):
        repo.save_reminder(unchanged)
    assert repo.get_reminder(held.id).done_at == clock.now()


def test_done_and_snooze_act_on_the_reminder_as_stored_now(repo, script, clock) -> None:
    ada = add_customer(repo, clock)
    held = add_reminder(repo, clock, ada, "Send the deck")
    script.save_reminder(replace(script.get_reminder(held.id), text="Send the new deck"))
    snoozed = snooze_reminder(repo, held.id, held.due.replace(day=30), clock.now())
    assert snoozed.text == "Send the new deck"
    done = complete_reminder(repo, held.id, clock.now())
    assert (done.text, done.done_at) == ("Send the new deck", clock.now())


def test_logging_a_contact_keeps_what_a_debrief_added_meanwhile(repo, script, clock) -> None:
    held = add_customer(repo, clock, "Ada")
    add_debrief(script, clock, held, interests=["chess"], when="yesterday")
    logged = log_contact(repo, held.id, clock.now())
    assert logged.interests == ("chess",)
    assert logged.last_contact == clock.now()


def test_a_debrief_keeps_a_profile_change_saved_meanwhile(repo, script, clock) -> None:
    ada = add_customer(repo, clock, "Ada")
    script.save_customer(replace(script.get_customer(ada.id), role="CTO"))
    add_debrief(repo, clock, ada, interests=["chess"])
    stored = repo.get_customer(ada.id)
    assert (stored.role, stored.interests) == ("CTO", ("chess",))


def test_a_debrief_saved_again_after_a_reported_failure_updates_it(repo, clock) -> None:
    """The same new debrief (version 0) saved twice, as a form does when its first save
    reported an error yet landed: one debrief, one promise reminder."""
    ada = add_customer(repo, clock)
    debrief = debrief_from_input(clock, customer_id=ada.id, my_promises=[("fri", "Send it")])
    save_debrief(repo, debrief, clock.now())
    again = save_debrief(repo, debrief, clock.now())
    assert repo.debriefs_for(ada.id) == [again]
    promises = [r for r in repo.list_reminders(include_done=True) if r.kind is Kind.PROMISE]
    assert [r.id for r in promises] == [again.my_promises[0].reminder_id]

"""A form saved after another process changed its record: both changes kept, or refused.

Issue 13, point 13: the profile edit put back a debrief's last contact and interest; an
unchanged promise edit reopened a promise `relprep reminder done` had closed.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from relprep.domain.merge import MergeClash
from relprep.domain.validation import customer_from_input, reminder_from_input
from relprep.store.errors import Conflict
from relprep.store.tinydb_repository import TinyRepository
from relprep.usecases.customers import save_profile
from relprep.usecases.reminders import complete_reminder, save_edited_reminder
from tests.factories import add_customer, add_debrief, add_reminder


@pytest.fixture
def script(db_path):
    """Another process's view of the same database."""
    return TinyRepository(db_path)


def test_a_profile_edit_lands_on_top_of_a_debrief_logged_meanwhile(repo, script, clock) -> None:
    held = add_customer(repo, clock, "Ada", interests=["golf"])
    add_debrief(script, clock, held, interests=["chess"])
    edited = customer_from_input(
        clock, name="Ada", role="CTO", interests=["golf", "sailing"], existing=held
    )

    saved = save_profile(repo, held, edited)

    stored = repo.get_customer(held.id)
    assert stored == saved
    assert stored.role == "CTO"
    assert stored.interests == ("golf", "chess", "sailing")
    assert stored.last_contact is not None


def test_a_profile_field_both_changed_is_refused_and_nothing_written(repo, script, clock):
    held = add_customer(repo, clock, "Ada", company="Acme")
    script.save_customer(replace(script.get_customer(held.id), company="Acme Group"))
    edited = customer_from_input(clock, name="Ada", company="Acme Ltd", existing=held)

    with pytest.raises(MergeClash) as clash:
        save_profile(repo, held, edited)

    assert clash.value.fields == ("company",)
    assert repo.get_customer(held.id).company == "Acme Group"


def test_an_unchanged_promise_edit_writes_nothing_after_a_script_marked_it_done(
    repo, script, clock
) -> None:
    ada = add_customer(repo, clock)
    held = add_reminder(repo, clock, ada, "Send the deck", kind="promise")
    done = complete_reminder(script, held.id, clock.now())
    unchanged = reminder_from_input(
        clock, customer_id=ada.id, text=held.text, due="fri", kind="promise", existing=held
    )

    assert save_edited_reminder(repo, held, unchanged) == done
    assert repo.get_reminder(held.id).done_at == clock.now()


def test_a_real_edit_of_a_reminder_done_elsewhere_is_refused(repo, script, clock) -> None:
    ada = add_customer(repo, clock)
    held = add_reminder(repo, clock, ada, "Send the deck", kind="promise")
    complete_reminder(script, held.id, clock.now())
    edited = replace(held, text="Send the new deck")

    with pytest.raises(Conflict):
        save_edited_reminder(repo, held, edited)
    assert repo.get_reminder(held.id).text == "Send the deck"


def test_a_reminder_edit_keeps_a_snooze_made_elsewhere(repo, script, clock) -> None:
    ada = add_customer(repo, clock)
    held = add_reminder(repo, clock, ada, "Send the deck")
    later = held.due.replace(day=30)
    moved = script.save_reminder(replace(script.get_reminder(held.id), due=later))

    saved = save_edited_reminder(repo, held, replace(held, text="Send the new deck"))

    assert (saved.text, saved.due) == ("Send the new deck", moved.due)

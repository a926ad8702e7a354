from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from relprep.domain import rules
from relprep.domain.clock import FixedClock
from relprep.domain.model import Kind
from relprep.domain.validation import customer_from_input, debrief_from_input, reminder_from_input

TODAY = date(2026, 11, 23)


def _reminder(clock: FixedClock, due: str, **fields):
    fields.setdefault("customer_id", "c-1")
    fields.setdefault("text", "thing")
    return reminder_from_input(clock, due=due, **fields)


def test_next_touch_is_last_contact_plus_cadence(clock: FixedClock) -> None:
    customer = customer_from_input(clock, name="Ada", cadence="2w")
    assert rules.next_touch_due(customer) == TODAY + timedelta(days=14)
    contacted = replace(customer, last_contact=clock.now() - timedelta(days=20))
    assert rules.next_touch_due(contacted) == TODAY - timedelta(days=6)
    assert rules.next_touch_due(replace(customer, cadence_days=None)) is None


def test_promise_record_judges_against_the_first_promised_date(clock: FixedClock) -> None:
    on_time = _reminder(clock, "2026-11-22", kind="promise")
    on_time = replace(on_time, done_at=clock.now() - timedelta(days=2))
    snoozed_then_late = rules.snooze(_reminder(clock, "3d", kind="promise"), TODAY, clock.now())
    snoozed_then_late = replace(
        snoozed_then_late, promised_due=TODAY - timedelta(days=5), done_at=clock.now()
    )
    overdue = _reminder(clock, "2026-11-22", kind="promise")
    still_open = _reminder(clock, "fri", kind="promise")
    not_a_promise = _reminder(clock, "2026-11-22", kind="act")
    record = rules.promise_record(
        [on_time, snoozed_then_late, overdue, still_open, not_a_promise], TODAY
    )
    assert (record.kept_on_time, record.late, record.overdue, record.open) == (1, 1, 1, 1)
    assert record.rate == 1 / 3


def test_no_judged_promise_means_no_rate() -> None:
    assert rules.promise_record([], TODAY).rate is None


def test_debrief_effects_create_update_and_remove_reminders(clock: FixedClock) -> None:
    customer = customer_from_input(clock, name="Ada", interests=["golf"])
    debrief = debrief_from_input(
        clock,
        customer_id=customer.id,
        my_promises=[("fri", "Send pricing"), ("", "Intro to Bob")],
        follow_up="2w",
        next_step="Demo for the team",
        interests=["Golf", "sailing"],
    )
    first = rules.debrief_effects(debrief, customer, {}, clock.now())
    promises = [r for r in first.upsert if r.kind is Kind.PROMISE]
    assert [(r.text, r.due) for r in promises] == [
        ("Send pricing", date(2026, 11, 27)),
        ("Intro to Bob", date(2026, 11, 30)),  # no date given: a week after the call
    ]
    touch = next(r for r in first.upsert if r.kind is Kind.TOUCH)
    assert (touch.text, touch.due) == ("Demo for the team", date(2026, 12, 7))
    assert first.customer.interests == ("golf", "sailing")
    assert first.customer.last_contact == debrief.when
    assert all(p.reminder_id for p in first.debrief.my_promises)

    existing = {r.id: r for r in first.upsert}
    kept = first.debrief.my_promises[0]
    edited = replace(first.debrief, my_promises=(replace(kept, text="Send pricing v2"),))
    second = rules.debrief_effects(edited, first.customer, existing, clock.now())
    assert [r.id for r in second.upsert if r.kind is Kind.PROMISE] == [kept.reminder_id]
    assert second.upsert[0].text == "Send pricing v2"
    assert second.delete == (first.debrief.my_promises[1].reminder_id,)


def test_an_older_debrief_does_not_move_last_contact_back(clock: FixedClock) -> None:
    customer = replace(customer_from_input(clock, name="Ada"), last_contact=clock.now())
    old = debrief_from_input(clock, customer_id=customer.id, when="2026-01-05")
    effects = rules.debrief_effects(old, customer, {}, clock.now())
    assert effects.customer.last_contact == clock.now()


def test_complete_rolls_recurring_reminders_past_today(clock: FixedClock) -> None:
    weekly = _reminder(clock, "2026-11-02", every="weekly")
    rolled = rules.complete(weekly, clock.now())
    assert rolled.due == date(2026, 11, 30) and rolled.done_at is None
    first_monday = _reminder(clock, "2026-11-02", every="FREQ=MONTHLY;BYDAY=1MO")
    assert rules.complete(first_monday, clock.now()).due == date(2026, 12, 7)
    once = _reminder(clock, "fri")
    assert rules.complete(once, clock.now()).done_at == clock.now()


def test_completing_a_done_promise_again_keeps_its_stamp(clock: FixedClock) -> None:
    """issue 16 point 9: a second `reminder done` must not turn "kept on time" into "late"."""
    promise = _reminder(clock, "fri", kind="promise")
    done = rules.complete(promise, clock.now())
    clock.advance(days=30)
    assert rules.complete(done, clock.now()) == done


def test_their_promises_are_tracked_and_judged_like_mine(clock: FixedClock) -> None:
    """What else a user expects (issue 13): integrity measured both ways."""
    from datetime import datetime

    customer = customer_from_input(clock, name="Ada")
    debrief = debrief_from_input(
        clock,
        customer_id=customer.id,
        when="2026-11-20",
        their_promises=[("2026-11-25", "Send the org chart"), ("", "Intro to their CFO")],
    )

    effects = rules.debrief_effects(debrief, customer, {}, clock.now())

    theirs = [r for r in effects.upsert if r.kind is Kind.THEIRS]
    assert [(r.text, r.due) for r in theirs] == [
        ("Send the org chart", date(2026, 11, 25)),
        ("Intro to their CFO", date(2026, 11, 27)),
    ]
    assert [p.reminder_id for p in effects.debrief.their_promises] == [r.id for r in theirs]
    kept_late = replace(theirs[0], done_at=datetime(2026, 11, 30, 9, tzinfo=clock.now().tzinfo))
    record = rules.promise_record([kept_late, theirs[1]], date(2026, 11, 28), Kind.THEIRS)
    assert (record.kept_on_time, record.late, record.overdue) == (0, 1, 1)
    assert rules.promise_record([kept_late, theirs[1]], date(2026, 11, 28)).rate is None
    edited = rules.debrief_effects(
        effects.debrief, customer, {r.id: r for r in effects.upsert}, clock.now()
    )
    assert {r.id for r in edited.upsert} == {r.id for r in effects.upsert}

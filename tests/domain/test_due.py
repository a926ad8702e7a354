"""What is due, decided in one place: attention, the next touch and the due list agree."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from relprep.domain import due
from relprep.domain.clock import FixedClock
from relprep.domain.model import Customer, Reminder
from relprep.domain.reminder_view import ViewFilter, Window, build_items, window_counts
from relprep.domain.validation import customer_from_input
from tests.domain.test_rules import TODAY, _reminder


def test_attention_puts_overdue_first_then_promises_then_cadence(clock: FixedClock) -> None:
    calm = customer_from_input(clock, name="Calm", cadence="never")
    lapsed = replace(
        customer_from_input(clock, name="Lapsed", cadence="1w"),
        last_contact=clock.now() - timedelta(days=30),
    )
    promised = customer_from_input(clock, name="Promised", cadence="never")
    overdue = customer_from_input(clock, name="Overdue", cadence="never")
    reminders = [
        _reminder(clock, "tomorrow", kind="promise", customer_id=promised.id),
        _reminder(clock, "3d", kind="act", customer_id=overdue.id),
        _reminder(clock, "2026-11-22", kind="act", customer_id=overdue.id),
    ]
    ranked = due.agenda([calm, lapsed, promised, overdue], reminders, TODAY).ranked
    assert [a.customer.name for a in ranked] == ["Overdue", "Promised", "Lapsed", "Calm"]
    assert ranked[0].reasons == ("1 overdue",)
    assert ranked[2].reasons == ("23 days past cadence",)
    assert ranked[3].reasons == ()


def test_done_reminders_need_no_attention(clock: FixedClock) -> None:
    customer = customer_from_input(clock, name="Ada", cadence="never")
    done = replace(_reminder(clock, "2026-11-22", customer_id=customer.id), done_at=clock.now())
    assert due.agenda([customer], [done], TODAY).ranked[0].score == 0


def _with_follow_up():
    """Last contact 15 Nov with a 30-day cadence (touch due Tue 15 Dec by the cadence), and
    a follow-up touch planned for Fri 4 Dec."""
    start = FixedClock(datetime(2026, 11, 15, 10, 0, tzinfo=UTC))
    customer = replace(
        customer_from_input(start, name="Ada", cadence="30d"), last_contact=start.now()
    )
    follow_up = _reminder(start, "2026-12-04", kind="touch", customer_id=customer.id)
    return customer, follow_up


def test_the_next_touch_is_a_planned_follow_up_before_the_cadence() -> None:
    customer, follow_up = _with_follow_up()

    assert due.next_touch(customer, [follow_up]) == date(2026, 12, 4)
    assert due.next_touch(customer, [replace(follow_up, done_at=follow_up.created)]) == date(
        2026, 12, 15
    )


def test_a_planned_follow_up_ten_days_late_is_overdue_not_tomorrow() -> None:
    customer, follow_up = _with_follow_up()

    [late] = due.agenda([customer], [follow_up], date(2026, 12, 14)).ranked

    assert late.next_touch == date(2026, 12, 4)
    assert late.reasons == ("1 overdue",)
    assert [item.key for item in due.due_now([follow_up], [customer], date(2026, 12, 14))] == [
        follow_up.id
    ]


def test_due_now_counts_the_cadence_touches_the_reminders_panel_shows(clock: FixedClock) -> None:
    """The 2027-04-01 report: Today listed 3 while Reminders said "Overdue 5"."""
    lapsed = [
        replace(
            customer_from_input(clock, name=f"Lapsed {n}", cadence="2w"),
            last_contact=clock.now(),
        )
        for n in range(2)
    ]
    acts = [_reminder(clock, "2026-12-01", customer_id=lapsed[0].id) for _ in range(3)]
    today = date(2027, 4, 1)

    items = build_items(acts, lapsed, today)
    counts = window_counts(items, ViewFilter(), today)

    shown = due.due_now(acts, lapsed, today)
    assert len(shown) == counts[Window.OVERDUE] + counts[Window.TODAY] == 5
    assert sum(item.derived for item in shown) == 2
    assert due.agenda(lapsed, acts, today).ranked[0].reasons == (
        "3 overdue",
        "115 days past cadence",
    )


def test_their_overdue_promise_is_flagged_apart_from_mine(clock: FixedClock) -> None:
    customer = customer_from_input(clock, name="Ada", cadence="never")
    theirs = _reminder(clock, "2026-11-20", kind="theirs", customer_id=customer.id)

    [flagged] = due.agenda([customer], [theirs], TODAY).ranked

    assert flagged.reasons == ("they owe 1, late",)
    assert [item.key for item in due.due_now([theirs], [customer], TODAY)] == [theirs.id]


def _mix(clock: FixedClock, seed: int) -> tuple[list[Customer], list[Reminder]]:
    """Customers of every cadence and open or done reminders of every kind, due from ten
    days ago to a month ahead."""
    rng = random.Random(seed)
    customers = [
        replace(
            customer_from_input(clock, name=f"C{n}", cadence=rng.choice(["1w", "2w", "never"])),
            last_contact=clock.now() - timedelta(days=rng.randint(0, 40)),
        )
        for n in range(12)
    ]
    reminders = [
        replace(
            _reminder(
                clock,
                (TODAY + timedelta(days=rng.randint(-10, 30))).isoformat(),
                kind=rng.choice(["act", "promise", "theirs", "touch"]),
                customer_id=rng.choice(customers).id,
            ),
            done_at=clock.now() if rng.random() < 0.2 else None,
        )
        for _ in range(80)
    ]
    return customers, reminders


@pytest.mark.parametrize("seed", range(4))
def test_today_lists_agree_with_every_item_built(clock: FixedClock, seed: int) -> None:
    """agenda builds items only up to its horizon and finds next touches in one pass; every
    reason, next touch and due row is still what the whole list of items says."""
    customers, reminders = _mix(clock, seed)
    not_first = lambda item: item.customer_id != customers[0].id  # noqa: E731 - a "mine" view

    for keep in (None, not_first):
        lists = due.agenda(customers, reminders, TODAY, keep)

        items = due.kept(build_items(reminders, customers, TODAY), keep)
        assert lists.due == due.due_items(items, TODAY)
        for shown in lists.ranked:
            customer = shown.customer
            own = [item for item in items if item.customer_id == customer.id]
            touch = due.next_touch(customer, [r for r in reminders if r.customer_id == customer.id])
            assert shown == due._attention_for(customer, own, touch, TODAY)


@pytest.mark.parametrize("seed", range(4))
def test_a_cut_due_list_is_the_start_of_the_whole_one(clock: FixedClock, seed: int) -> None:
    """Today asks for the first rows only; they are picked by day before names are compared,
    so a cut that falls among one day's items must still keep the right ones, in order."""
    customers, reminders = _mix(clock, seed)
    whole = due.agenda(customers, reminders, TODAY)
    assert whole.due_count == len(whole.due) > 10

    for first in (1, 3, 7, len(whole.due) - 1, len(whole.due), len(whole.due) + 5):
        cut = due.agenda(customers, reminders, TODAY, first=first)
        assert cut.due == whole.due[:first]
        assert cut.due_count == whole.due_count
        assert cut.ranked == whole.ranked

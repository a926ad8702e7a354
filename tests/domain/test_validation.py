from __future__ import annotations

from datetime import date

import pytest

from relprep.domain.clock import FixedClock
from relprep.domain.model import Cost, Kind
from relprep.domain.validation import (
    ValidationError,
    customer_from_input,
    debrief_from_input,
    reminder_from_input,
    split_list,
)


def test_customer_fields_are_cleaned(clock: FixedClock) -> None:
    customer = customer_from_input(
        clock, name="  Ada  ", interests=["golf", "Golf", " jazz ", ""], cadence="2w"
    )
    assert customer.name == "Ada"
    assert customer.interests == ("golf", "jazz")
    assert customer.cadence_days == 14
    assert customer.created == clock.now()
    assert customer.id.startswith("c-")


def test_every_bad_customer_field_is_reported_at_once(clock: FixedClock) -> None:
    with pytest.raises(ValidationError) as caught:
        customer_from_input(clock, name=" ", cadence="whenever")
    assert list(caught.value.errors) == ["name", "cadence"]
    assert caught.value.first == "name"


def test_a_name_stays_on_one_line(clock: FixedClock) -> None:
    with pytest.raises(ValidationError, match="one line"):
        customer_from_input(clock, name="Ada\nLovelace")


def test_editing_keeps_identity(clock: FixedClock) -> None:
    original = customer_from_input(clock, name="Ada")
    clock.advance(days=1)
    edited = customer_from_input(clock, name="Ada L", existing=original)
    assert (edited.id, edited.created) == (original.id, original.created)
    assert edited.updated > original.updated


def test_cadence_can_be_switched_off(clock: FixedClock) -> None:
    assert customer_from_input(clock, name="Ada", cadence="never").cadence_days is None


def test_reminder_from_plain_words(clock: FixedClock) -> None:
    reminder = reminder_from_input(
        clock,
        customer_id="c-1",
        text="Send the match report",
        due="fri",
        kind="promise",
        cost="Medium",
        every="2w",
    )
    assert reminder.due == date(2026, 11, 27)
    assert reminder.promised_due == date(2026, 11, 27)
    assert (reminder.kind, reminder.cost) == (Kind.PROMISE, Cost.MEDIUM)
    assert reminder.every == "FREQ=WEEKLY;INTERVAL=2"


def test_reminder_errors_name_their_fields(clock: FixedClock) -> None:
    with pytest.raises(ValidationError) as caught:
        reminder_from_input(
            clock,
            customer_id="c-1",
            text="",
            due="someday",
            kind="gift",
            cost="cheap",
            every="often",
        )
    assert set(caught.value.errors) == {"text", "due", "kind", "cost", "every"}
    assert "act, promise, touch" in caught.value.errors["kind"]


def test_debrief_keeps_free_text_exactly(clock: FixedClock) -> None:
    text = "  [bold]not markup[/]\n\tsecond line  "
    debrief = debrief_from_input(clock, customer_id="c-1", learned=text, notes=text)
    assert debrief.learned == text and debrief.notes == text


def test_debrief_numbers_and_promises(clock: FixedClock) -> None:
    debrief = debrief_from_input(
        clock,
        customer_id="c-1",
        when="yesterday",
        listen="60%",
        score="4",
        my_promises=[("fri", "Send pricing"), ("", ""), ("", "Intro to Bob")],
        their_promises=[("2026-12-03", "Share the RFP")],
        follow_up="in 2 weeks",
        topics=["renewal", "Renewal", "budget"],
    )
    assert debrief.listen_pct == 60 and debrief.score == 4
    assert [(p.text, p.due) for p in debrief.my_promises] == [
        ("Send pricing", date(2026, 11, 27)),
        ("Intro to Bob", None),
    ]
    assert debrief.their_promises[0].due == date(2026, 12, 3)
    assert debrief.follow_up == date(2026, 12, 7)
    assert debrief.topics == ("renewal", "budget")
    assert debrief.when.date() == date(2026, 11, 22)


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"listen": "120"}, "listen", "from 0 to 100"),
        ({"listen": "lots"}, "listen", "whole number"),
        ({"score": "0"}, "score", "from 1 to 5"),
        ({"when": "someday"}, "when", "not a date"),
        ({"follow_up": "later"}, "follow_up", "not a date"),
        ({"my_promises": [("fri", "")]}, "my_promises.1", "say what was promised"),
        ({"their_promises": [("x", "y"), ("soon", "RFP")]}, "their_promises.1", "not a date"),
    ],
)
def test_debrief_errors(clock: FixedClock, fields: dict, field: str, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        debrief_from_input(clock, customer_id="c-1", **fields)
    assert message in caught.value.errors[field]


def test_split_list() -> None:
    assert split_list("golf, Jazz ,, golf") == ("golf", "Jazz")


def test_a_debrief_on_fri_means_the_call_just_gone(clock: FixedClock) -> None:
    debrief = debrief_from_input(clock, customer_id="c-1", when="fri 15:00")
    assert (debrief.when.date(), debrief.when.hour) == (date(2026, 11, 20), 15)

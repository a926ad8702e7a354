from __future__ import annotations

from dataclasses import replace as _replace
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from relprep.domain.clock import FixedClock
from relprep.domain.model import Cost, Customer, Debrief, Kind, Promise, Reminder
from relprep.domain.validation import (
    RecordInvalid,
    ValidationError,
    customer_from_input,
    debrief_from_input,
    reminder_from_input,
    split_list,
    validate_record,
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


# -- validate_record: one rule set for forms, CLI, import and reading ---------------------------


TODAY = date(2026, 11, 23)


def _customer(clock: FixedClock, **fields) -> Customer:
    return _replace(customer_from_input(clock, name="Ada"), **fields)


def _reminder(clock: FixedClock, **fields) -> Reminder:
    made = reminder_from_input(clock, customer_id="c-1", text="Call", due="fri")
    return _replace(made, **fields)


def _debrief(clock: FixedClock, **fields) -> Debrief:
    return _replace(debrief_from_input(clock, customer_id="c-1"), **fields)


@pytest.mark.parametrize(
    ("build", "field", "fragment"),
    [
        (lambda c: _debrief(c, listen_pct=500), "listen", "from 0 to 100"),
        (lambda c: _debrief(c, score=99), "score", "from 1 to 5"),
        (lambda c: _customer(c, cadence_days=-5), "cadence", "between 1 day and 10 years"),
        (lambda c: _customer(c, cadence_days=0), "cadence", "between 1 day and 10 years"),
        (lambda c: _customer(c, cadence_days=10**12), "cadence", "between 1 day"),
        (lambda c: _reminder(c, every="NOT A RULE"), "every", "not a recurrence"),
        (lambda c: _reminder(c, text="  "), "text", "say what to do"),
        (lambda c: _reminder(c, due=date(1900, 1, 1)), "due", "too far away"),
        (lambda c: _reminder(c, due=date(9999, 12, 31)), "due", "too far away"),
        (lambda c: _customer(c, interests=("a", "A", "  ")), "interests", "twice"),
        (lambda c: _customer(c, interests=("  ", "a")), "interests", "blank"),
        (lambda c: _customer(c, id="y/../../../outside/evil"), "id", "not a relprep id"),
        (lambda c: _reminder(c, customer_id="../x"), "customer_id", "not a relprep id"),
        (lambda c: _customer(c, notes="\x1b[2J"), "notes", "control character (\\x1b)"),
        (lambda c: _customer(c, company="Acme\ud800"), "company", "broken character"),
        (lambda c: _reminder(c, text="two\nlines"), "text", "one line"),
        (lambda c: _customer(c, company="x" * 5000), "company", "the most is 1,000"),
        (
            lambda c: _debrief(c, my_promises=(Promise(text=" "),)),
            "my_promises.1",
            "say what was promised",
        ),
    ],
)
def test_what_input_refuses_an_import_is_refused_for_too(
    clock: FixedClock, build, field: str, fragment: str
) -> None:
    record = build(clock)
    with pytest.raises(RecordInvalid) as caught:
        validate_record(record, TODAY)
    assert fragment in caught.value.errors[field]
    message = str(caught.value)
    assert message.startswith(f"{caught.value.kind} ")
    assert "\x1b" not in message and "\n" not in message
    message.encode("utf-8")


def test_the_message_names_the_kind_the_id_and_the_field_in_words(clock: FixedClock) -> None:
    debrief = _debrief(clock, id="d-bad", listen_pct=500)
    with pytest.raises(RecordInvalid) as caught:
        validate_record(debrief)
    assert str(caught.value) == "debrief 'd-bad': listen share must be from 0 to 100, not 500"


def test_a_stored_record_shows_its_text_instead_of_being_refused(clock: FixedClock) -> None:
    """Text from before the rule (or edited by hand) is read and made inert when shown."""
    validate_record(_customer(clock, notes="\x1b[2J", company="Acme\ud800"))
    validate_record(_reminder(clock, due=date(1900, 1, 1)))  # a date relprep can work with


@pytest.mark.parametrize(
    ("record", "field"),
    [
        (lambda c: _reminder(c, due=date(9999, 12, 31)), "due"),
        (
            lambda c: _customer(c, created=datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=14)))),
            "created",
        ),
        (
            lambda c: _customer(c, last_contact=datetime(9999, 12, 31, tzinfo=UTC)),
            "last_contact",
        ),
        (lambda c: _reminder(c, every="FREQ=DAILY\nEXDATE:20261201"), "every"),
        (lambda c: _debrief(c, listen_pct=500), "listen"),
        (lambda c: _customer(c, cadence_days=10**12), "cadence"),
    ],
)
def test_a_stored_record_that_would_break_arithmetic_is_refused(
    clock: FixedClock, record, field: str
) -> None:
    with pytest.raises(RecordInvalid) as caught:
        validate_record(record(clock))
    assert field in caught.value.errors


def test_forms_and_cli_input_go_through_the_same_validator(clock: FixedClock) -> None:
    with pytest.raises(ValidationError) as caught:
        customer_from_input(clock, name="Ada", notes="fine\n\x1b]0;pwned\x07")
    assert list(caught.value.errors) == ["notes"]
    with pytest.raises(ValidationError) as caught:
        debrief_from_input(clock, customer_id="c-1", learned="\x00")
    assert list(caught.value.errors) == ["learned"]
    with pytest.raises(ValidationError):
        reminder_from_input(clock, customer_id="c-1", text="Acme\udcff", due="fri")

"""Which reminders the panel shows for each filter, in which order, with which counts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from relprep.domain.model import Kind
from relprep.domain.reminder_view import (
    TOUCH_PREFIX,
    SortKey,
    ViewFilter,
    Window,
    apply_change,
    build_items,
    contact_logged,
    due_label,
    in_order,
    select,
    window_counts,
)
from relprep.domain.validation import customer_from_input, reminder_from_input
from tests.factories import at

TODAY = date(2026, 11, 23)


@pytest.fixture
def people(clock):
    ada = customer_from_input(clock, name="Ada Lovelace", cadence="none")
    bob = customer_from_input(clock, name="bob Byron", cadence="none")
    return ada, bob


def _reminder(clock, customer, text, due, **fields):
    return reminder_from_input(clock, customer_id=customer.id, text=text, due=due, **fields)


@pytest.fixture
def items(clock, people):
    ada, bob = people
    reminders = [
        _reminder(clock, ada, "Overdue note", "2026-11-20"),
        _reminder(clock, bob, "Today promise", "today", kind="promise"),
        _reminder(clock, ada, "Sunday act", "2026-11-29"),
        _reminder(clock, bob, "Next Monday touch", "2026-11-30", kind="touch"),
        _reminder(clock, ada, "Far away", "2027-01-15"),
        replace(_reminder(clock, bob, "Already done", "today"), done_at=clock.now()),
    ]
    return build_items(reminders, people, TODAY)


def _texts(rows):
    return [row.text for row in rows]


@pytest.mark.parametrize(
    ("window", "expected"),
    [
        (Window.OVERDUE, ["Overdue note"]),
        (Window.TODAY, ["Today promise"]),
        (Window.WEEK, ["Today promise", "Sunday act"]),
        (
            Window.ALL,
            ["Overdue note", "Today promise", "Sunday act", "Next Monday touch", "Far away"],
        ),
    ],
)
def test_each_window_shows_open_reminders_due_in_it(items, window, expected):
    assert _texts(select(items, ViewFilter(window=window), TODAY)) == expected


def test_counts_follow_the_other_filters(items, people):
    ada, _ = people
    everyone = window_counts(items, ViewFilter(), TODAY)
    assert everyone == {Window.OVERDUE: 1, Window.TODAY: 1, Window.WEEK: 2, Window.ALL: 5}
    only_ada = window_counts(items, ViewFilter(window=Window.TODAY, customer_id=ada.id), TODAY)
    assert only_ada == {Window.OVERDUE: 1, Window.TODAY: 0, Window.WEEK: 1, Window.ALL: 3}


def test_filter_by_customer_kind_and_search(items, people):
    _, bob = people
    assert _texts(select(items, ViewFilter(customer_id=bob.id), TODAY)) == [
        "Today promise",
        "Next Monday touch",
    ]
    assert _texts(select(items, ViewFilter(kind=Kind.TOUCH), TODAY)) == ["Next Monday touch"]
    assert _texts(select(items, ViewFilter(search="  FAR "), TODAY)) == ["Far away"]
    assert _texts(select(items, ViewFilter(search="byron"), TODAY)) == [
        "Today promise",
        "Next Monday touch",
    ]


def test_sort_by_customer_ignores_case_then_due(items):
    rows = select(items, ViewFilter(sort=SortKey.CUSTOMER), TODAY)
    assert [(row.customer, row.text) for row in rows] == [
        ("Ada Lovelace", "Overdue note"),
        ("Ada Lovelace", "Sunday act"),
        ("Ada Lovelace", "Far away"),
        ("bob Byron", "Today promise"),
        ("bob Byron", "Next Monday touch"),
    ]


@pytest.mark.parametrize("sort", list(SortKey))
@pytest.mark.parametrize("view", [ViewFilter(), ViewFilter(window=Window.WEEK, search="a")])
def test_filtering_items_kept_in_order_gives_the_same_rows(items, sort, view):
    """The panel sorts once per order and then only filters, for each filter change."""
    view = replace(view, sort=sort)
    shuffled = items[::-1]
    kept = in_order(shuffled, sort)
    assert select(kept, view, TODAY, ordered=True) == select(shuffled, view, TODAY)


def test_sort_by_kind_puts_promises_first(items):
    rows = select(items, ViewFilter(sort=SortKey.KIND), TODAY)
    assert [row.kind for row in rows] == [Kind.PROMISE, Kind.ACT, Kind.ACT, Kind.ACT, Kind.TOUCH]


def test_touch_base_item_is_derived_from_cadence_and_vanishes_after_contact(clock):
    quiet = customer_from_input(clock, name="Quiet Quinn", cadence="30d")
    quiet = replace(quiet, last_contact=at(clock, TODAY - timedelta(days=35)))
    [touch] = build_items([], [quiet], TODAY)
    assert touch.derived
    assert touch.key == TOUCH_PREFIX + quiet.id
    assert touch.due == TODAY - timedelta(days=5)
    assert "last contact 5 weeks ago" in touch.text
    assert select([touch], ViewFilter(window=Window.OVERDUE), TODAY) == [touch]

    assert build_items([], [contact_logged(quiet, clock.now())], TODAY) == []


def test_touch_base_item_appears_only_within_a_week_of_falling_due(clock):
    customer = customer_from_input(clock, name="Cara", cadence="30d")
    assert build_items([], [replace(customer, last_contact=at(clock, TODAY))], TODAY) == []
    soon = replace(customer, last_contact=at(clock, TODAY - timedelta(days=24)))
    assert [item.due for item in build_items([], [soon], TODAY)] == [TODAY + timedelta(days=6)]


def test_a_planned_touch_replaces_the_cadence_item(clock):
    customer = customer_from_input(clock, name="Dee", cadence="7d")
    planned = _reminder(clock, customer, "Call Dee", "fri", kind="touch")
    rows = build_items([planned], [customer], TODAY)
    assert [row.text for row in rows] == ["Call Dee"]


def test_no_cadence_means_no_touch_item(clock):
    customer = customer_from_input(clock, name="Eve", cadence="none")
    assert build_items([], [customer], TODAY) == []


def test_due_label_is_relative_and_absolute():
    assert due_label(date(2026, 11, 26), TODAY) == "in 3 days · Thu 26 Nov"
    assert due_label(date(2027, 1, 4), TODAY) == "in 6 weeks · Mon 4 Jan 2027"


def test_apply_change_matches_a_full_rebuild(clock):
    quiet = customer_from_input(clock, name="Quiet Quinn", cadence="30d")
    quiet = replace(quiet, last_contact=at(clock, TODAY - timedelta(days=40)))
    other = customer_from_input(clock, name="Other", cadence="none")
    note = _reminder(clock, other, "Note", "fri")
    items = build_items([note], [quiet, other], TODAY)
    planned = _reminder(clock, quiet, "Call Quinn", "tue", kind="touch")

    after_save = apply_change(items, TODAY, [quiet], saved=planned)
    assert sorted(after_save, key=lambda i: i.key) == sorted(
        build_items([note, planned], [quiet, other], TODAY), key=lambda i: i.key
    )
    after_delete = apply_change(after_save, TODAY, [quiet], removed=planned.id)
    assert sorted(after_delete, key=lambda i: i.key) == sorted(items, key=lambda i: i.key)
    done = replace(note, done_at=clock.now())
    assert [i.text for i in apply_change(items, TODAY, [other], saved=done)] == [
        "Touch base: last contact 5 weeks ago"
    ]

"""What the reminders panel shows: open reminders plus touch-base items, filtered and sorted.

Touch-base items are derived from each customer's contact cadence every time the panel is
built, never stored: logging a debrief moves the customer's last contact, and the item
simply stops being derived. Everything here is pure so 5,000 rows can be re-filtered on
each keystroke and tested without a terminal.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import NamedTuple

from relprep.domain.dates import describe_every, format_date, relative_label
from relprep.domain.model import Cost, Customer, Kind, Reminder
from relprep.domain.rules import next_touch_due


class Window(StrEnum):
    """Which due dates to show; "week" means today and the six days after it."""

    OVERDUE = "overdue"
    TODAY = "today"
    WEEK = "week"
    ALL = "all"


class SortKey(StrEnum):
    DUE = "due"
    CUSTOMER = "customer"
    KIND = "kind"


WEEK_DAYS = 7
TOUCH_LEAD_DAYS = 7
"""A touch-base item appears this many days before the cadence says a touch is due."""

TOUCH_PREFIX = "touch:"
THEIRS_NOTE = " (theirs)"
"""Follows a customer's promise in lists of what is due: theirs to keep, mine to chase."""
_KIND_ORDER = {Kind.PROMISE: 0, Kind.THEIRS: 1, Kind.ACT: 2, Kind.TOUCH: 3}


class Item(NamedTuple):
    """One row of the panel: a stored reminder, or a touch-base item (`reminder` is None).

    A named tuple, not a frozen dataclass: Today builds one per reminder due by its horizon
    and the panel one per open reminder, and a frozen dataclass's __init__ sets each field
    through object.__setattr__ (8,530 items: 20.4 ms against 9.9, 3 December)."""

    key: str
    customer_id: str
    customer: str
    text: str
    kind: Kind
    cost: Cost
    due: date
    repeats: str = ""
    """How it recurs, for display: "weekly", "monthly, 1st Mon", or the contact cadence."""
    reminder: Reminder | None = None
    haystack: str = ""
    """Text and customer name, case-folded once so a search does not redo it per keystroke."""

    @property
    def derived(self) -> bool:
        return self.reminder is None


@dataclass(frozen=True)
class ViewFilter:
    window: Window = Window.ALL
    customer_id: str | None = None
    kind: Kind | None = None
    search: str = ""
    sort: SortKey = SortKey.DUE


def reminder_item(reminder: Reminder, customer_name: str) -> Item:
    """A stored reminder as a row, done or not (`relprep reminder list --done` shows both)."""
    return Item(
        key=reminder.id,
        customer_id=reminder.customer_id,
        customer=customer_name,
        text=reminder.text,
        kind=reminder.kind,
        cost=reminder.cost,
        due=reminder.due,
        repeats=describe_every(reminder.every),
        reminder=reminder,
        haystack=f"{reminder.text}\n{customer_name}".casefold(),
    )


def touch_text(customer: Customer, today: date) -> str:
    """Why a touch is due, in words: how long since the last contact."""
    if customer.last_contact is None:
        return "Touch base: no contact logged yet"
    return f"Touch base: last contact {relative_label(customer.last_contact.date(), today)}"


def touch_item(customer: Customer, today: date) -> Item | None:
    """The customer's touch-base item when one is due within TOUCH_LEAD_DAYS, else None."""
    due = next_touch_due(customer)
    if due is None or due > today + timedelta(days=TOUCH_LEAD_DAYS):
        return None
    text = touch_text(customer, today)
    return Item(
        key=TOUCH_PREFIX + customer.id,
        customer_id=customer.id,
        customer=customer.name,
        text=text,
        kind=Kind.TOUCH,
        cost=Cost.LOW,
        due=due,
        repeats=f"cadence {customer.cadence_days}d",
        haystack=f"{text}\n{customer.name}".casefold(),
    )


def build_items(
    reminders: Iterable[Reminder],
    customers: Iterable[Customer],
    today: date,
    until: date | None = None,
    planned: Iterable[str] = (),
) -> list[Item]:
    """Open reminders, plus a touch-base item for each customer who has no open touch reminder
    (a planned touch already covers the cadence). With `until`, only the items due by then:
    a view that looks no further (Today) need not build an item for each of 50,000 reminders,
    while every open touch, due when it may, still stands in for the cadence's. `planned`:
    customers with an open touch among reminders not passed (a list of one window's)."""
    by_id = {customer.id: customer for customer in customers}
    items: list[Item] = []
    planned_touch: set[str] = set(planned)
    for reminder in reminders:
        if reminder.done_at is not None:
            continue
        if reminder.kind is Kind.TOUCH:
            planned_touch.add(reminder.customer_id)
        if until is not None and reminder.due > until:
            continue
        customer = by_id.get(reminder.customer_id)
        items.append(reminder_item(reminder, customer.name if customer else reminder.customer_id))
    for customer in by_id.values():
        touch = None if customer.id in planned_touch else touch_item(customer, today)
        if touch is not None and (until is None or touch.due <= until):
            items.append(touch)
    return items


def apply_change(
    items: Iterable[Item],
    today: date,
    customers: Iterable[Customer],
    *,
    saved: Reminder | None = None,
    removed: str | None = None,
) -> list[Item]:
    """The items after one change, without re-reading everything: `saved` replaces or adds a
    reminder, `removed` drops one, and the touch-base items of `customers` (those the change
    concerns) are derived again, since a planned touch or a new last contact moves them."""
    touched = {customer.id: customer for customer in customers}
    drop = {TOUCH_PREFIX + customer_id for customer_id in touched} | {removed}
    if saved is not None:
        drop.add(saved.id)
    kept = [item for item in items if item.key not in drop]
    if saved is not None and saved.done_at is None and saved.customer_id in touched:
        kept.append(reminder_item(saved, touched[saved.customer_id].name))
    planned = {item.customer_id for item in kept if item.kind is Kind.TOUCH and not item.derived}
    for customer in touched.values():
        if customer.id not in planned and (touch := touch_item(customer, today)):
            kept.append(touch)
    return kept


def window_days(window: Window, today: date) -> tuple[date | None, date | None]:
    """The window as (first day, day after the last), None where it is open: what a store
    needs to read only one window's reminders."""
    if window is Window.OVERDUE:
        return None, today
    if window is Window.TODAY:
        return today, today + timedelta(days=1)
    if window is Window.WEEK:
        return today, today + timedelta(days=WEEK_DAYS)
    return None, None


def in_window(due: date, window: Window, today: date) -> bool:
    return due_between(due, *window_days(window, today))


def due_between(due: date, first: date | None, end: date | None) -> bool:
    """On or after `first` and before `end`, a None bound being open (see window_days)."""
    return (first is None or due >= first) and (end is None or due < end)


def _matches_others(item: Item, view: ViewFilter, needle: str) -> bool:
    """Every filter except the date window, which the counts vary."""
    return (
        (view.customer_id is None or item.customer_id == view.customer_id)
        and (view.kind is None or item.kind is view.kind)
        and (not needle or needle in item.haystack)
    )


def _narrowed(items: Iterable[Item], view: ViewFilter) -> list[Item]:
    needle = view.search.strip().casefold()
    return [item for item in items if _matches_others(item, view, needle)]


def window_counts(items: Iterable[Item], view: ViewFilter, today: date) -> dict[Window, int]:
    """How many rows each window would show with the other filters as they are."""
    counts = dict.fromkeys(Window, 0)
    week_end = today + timedelta(days=WEEK_DAYS)
    for item in _narrowed(items, view):
        counts[Window.ALL] += 1
        if item.due < today:
            counts[Window.OVERDUE] += 1
        elif item.due < week_end:
            counts[Window.WEEK] += 1
            if item.due == today:
                counts[Window.TODAY] += 1
    return counts


def _sort_key(sort: SortKey) -> Callable[[Item], tuple[object, ...]]:
    if sort is SortKey.CUSTOMER:
        return lambda item: (item.customer.casefold(), item.due, item.text.casefold())
    if sort is SortKey.KIND:
        return lambda item: (_KIND_ORDER[item.kind], item.due, item.customer.casefold())
    return lambda item: (item.due, item.customer.casefold(), _KIND_ORDER[item.kind])


def in_order(items: Iterable[Item], sort: SortKey) -> list[Item]:
    """The items sorted as `sort` says. A screen keeps the result for `select`, so that a
    change of filter over thousands of items only filters them."""
    return sorted(items, key=_sort_key(sort))


def select(
    items: Iterable[Item], view: ViewFilter, today: date, *, ordered: bool = False
) -> list[Item]:
    """The rows to show, in order; `ordered`: `items` come from `in_order(..., view.sort)`
    (filtering keeps their order, the sort being stable)."""
    shown = [item for item in _narrowed(items, view) if in_window(item.due, view.window, today)]
    if not ordered:
        shown.sort(key=_sort_key(view.sort))
    return shown


def due_label(due: date, today: date) -> str:
    """ "in 3 days · Thu 26 Nov" """
    return f"{relative_label(due, today)} · {format_date(due, today)}"


def contact_logged(customer: Customer, now: datetime) -> Customer:
    """Marking a touch-base item done counts as a contact, which restarts the cadence."""
    return replace(customer, last_contact=now, updated=now)

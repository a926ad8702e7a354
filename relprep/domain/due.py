"""What is due, decided once: every screen and command that says "due" or "overdue" asks here.

Today, the Reminders panel, the customer screen, the prep sheet and `relprep reminder list`
used to answer the question each their own way and disagreed (Today left out the touches
the contact cadence asks for; the next touch ignored a follow-up already planned). They
now all start from `reminder_view.build_items` (open reminders plus the cadence's
touch-base items, where no touch is planned) and the date windows of `in_window`.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from relprep.domain.model import Customer, Kind, Reminder
from relprep.domain.reminder_view import Item, Window, build_items, in_window
from relprep.domain.rules import next_touch_due


def is_due(day: date, today: date) -> bool:
    """Due means due today or overdue: the dates the Overdue and Today windows show."""
    return in_window(day, Window.OVERDUE, today) or in_window(day, Window.TODAY, today)


def due_items(items: Iterable[Item], today: date) -> list[Item]:
    """The items due today or overdue, oldest first (then by customer and text)."""
    return _oldest_first([item for item in items if is_due(item.due, today)])


def _oldest_first(items: list[Item], first: int | None = None) -> list[Item]:
    """`items` oldest first, then by customer and text; with `first`, only that many. Those
    are picked by day before any name is case-folded: at 200k debriefs Today shows 100 of
    8,296 due, and folding every name to sort them all cost more than the rest of the
    ordering (3 December)."""
    if first is not None and len(items) > first:
        items = sorted(items, key=_DUE)
        last_day = items[first - 1].due  # every item of that day may be among the first
        items = list(itertools.takewhile(lambda item: item.due <= last_day, items))
    ordered = sorted(
        items, key=lambda item: (item.due, item.customer.casefold(), item.text.casefold())
    )
    return ordered if first is None else ordered[:first]


_DUE = operator.attrgetter("due")


Keep = Callable[[Item], bool]
"""Which items a view shows (a team's *mine* view: the rep's own); None shows them all."""


def kept(items: Iterable[Item], keep: Keep | None) -> list[Item]:
    return list(items) if keep is None else [item for item in items if keep(item)]


def due_now(
    reminders: Iterable[Reminder],
    customers: Iterable[Customer],
    today: date,
    keep: Keep | None = None,
) -> list[Item]:
    """Everything due today or overdue: open reminders and the touches the cadence asks for.
    The items are built from every reminder before `keep` picks, so a touch planned by a
    teammate still stands in for the cadence's."""
    return due_items(kept(build_items(reminders, customers, today, until=today), keep), today)


def planned_touches(reminders: Iterable[Reminder]) -> dict[str, date]:
    """Each customer's earliest open touch reminder (a debrief's follow-up, a snoozed cadence
    touch), from one pass over the reminders."""
    earliest: dict[str, date] = {}
    for reminder in reminders:
        if reminder.kind is Kind.TOUCH and reminder.done_at is None:
            known = earliest.get(reminder.customer_id)
            if known is None or reminder.due < known:
                earliest[reminder.customer_id] = reminder.due
    return earliest


def next_touch(customer: Customer, reminders: Iterable[Reminder]) -> date | None:
    """When the customer is next to be touched: the earliest touch already planned or, with
    none planned, what the cadence says."""
    return _next_touch(customer, planned_touches(reminders))


def _next_touch(customer: Customer, planned: Mapping[str, date]) -> date | None:
    return planned.get(customer.id) or next_touch_due(customer)


@dataclass(frozen=True)
class Attention:
    customer: Customer
    score: int
    reasons: tuple[str, ...]
    next_touch: date | None


PROMISE_HORIZON_DAYS = 2


@dataclass(frozen=True)
class Agenda:
    ranked: list[Attention]
    """Every customer, ordered by what needs doing first."""
    due: list[Item]
    """What is due today or overdue (due_now): the first `first` of it, when asked for."""
    due_count: int
    """How many are due in all."""


def agenda_horizon(today: date) -> date:
    """The last day Today looks at: no reason and no row looks further ahead, so Today reads
    only the reminders due by then (with `planned_touches`)."""
    return today + timedelta(days=PROMISE_HORIZON_DAYS)


def agenda(
    customers: Iterable[Customer],
    reminders: Sequence[Reminder],
    today: date,
    keep: Keep | None = None,
    planned: Mapping[str, date] | None = None,
    first: int | None = None,
) -> Agenda:
    """Today's two lists: customers ordered by what needs doing first (overdue, promises
    coming due, past cadence) and what is due now. Both come from the items the Reminders
    panel shows, built once, so the three never disagree; with `keep`, the reasons and the
    due list count only the items it keeps (every customer is still listed). With `first`,
    the due list holds its first `first` items only; `due_count` counts them all.

    `reminders` need hold only those due by `agenda_horizon` when `planned` gives each
    customer's earliest open touch (Repository.planned_touches): at 50,000 open reminders,
    decoding the rest was most of Today's load. Without `planned`, it comes from
    `reminders`, which must then be every open one.

    The cost grows with customers plus reminders, never with their product (200 customers
    over 50,000 open reminders took 2.6 s when each customer's next touch scanned every
    reminder)."""
    customers = list(customers)
    planned = planned_touches(reminders) if planned is None else planned
    horizon = agenda_horizon(today)
    items = kept(build_items(reminders, customers, today, horizon, planned), keep)
    by_customer: dict[str, list[Item]] = {}
    for item in items:
        by_customer.setdefault(item.customer_id, []).append(item)
    ranked = [
        _attention_for(
            customer, by_customer.get(customer.id, []), _next_touch(customer, planned), today
        )
        for customer in customers
    ]
    ranked.sort(key=lambda item: (-item.score, item.customer.name.casefold()))
    due = [item for item in items if is_due(item.due, today)]
    return Agenda(ranked=ranked, due=_oldest_first(due, first), due_count=len(due))


def _attention_for(
    customer: Customer, items: list[Item], touch: date | None, today: date
) -> Attention:
    stored = [item for item in items if not item.derived]
    overdue = sum(1 for item in stored if item.due < today and item.kind is not Kind.THEIRS)
    theirs_late = sum(1 for item in stored if item.due < today and item.kind is Kind.THEIRS)
    horizon = agenda_horizon(today)
    promises_due = sum(
        1 for item in stored if item.kind is Kind.PROMISE and today <= item.due <= horizon
    )
    due_today = sum(1 for item in stored if item.due == today and item.kind is not Kind.PROMISE)
    cadence = next((item for item in items if item.derived and is_due(item.due, today)), None)
    late_days = (today - cadence.due).days if cadence else 0
    reasons = []
    if overdue:
        reasons.append(f"{overdue} overdue")
    if theirs_late:
        reasons.append(f"they owe {theirs_late}, late")
    if promises_due:
        reasons.append(f"{promises_due} promise{'s' if promises_due > 1 else ''} due soon")
    if due_today:
        reasons.append(f"{due_today} due today")
    if cadence is not None:
        reasons.append(_past_cadence(late_days))
    score = (
        overdue * 100 + theirs_late * 60 + promises_due * 50 + due_today * 20 + min(late_days, 90)
    )
    score += 10 if cadence is not None else 0
    return Attention(customer, score, tuple(reasons), touch)


def _past_cadence(days: int) -> str:
    if not days:
        return "touch due today"
    return f"{days} day{'s' if days != 1 else ''} past cadence"

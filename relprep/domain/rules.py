"""The method's arithmetic: touch cadence, promise keeping, attention, and what a debrief changes.

Step 2 asks us to be as good as our word and step 3 to be reliable over time; both are
measured here from the records so the app can show them rather than just exhort.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from relprep.domain.dates import advance
from relprep.domain.model import Customer, Debrief, Kind, Promise, Reminder, new_id


def next_touch_due(customer: Customer) -> date | None:
    """When the customer is next due for a touch: last contact (or when added) plus cadence."""
    if customer.cadence_days is None:
        return None
    anchor = customer.last_contact or customer.created
    return anchor.date() + timedelta(days=customer.cadence_days)


@dataclass(frozen=True)
class PromiseRecord:
    """My promises, sorted by outcome; `rate` is the integrity figure (None until one counts)."""

    kept_on_time: int = 0
    late: int = 0
    open: int = 0
    overdue: int = 0

    @property
    def rate(self) -> float | None:
        judged = self.kept_on_time + self.late + self.overdue
        return self.kept_on_time / judged if judged else None


def _promised_by(reminder: Reminder) -> date:
    return reminder.promised_due or reminder.due


def promise_record(
    reminders: Iterable[Reminder], today: date, whose: Kind = Kind.PROMISE
) -> PromiseRecord:
    """Kept on time = done on or before the date first promised; open ones past it are overdue.
    `whose` is Kind.PROMISE for mine, Kind.THEIRS for the customer's: integrity both ways."""
    on_time = late = still_open = overdue = 0
    for reminder in reminders:
        if reminder.kind is not whose:
            continue
        promised = _promised_by(reminder)
        if reminder.done_at is not None:
            if reminder.done_at.date() <= promised:
                on_time += 1
            else:
                late += 1
        elif promised < today:
            overdue += 1
        else:
            still_open += 1
    return PromiseRecord(on_time, late, still_open, overdue)


@dataclass(frozen=True)
class DebriefEffects:
    """Everything one saved debrief changes, so the store can write it as one transaction."""

    debrief: Debrief
    customer: Customer
    upsert: tuple[Reminder, ...]
    delete: tuple[str, ...]


def debrief_effects(
    debrief: Debrief,
    customer: Customer,
    existing: dict[str, Reminder],
    now: datetime,
) -> DebriefEffects:
    """My promises become promise reminders, theirs "theirs" reminders (kept or late, like
    mine), the follow-up a touch reminder; the customer gains the interests noticed and a
    newer last contact. `existing` holds reminders already linked to this debrief (by id)
    so an edit updates them instead of adding duplicates."""
    upsert: list[Reminder] = []
    tracked: dict[Kind, tuple[Promise, ...]] = {}
    for kind, given in ((Kind.PROMISE, debrief.my_promises), (Kind.THEIRS, debrief.their_promises)):
        promises: list[Promise] = []
        for promise in given:
            current = existing.get(promise.reminder_id or "")
            reminder = _promise_reminder(debrief, promise, current, now, kind)
            upsert.append(reminder)
            promises.append(replace(promise, reminder_id=reminder.id))
        tracked[kind] = tuple(promises)
    follow = _follow_up_reminder(debrief, existing.get(debrief.follow_up_reminder_id or ""), now)
    if follow is not None:
        upsert.append(follow)
    kept = {reminder.id for reminder in upsert}
    delete = tuple(rid for rid, r in existing.items() if rid not in kept and r.done_at is None)
    saved = replace(
        debrief,
        my_promises=tracked[Kind.PROMISE],
        their_promises=tracked[Kind.THEIRS],
        follow_up_reminder_id=follow.id if follow else None,
    )
    return DebriefEffects(saved, _touched_customer(customer, debrief, now), tuple(upsert), delete)


def _promise_reminder(
    debrief: Debrief, promise: Promise, current: Reminder | None, now: datetime, kind: Kind
) -> Reminder:
    due = promise.due or debrief.when.date() + timedelta(days=7)
    if current is not None:
        if current.done_at is not None:
            return current
        return replace(current, text=promise.text, due=due, promised_due=due, updated=now)
    return Reminder(
        id=new_id("r"),
        customer_id=debrief.customer_id,
        text=promise.text,
        due=due,
        created=now,
        updated=now,
        kind=kind,
        debrief_id=debrief.id,
        promised_due=due,
    )


def _follow_up_reminder(
    debrief: Debrief, current: Reminder | None, now: datetime
) -> Reminder | None:
    if debrief.follow_up is None:
        return None
    text = debrief.next_step.strip() or "Follow up"
    if current is not None:
        if current.done_at is not None:
            return current
        return replace(current, text=text, due=debrief.follow_up, updated=now)
    return Reminder(
        id=new_id("r"),
        customer_id=debrief.customer_id,
        text=text,
        due=debrief.follow_up,
        created=now,
        updated=now,
        kind=Kind.TOUCH,
        debrief_id=debrief.id,
    )


def _touched_customer(customer: Customer, debrief: Debrief, now: datetime) -> Customer:
    interests = customer.interests + tuple(
        item
        for item in debrief.interests
        if item.casefold() not in {known.casefold() for known in customer.interests}
    )
    last = customer.last_contact
    last_contact = debrief.when if last is None or debrief.when > last else last
    return replace(customer, interests=interests, last_contact=last_contact, updated=now)


def complete(reminder: Reminder, now: datetime) -> Reminder:
    """Done; a recurring reminder instead rolls to its first occurrence after today (missed
    occurrences do not pile up) and stays open, unless its rule has run out. The rule moves
    with it: a COUNT keeps only the occurrences still to come (the skipped ones are used
    up), so the rule and the ICS export run out together. A reminder already done stays as
    it was: stamping it again would turn a promise kept on time into a late one."""
    if reminder.done_at is not None:
        return reminder
    if reminder.every:
        after = max(reminder.due, now.date())
        step = advance(reminder.every, reminder.due, after)
        if step is not None:
            following, rule = step
            return replace(reminder, due=following, every=rule, updated=now)
    return replace(reminder, done_at=now, updated=now)


def snooze(reminder: Reminder, until: date, now: datetime) -> Reminder:
    return replace(reminder, due=until, updated=now)

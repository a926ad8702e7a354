"""A readable report of everything, one section per customer: who they are, the promise
record, what is still open, and every debrief, newest first.

User text is escaped so a stray `*` or `[` in a note stays a character; line breaks in
notes are kept as line breaks.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime

from relprep.domain import rules
from relprep.domain.dates import describe_every, format_date
from relprep.domain.due import next_touch
from relprep.domain.markdown import escape
from relprep.domain.model import Customer, Debrief, Promise, Reminder
from relprep.export import counted
from relprep.export.snapshot import Snapshot


def _moment(moment: datetime, today: date) -> str:
    return f"{format_date(moment.date(), today)} {moment:%H:%M}"


def _facts(pairs: Iterable[tuple[str, str]]) -> Iterator[str]:
    for label, value in pairs:
        if value.strip():
            yield f"- **{label}:** {escape(value)}"


def _profile(customer: Customer, reminders: list[Reminder], today: date) -> Iterator[str]:
    due = next_touch(customer, reminders)
    cadence = f"every {customer.cadence_days} days" if customer.cadence_days else ""
    if due:
        cadence += f", next touch due {format_date(due, today)}"
    last = customer.last_contact
    yield from _facts(
        (
            ("Company", customer.company),
            ("Role", customer.role),
            ("Industry", customer.industry),
            ("Interests", ", ".join(customer.interests)),
            ("Contact", cadence),
            ("Last contact", _moment(last, today) if last else ""),
            ("Notes", customer.notes),
        )
    )


def _promise_record(reminders: list[Reminder], today: date) -> Iterator[str]:
    record = rules.promise_record(reminders, today)
    rate = f"{record.rate:.0%}" if record.rate is not None else "nothing judged yet"
    yield (
        f"{record.kept_on_time} kept on time, {record.late} late, {record.overdue} overdue, "
        f"{record.open} open. Kept on time: {rate}."
    )


def _reminder_line(reminder: Reminder, today: date) -> str:
    extras = [reminder.kind.value, f"{reminder.cost.value} cost"]
    if reminder.every:
        extras.append(describe_every(reminder.every))
    return f"- {format_date(reminder.due, today)}: {escape(reminder.text)} ({', '.join(extras)})"


def _promises(promises: Iterable[Promise], today: date) -> str:
    return "; ".join(
        escape(p.text) + (f" (by {format_date(p.due, today)})" if p.due else "") for p in promises
    )


def _debrief(debrief: Debrief, today: date) -> Iterator[str]:
    heading = [_moment(debrief.when, today)]
    if debrief.listen_pct is not None:
        heading.append(f"listened {debrief.listen_pct}%")
    if debrief.score is not None:
        heading.append(f"score {debrief.score}/5")
    yield f"#### {' · '.join(heading)}"
    yield ""
    follow = f" (follow up {format_date(debrief.follow_up, today)})" if debrief.follow_up else ""
    yield from _facts(
        (
            ("Topics", ", ".join(debrief.topics)),
            ("Learned", debrief.learned),
            ("Interests noticed", ", ".join(debrief.interests)),
            ("Honest negative", debrief.negative),
            ("Alternatives", debrief.alternatives),
        )
    )
    for label, promises in (
        ("I promised", debrief.my_promises),
        ("They promised", debrief.their_promises),
    ):
        if promises:
            yield f"- **{label}:** {_promises(promises, today)}"
    if debrief.next_step.strip() or follow:
        yield f"- **Next step:** {escape(debrief.next_step)}{follow}"
    yield from _facts((("Notes", debrief.notes),))
    yield ""


def _customer(customer: Customer, snapshot: Snapshot, today: date) -> Iterator[str]:
    reminders = snapshot.reminders_of(customer.id)
    still_open = [r for r in reminders if r.done_at is None]
    debriefs = snapshot.debriefs_of(customer.id)
    yield f"## {escape(customer.name)}"
    yield ""
    yield from _profile(customer, still_open, today)
    yield ""
    yield "### Promise record"
    yield ""
    yield from _promise_record(reminders, today)
    yield ""
    yield f"### Open reminders ({len(still_open)})"
    yield ""
    yield from (_reminder_line(r, today) for r in still_open)
    yield from ([""] if still_open else [])
    yield f"### Debriefs ({len(debriefs)})"
    yield ""
    for debrief in reversed(debriefs):
        yield from _debrief(debrief, today)


def report(snapshot: Snapshot, today: date) -> str:
    lines = [
        "# relprep report",
        "",
        f"{format_date(today)} · {counted(len(snapshot.customers), 'customers')}, "
        f"{counted(len(snapshot.debriefs), 'debriefs')}, "
        f"{counted(sum(r.done_at is None for r in snapshot.reminders), 'open reminders')}",
        "",
    ]
    for customer in snapshot.customers:
        lines.extend(_customer(customer, snapshot, today))
    return "\n".join(lines).rstrip("\n") + "\n"

"""Read-only renderings of a customer's records for the Customer screen.

Each function returns a Rich renderable built from Text, so whatever the user typed is
shown exactly as typed (less the emoji selector `cells.steady` drops, which would move the
panel's border in many terminals).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from relprep.domain.dates import format_date, relative_label
from relprep.domain.model import Customer, Debrief, Kind, Promise
from relprep.domain.reminder_view import THEIRS_NOTE, Item
from relprep.domain.rules import PromiseRecord
from relprep.ui.cells import steady


def _fields(rows: Iterable[tuple[str, str]]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column(ratio=1)
    for label, value in rows:
        table.add_row(Text(label), Text(steady(value)) if value else Text("—", style="dim"))
    return table


def _day(day: date | None, today: date) -> str:
    return f"{format_date(day, today)} ({relative_label(day, today)})" if day else ""


def profile(customer: Customer, next_touch: date | None, today: date) -> Table:
    """`next_touch` comes from `due.next_touch`: a planned follow-up comes before the cadence."""
    cadence = f"every {customer.cadence_days} days" if customer.cadence_days else "no cadence"
    last = customer.last_contact.date() if customer.last_contact else None
    return _fields(
        [
            ("Company", customer.company),
            ("Role", customer.role),
            ("Industry", customer.industry),
            ("Interests", ", ".join(customer.interests)),
            ("Keep in touch", cadence),
            ("Last contact", _day(last, today)),
            ("Next touch due", _day(next_touch, today)),
            ("Notes", customer.notes),
        ]
    )


def promise_record(record: PromiseRecord) -> Table:
    """My promises by outcome, ending with the kept-on-time rate: the integrity figure."""
    rate = "none due yet" if record.rate is None else f"{record.rate:.0%}"
    return _fields(
        [
            ("Kept on time", str(record.kept_on_time)),
            ("Late", str(record.late)),
            ("Overdue", str(record.overdue)),
            ("Open", str(record.open)),
            ("Kept-on-time rate", rate),
        ]
    )


def due_now(items: list[Item], today: date) -> Text:
    """What is due with this customer today or overdue, as Today and Reminders list it."""
    if not items:
        return Text("Nothing due or overdue.", style="dim")
    return Text("\n").join(
        Text.assemble(
            (f"{relative_label(item.due, today)}: ", "bold" if item.due < today else ""),
            steady(item.text),
            (THEIRS_NOTE if item.kind is Kind.THEIRS else "", "dim"),
        )
        for item in items
    )


def questions(texts: list[str]) -> Text:
    if not texts:
        return Text("None carried over: every question asked so far has an answer.", style="dim")
    return Text("\n").join(Text(f"• {steady(text)}") for text in texts)


def _promises(items: tuple[Promise, ...], today: date) -> str:
    return "\n".join(
        f"{p.text} (by {format_date(p.due, today)})" if p.due else p.text for p in items
    )


def debrief_detail(debrief: Debrief, today: date) -> RenderableType:
    listen = f"{debrief.listen_pct}%" if debrief.listen_pct is not None else ""
    score = f"{debrief.score} / 5" if debrief.score is not None else ""
    heading = Text(f"Call on {format_date(debrief.when.date(), today)}", style="bold")
    return Group(
        heading,
        _fields(
            [
                ("Listened", listen),
                ("Score", score),
                ("Topics", ", ".join(debrief.topics)),
                ("Learned", debrief.learned),
                ("Interests", ", ".join(debrief.interests)),
                ("Honest negative", debrief.negative),
                ("Alternatives", debrief.alternatives),
                ("I promised", _promises(debrief.my_promises, today)),
                ("They promised", _promises(debrief.their_promises, today)),
                ("Next step", debrief.next_step),
                ("Follow up", format_date(debrief.follow_up, today) if debrief.follow_up else ""),
                ("Notes", debrief.notes),
            ]
        ),
    )

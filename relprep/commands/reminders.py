"""`relprep reminder add|list|done|snooze|delete`.

These read the customers and the open reminders (done ones only where a listing asks for
them), not the debrief history: `reminder add` at 200k debriefs took 0.98x its time on an
empty database (benchmarks/REPORT.md). A listing of one window (`--when`) decodes only the
reminders due in it.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text

from relprep.commands.context import Context, listing
from relprep.domain.dates import format_day, parse_snooze
from relprep.domain.method import cost_warning
from relprep.domain.model import Kind, Reminder
from relprep.domain.reminder_view import (
    TOUCH_PREFIX,
    Item,
    ViewFilter,
    Window,
    build_items,
    reminder_item,
    select,
    window_days,
)
from relprep.domain.validation import reminder_from_input
from relprep.formats.shapes import customer_json, item_json, reminder_json
from relprep.usecases.customers import log_contact
from relprep.usecases.reminders import complete_reminder as complete
from relprep.usecases.reminders import delete_reminder as delete
from relprep.usecases.reminders import snooze_reminder as snooze

if TYPE_CHECKING:
    from relprep.commands.table import Listing


def register(commands: argparse._SubParsersAction) -> None:
    group = commands.add_parser("reminder", help="add, list, complete, snooze and delete reminders")
    actions = group.add_subparsers(dest="action", required=True, metavar="ACTION")

    add = actions.add_parser("add", help="add a reminder for a customer")
    add.add_argument("customer")
    add.add_argument("text")
    add.add_argument("--due", required=True, metavar="WHEN", help="e.g. fri, in 2 weeks, eom")
    add.add_argument("--kind", default="act", help="act, promise or touch (default: act)")
    add.add_argument("--cost", default="low", help="low, medium or high (default: low)")
    add.add_argument("--every", metavar="EVERY", help="recurrence, e.g. weekly, 2w, 3m, an RRULE")
    add.add_argument("--json", action="store_true")
    add.set_defaults(handler=add_reminder)

    listing = actions.add_parser("list", help="open reminders (default: all dates)")
    listing.add_argument("--when", choices=[w.value for w in Window], default=Window.ALL.value)
    listing.add_argument("--customer")
    listing.add_argument("--kind", choices=[kind.value for kind in Kind])
    listing.add_argument("--done", action="store_true", help="include completed reminders")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=list_reminders)

    for name, summary, handler in (
        ("done", "mark done; a recurring one rolls to its next date", complete_reminder),
        ("snooze", "move the due date to WHEN", snooze_reminder),
        ("delete", "delete a reminder", delete_reminder),
    ):
        change = actions.add_parser(name, help=summary)
        change.add_argument("id")
        if name == "snooze":
            change.add_argument("when", metavar="WHEN")
        change.add_argument("--json", action="store_true")
        change.set_defaults(handler=handler)


def _report(ctx: Context, reminder: Reminder, verb: str, name: str | None = None) -> None:
    """The changed reminder as JSON, or one line saying what happened to it."""
    if name is None:
        name = ctx.customer_names().get(reminder.customer_id, reminder.customer_id)
    if ctx.as_json:
        ctx.emit(reminder_json(reminder, name))
        return
    due = ""
    if reminder.done_at is None:
        late = " (in the past)" if reminder.due < ctx.today else ""
        due = f"due {format_day(reminder.due, ctx.today)}{late}, "
    ctx.console.print(
        Text.assemble(f"{verb} ", (reminder.text, "bold"), f" for {name} ({due}{reminder.id})")
    )


def add_reminder(ctx: Context, args: argparse.Namespace) -> None:
    customer = ctx.customer(args.customer)
    reminder = reminder_from_input(
        ctx.clock,
        customer_id=customer.id,
        text=args.text,
        due=args.due,
        kind=args.kind,
        cost=args.cost,
        every=args.every,
    )
    reminder = ctx.repo.save_reminder(reminder)
    _report(ctx, reminder, "Added", customer.name)
    warning = cost_warning(reminder.cost)
    if warning and not ctx.as_json:
        ctx.console.print(warning, style="dim", markup=False)


def _selected(ctx: Context, args: argparse.Namespace) -> list[Item]:
    """The rows the Reminders panel shows for the same window, customer and kind: open
    reminders and the touches the contact cadence asks for (plus done ones with --done).
    Only the reminders due in the window are read, and which customers plan a touch."""
    customer = ctx.customer(args.customer) if args.customer else None
    customers = [customer] if customer else ctx.repo.list_customers()
    customer_id = customer.id if customer else None
    today = ctx.today
    window = Window(args.when)
    due_from, due_before = window_days(window, today)
    reminders = ctx.repo.list_reminders(
        customer_id, include_done=args.done, due_from=due_from, due_before=due_before
    )
    planned = ctx.repo.planned_touches(customer_id) if window is not Window.ALL else {}
    items = build_items(reminders, customers, today, planned=planned)
    if args.done:
        names = {c.id: c.name for c in customers}
        items += [
            reminder_item(r, names.get(r.customer_id, r.customer_id))
            for r in reminders
            if r.done_at is not None
        ]
    view = ViewFilter(window=window, kind=Kind(args.kind) if args.kind else None)
    return select(items, view, today)


def list_reminders(ctx: Context, args: argparse.Namespace) -> None:
    items = _selected(ctx, args)
    if ctx.as_json:
        ctx.emit([item_json(item) for item in items])
    elif not items:
        ctx.console.print("No reminders match.")
    else:
        ctx.console.print(reminder_table(items, ctx.today))


def reminder_table(items: Iterable[Item], today: date) -> Listing:
    table = listing(
        "id", "due", "customer", "kind", "cost", "every", "text", wrap=("customer", "text")
    )
    for item in items:
        done = item.reminder is not None and item.reminder.done_at is not None
        late = item.due < today and not done
        due = format_day(item.due, today) + (" (done)" if done else "")
        table.add_row(
            Text(item.key),
            Text(due, style="red" if late else ""),
            Text(item.customer),
            Text(item.kind.value),
            Text(item.cost.value),
            Text(item.repeats),
            Text(item.text),
        )
    return table


def complete_reminder(ctx: Context, args: argparse.Namespace) -> None:
    if args.id.startswith(TOUCH_PREFIX):
        _log_contact(ctx, args.id.removeprefix(TOUCH_PREFIX))
        return
    reminder = complete(ctx.repo, args.id, ctx.clock.now())
    _report(ctx, reminder, "Done:" if reminder.done_at else "Next time:")


def _log_contact(ctx: Context, customer_id: str) -> None:
    """Done on a cadence touch ("touch:ID" in the list) logs a contact, as `d` does in the TUI."""
    customer = log_contact(ctx.repo, customer_id, ctx.clock.now())
    if ctx.as_json:
        ctx.emit(customer_json(customer))
        return
    ctx.console.print(
        Text.assemble(
            "Contact with ", (customer.name, "bold"), " logged; the cadence starts again."
        )
    )


def snooze_reminder(ctx: Context, args: argparse.Namespace) -> None:
    until = parse_snooze(args.when, ctx.clock)
    _report(ctx, snooze(ctx.repo, args.id, until, ctx.clock.now()), "Snoozed")


def delete_reminder(ctx: Context, args: argparse.Namespace) -> None:
    _report(ctx, delete(ctx.repo, args.id), "Deleted")

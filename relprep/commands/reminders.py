"""`relprep reminder add|list|done|snooze|delete`.

These read and write the main file only (customers and reminders), never the debrief
history, so they stay as quick with ten years of debriefs as with none.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text

from relprep.commands.context import Context, listing
from relprep.commands.shapes import reminder_json
from relprep.domain.dates import describe_every, format_date, parse_when
from relprep.domain.method import cost_warning
from relprep.domain.model import Kind, Reminder
from relprep.domain.reminder_view import Window, in_window
from relprep.domain.validation import reminder_from_input
from relprep.usecases.reminders import complete_reminder as complete
from relprep.usecases.reminders import delete_reminder as delete
from relprep.usecases.reminders import snooze_reminder as snooze

if TYPE_CHECKING:
    from rich.table import Table


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
    due = "" if reminder.done_at else f"due {format_date(reminder.due, ctx.today)}, "
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


def _selected(ctx: Context, args: argparse.Namespace) -> list[Reminder]:
    customer_id = ctx.customer(args.customer).id if args.customer else None
    today = ctx.today
    return [
        reminder
        for reminder in ctx.repo.list_reminders(customer_id, include_done=args.done)
        if (args.done or reminder.done_at is None)
        and (args.kind is None or reminder.kind.value == args.kind)
        and in_window(reminder.due, Window(args.when), today)
    ]


def list_reminders(ctx: Context, args: argparse.Namespace) -> None:
    reminders = _selected(ctx, args)
    names = ctx.customer_names()
    if ctx.as_json:
        ctx.emit([reminder_json(r, names.get(r.customer_id, r.customer_id)) for r in reminders])
    elif not reminders:
        ctx.console.print("No reminders match.")
    else:
        ctx.console.print(reminder_table(reminders, names, ctx.today))


def reminder_table(reminders: Iterable[Reminder], names: dict[str, str], today: date) -> Table:
    table = listing(
        "id", "due", "customer", "kind", "cost", "every", "text", wrap=("customer", "text")
    )
    for reminder in reminders:
        late = reminder.due < today and reminder.done_at is None
        due = format_date(reminder.due, today) + (" (done)" if reminder.done_at else "")
        table.add_row(
            Text(reminder.id),
            Text(due, style="red" if late else ""),
            Text(names.get(reminder.customer_id, reminder.customer_id)),
            Text(reminder.kind.value),
            Text(reminder.cost.value),
            Text(describe_every(reminder.every)),
            Text(reminder.text),
        )
    return table


def complete_reminder(ctx: Context, args: argparse.Namespace) -> None:
    reminder = complete(ctx.repo, args.id, ctx.clock.now())
    _report(ctx, reminder, "Done:" if reminder.done_at else "Next time:")


def snooze_reminder(ctx: Context, args: argparse.Namespace) -> None:
    until = parse_when(args.when, ctx.clock)
    _report(ctx, snooze(ctx.repo, args.id, until, ctx.clock.now()), "Snoozed")


def delete_reminder(ctx: Context, args: argparse.Namespace) -> None:
    _report(ctx, delete(ctx.repo, args.id), "Deleted")

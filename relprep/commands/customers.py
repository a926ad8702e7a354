"""`relprep customer add|list|show|assign` (assign: see commands/team.py)."""

from __future__ import annotations

import argparse

from rich.text import Text

from relprep.commands import team
from relprep.commands.context import Context, listing
from relprep.domain import rules
from relprep.domain.dates import format_date
from relprep.domain.model import Customer, Kind
from relprep.domain.validation import customer_from_input
from relprep.formats.shapes import customer_json, reminder_json
from relprep.usecases.promises import customer_promise_record


def register(commands: argparse._SubParsersAction) -> None:
    group = commands.add_parser("customer", help="list, add and show customers")
    actions = group.add_subparsers(dest="action", required=True, metavar="ACTION")

    add = actions.add_parser("add", help="add a customer")
    add.add_argument("name")
    add.add_argument("--company", default="")
    add.add_argument("--role", default="")
    add.add_argument("--industry", default="")
    add.add_argument("--interest", action="append", default=[], dest="interests")
    add.add_argument("--cadence", default="30d", help="how often to be in touch, e.g. 2w, monthly")
    add.add_argument("--notes", default="")
    add.add_argument("--json", action="store_true")
    add.set_defaults(handler=add_customer)

    listing = actions.add_parser("list", help="list customers")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=list_customers)

    show = actions.add_parser("show", help="profile, open promises and promise record")
    show.add_argument("customer")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=show_customer)

    team.register_assign(actions)


def add_customer(ctx: Context, args: argparse.Namespace) -> None:
    customer = customer_from_input(
        ctx.clock,
        name=args.name,
        company=args.company,
        role=args.role,
        industry=args.industry,
        interests=args.interests,
        cadence=args.cadence,
        notes=args.notes,
    )
    customer = ctx.repo.save_customer(customer)
    if ctx.as_json:
        ctx.emit(customer_json(customer))
    else:
        ctx.console.print(Text.assemble("Added ", (customer.name, "bold"), f" ({customer.id})"))


def _due_label(customer: Customer, ctx: Context) -> str:
    due = rules.next_touch_due(customer)
    return format_date(due, ctx.clock.now().date()) if due else "-"


def list_customers(ctx: Context, args: argparse.Namespace) -> None:
    customers = ctx.repo.list_customers()
    if ctx.as_json:
        ctx.emit([customer_json(c) for c in customers])
        return
    if not customers:
        ctx.console.print('No customers yet. Add one with: relprep customer add "Name"')
        return
    table = listing("id", "name", "company", "role", "next touch", wrap=("name", "company", "role"))
    for customer in customers:
        table.add_row(
            Text(customer.id),
            Text(customer.name),
            Text(customer.company),
            Text(customer.role),
            Text(_due_label(customer, ctx)),
        )
    ctx.console.print(table)


def show_customer(ctx: Context, args: argparse.Namespace) -> None:
    customer = ctx.customer(args.customer)
    reminders = ctx.repo.list_reminders(customer.id)
    record = customer_promise_record(ctx.repo, customer.id, ctx.today)
    open_promises = [r for r in reminders if r.kind is Kind.PROMISE]
    if ctx.as_json:
        ctx.emit(
            {
                **customer_json(customer),
                "open_promises": [reminder_json(r, customer.name) for r in open_promises],
                "stats": {
                    "promises_kept_on_time": record.kept_on_time,
                    "promises_late": record.late,
                    "promises_open": record.open,
                    "promises_overdue": record.overdue,
                    "kept_on_time_rate": record.rate,
                },
            }
        )
        return
    console = ctx.console
    console.print(Text.assemble((customer.name, "bold"), f"  {customer.id}"))
    for label, value in (
        ("company", customer.company),
        ("role", customer.role),
        ("industry", customer.industry),
        ("interests", ", ".join(customer.interests)),
        ("next touch", _due_label(customer, ctx)),
        ("notes", customer.notes),
    ):
        if value:
            console.print(Text.assemble((f"{label:>11}  ", "dim"), value))
    rate = f"{record.rate:.0%}" if record.rate is not None else "no promises judged yet"
    console.print(
        Text(
            f"   promises  {record.kept_on_time} kept on time, {record.late} late, "
            f"{record.overdue} overdue, {record.open} open · kept on time: {rate}"
        )
    )
    for promise in open_promises:
        console.print(Text.assemble("     · ", promise.text, f"  (due {promise.due.isoformat()})"))

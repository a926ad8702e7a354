"""`relprep debrief add|list`: log a call from a script, or read the history back."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from rich.text import Text

from relprep.commands.context import Context, UsageError, listing
from relprep.domain.dates import format_date
from relprep.domain.model import Debrief
from relprep.domain.validation import debrief_from_input
from relprep.formats.shapes import debrief_json
from relprep.usecases.debriefs import save_debrief

TABLE_LIMIT = 50

if TYPE_CHECKING:
    from relprep.commands.table import Listing


def register(commands: argparse._SubParsersAction) -> None:
    group = commands.add_parser("debrief", help="log a call and list past debriefs")
    actions = group.add_subparsers(dest="action", required=True, metavar="ACTION")

    add = actions.add_parser("add", help="log a call you just had")
    add.add_argument("customer")
    add.add_argument("--when", default="", metavar="WHEN", help="default: now")
    add.add_argument("--listen", metavar="PCT", help="percent of the call you listened, 0-100")
    add.add_argument("--topic", action="append", default=[], dest="topics")
    add.add_argument("--learned", default="")
    add.add_argument("--interest", action="append", default=[], dest="interests")
    add.add_argument("--negative", default="", help="an honest negative you said")
    add.add_argument("--alternatives", default="", help="alternatives you discussed")
    for flag, dest, whose in (
        ("--promise", "my_promises", "you made (becomes a reminder)"),
        ("--their-promise", "their_promises", "they made"),
    ):
        add.add_argument(
            flag,
            nargs=2,
            action="append",
            default=[],
            dest=dest,
            metavar=("WHEN", "TEXT"),
            help=f"a promise {whose}, due WHEN",
        )
    add.add_argument("--next", default="", dest="next_step", help="the agreed next step")
    add.add_argument("--follow-up", default="", metavar="WHEN", help="becomes a touch reminder")
    add.add_argument("--score", metavar="1..5", help="how the relationship feels, 1-5")
    add.add_argument("--notes", default="")
    add.add_argument("--json", action="store_true")
    add.set_defaults(handler=add_debrief)

    listing = actions.add_parser("list", help="past debriefs, newest first")
    listing.add_argument("--customer")
    listing.add_argument(
        "--limit",
        type=int,
        metavar="N",
        help=f"the newest N only; 0 for all (default: {TABLE_LIMIT} in a table, all with --json)",
    )
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=list_debriefs)


def add_debrief(ctx: Context, args: argparse.Namespace) -> None:
    customer = ctx.customer(args.customer)
    debrief = debrief_from_input(
        ctx.clock,
        customer_id=customer.id,
        when=args.when,
        listen=args.listen,
        topics=args.topics,
        learned=args.learned,
        interests=args.interests,
        negative=args.negative,
        alternatives=args.alternatives,
        my_promises=[tuple(pair) for pair in args.my_promises],
        their_promises=[tuple(pair) for pair in args.their_promises],
        next_step=args.next_step,
        follow_up=args.follow_up,
        score=args.score,
        notes=args.notes,
    )
    saved = save_debrief(ctx.repo, debrief, ctx.clock.now())
    if ctx.as_json:
        ctx.emit(debrief_json(saved))
        return
    when = _moment(saved, ctx)
    ctx.console.print(
        Text.assemble("Saved debrief of ", (customer.name, "bold"), f" ({when}, {saved.id})")
    )
    for label, promises in (
        ("  promise reminder ", saved.my_promises),
        ("  their promise, tracked as ", saved.their_promises),
    ):
        for promise in promises:
            ctx.console.print(Text.assemble(label, str(promise.reminder_id), ": ", promise.text))
    if saved.follow_up_reminder_id and saved.follow_up:
        ctx.console.print(
            Text.assemble(
                "  follow-up reminder ",
                saved.follow_up_reminder_id,
                f" ({format_date(saved.follow_up, ctx.today)}): ",
                saved.next_step or "Follow up",
            )
        )


def _moment(debrief: Debrief, ctx: Context) -> str:
    return f"{format_date(debrief.when.date(), ctx.today)} {debrief.when:%H:%M}"


def _newest(ctx: Context, customer: str | None, limit: int) -> list[Debrief]:
    """Newest first (all when `limit` is 0)."""
    if customer:
        found = ctx.repo.debriefs_for(ctx.customer(customer).id)
    elif limit:
        return ctx.repo.recent_debriefs(limit)
    else:
        found = list(ctx.repo.all_debriefs())
    return sorted(found, key=lambda d: (d.when, d.id), reverse=True)[: limit or None]


def list_debriefs(ctx: Context, args: argparse.Namespace) -> None:
    limit = args.limit if args.limit is not None else (0 if ctx.as_json else TABLE_LIMIT)
    if limit < 0:
        raise UsageError(f"--limit must be 0 (all) or more, not {limit}")
    debriefs = _newest(ctx, args.customer, limit)
    if ctx.as_json:
        ctx.emit([debrief_json(d) for d in debriefs])
    elif not debriefs:
        ctx.console.print("No debriefs yet.")
    else:
        ctx.console.print(_table(debriefs, ctx))
        if len(debriefs) == limit:
            ctx.console.print(f"The newest {limit}; --limit 0 shows all.", style="dim")


def _table(debriefs: list[Debrief], ctx: Context) -> Listing:
    names = ctx.customer_names()
    table = listing(
        "id", "when", "customer", "listen", "score", "topics", "next step",
        wrap=("customer", "topics", "next step"),
    )  # fmt: skip
    for debrief in debriefs:
        table.add_row(
            Text(debrief.id),
            Text(_moment(debrief, ctx)),
            Text(names.get(debrief.customer_id, debrief.customer_id)),
            Text(f"{debrief.listen_pct}%" if debrief.listen_pct is not None else "-"),
            Text(str(debrief.score) if debrief.score is not None else "-"),
            Text(", ".join(debrief.topics)),
            Text(debrief.next_step),
        )
    return table

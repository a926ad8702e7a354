"""`relprep db upgrade|copy` and `relprep customer assign`: running a team database.

`db upgrade` brings a database's schema up to this relprep's (a team database's admin runs
it; a personal file upgrades itself when opened). `db copy` moves every record from one
database to another - a personal file into the team's, or back - all or nothing.
"""

from __future__ import annotations

import argparse

from relprep.commands.context import Context, UsageError
from relprep.export import counted
from relprep.store.select import (
    database_target,
    open_repository,
    public_target,
    upgrade_database,
)
from relprep.usecases.team import NotATeamDatabase, assign_customer, copy_database


def register(commands: argparse._SubParsersAction) -> None:
    group = commands.add_parser("db", help="upgrade a database, or copy one into another")
    actions = group.add_subparsers(dest="action", required=True, metavar="ACTION")

    upgrade = actions.add_parser("upgrade", help="bring the database's schema up to date")
    upgrade.add_argument("--json", action="store_true")
    upgrade.set_defaults(handler=upgrade_schema)

    copy = actions.add_parser(
        "copy", help="copy every record from one database into another (all or nothing)"
    )
    copy.add_argument("--from", dest="source", required=True, metavar="PATH|URL")
    copy.add_argument("--to", dest="target", required=True, metavar="PATH|URL")
    copy.add_argument("--json", action="store_true")
    copy.set_defaults(handler=copy_records)


def register_assign(actions: argparse._SubParsersAction) -> None:
    """`customer assign`, added to the `customer` command's actions."""
    assign = actions.add_parser(
        "assign", help="hand a customer and its open reminders to another rep (team database)"
    )
    assign.add_argument("customer")
    assign.add_argument("--to", dest="member", required=True, metavar="REP")
    assign.add_argument("--json", action="store_true")
    assign.set_defaults(handler=hand_over)


def upgrade_schema(ctx: Context, args: argparse.Namespace) -> None:
    done = upgrade_database(ctx.db)
    if ctx.as_json:
        ctx.emit(
            {
                "db": public_target(ctx.db),
                "from": done.before,
                "to": done.after,
                "applied": list(done.applied),
            }
        )
    elif done.applied:
        ctx.console.print(
            f"upgraded {public_target(ctx.db)} from schema {done.before} to {done.after} "
            f"({', '.join(done.applied)})",
            markup=False,
        )
    else:
        ctx.console.print(
            f"{public_target(ctx.db)} is at schema {done.after} already; nothing to do",
            markup=False,
        )


def copy_records(ctx: Context, args: argparse.Namespace) -> None:
    source, target = database_target(args.source), database_target(args.target)
    if source == target:
        raise UsageError("--from and --to name the same database; nothing to copy")
    copied = copy_database(open_repository(source), open_repository(target))
    counts = {
        "customers": copied.customers,
        "debriefs": copied.debriefs,
        "reminders": copied.reminders,
        "preps": copied.preps,
    }
    if ctx.as_json:
        ctx.emit({"from": public_target(source), "to": public_target(target), **counts})
    else:
        listed = ", ".join(counted(count, table) for table, count in counts.items())
        ctx.console.print(
            f"copied {listed} from {public_target(source)} to {public_target(target)}",
            markup=False,
        )


def hand_over(ctx: Context, args: argparse.Namespace) -> None:
    customer = ctx.customer(args.customer)
    try:
        handover = assign_customer(ctx.repo, customer.id, args.member)
    except NotATeamDatabase as error:
        raise UsageError(str(error)) from None
    if ctx.as_json:
        ctx.emit(
            {
                "customer_id": customer.id,
                "from": handover.previous,
                "to": handover.member,
                "moved_reminders": list(handover.moved),
            }
        )
    else:
        ctx.console.print(
            f"{handover.customer} is {handover.member}'s now (was {handover.previous}); "
            f"{counted(len(handover.moved), 'open reminders')} moved along",
            markup=False,
        )

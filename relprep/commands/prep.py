"""`relprep prep CUSTOMER [--markdown]`: the prep sheet without opening the TUI."""

from __future__ import annotations

import argparse

from relprep.commands.context import Context
from relprep.domain.prep_sheet import render_sheet
from relprep.store.sheets import write_sheet
from relprep.usecases.prep import load_prep


def register(commands: argparse._SubParsersAction) -> None:
    prep = commands.add_parser("prep", help="print the prep sheet for a customer's next call")
    prep.add_argument("customer")
    prep.add_argument(
        "--markdown",
        action="store_true",
        help="write the sheet as a Markdown file and print its path",
    )
    prep.set_defaults(handler=show_prep)


def show_prep(ctx: Context, args: argparse.Namespace) -> None:
    customer = ctx.customer(args.customer)
    now = ctx.clock.now()
    loaded = load_prep(ctx.repo, customer.id, now)
    if args.markdown:
        path = write_sheet(loaded.customer, loaded.prep, loaded.last, now.date())
        ctx.console.print(str(path), markup=False, soft_wrap=True)
        return
    from rich.markdown import Markdown  # only here: it pulls in a Markdown parser

    ctx.console.print(Markdown(render_sheet(loaded.customer, loaded.prep, loaded.last, now.date())))

"""Command-line entry point: opens the TUI, or runs one sub-command and exits.

Every user mistake ends as one line on stderr starting "relprep: " with exit status 2, and
every storage problem as one such line with status 3 — never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn

from relprep.commands.context import Context, UsageError, clock_from_env
from relprep.domain.dates import DateError
from relprep.domain.lookup import CustomerLookupError
from relprep.domain.text import one_line
from relprep.domain.validation import ValidationError
from relprep.export.errors import ImportRejected
from relprep.paths import (
    DbPathError,
    bundled_themes_dir,
    config_dir,
    screenshots_dir,
    sheets_dir,
    user_themes_dir,
)
from relprep.store.errors import Conflict, NotPermitted, RecordNotFound, StorageError
from relprep.store.repository import Repository
from relprep.store.select import BackendMissing, database_target, is_server_url, public_target
from relprep.store.settings import Settings
from relprep.ui import collection
from relprep.usecases.transfer import UnknownCustomer

EXIT_USAGE = 2
EXIT_STORAGE = 3
EXIT_SAVED_THEN_FAILED = 4
"""The change was saved, then something failed (showing the result): retrying repeats it."""


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line starting "relprep: "."""

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"relprep: {one_line(message)} (see: {self.prog} --help)\n")
        raise SystemExit(EXIT_USAGE)

    def _get_values(self, action: argparse.Action, arg_strings: list[str]):
        """Python 3.11's argparse drops a value that is exactly "--" (`--notes=--`, or a
        positional after the `--` separator) and hands the command an empty list; keep it as
        the text the user typed."""
        if action.nargs is None and arg_strings == ["--"]:
            return self._get_value(action, "--")
        return super()._get_values(action, arg_strings)


class PrintVersion(argparse.Action):
    """`--version`, asking for the version only when used (see relprep.__getattr__)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **_: object) -> None:
        super().__init__(
            option_strings, dest, nargs=0, default=argparse.SUPPRESS, help="print the version"
        )

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from relprep import __version__

        sys.stdout.write(f"relprep {__version__}\n")
        parser.exit()


def _global_parser() -> Parser:
    parser = Parser(
        prog="relprep",
        description="Prepare for customer calls, debrief them, and keep your small promises.",
    )
    parser.add_argument("--version", action=PrintVersion)
    parser.add_argument(
        "--db", metavar="PATH", help="database file (default: $RELPREP_DB or the user data folder)"
    )
    parser.add_argument("--theme", metavar="NAME", help="theme for this run")
    return parser


def build_parser() -> Parser:
    from relprep.commands import customers, debriefs, prep, reminders, team, transfer

    parser = _global_parser()
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    paths = commands.add_parser("paths", help="where data, config and themes live")
    paths.add_argument("--json", action="store_true")
    paths.set_defaults(handler=show_paths)
    customers.register(commands)
    debriefs.register(commands)
    prep.register(commands)
    reminders.register(commands)
    transfer.register(commands)
    team.register(commands)
    _accept_db_after_the_command(commands)
    return parser


def _accept_db_after_the_command(commands: argparse._SubParsersAction) -> None:
    """`relprep customer list --db x.json` works as well as `relprep --db x.json customer list`."""
    for sub in commands.choices.values():
        nested = [a for a in sub._actions if isinstance(a, argparse._SubParsersAction)]
        if nested:
            _accept_db_after_the_command(nested[0])
        else:
            sub.add_argument(
                "--db", metavar="PATH", default=argparse.SUPPRESS, help=argparse.SUPPRESS
            )


def show_paths(ctx: Context, args: argparse.Namespace) -> None:
    places = {
        "db": public_target(ctx.db),
        "config_dir": str(config_dir()),
        "themes_dir": str(user_themes_dir()),
        "bundled_themes_dir": str(bundled_themes_dir()),
        "sheets_dir": str(sheets_dir()),
        "screenshots_dir": str(screenshots_dir()),
    }
    if ctx.as_json:
        ctx.emit(places)
    else:
        for name, place in places.items():
            ctx.console.print(f"{name:>18}  {place}", markup=False)


def _run_tui(ctx: Context, theme: str | None) -> None:
    """Today's data is read, and collection held, from before Textual is imported until
    Today shows the data. A database file is read in a child process, on the other core; a
    server's connection is not one to share with a fork, and its read is short (10 ms at
    50k debriefs in benchmarks/REPORT.md)."""
    from relprep.ui.today_data import read_ahead

    collection.hold()
    try:
        ahead = read_ahead(ctx.repo, ctx.clock, in_child=not is_server_url(ctx.db))
        from relprep.ui.app import RelprepApp

        RelprepApp(ctx.repo, ctx.clock, theme=theme, watch=True, read_ahead=ahead).run()
    finally:
        collection.release()


_OPTION_OF_FIELD = {
    "name": "NAME",
    "text": "TEXT",
    "my_promises": "--promise",
    "their_promises": "--their-promise",
}


def _option_label(field: str) -> str:
    """The command-line spelling of a form field: "my_promises.2" -> "--promise #2"."""
    base, _, number = field.partition(".")
    label = _OPTION_OF_FIELD.get(base, "--" + base.replace("_", "-"))
    return f"{label} #{number}" if number else label


def _fail(message: str, status: int) -> int:
    sys.stderr.write(f"relprep: {one_line(message)}\n")
    return status


def _saved_a_change(ctx: Context) -> bool:
    """Whether this run saved something before it failed: exit 3 promises it did not."""
    repo: Repository | None = ctx.__dict__.get("repo")  # None: the database was never opened
    return repo is not None and repo.commits > 0


def _left_out(ctx: Context) -> int:
    """A command that left out records it could not read says so in one line and exits 3, so
    a script never takes a partial listing or export for the whole (4 when it saved a change
    first, so a script does not repeat the change)."""
    repo: Repository | None = ctx.__dict__.get("repo")
    problems = repo.unreadable() if repo is not None else []
    if not problems:
        return 0
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    what = f"left out what it could not read: {problems[0]}{more}"
    if _saved_a_change(ctx):
        return _fail(
            f"the change was saved (running the command again would repeat it), but {what}",
            EXIT_SAVED_THEN_FAILED,
        )
    return _fail(what, EXIT_STORAGE)


def parse(argv: Sequence[str]) -> argparse.Namespace:
    """Bare `relprep [--db PATH] [--theme NAME]` opens the TUI, which needs none of the
    sub-command modules: parsing it with the global options alone keeps their imports
    (about 20 ms) off the way to the first frame."""
    if not {"-h", "--help"} & set(argv):
        known, rest = _global_parser().parse_known_args(argv)
        if not rest:
            known.command = None
            return known
    return build_parser().parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(sys.argv[1:] if argv is None else argv)
    ctx: Context | None = None
    try:
        ctx = Context(
            db=database_target(args.db),
            clock=clock_from_env(day_first=Settings().day_first),
            as_json=getattr(args, "json", False),
        )
        if args.command is None:
            ctx.repo  # noqa: B018 - open (and check) the database before the screen takes over
            _run_tui(ctx, args.theme)
        else:
            collection.release()  # held by relprep.launch for the TUI's start
            args.handler(ctx, args)
            return _left_out(ctx)
    except ValidationError as error:
        return _fail(f"{_option_label(error.first)}: {error.errors[error.first]}", EXIT_USAGE)
    except (
        UsageError,
        DateError,
        CustomerLookupError,
        RecordNotFound,
        ImportRejected,
        UnknownCustomer,
        BackendMissing,
        DbPathError,
        NotPermitted,
    ) as error:
        return _fail(str(error), EXIT_USAGE)
    except (StorageError, Conflict) as error:
        if ctx is not None and _saved_a_change(ctx):
            return _fail(
                f"the change was saved (running the command again would repeat it), but then: "
                f"{error}",
                EXIT_SAVED_THEN_FAILED,
            )
        return _fail(str(error), EXIT_STORAGE)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
    return 0

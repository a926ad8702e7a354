"""`relprep export` and `relprep import`: the user's data out to files and back in.

The format modules (and the icalendar library) are imported only when these commands run,
so every other command starts without paying for them.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from relprep.commands.context import Context, UsageError
from relprep.export import counted
from relprep.store.atomic import atomic_write, ensure_folder
from relprep.store.errors import StorageError
from relprep.usecases.transfer import import_records, known_customer_ids

if TYPE_CHECKING:
    from relprep.export.snapshot import Snapshot

FORMATS = ("json", "csv", "md", "ics")
MAX_IMPORT_BYTES = 256 * 1024 * 1024
"""The most one import reads: past this a file is not a relprep export, and reading it whole
would only exhaust memory. It must hold the export of the largest database relprep is built
for (200,000 debriefs and 90,000 reminders, the benchmarks' biggest), which 64 MB refused."""


def register(commands: argparse._SubParsersAction) -> None:
    export = commands.add_parser("export", help="write everything as JSON, CSV, Markdown or iCal")
    export.add_argument("--format", required=True, choices=FORMATS)
    export.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="where to write (default: stdout); for csv a folder gets one file per table",
    )
    export.add_argument(
        "--todo", action="store_true", help="ics: VTODO tasks instead of all-day events"
    )
    export.set_defaults(handler=export_data)

    load = commands.add_parser("import", help="add or update records from a JSON export")
    load.add_argument("file", metavar="FILE")
    load.add_argument("--json", action="store_true")
    load.set_defaults(handler=import_data)


def _counts(snapshot: Snapshot) -> dict[str, int]:
    return {
        "customers": len(snapshot.customers),
        "debriefs": len(snapshot.debriefs),
        "reminders": len(snapshot.reminders),
        "preps": len(snapshot.preps),
    }


def _describe(counts: dict[str, int]) -> str:
    """ "1 customer, 12 debriefs, …" """
    return ", ".join(counted(count, table) for table, count in counts.items())


def _refuse_database_files(ctx: Context, *paths: Path) -> None:
    """Exporting onto the database (its main file, last good copy, journal, lock, history...)
    would destroy the data being exported."""
    for path in paths:
        if ctx.repo.owns_path(path):
            raise UsageError(
                f"{path} belongs to the database {ctx.repo.describe()}; nothing was written: "
                "choose another file for the export"
            )


def _write(path: Path, data: bytes) -> None:
    try:
        atomic_write(path, data, keep_backup=False)
    except OSError as error:
        raise StorageError(f"{path}: could not be written ({error.strerror or error})") from error


def _rendered(snapshot: Snapshot, ctx: Context, args: argparse.Namespace) -> bytes:
    """The export as one file; for csv, the reminders table."""
    if args.format == "json":
        from relprep.export.json_document import dumps

        return dumps(snapshot).encode()
    if args.format == "md":
        from relprep.export.markdown_report import report

        return report(snapshot, ctx.today).encode()
    if args.format == "csv":
        from relprep.export.csv_tables import tables, to_csv

        return to_csv("reminders", tables(snapshot)["reminders"]).encode()
    from relprep.export.ical import calendar

    return calendar(snapshot, as_todo=args.todo)


def _csv_folder(output: Path) -> bool:
    """For csv, `-o` names a folder (one file per table) unless it names a .csv file."""
    return output.is_dir() or output.suffix.lower() != ".csv"


def _write_csv_folder(ctx: Context, snapshot: Snapshot, folder: Path) -> str:
    from relprep.export.csv_tables import tables, to_csv

    rows = tables(snapshot)
    _refuse_database_files(ctx, folder, *(folder / f"{name}.csv" for name in rows))
    try:
        ensure_folder(folder)
    except OSError as error:
        raise StorageError(f"{folder}: could not be created ({error.strerror or error})") from error
    for name, table in rows.items():
        _write(folder / f"{name}.csv", to_csv(name, table).encode())
    return f"{', '.join(f'{name}.csv' for name in rows)} in {folder}"


def export_data(ctx: Context, args: argparse.Namespace) -> None:
    from relprep.export.snapshot import take

    output = Path(os.path.expanduser(args.output)) if args.output else None
    if output is not None and args.format != "csv" and output.is_dir():
        raise UsageError(f"{output} is a folder; -o needs a file name for --format {args.format}")
    snapshot = take(ctx.repo)
    if output is None:
        sys.stdout.buffer.write(_rendered(snapshot, ctx, args))
        return
    if args.format == "csv" and _csv_folder(output):
        written = _write_csv_folder(ctx, snapshot, output)
    else:
        _refuse_database_files(ctx, output)
        _write(output, _rendered(snapshot, ctx, args))
        written = str(output)
    ctx.console.print(f"Exported {_describe(_counts(snapshot))}: {written}", markup=False)


def import_data(ctx: Context, args: argparse.Namespace) -> None:
    from relprep.export.errors import ImportRejected
    from relprep.export.json_document import loads

    path = Path(os.path.expanduser(args.file))
    try:
        with path.open("rb") as file:
            data = file.read(MAX_IMPORT_BYTES + 1)
    except OSError as error:
        raise UsageError(f"{path}: cannot be read ({error.strerror or error})") from error
    except ValueError:  # a NUL in the name, possible only when called from Python
        raise UsageError(f"{path}: is not a file name") from None
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportRejected(
            f"{path}: is larger than {MAX_IMPORT_BYTES // 2**20} MB, more than relprep "
            "imports at once; nothing was imported"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ImportRejected(f"{path}: is not UTF-8 text, so not a relprep JSON export") from None
    snapshot = loads(text, path, ctx.today, known_customer_ids(ctx.repo))
    import_records(
        ctx.repo, snapshot.customers, snapshot.debriefs, snapshot.reminders, snapshot.preps
    )
    counts = _counts(snapshot)
    if ctx.as_json:
        ctx.emit({"file": str(path), "imported": counts})
    else:
        ctx.console.print(f"Imported {_describe(counts)} from {path}", markup=False)

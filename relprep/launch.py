"""The `relprep` command and `python -m relprep`: garbage collection is held before the rest
of relprep is imported, and the command line takes it from there (relprep.cli.main).

Importing the command line, the store and the domain makes tens of thousands of objects,
and CPython's collector traversed them as they were made: 87 ms to import relprep.cli with
it, 83 without (3 December), on the way to every TUI start. A sub-command gives collection
back once its arguments are read; the TUI keeps it held until Today shows its data
(relprep.ui.collection).
"""

from __future__ import annotations


def main() -> int:
    from relprep.ui import collection

    collection.hold()
    from relprep.cli import main as run

    return run()

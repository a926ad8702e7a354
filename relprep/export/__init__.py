"""The user's data in formats other programs read: JSON (round-trips through `relprep import`),
CSV for spreadsheets, a Markdown report for people, and iCalendar for calendar apps.

Each module turns a Snapshot into text or bytes; writing files is left to the caller.
Modules are imported only by the command that needs them, so other commands start quickly.
"""


def counted(count: int, noun: str) -> str:
    """ "1 debrief", "12 debriefs" (nouns given in the plural)."""
    return f"{count} {noun if count != 1 else noun.removesuffix('s')}"

"""User text made safe to place inside Markdown: one rule for the prep sheet and the report.

Two copies of this used to disagree: the prep sheet's let "1. x", "- x", "+ x" and "2) x"
at the start of a line turn into a nested list. Every Markdown relprep writes escapes here.
"""

from __future__ import annotations

import re

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")
_LINE_START = re.compile(r"^(\d*)([-+=>.)])")
"""What would start a list, quote or heading underline: "- ", "1. ", "> ", "==="."""


def escape(text: str) -> str:
    """User text, safe inside a Markdown list item, with its line breaks kept (as hard breaks
    indented to stay inside the item)."""
    lines = [
        _LINE_START.sub(r"\1\\\2", _SPECIAL.sub(r"\\\1", line.strip()))
        for line in text.strip().splitlines()
    ]
    return "  \n  ".join(line for line in lines if line)

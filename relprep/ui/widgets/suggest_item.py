"""Completion for the last item of a comma-separated list ("golf, ja" -> "golf, jazz").

Textual's SuggestFromList completes the whole value, which suits one item per field; the
interests field holds several, so only the item being typed is completed, and what was
typed before it keeps its spelling.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.suggester import Suggester


class SuggestListItem(Suggester):
    def __init__(self, known: Iterable[str]) -> None:
        # Case is handled here, so the earlier items reach get_suggestion as typed.
        super().__init__(case_sensitive=True)
        self._known = list(dict.fromkeys(known))

    async def get_suggestion(self, value: str) -> str | None:
        head, comma, last = value.rpartition(",")
        typed = last.lstrip()
        if not typed:
            return None
        already = {item.strip().casefold() for item in head.split(",")} if comma else set()
        for item in self._known:
            folded = item.casefold()
            if folded.startswith(typed.casefold()) and folded not in already and item != typed:
                return value[: len(value) - len(typed)] + item
        return None

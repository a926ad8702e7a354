"""A bar of how much of the call I spent listening, marked at the 50% line and the 57% mark."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from relprep.domain.call_timer import LISTEN_GOAL, LISTEN_RESEARCH_MARK


def _style(pct: int) -> str:
    if pct >= LISTEN_RESEARCH_MARK:
        return "bold $success"
    return "$success" if pct >= LISTEN_GOAL else "$warning"


class ListenGauge(Widget):
    DEFAULT_CSS = """
    ListenGauge { height: 2; }
    """

    share: reactive[float | None] = reactive(None)
    """Listening share 0..1, None until someone has spoken."""

    def render(self) -> Content:
        width = max(self.size.width, 20)
        filled = round((self.share or 0) * width)
        pct = round((self.share or 0) * 100)
        bar = Content.assemble(
            ("█" * filled, _style(pct)), ("░" * (width - filled), "$foreground 30%")
        )
        return Content("\n").join((bar, self._marks(width)))

    @staticmethod
    def _marks(width: int) -> Content:
        """ "▲50%" under the half-way line and "▲57%" under the research mark, if there is room."""
        line = [" "] * width
        placed_until = -1
        for mark in (LISTEN_GOAL, LISTEN_RESEARCH_MARK):
            label = f"▲{mark}%"
            start = min(round(mark / 100 * width), width - len(label))
            if start > placed_until:
                line[start : start + len(label)] = label
                placed_until = start + len(label)
        return Content.styled("".join(line), "$text-muted")

"""The prep screen's own actions in the command palette, listed above the app's."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

COMMANDS = (
    ("Call timer", "Time who speaks during the call (ctrl+t)", "call"),
    ("Prep sheet", "Write this prep as a Markdown sheet (ctrl+o)", "sheet"),
)


class PrepCommands(Provider):
    async def discover(self) -> Hits:
        for prompt, help_text, action in COMMANDS:
            yield DiscoveryHit(prompt, self._runner(action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for prompt, help_text, action in COMMANDS:
            score = matcher.match(prompt)
            if score > 0:
                yield Hit(score, matcher.highlight(prompt), self._runner(action), help=help_text)

    def _runner(self, action: str) -> Callable[[], Awaitable[None]]:
        screen = self.screen
        return partial(screen.run_action, action)

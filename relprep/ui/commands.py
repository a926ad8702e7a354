"""The command palette (ctrl+p): every customer by name or company, and every action.

Names are user text, so prompts are built as Content (never markup) and help lines are
escaped; Textual's own highlighter would read `[bold]Zoë[/]` as markup.

Textual's own commands (theme, keys, screenshot, quit) come from this provider too, after
relprep's: run as a second provider they arrive first, since this one waits for the
customers to be read, and the palette lists what arrives first at the top.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.markup import escape

from relprep.domain.model import Customer

if TYPE_CHECKING:
    from relprep.ui.app import RelprepApp

EXPORT_HINT = "Export from the command line: relprep export --format md|csv|json|ics -o FILE"


@dataclass(frozen=True)
class PaletteCommand:
    prompt: str
    help: str
    run: Callable[[], object]


def customer_label(customer: Customer) -> str:
    return f"{customer.name} ({customer.company})" if customer.company else customer.name


class RelprepCommands(Provider):
    """Actions first when the palette opens; typing finds any customer and what to do next."""

    @property
    def relprep(self) -> RelprepApp:
        return cast("RelprepApp", self.app)

    async def startup(self) -> None:
        customers = await asyncio.to_thread(self.relprep.repo.list_customers)
        self._actions = self._general_actions()
        self._open = [self._open_command(customer) for customer in customers]
        self._per_customer = [
            command for customer in customers for command in self._customer_actions(customer)
        ]

    def _general_actions(self) -> list[PaletteCommand]:
        app = self.relprep
        return [
            PaletteCommand("Add customer", "A new person to keep in touch with", app.add_customer),
            PaletteCommand("Reminders", "Acts, promises and touches due", app.open_reminders),
            PaletteCommand("Help", "Keys of this screen and the method in brief", app.action_help),
            PaletteCommand(
                "Export", "How to export everything", partial(app.notify, EXPORT_HINT, markup=False)
            ),
        ]

    def _open_command(self, customer: Customer) -> PaletteCommand:
        return PaletteCommand(
            customer_label(customer),
            "Open the customer",
            partial(self.relprep.open_customer, customer.id),
        )

    def _customer_actions(self, customer: Customer) -> list[PaletteCommand]:
        app, label, who = self.relprep, customer_label(customer), escape(customer.name)
        return [
            PaletteCommand(
                f"Prep: {label}", f"Prepare a call with {who}", partial(app.open_prep, customer.id)
            ),
            PaletteCommand(
                f"Debrief: {label}",
                f"Record a call with {who}",
                partial(app.open_debrief, customer.id),
            ),
            PaletteCommand(
                f"Reminders: {label}",
                f"Reminders for {who}",
                partial(app.open_reminders, customer.id),
            ),
        ]

    def _system(self) -> list[PaletteCommand]:
        """Textual's commands for this screen, by name."""
        commands = sorted(self.app.get_system_commands(self.screen), key=lambda c: c.title)
        return [PaletteCommand(c.title, c.help, c.callback) for c in commands if c.discover]

    async def discover(self) -> Hits:
        for command in self._actions + self._open + self._system():
            yield DiscoveryHit(Content(command.prompt), command.run, command.prompt, command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._actions + self._open + self._per_customer + self._system():
            score = matcher.match(command.prompt)
            if score > 0:
                prompt = _highlighted(matcher, command.prompt)
                yield Hit(score, prompt, command.run, command.prompt, command.help)


def _highlighted(matcher: Matcher, prompt: str) -> Content:
    """The matched letters marked, on plain (never markup-parsed) text."""
    content = Content(prompt)
    _, offsets = matcher.fuzzy_search.match(matcher.query, prompt)
    for offset in offsets:
        if not prompt[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content

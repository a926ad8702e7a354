"""Home screen: who needs attention today."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable, Footer, Header, Static

from relprep.domain.rules import attention
from relprep.ui.screens.base import AppScreen


class TodayScreen(AppScreen):
    DEFAULT_CSS = """
    TodayScreen #welcome { padding: 1 2; }
    """

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="welcome")
        yield DataTable(id="customers", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        repo = self.repo
        today = self.today
        ranked = attention(repo.list_customers(), repo.list_reminders(), today)
        table = self.query_one(DataTable)
        table.add_columns("Customer", "Company", "Needs")
        for item in ranked:
            table.add_row(
                Text(item.customer.name),
                Text(item.customer.company),
                Text(", ".join(item.reasons) or "nothing due"),
                key=item.customer.id,
            )
        welcome = self.query_one("#welcome", Static)
        welcome.display = not ranked
        table.display = bool(ranked)
        welcome.update(
            "Welcome to relprep: prepare for calls, debrief them, keep small promises.\n"
            'Add your first customer from the command line: relprep customer add "Name"'
        )

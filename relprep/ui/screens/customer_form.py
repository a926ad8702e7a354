"""Add or edit a customer in a modal form; bad input is explained under its field and
nothing is saved until every field is right."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, TextArea

from relprep.domain.merge import MergeClash
from relprep.domain.model import Customer
from relprep.domain.validation import ValidationError, customer_from_input, split_list
from relprep.ui.screens.base import AppModal
from relprep.ui.screens.confirm import confirm_discard
from relprep.ui.widgets.form_scroll import FormScroll
from relprep.usecases.customers import save_profile

FIELDS: tuple[tuple[str, str, str], ...] = (
    ("name", "Name", "Who they are, e.g. Ada Lovelace"),
    ("company", "Company", ""),
    ("role", "Role", ""),
    ("industry", "Industry", ""),
    ("interests", "Interests", "comma separated: sailing, jazz, her twins"),
    ("cadence", "Keep in touch every", "30d, 2 weeks, 3 months — blank for no cadence"),
)


CADENCE = "cadence"
"""The form's field for the customer's `cadence_days`."""
ERROR_FIELDS = (*(name for name, _, _ in FIELDS), "notes")
"""Fields in form order, each with a line for its message."""


def initial_values(customer: Customer | None) -> dict[str, str]:
    if customer is None:
        return {"cadence": "30d"}
    cadence = f"{customer.cadence_days}d" if customer.cadence_days else ""
    return {
        "name": customer.name,
        "company": customer.company,
        "role": customer.role,
        "industry": customer.industry,
        "interests": ", ".join(customer.interests),
        "cadence": cadence,
    }


class CustomerForm(AppModal[str | None]):
    """Returns the saved customer's id, or None when cancelled."""

    CSS_PATH = "customer_form.tcss"
    AUTO_FOCUS = "#name"
    """Focused as the form is built, so the name typed the moment it opens lands in it."""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, customer: Customer | None = None) -> None:
        super().__init__()
        self.customer = customer

    def compose(self) -> ComposeResult:
        values = initial_values(self.customer)
        title = f"Edit {self.customer.name}" if self.customer else "New customer"
        with Vertical(id="form"):
            yield Label(Text(title), id="form-title")
            with FormScroll(id="fields"):
                for name, label, hint in FIELDS:
                    with Horizontal(classes="field-row"):
                        yield Label(label, classes="field-label")
                        yield Input(values.get(name, ""), placeholder=hint, id=name, compact=True)
                    yield Label("", id=f"error-{name}", classes="field-error")
                with Horizontal(classes="field-row"):
                    yield Label("Notes", classes="field-label")
                    notes = self.customer.notes if self.customer else ""
                    yield TextArea(notes, id="notes", compact=True)
                yield Label("", id="error-notes", classes="field-error")
            with Horizontal(id="form-buttons"):
                yield Button("Save  ctrl+s", id="save", variant="primary")
                yield Button("Cancel  esc", id="cancel")

    def on_mount(self) -> None:
        for error in self.query(".field-error"):
            error.display = False

    def _value(self, name: str) -> str:
        return self.query_one(f"#{name}", Input).value

    def _typed(self) -> dict[str, str]:
        """What the form holds now, by field name, notes included."""
        typed = {name: self._value(name) for name, _, _ in FIELDS}
        typed["notes"] = self.query_one("#notes", TextArea).text
        return typed

    @property
    def dirty(self) -> bool:
        """Whether leaving now would lose something typed."""
        start = {
            **initial_values(self.customer),
            "notes": self.customer.notes if self.customer else "",
        }
        return any(value != start.get(name, "") for name, value in self._typed().items())

    def _show_errors(self, errors: dict[str, str]) -> None:
        """Every bad field marked at once, the cursor on the first of them in form order."""
        for name in ERROR_FIELDS:
            self._mark(name, errors.get(name))
        first = next((name for name in ERROR_FIELDS if name in errors), None)
        if first is not None:
            self.query_one(f"#{first}").focus()

    def _mark(self, name: str, message: str | None) -> None:
        label = self.query_one(f"#error-{name}", Label)
        label.update(Text(message or ""))
        label.display = message is not None

    @on(Input.Changed)
    def _clear_fixed(self, event: Input.Changed) -> None:
        """A field's message goes as soon as what is typed there is right (the same check
        as the save's), so a message never contradicts the field beside it."""
        name = event.input.id or ""
        if name not in ERROR_FIELDS or not self.query_one(f"#error-{name}").display:
            return
        try:
            self._customer()
        except ValidationError as error:
            if name in error.errors:
                return
        self._mark(name, None)

    def _customer(self) -> Customer:
        """The customer as typed; raises ValidationError."""
        typed = self._typed()
        return customer_from_input(
            self.clock,
            name=typed["name"],
            company=typed["company"],
            role=typed["role"],
            industry=typed["industry"],
            interests=split_list(typed["interests"]),
            cadence=typed["cadence"],
            notes=typed["notes"],
            existing=self.customer,
        )

    @on(Button.Pressed, "#save")
    @on(Input.Submitted)
    def action_save(self) -> None:
        try:
            customer = self._customer()
        except ValidationError as error:
            self._show_errors(error.errors)
            return
        original = self.customer
        self.in_background(
            lambda: save_profile(self.repo, original, customer),
            lambda saved: self.dismiss(saved.id),
            failed="Profile not saved",
            changed=self._changed_elsewhere,
        )

    def _changed_elsewhere(self, error: Exception) -> None:
        """Saved elsewhere meanwhile, and a field clashes: the form now edits the stored
        customer, keeps what was typed, and says under each clashing field what is stored,
        so ctrl+s again keeps the user's value knowingly, never silently."""
        if self.customer is None:
            return
        customer_id = self.customer.id
        self.in_background(
            lambda: self.repo.get_customer(customer_id),
            lambda stored: self._rebase(stored, error),
            failed="Profile not read",
        )

    def _rebase(self, stored: Customer, error: Exception) -> None:
        self.customer = stored
        clashes = error.fields if isinstance(error, MergeClash) else ()
        shown = initial_values(stored)
        fields = {name for name, _, _ in FIELDS}
        errors = {
            field: f"now {shown.get(field) or 'empty'!r} (changed elsewhere); ctrl+s keeps yours"
            for field in (CADENCE if name == "cadence_days" else name for name in clashes)
            if field in fields
        }
        if errors:
            self._show_errors(errors)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Leaves at once when nothing was typed; otherwise asks, as the debrief form does."""
        if not self.dirty:
            self.dismiss(None)
            return
        what = "the changes to this profile" if self.customer else "this new customer"
        confirm_discard(self.app, what, lambda: self.dismiss(None))

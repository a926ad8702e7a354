"""The debrief form: two minutes right after a call, keyboard only, nothing lost.

Every keystroke is offered to a draft that a worker thread writes half a second after the
typing stops, so a crash or kill costs at most that half second. ctrl+s validates on the
UI thread (cheap, and every bad field is marked at once) and saves in a worker, so a large
history never freezes the form. The Repository writes the debrief and its reminders as
one transaction: a refused or failed save changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Header, Input, Static, TextArea

from relprep.domain.dates import format_date
from relprep.domain.model import Customer, Debrief, new_id
from relprep.domain.prep import Prepared, prepared_for
from relprep.domain.validation import ValidationError
from relprep.store.errors import StorageError
from relprep.ui.cells import steady
from relprep.ui.debrief_fields import DebriefDraft, DebriefFields, draft_key
from relprep.ui.drafts import DraftKeeper
from relprep.ui.screens.base import STORAGE_TROUBLE, AppScreen
from relprep.ui.screens.confirm import ConfirmScreen, confirm_discard
from relprep.ui.screens.customer import CustomerData, read_customer
from relprep.ui.widgets.app_footer import AppFooter
from relprep.ui.widgets.date_input import DateInput
from relprep.ui.widgets.form_scroll import FormScroll
from relprep.ui.widgets.planned_input import PlannedInput
from relprep.ui.widgets.promise_rows import PromiseRows
from relprep.ui.widgets.suggest_item import SuggestListItem
from relprep.usecases.debriefs import save_debrief
from relprep.usecases.retry import GaveUp

DRAFT_DELAY = 0.5
"""Seconds after the last keystroke before the draft is written."""

INPUT_FIELDS = (
    "when",
    "listen",
    "topics",
    "interests",
    "negative",
    "alternatives",
    "next_step",
    "follow_up",
    "score",
)
AREA_FIELDS = ("learned", "notes")
PROMISE_FIELDS = ("my_promises", "their_promises")
FORM_ORDER = (
    "when",
    "listen",
    "topics",
    "interests",
    "learned",
    "negative",
    "alternatives",
    "my_promises",
    "their_promises",
    "next_step",
    "follow_up",
    "score",
    "notes",
)


@dataclass(frozen=True)
class _Read:
    """What the form shows that is stored, read in a worker thread as it opens."""

    customer: Customer
    existing: Debrief | None
    prepared: Prepared
    interests: list[str]
    draft: DebriefDraft | None
    draft_saved: bool


def _field(label: str, widget: Widget) -> Vertical:
    """A widget titled with its label, above a line kept for its error message."""
    widget.border_title = label
    return Vertical(widget, Static(classes="field-error"), id=f"{widget.id}-field", classes="field")


class DebriefScreen(AppScreen):
    CSS_PATH = "debrief.tcss"
    AUTO_FOCUS = "#when"
    """Focused as the form is built, so keys typed the moment it opens land in "When" (a
    `focus()` in on_mount comes later, after keys already taken by the form's scroller)."""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "leave", "Back"),
    ]

    def __init__(
        self, customer_id: str, *, listen_pct: int | None = None, debrief_id: str | None = None
    ) -> None:
        super().__init__()
        self.customer_id = customer_id
        self._listen_pct = listen_pct
        self._debrief_id = debrief_id
        self._new_id = debrief_id or new_id("d")
        self._customer: Customer | None = None
        self._existing: Debrief | None = None
        self._baseline = DebriefFields()
        self._drafts: DraftKeeper | None = None
        self._draft_timer: Timer | None = None
        self._opened: datetime | None = None
        """When the form opened: the moment a blank "when" (now) stands for in a draft."""
        self._saving = False
        self._prepared = Prepared()

    # -- building the form ------------------------------------------------------------------

    def _read(self, keeper: DraftKeeper) -> _Read:
        """Runs in a worker thread: everything the form shows that is stored."""
        repo, customer_id = self.repo, self.customer_id
        existing = None
        if self._debrief_id is not None:
            existing = repo.find_debrief(customer_id, self._debrief_id)
        prepared = Prepared()
        if existing is None:
            prepared = prepared_for(repo.preps_for(customer_id), self.clock.now())
        draft = DebriefDraft.from_json(keeper.load() or {})
        saved = bool(
            draft is not None
            and self._debrief_id is None
            and any(d.id == draft.debrief_id for d in repo.debriefs_for(customer_id))
        )
        return _Read(
            customer=repo.get_customer(customer_id),
            existing=existing,
            prepared=prepared,
            interests=[i for c in repo.list_customers() for i in c.interests],
            draft=draft,
            draft_saved=saved,
        )

    @property
    def loaded(self) -> bool:
        """True once what was read is in the fields (a new debrief can be typed before).

        Set last in `_show_read`: the customer arrives before an edited debrief's promise
        rows are mounted, and a test taking that moment for "loaded" read an empty row."""
        return self._drafts is not None

    def compose(self) -> ComposeResult:
        # Nothing is read here: the form is built at once and filled from a worker thread
        # (on_mount). A new debrief takes typing from the first key; one being edited is
        # disabled until its values are in, so nothing typed is overwritten by them.
        listen = "" if self._listen_pct is None else str(self._listen_pct)
        start = DebriefFields(listen=listen)
        yield Header()
        yield Static("", id="heading")
        with FormScroll(id="form", disabled=self._debrief_id is not None):
            with Horizontal(classes="row"):
                yield _field("When", self._when_input(start.when))
                yield _field("Listened %", self._listen_input(start.listen))
            with Horizontal(classes="row"):
                yield _field(
                    "Business topics",
                    Input(start.topics, placeholder="comma-separated", id="topics"),
                )
                yield _field(
                    "Interests noticed",
                    Input(
                        start.interests,
                        placeholder="comma-separated; → takes a suggestion",
                        suggester=SuggestListItem(()),
                        id="interests",
                    ),
                )
            yield _field("What I learned about them", TextArea(start.learned, id="learned"))
            with Horizontal(classes="row"):
                yield _field(
                    "Honest negative I said",
                    PlannedInput(start.negative, id="negative"),
                )
                yield _field(
                    "Alternatives discussed",
                    PlannedInput(
                        start.alternatives, placeholder="even elsewhere", id="alternatives"
                    ),
                )
            yield Static("My promises  (ctrl+n add, ctrl+r remove)", classes="section")
            yield PromiseRows(start.my_promises, empty_hint="due in a week", id="my_promises")
            yield Static("Their promises", classes="section")
            yield PromiseRows(start.their_promises, empty_hint="due in a week", id="their_promises")
            with Horizontal(classes="row"):
                yield _field("Next step", Input(start.next_step, id="next_step"))
                yield _field(
                    "Follow up",
                    DateInput(start.follow_up, empty_hint="no follow-up", id="follow_up"),
                )
                yield _field(
                    "Score 1–5",
                    Input(start.score, placeholder="1–5", type="integer", max_length=1, id="score"),
                )
            yield _field("Notes", TextArea(start.notes, id="notes"))
        yield AppFooter()

    def _when_input(self, value: str) -> DateInput:
        return DateInput(
            value, moment=True, past=True, default="now", future_note="· in the future?", id="when"
        )

    def _listen_input(self, value: str) -> Input:
        listen = Input(value, placeholder="0–100", type="integer", id="listen")
        self._note_timer(listen)
        return listen

    def _note_timer(self, listen: Input) -> None:
        """Say where the figure came from, for as long as it is the timer's."""
        timed = self._listen_pct is not None and self._existing is None
        from_timer = timed and listen.value == str(self._listen_pct)
        listen.border_subtitle = "from the call timer" if from_timer else ""

    def _heading(self) -> Text:
        customer = self._customer
        assert customer is not None
        heading = Text(steady(customer.name), style="bold")
        if customer.company:
            heading.append(f"  {steady(customer.company)}", style="dim")
        if self._existing is not None:
            heading.append(
                f"  editing the debrief of {format_date(self._existing.when.date(), self.today)}"
            )
        return heading

    def on_mount(self) -> None:
        self._opened = self.clock.now()
        self.title = "Debrief"
        keeper = DraftKeeper(self.repo, draft_key(self.customer_id, self._debrief_id))
        self.in_background(
            lambda: self._read(keeper),
            lambda read: self.call_next(self._show_read, read, keeper),
            failed="Debrief not opened",
            changed=lambda _error: self.app.pop_screen(),
        )

    async def _show_read(self, read: _Read, keeper: DraftKeeper) -> None:
        """Fill the form with what was read. Drafts start only now, so filling it in is not
        taken for typing (nor a draft removed before the user is asked about it)."""
        self._customer = read.customer
        self.sub_title = read.customer.name
        self._existing = read.existing
        self.query_one("#interests", Input).suggester = SuggestListItem(read.interests)
        self.query_one("#negative", PlannedInput).offer(read.prepared.negative)
        self.query_one("#alternatives", PlannedInput).offer(read.prepared.alternatives)
        if read.existing is not None:
            # A listen share handed over by the call timer is input too: not saved yet.
            self._baseline = DebriefFields.from_debrief(read.existing)
            with self.prevent(Input.Changed, TextArea.Changed, PromiseRows.Changed):
                await self._apply(self._baseline)
        self.query_one("#heading", Static).update(self._heading())
        form = self.query_one("#form")
        if form.disabled:
            form.disabled = False
            self.query_one("#when").focus()
        self._drafts = keeper
        self._offer_draft(read.draft, read.draft_saved)

    # -- reading and writing the widgets ----------------------------------------------------

    def _fields(self) -> DebriefFields:
        values: dict = {}
        for name in INPUT_FIELDS:
            values[name] = self.query_one(f"#{name}", Input).value
        for name in AREA_FIELDS:
            values[name] = self.query_one(f"#{name}", TextArea).text
        for name in PROMISE_FIELDS:
            values[name] = tuple(self.query_one(f"#{name}", PromiseRows).values)
        return DebriefFields(**values)

    async def _apply(self, fields: DebriefFields) -> None:
        for name in INPUT_FIELDS:
            self.query_one(f"#{name}", Input).value = getattr(fields, name)
        for name in AREA_FIELDS:
            self.query_one(f"#{name}", TextArea).text = getattr(fields, name)
        for name in PROMISE_FIELDS:
            await self.query_one(f"#{name}", PromiseRows).set_values(getattr(fields, name))

    @property
    def dirty(self) -> bool:
        """Whether leaving now would lose input that is not saved as a debrief."""
        return not self._fields().same_as(self._baseline)

    # -- drafts -----------------------------------------------------------------------------

    def _offer_draft(self, draft: DebriefDraft | None, saved: bool) -> None:
        """`saved`: the draft's debrief is stored already."""
        assert self._drafts is not None
        if draft is None:
            if self.dirty:
                self._after_change()  # kept: what was typed while the form was being read
            return
        if saved:
            # Saved just before a crash, draft not yet removed: nothing is lost.
            self._drafts.offer(None)
            self._write_draft()
            return
        started = f"{format_date(draft.saved_at.date(), self.today)} {draft.saved_at:%H:%M}"

        async def answer(restore: bool | None) -> None:
            if restore is False:
                self._after_change()
                return
            self._new_id = draft.debrief_id
            await self._apply(draft.fields)

        self.app.push_screen(
            ConfirmScreen(
                "Restore the debrief you did not save?",
                detail=f"Last typed {started}. Discarding removes it for good; escape restores it.",
                yes="Restore",
                no="Discard",
            ),
            answer,
        )

    def on_input_changed(self, event: Input.Changed) -> None:
        self._clear_error_of(event.input)
        if event.input.id == "listen":
            self._note_timer(event.input)
        self._after_change()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter moves on, as in most forms; ctrl+s is what saves."""
        event.stop()
        self.focus_next()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self._after_change()

    def on_promise_rows_changed(self, event: PromiseRows.Changed) -> None:
        self._after_change()

    def _after_change(self) -> None:
        if self._drafts is None or self._saving:
            return
        fields = self._fields()
        if fields.same_as(self._baseline):
            self._drafts.offer(None)
        else:
            pinned = fields.pinned(self.clock, self._opened or self.clock.now())
            draft = DebriefDraft(pinned, self._new_id, self.clock.now())
            self._drafts.offer(draft.to_json())
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = self.set_timer(DRAFT_DELAY, self._write_draft)

    @work(thread=True, group="draft", exit_on_error=False)
    def _write_draft(self) -> None:
        assert self._drafts is not None
        try:
            self._drafts.flush()
        except StorageError as error:
            self.app.call_from_thread(self._warn, f"Draft not kept: {error}")

    def _warn(self, message: str) -> None:
        self.notify(message, severity="warning", markup=False)

    def on_unmount(self) -> None:
        """Quitting inside the half second still keeps what was typed."""
        if self._drafts is not None and self._drafts.pending:
            with suppress(StorageError):
                self._drafts.flush()

    # -- save and leave ---------------------------------------------------------------------

    def action_save(self) -> None:
        if self._saving:
            return
        try:
            debrief = self._fields().build(
                self.clock, self.customer_id, debrief_id=self._new_id, existing=self._existing
            )
        except ValidationError as error:
            self._show_errors(error.errors)
            self.notify("Not saved: fix the marked fields.", severity="error")
            return
        self._show_errors({})
        self._saving = True
        self._save(debrief)

    @work(thread=True, exclusive=True, group="save", exit_on_error=False)
    def _save(self, debrief: Debrief) -> None:
        assert self._drafts is not None
        try:
            saved = self.run_retrying(
                lambda: save_debrief(self.repo, debrief, self.clock.now()), "Not saved"
            )
        except GaveUp:
            return
        except STORAGE_TROUBLE as error:
            self.app.call_from_thread(self._save_failed, error)
            return
        with suppress(StorageError):
            # Left behind, the draft names this debrief's id and is dropped on the next open.
            self._drafts.close()
        self.app.call_from_thread(self._saved, saved, self._customer_after(saved))

    def _customer_after(self, saved: Debrief) -> CustomerData | None:
        """The customer screen's data, read here in the save's worker so that screen opens
        with the call in its first frame; None when it cannot be read, and the screen then
        reads (and reports) it itself."""
        try:
            return read_customer(self.repo, saved.customer_id, self.today)
        except STORAGE_TROUBLE:
            return None

    def _save_failed(self, error: Exception) -> None:
        """The form stays open with everything typed; ctrl+s tries again."""
        self._saving = False
        self.relprep.storage_trouble(error, "Not saved")

    def _saved(self, debrief: Debrief, customer: CustomerData | None) -> None:
        name = self._customer.name if self._customer else "the customer"
        promises = len(debrief.my_promises)
        note = f" and {promises} promise reminder{'s' if promises != 1 else ''}" if promises else ""
        self.notify(f"Debrief saved for {name}{note}.", markup=False)
        self.relprep.open_customer(self.customer_id, debrief.id, leaving=self, data=customer)

    def action_leave(self) -> None:
        if self._saving:
            return
        if not self.dirty:
            self.app.pop_screen()
            return
        confirm_discard(self.app, "this debrief", self._discard)

    def _discard(self) -> None:
        if self._draft_timer is not None:
            self._draft_timer.stop()
        drafts = self._drafts
        if drafts is not None:
            drafts.stop()
            # An app worker: it outlives this screen, which is about to go.
            self.app.run_worker(drafts.close, thread=True, group="draft", exit_on_error=False)
        self.app.pop_screen()

    # -- errors -----------------------------------------------------------------------------

    def _show_errors(self, errors: Mapping[str, str]) -> None:
        """Mark every bad field with its message and put the cursor on the first one."""
        for name in PROMISE_FIELDS:
            self.query_one(f"#{name}", PromiseRows).show_errors(dict(_row_errors(errors, name)))
        for field in self.query(".field").results(Vertical):
            name = field.id.removesuffix("-field") if field.id else ""
            _mark(field, errors.get(name))
        first = self._first_bad(errors)
        if first is not None:
            first.focus()

    def _first_bad(self, errors: Mapping[str, str]) -> Widget | None:
        for name in FORM_ORDER:
            if name in PROMISE_FIELDS:
                numbers = sorted(number for number, _ in _row_errors(errors, name))
                if numbers:
                    return self.query_one(f"#{name}", PromiseRows).bad_input(numbers[0])
            elif name in errors:
                return self.query_one(f"#{name}")
        return None

    def _clear_error_of(self, widget: Widget) -> None:
        for field in widget.ancestors:
            if isinstance(field, Vertical) and field.has_class("field"):
                _mark(field, None)
                return


def _mark(field: Vertical, message: str | None) -> None:
    error_line = field.query_one(".field-error", Static)
    if not message and not error_line.display:
        return
    error_line.update(Text(message or ""))
    error_line.display = bool(message)
    field.children[0].set_class(bool(message), "-error")


def _row_errors(errors: Mapping[str, str], field: str) -> Iterator[tuple[int, str]]:
    for key, message in errors.items():
        name, _, number = key.partition(".")
        if name == field and number.isdigit():
            yield int(number), message

"""The prep checklist for one customer and one meeting: the five minutes before a call.

Every tick and keystroke becomes a new PrepSession held here and saved through the
Repository in a background thread (typing is debounced), so the screen never waits on disk
and leaving it, or the app, never loses what was written.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import datetime
from typing import ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import (
    Checkbox,
    Collapsible,
    Header,
    Input,
    Label,
    LoadingIndicator,
    Static,
)
from textual.widgets.collapsible import CollapsibleTitle

from relprep.domain.call_timer import CallTimer
from relprep.domain.dates import DateError, format_date, parse_moment, relative_label
from relprep.domain.method import PREP_SECTIONS, ChecklistItem, ChecklistSection
from relprep.domain.model import PrepSession, Reminder
from relprep.domain.prep import (
    BANK,
    OWN,
    LastTime,
    add_question,
    answer_question,
    drop_question,
    has_question,
    progress,
    reschedule,
    set_answer,
    set_checked,
)
from relprep.domain.prep_sheet import meeting_label
from relprep.store.errors import RecordNotFound, StorageError
from relprep.store.sheets import write_sheet
from relprep.ui.cells import steady
from relprep.ui.screens.base import STORAGE_TROUBLE, AppScreen, DataChanged
from relprep.ui.screens.call_timer import CallTimerScreen
from relprep.ui.screens.prep_commands import PrepCommands
from relprep.ui.widgets.app_footer import AppFooter
from relprep.ui.widgets.form_scroll import FormScroll
from relprep.ui.widgets.questions import QuestionBank, QuestionRow
from relprep.usecases.prep import PrepContext, load_prep

SAVE_DELAY = 0.6
"""Seconds of quiet typing before a save; ticks and picks save at once."""


def _fact(label: str, text: str) -> Content:
    """ "Label: text" with the label muted; `text` is the user's, shown exactly as written."""
    return Content.assemble((f"{label}: ", "$text-muted"), steady(text))


class PrepScreen(AppScreen):
    CSS_PATH = "prep.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("ctrl+t", "call", "Call timer"),
        Binding("ctrl+o", "sheet", "Prep sheet"),
        Binding("space", "open_section", "Open section", show=False),
    ]
    """No letter keys: the screen is checkboxes and text fields, and a word typed while a
    checkbox has focus (`Gartner`) must not start the timer at its `t`. The timer and the
    sheet are ctrl keys, which work from a text field too, and are in the palette."""
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {PrepCommands}

    def __init__(self, customer_id: str, *, meeting: datetime | None = None) -> None:
        super().__init__()
        self.customer_id = customer_id
        self._meeting = meeting
        self._save_lock = threading.Lock()
        self._saved: PrepSession | None = None
        self._version = 0
        """The stored prep's version: each save carries it on, whichever edit it saves."""
        self._requested: PrepSession | None = None
        self._save_timer: Timer | None = None
        self.call: CallTimer | None = None
        self._warned_about_call = False
        self._loaded: PrepContext | None = None
        self.prep: PrepSession
        """The prep as the user has it now: set once loaded, replaced on every change."""

    # -- building the screen ------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="body"):
            yield LoadingIndicator()
        yield AppFooter()

    def _checklist(self) -> Iterator[Widget]:
        yield Horizontal(
            Label(self._who(), id="who"),
            Label("Meeting", id="meeting-label"),
            Input(
                self._meeting_text(), id="meeting", placeholder="e.g. tomorrow 14:00", compact=True
            ),
            Label(id="overall"),
            id="prep-top",
        )
        yield FormScroll(
            *(
                Collapsible(
                    *self._section_body(section),
                    title=section.title,
                    id=f"section-{section.id}",
                    collapsed=False,
                )
                for section in PREP_SECTIONS
            ),
            id="sections",
        )

    def on_mount(self) -> None:
        self.opening = self._load()
        """The load in progress; tests (and anything else) can wait for it."""

    @work(group="prep-load")
    async def _load(self) -> None:
        """History is read in a thread: with years of preps it takes a noticeable moment."""
        try:
            context = await asyncio.to_thread(
                load_prep, self.repo, self.customer_id, self.clock.now(), self._meeting
            )
        except (StorageError, RecordNotFound) as error:
            self.notify(str(error), title="Prep not opened", severity="error", markup=False)
            self.dismiss()
            return
        self._loaded = context
        self.prep = context.prep
        self._saved = self.prep if context.stored else None
        self._version = self.prep.version
        body = self.query_one("#body", Vertical)
        await body.remove_children()
        await body.mount_all(self._checklist())
        self._show_title()
        self._show_questions()
        self._show_progress()
        for section in progress(self.prep).sections:
            if section.total and section.done == section.total:
                self.query_one(f"#section-{section.section_id}", Collapsible).collapsed = True
        for collapsible in self.query(Collapsible):
            self._header_in_tab_order(collapsible)
        self.query_one(Checkbox).focus()
        self.refresh_bindings()

    def on_screen_resume(self) -> None:
        """Back from the call and its debrief (or anything else that saved), "from last time"
        and the promises owed are read again: the call just logged is now the last one."""
        if self._loaded is not None:
            self.refreshing = self._refresh()

    def on_data_changed(self, _message: DataChanged) -> None:
        """Saved elsewhere (a debrief from a script): "from last time" is read again; the
        checklist, the user's own work in progress, is left as it is."""
        if self._loaded is not None:
            self.refreshing = self._refresh()

    @work(group="prep-refresh", exclusive=True)
    async def _refresh(self) -> None:
        try:
            context = await asyncio.to_thread(
                load_prep, self.repo, self.customer_id, self.clock.now(), self.prep.meeting
            )
        except (StorageError, RecordNotFound) as error:
            self.notify(str(error), title="Prep not refreshed", severity="error", markup=False)
            return
        self._loaded = replace(self.context, customer=context.customer, last=context.last)
        self.query_one("#last-time", Static).update(self._last_time_text())
        self.query_one("#my-promises", Static).update(self._promises_text())
        self._show_title()

    @property
    def context(self) -> PrepContext:
        if self._loaded is None:
            raise RuntimeError("the prep has not been loaded yet")
        return self._loaded

    def _who(self) -> Text:
        customer = self.context.customer
        company = f"  {customer.company}".rstrip()
        return Text.assemble((steady(customer.name), "bold"), steady(company))

    def _meeting_text(self) -> str:
        return meeting_label(self.prep.meeting, self.today)

    def _section_body(self, section: ChecklistSection) -> Iterator[Widget]:
        if section.id == "last_time":
            yield Static(self._last_time_text(), classes="facts", id="last-time")
        for item in section.items:
            yield from self._item(item)
            if item.id == "attributes.integrity":
                yield Static(self._promises_text(), classes="facts", id="my-promises")
        if section.id == "curiosity":
            yield Label("Questions for this call", classes="subhead")
            yield Vertical(id="questions")
            yield Input(
                placeholder="add my own question and press enter", id="own-question", compact=True
            )
            yield QuestionBank(id="question-bank")

    def _item(self, item: ChecklistItem) -> Iterator[Widget]:
        yield Checkbox(Text(item.text), item.id in self.prep.checked, name=item.id)
        if item.prompt:
            answer = self.prep.answers.get(item.id, "")
            yield Input(
                answer,
                placeholder=item.prompt,
                name=item.id,
                classes="answer",
                compact=True,
                select_on_focus=False,
            )

    def _promises_text(self) -> Content:
        promises = self.context.last.my_promises
        if not promises:
            return Content("Nothing owed to them right now.")
        return Content("\n").join(self._promise_line(reminder) for reminder in promises)

    def _promise_line(self, reminder: Reminder) -> Content:
        due = f"  due {format_date(reminder.due, self.today)}, "
        due += relative_label(reminder.due, self.today)
        overdue = reminder.due < self.today
        mark = (due, "bold $error" if overdue else "")
        return Content.assemble("• ", steady(reminder.text), mark)

    def _last_time_text(self) -> Content:
        last: LastTime = self.context.last
        if last.met is None:
            heading = Content.styled("No debrief yet: this looks like a first call.", "$text-muted")
        else:
            heading = Content.styled(
                f"Last call {format_date(last.met.date(), self.today)}", "bold"
            )
        lines = [heading]
        for promise in last.their_promises:
            due = f" (due {format_date(promise.due, self.today)})" if promise.due else ""
            lines.append(_fact("They promised", promise.text + due))
        if last.my_promises:
            lines.append(_fact("I owe them", f"{len(last.my_promises)} (see Integrity above)"))
        if last.next_step:
            lines.append(_fact("Next step", last.next_step))
        if last.interests:
            # Whether one was new cannot be told (the profile may have had it): say when.
            noticed = f" (came up last call: {', '.join(last.noticed)})" if last.noticed else ""
            lines.append(_fact("Interests", ", ".join(last.interests) + noticed))
        lines.append(_fact("Idea", last.idea))
        return Content("\n").join(lines)

    def _show_questions(self) -> None:
        box = self.query_one("#questions", Vertical)
        box.remove_children()
        rows = [QuestionRow(question) for question in self.prep.questions]
        if rows:
            box.mount_all(rows)
        else:
            box.mount(Label("None yet: add your own or pick from the bank.", classes="facts"))

    def _show_progress(self) -> None:
        done = progress(self.prep)
        for index, (section, count) in enumerate(zip(PREP_SECTIONS, done.sections, strict=True)):
            collapsible = self.query_one(f"#section-{section.id}", Collapsible)
            collapsible.title = f"{index + 1}. {section.title}  {count.done}/{count.total}"
            collapsible.set_class(count.done == count.total, "-complete")
        self.query_one("#overall", Label).update(f"{done.done}/{done.total} done")

    # -- keys ---------------------------------------------------------------------------------

    def _header_in_tab_order(self, collapsible: Collapsible) -> None:
        """An open section's header is left out of Tab, so Tab, Space, Tab, Space walks the
        items without stopping on a header Space does not tick; a closed one stays in, as
        the way to open it (enter or space)."""
        collapsible.query_one(CollapsibleTitle).can_focus = collapsible.collapsed

    @on(Collapsible.Expanded)
    def _section_opened(self, event: Collapsible.Expanded) -> None:
        self._header_in_tab_order(event.collapsible)
        if isinstance(self.focused, CollapsibleTitle):
            event.collapsible.query(Checkbox).first().focus()

    @on(Collapsible.Collapsed)
    def _section_closed(self, event: Collapsible.Collapsed) -> None:
        self._header_in_tab_order(event.collapsible)

    def action_open_section(self) -> None:
        if isinstance(self.focused, CollapsibleTitle) and isinstance(
            self.focused.parent, Collapsible
        ):
            self.focused.parent.collapsed = False

    def on_key(self, event: events.Key) -> None:
        """Text typed while an item's checkbox has focus goes into that item's answer."""
        box = self.focused
        if not isinstance(box, Checkbox) or not event.is_printable or event.key == "space":
            return
        field = next((f for f in self.query(".answer").results(Input) if f.name == box.name), None)
        if field is None or event.character is None:
            return
        event.stop()
        event.prevent_default()
        field.cursor_position = len(field.value)
        field.insert_text_at_cursor(event.character)
        field.focus()

    # -- changes ------------------------------------------------------------------------------

    def _change(self, prep: PrepSession, *, typing: bool = False) -> None:
        if prep is self.prep:
            return
        self.prep = prep
        self._show_progress()
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        if typing:
            self._save_timer = self.set_timer(SAVE_DELAY, self._save_soon)
        else:
            self._save_soon()

    def _save_soon(self) -> None:
        self._save_timer = None
        self._requested = self.prep
        self.in_background(self._write, failed="Prep not saved")

    def _write(self) -> None:
        """Saves whatever is newest, one save at a time, in a worker thread. Raises what
        the storage runs into, for the app's one report of it."""
        with self._save_lock:
            prep = self.prep
            if prep is self._saved:
                return
            self._version = self.repo.save_prep(replace(prep, version=self._version)).version
            self._saved = prep

    @on(Checkbox.Changed)
    def _ticked(self, event: Checkbox.Changed) -> None:
        item_id = event.checkbox.name or ""
        self._change(set_checked(self.prep, item_id, event.value, self.clock.now()))

    @on(Input.Changed, ".answer")
    def _answered(self, event: Input.Changed) -> None:
        item_id = event.input.name or ""
        self._change(set_answer(self.prep, item_id, event.value, self.clock.now()), typing=True)

    @on(QuestionRow.Answered)
    def _question_answered(self, event: QuestionRow.Answered) -> None:
        prep = answer_question(self.prep, event.text, event.answer, self.clock.now())
        self._change(prep, typing=True)

    @on(QuestionRow.Dropped)
    def _question_dropped(self, event: QuestionRow.Dropped) -> None:
        self._change(drop_question(self.prep, event.text, self.clock.now()))
        self._show_questions()
        self.query_one("#own-question", Input).focus()

    @on(Input.Submitted, "#own-question")
    def _own_question(self, event: Input.Submitted) -> None:
        if self._add_question(event.value, OWN):
            event.input.clear()

    @on(QuestionBank.Picked)
    def _bank_question(self, event: QuestionBank.Picked) -> None:
        self._add_question(event.text, BANK)

    def _add_question(self, text: str, source: str) -> bool:
        if not text.strip():
            return False
        if has_question(self.prep, text):
            self.notify("That question is already on the list.", severity="warning")
            return False
        self._change(add_question(self.prep, text, source, self.clock.now()))
        self._show_questions()
        return True

    @on(Input.Submitted, "#meeting")
    def _meeting_moved(self, event: Input.Submitted) -> None:
        try:
            moment = parse_moment(event.value, self.clock)
        except DateError as error:
            event.input.add_class("-invalid")
            self.notify(str(error), title="Meeting time", severity="error", markup=False)
            return
        event.input.remove_class("-invalid")
        self._change(reschedule(self.prep, moment, self.clock.now()))
        event.input.value = self._meeting_text()

    # -- actions ------------------------------------------------------------------------------

    def action_back(self) -> None:
        if self.call is not None and not self._warned_about_call:
            self._warned_about_call = True
            self.notify(
                "A call is being timed: ctrl+t goes back to it, escape again leaves and drops it.",
                severity="warning",
            )
            return
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_soon()
        self.dismiss()

    async def on_unmount(self) -> None:
        """A change whose save was still waiting (the app is closing) is written now, in a
        thread: the app waits for this handler before it exits, and the UI does not."""
        if self._save_timer is not None:
            self._save_timer.stop()
        if self._loaded is None:
            return
        if self.prep is not self._saved and self.prep is not self._requested:
            try:
                await asyncio.to_thread(self._write)
            except STORAGE_TROUBLE as error:
                self.relprep.storage_trouble(error, "Prep not saved")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The sheet and the timer need the prep, so they wait until it has loaded."""
        return self._loaded is not None or action not in ("sheet", "call")

    def action_sheet(self) -> None:
        self._write_sheet(self.prep)

    @work(thread=True, group="prep-sheet")
    def _write_sheet(self, prep: PrepSession) -> None:
        context = self.context
        try:
            path = write_sheet(context.customer, prep, context.last, self.today)
        except StorageError as error:
            self.app.call_from_thread(
                self.notify, str(error), title="Sheet not written", severity="error", markup=False
            )
            return
        self.app.call_from_thread(self.notify, str(path), title="Prep sheet written", markup=False)

    def action_call(self) -> None:
        self.app.push_screen(CallTimerScreen(self.context.customer, self.call), self._call_left)

    def _call_left(self, call: CallTimer | None) -> None:
        self.call = None if call is None or call.finished else call
        self._warned_about_call = False
        self._show_title()

    def _show_title(self) -> None:
        self.title = "Prep"
        running = " · call running: ctrl+t to return" if self.call else ""
        self.sub_title = self.context.customer.name + running

"""Curiosity questions for one call: the chosen list with answers, and a filterable bank.

The widgets only report what the user did (answered, dropped, picked); the prep screen owns
the prep and decides what to save.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, Label, OptionList
from textual.widgets.option_list import Option

from relprep.domain.method import QUESTION_BANK, BankQuestion
from relprep.domain.model import PrepQuestion
from relprep.domain.prep import CARRIED
from relprep.ui.cells import steady

_SOURCE_LABELS = {CARRIED: "open from before"}


class QuestionRow(Horizontal):
    """One chosen question: its text, where it came from, an answer field and a drop button."""

    class Answered(Message):
        def __init__(self, text: str, answer: str) -> None:
            super().__init__()
            self.text = text
            self.answer = answer

    class Dropped(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self, question: PrepQuestion) -> None:
        super().__init__(classes="question-row")
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="question-text"):
            question = Label(Text(steady(self.question.text)), classes="question")
            question.tooltip = self.question.text
            yield question
            source = _SOURCE_LABELS.get(self.question.source)
            if source:
                yield Label(Text(source), classes="question-source")
        yield Input(
            self.question.answer,
            placeholder="what I learned",
            classes="question-answer",
            compact=True,
        )
        yield Button("Drop", classes="drop-question", compact=True)

    @on(Input.Changed, ".question-answer")
    def _answered(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Answered(self.question.text, event.value))

    @on(Button.Pressed, ".drop-question")
    def _dropped(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.Dropped(self.question.text))


def matching(bank: Iterable[BankQuestion], words: str) -> list[BankQuestion]:
    """Bank questions whose topic or text contains every word typed, in any order."""
    wanted = words.casefold().split()
    return [
        question
        for question in bank
        if all(word in f"{question.topic} {question.text}".casefold() for word in wanted)
    ]


class BankFilter(Input):
    """The bank's filter field; up and down move the highlight in the list below, so a
    question is found and picked without leaving the field: type, down, down, enter."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "move_highlight(1)", "Next question", show=False),
        Binding("up", "move_highlight(-1)", "Previous question", show=False),
    ]

    class Moved(Message):
        def __init__(self, step: int) -> None:
            super().__init__()
            self.step = step

    def action_move_highlight(self, step: int) -> None:
        self.post_message(self.Moved(step))


class QuestionBank(Vertical):
    """A filter field over the question bank; enter (or a click) picks a question.

    The first match is highlighted as the filter changes, so enter in the field picks it,
    and up/down in the field choose another: one enter, wherever the user is."""

    class Picked(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def compose(self) -> ComposeResult:
        yield BankFilter(
            placeholder="filter the question bank: role, business, industry, person… ↓ enter",
            id="bank-filter",
            compact=True,
        )
        yield OptionList(id="bank")

    def on_mount(self) -> None:
        self.show("")

    def show(self, words: str) -> None:
        options = [
            Option(Text.assemble((f"{q.topic:<13}", "dim"), q.text), id=q.id)
            for q in matching(QUESTION_BANK, words)
        ]
        if not options:
            nothing = "No bank question has all those words; add your own above."
            options = [Option(Text(nothing, style="dim"), disabled=True)]
        bank = self.query_one(OptionList)
        bank.set_options(options)
        bank.highlighted = 0 if bank.option_count and not options[0].disabled else None

    @on(Input.Changed, "#bank-filter")
    def _filter(self, event: Input.Changed) -> None:
        event.stop()
        self.show(event.value)

    @on(BankFilter.Moved)
    def _move(self, event: BankFilter.Moved) -> None:
        event.stop()
        bank = self.query_one(OptionList)
        if event.step > 0:
            bank.action_cursor_down()
        else:
            bank.action_cursor_up()

    @on(Input.Submitted, "#bank-filter")
    def _pick_highlighted(self, event: Input.Submitted) -> None:
        event.stop()
        bank = self.query_one(OptionList)
        if bank.highlighted is not None:
            bank.action_select()

    @on(OptionList.OptionSelected, "#bank")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        chosen = next(q for q in QUESTION_BANK if q.id == event.option_id)
        self.post_message(self.Picked(chosen.text))

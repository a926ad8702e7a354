"""Curiosity questions for one call: the chosen list with answers, and a filterable bank.

The widgets only report what the user did (answered, dropped, picked); the prep screen owns
the prep and decides what to save.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, Label, OptionList
from textual.widgets.option_list import Option

from relprep.domain.method import QUESTION_BANK, BankQuestion
from relprep.domain.model import PrepQuestion
from relprep.domain.prep import CARRIED

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
            yield Label(Text(self.question.text), classes="question")
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


class QuestionBank(Vertical):
    """A filter field over the question bank; enter (or a click) picks a question."""

    class Picked(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def compose(self) -> ComposeResult:
        yield Input(
            placeholder="filter the question bank: role, business, industry, person…",
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
        self.query_one(OptionList).set_options(options)

    @on(Input.Changed, "#bank-filter")
    def _filter(self, event: Input.Changed) -> None:
        event.stop()
        self.show(event.value)

    @on(Input.Submitted, "#bank-filter")
    def _to_list(self, event: Input.Submitted) -> None:
        event.stop()
        options = self.query_one(OptionList)
        if options.option_count:
            options.highlighted = 0
            options.focus()

    @on(OptionList.OptionSelected, "#bank")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        chosen = next(q for q in QUESTION_BANK if q.id == event.option_id)
        self.post_message(self.Picked(chosen.text))

"""The live call timer: one key says who is talking, the screen shows how much I listen.

The screen redraws once a second, but every figure comes from the timer's timestamps and the
clock, so leaving for the prep and coming back (the prep keeps the timer) loses nothing. It
returns the timer when it is left, and on finish hands the listen share to the debrief.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Header, Static

from relprep.domain.call_timer import (
    LISTEN_GOAL,
    LISTEN_RESEARCH_MARK,
    CallFigures,
    CallTimer,
    Speaker,
    format_duration,
)
from relprep.domain.model import Customer
from relprep.ui.screens.base import AppModal
from relprep.ui.widgets.app_footer import AppFooter
from relprep.ui.widgets.listen_gauge import ListenGauge

MONOLOGUE_NUDGE = timedelta(minutes=2)
"""After this long talking without a break, the screen suggests handing over with a question."""

_SPEAKER_LABELS = {Speaker.ME: "I am talking", Speaker.THEM: "They are talking"}


class CallTimerScreen(AppModal[CallTimer]):
    CSS_PATH = "call_timer.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "switch", "Switch speaker"),
        Binding("p", "pause", "Pause / resume"),
        Binding("f", "finish", "Finish → debrief"),
        Binding("escape", "leave", "Back to prep"),
    ]

    def __init__(self, customer: Customer, timer: CallTimer | None = None) -> None:
        """`customer` as the prep has it loaded: the timer reads nothing from the disk."""
        super().__init__()
        self.customer = customer
        self.timer = timer or CallTimer()

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="call"):
            yield Static(id="speaker")
            yield Static(id="clock")
            yield Static(id="share")
            yield ListenGauge()
            yield Static(id="monologue")
        yield AppFooter()

    def on_mount(self) -> None:
        if self.timer.started is None:
            self.timer = self.timer.start(self.clock.now())
        self.sub_title = f"call with {self.customer.name}"
        self.show()
        self.set_interval(1, self.show)

    def on_screen_resume(self) -> None:
        self.show()

    def show(self) -> None:
        now = self.clock.now()
        figures = self.timer.figures(now)
        self.query_one("#speaker", Static).update(self._speaker())
        self.query_one("#clock", Static).update(self._clock(figures))
        self.query_one("#share", Static).update(self._share(figures))
        self.query_one(ListenGauge).share = figures.listen_share
        self.query_one("#monologue", Static).update(self._monologue(figures, now))

    def _speaker(self) -> Content:
        if self.timer.paused:
            return Content.styled("Paused  (p to resume)", "bold $warning")
        speaker = self.timer.speaker or Speaker.ME
        style = "bold $accent" if speaker is Speaker.ME else "bold $success"
        return Content.styled(_SPEAKER_LABELS[speaker], style)

    @staticmethod
    def _clock(figures: CallFigures) -> Content:
        parts: list[str | tuple[str, str]] = [
            ("Elapsed ", "$text-muted"),
            (format_duration(figures.elapsed), "bold"),
            ("   me ", "$text-muted"),
            format_duration(figures.me),
            ("   them ", "$text-muted"),
            format_duration(figures.them),
        ]
        if figures.paused:
            parts += [("   paused ", "$text-muted"), format_duration(figures.paused)]
        return Content.assemble(*parts)

    @staticmethod
    def _share(figures: CallFigures) -> Content:
        pct = figures.listen_pct
        if pct is None:
            return Content.styled("Listening: nobody has spoken yet", "$text-muted")
        if pct >= LISTEN_RESEARCH_MARK:
            verdict = f"at or past the {LISTEN_RESEARCH_MARK}% mark seen in calls that convert"
        elif pct >= LISTEN_GOAL:
            verdict = f"above the {LISTEN_GOAL}% line"
        else:
            verdict = f"below the {LISTEN_GOAL}% line: ask, then listen"
        return Content.assemble(("Listening ", "$text-muted"), (f"{pct}%", "bold"), f"  {verdict}")

    def _monologue(self, figures: CallFigures, now: datetime) -> Content:
        longest = Content.assemble(
            ("Longest monologue ", "$text-muted"), format_duration(figures.longest_monologue)
        )
        current = self._current_turn(now)
        if current is None or current < MONOLOGUE_NUDGE:
            return longest
        nudge = f"   talking for {format_duration(current)}: time for a question?"
        return Content.assemble(longest, (nudge, "bold $warning"))

    def _current_turn(self, now: datetime) -> timedelta | None:
        if self.timer.speaker is not Speaker.ME or self.timer.since is None:
            return None
        return now - self.timer.since

    def _press(self, timer: CallTimer) -> None:
        self.timer = timer
        self.show()

    def action_switch(self) -> None:
        self._press(self.timer.toggle(self.clock.now()))

    def action_pause(self) -> None:
        self._press(self.timer.toggle_pause(self.clock.now()))

    def action_leave(self) -> None:
        self.dismiss(self.timer)

    def action_finish(self) -> None:
        finished = self.timer.finish(self.clock.now())
        listen_pct = finished.figures(self.clock.now()).listen_pct
        self.dismiss(finished)
        self.relprep.open_debrief(self.customer.id, listen_pct=listen_pct)

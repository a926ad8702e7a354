"""Talk/listen timing for a live call, worked out from clock readings only.

Every figure is computed from the moments the user pressed a key and the current time, never
by counting ticks, so the timer stays right however long its screen was hidden or the
terminal was busy. Real dialogue means listening at least half the time (step 4); sales
conversation research puts the sweet spot near 57%.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

LISTEN_GOAL = 50
LISTEN_RESEARCH_MARK = 57


class Speaker(StrEnum):
    ME = "me"
    THEM = "them"

    @property
    def other(self) -> Speaker:
        return Speaker.THEM if self is Speaker.ME else Speaker.ME


@dataclass(frozen=True)
class Turn:
    speaker: Speaker
    start: datetime
    end: datetime

    @property
    def length(self) -> timedelta:
        return max(self.end - self.start, timedelta(0))


@dataclass(frozen=True)
class CallFigures:
    elapsed: timedelta
    me: timedelta
    them: timedelta
    paused: timedelta
    longest_monologue: timedelta

    @property
    def listen_share(self) -> float | None:
        """Their share of the talking time, 0..1; None before anyone has spoken."""
        talking = self.me + self.them
        return self.them / talking if talking > timedelta(0) else None

    @property
    def listen_pct(self) -> int | None:
        share = self.listen_share
        return None if share is None else round(share * 100)


@dataclass(frozen=True)
class CallTimer:
    """Immutable: each key press returns a new timer, so the screen holds one value."""

    started: datetime | None = None
    turns: tuple[Turn, ...] = ()
    speaker: Speaker | None = None
    """Who is talking now; None before the start, while paused and once finished."""
    since: datetime | None = None
    """When the current turn (or the current pause) began."""
    last_speaker: Speaker = Speaker.ME
    finished: bool = False

    @property
    def running(self) -> bool:
        return self.speaker is not None

    @property
    def paused(self) -> bool:
        return self.started is not None and self.speaker is None and not self.finished

    def start(self, now: datetime, speaker: Speaker = Speaker.ME) -> CallTimer:
        return CallTimer(started=now, speaker=speaker, since=now, last_speaker=speaker)

    def _close_turn(self, now: datetime) -> tuple[Turn, ...]:
        if self.speaker is None or self.since is None:
            return self.turns
        return (*self.turns, Turn(self.speaker, self.since, now))

    def toggle(self, now: datetime) -> CallTimer:
        """The other person speaks now; from a pause, talk resumes with the other person."""
        if self.finished:
            return self
        if self.started is None:
            return self.start(now)
        speaker = (self.speaker or self.last_speaker).other
        return replace(
            self, turns=self._close_turn(now), speaker=speaker, since=now, last_speaker=speaker
        )

    def toggle_pause(self, now: datetime) -> CallTimer:
        if self.finished or self.started is None:
            return self
        if self.paused:
            return replace(self, speaker=self.last_speaker, since=now)
        return replace(self, turns=self._close_turn(now), speaker=None, since=now)

    def finish(self, now: datetime) -> CallTimer:
        if self.started is None:
            return replace(self, finished=True)
        return replace(self, turns=self._close_turn(now), speaker=None, since=now, finished=True)

    def figures(self, now: datetime) -> CallFigures:
        turns = self._close_turn(now)
        me = sum((t.length for t in turns if t.speaker is Speaker.ME), timedelta(0))
        them = sum((t.length for t in turns if t.speaker is Speaker.THEM), timedelta(0))
        end = self.since if self.finished and self.since else now
        elapsed = max(end - self.started, timedelta(0)) if self.started else timedelta(0)
        monologues = [t.length for t in turns if t.speaker is Speaker.ME]
        return CallFigures(
            elapsed=elapsed,
            me=me,
            them=them,
            paused=max(elapsed - me - them, timedelta(0)),
            longest_monologue=max(monologues, default=timedelta(0)),
        )


def format_duration(span: timedelta) -> str:
    """ "4:05", or "1:02:09" past the hour."""
    seconds = max(int(span.total_seconds()), 0)
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{seconds:02}" if hours else f"{minutes}:{seconds:02}"

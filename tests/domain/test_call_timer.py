"""Talk/listen maths from clock readings: the figures a user sees and hands to the debrief."""

from __future__ import annotations

from datetime import timedelta

from relprep.domain.call_timer import CallTimer, Speaker, format_duration
from relprep.domain.clock import FixedClock


def test_six_minutes_me_nine_them_is_sixty_percent_listening(clock: FixedClock) -> None:
    timer = CallTimer().start(clock.now(), Speaker.ME)
    clock.advance(minutes=6)
    timer = timer.toggle(clock.now())
    clock.advance(minutes=9)

    figures = timer.figures(clock.now())

    assert figures.me == timedelta(minutes=6)
    assert figures.them == timedelta(minutes=9)
    assert figures.elapsed == timedelta(minutes=15)
    assert figures.listen_pct == 60


def test_time_keeps_counting_between_readings_without_any_ticks(clock: FixedClock) -> None:
    """A hidden screen reads the timer once when shown again; nothing is lost meanwhile."""
    timer = CallTimer().start(clock.now(), Speaker.THEM)
    clock.advance(minutes=42, seconds=7)

    assert timer.figures(clock.now()).them == timedelta(minutes=42, seconds=7)


def test_a_pause_counts_for_nobody_and_resumes_with_the_same_speaker(clock: FixedClock) -> None:
    timer = CallTimer().start(clock.now(), Speaker.THEM)
    clock.advance(minutes=4)
    timer = timer.toggle_pause(clock.now())
    assert timer.paused
    clock.advance(minutes=10)
    timer = timer.toggle_pause(clock.now())
    clock.advance(minutes=1)

    figures = timer.figures(clock.now())

    assert timer.speaker is Speaker.THEM
    assert figures.them == timedelta(minutes=5)
    assert figures.paused == timedelta(minutes=10)
    assert figures.elapsed == timedelta(minutes=15)
    assert figures.listen_pct == 100


def test_toggling_during_a_pause_resumes_with_the_other_speaker(clock: FixedClock) -> None:
    timer = CallTimer().start(clock.now(), Speaker.ME).toggle_pause(clock.now())
    clock.advance(minutes=1)

    timer = timer.toggle(clock.now())

    assert timer.speaker is Speaker.THEM
    assert not timer.paused


def test_longest_monologue_is_my_longest_unbroken_turn(clock: FixedClock) -> None:
    timer = CallTimer().start(clock.now(), Speaker.ME)
    for my_turn, their_turn in ((2, 3), (7, 1), (4, 2)):
        clock.advance(minutes=my_turn)
        timer = timer.toggle(clock.now())
        clock.advance(minutes=their_turn)
        timer = timer.toggle(clock.now())
    clock.advance(minutes=5)

    figures = timer.figures(clock.now())

    assert figures.longest_monologue == timedelta(minutes=7)
    assert figures.me == timedelta(minutes=18)


def test_the_first_toggle_starts_the_call_with_me(clock: FixedClock) -> None:
    timer = CallTimer()
    assert timer.figures(clock.now()).listen_pct is None

    timer = timer.toggle(clock.now())

    assert timer.speaker is Speaker.ME
    assert timer.started == clock.now()


def test_finishing_freezes_the_figures(clock: FixedClock) -> None:
    timer = CallTimer().start(clock.now(), Speaker.THEM)
    clock.advance(minutes=3)
    timer = timer.toggle(clock.now())
    clock.advance(minutes=1)
    timer = timer.finish(clock.now())
    clock.advance(hours=2)

    figures = timer.figures(clock.now())

    assert figures.elapsed == timedelta(minutes=4)
    assert figures.listen_pct == 75
    assert timer.toggle(clock.now()) is timer


def test_a_clock_stepping_back_never_gives_negative_time(clock: FixedClock) -> None:
    timer = CallTimer().start(clock.now(), Speaker.ME)
    clock.advance(minutes=-5)

    figures = timer.figures(clock.now())

    assert figures.me == timedelta(0)
    assert figures.elapsed == timedelta(0)


def test_durations_read_as_minutes_then_hours() -> None:
    assert format_duration(timedelta(seconds=245)) == "4:05"
    assert format_duration(timedelta(hours=1, minutes=2, seconds=9)) == "1:02:09"

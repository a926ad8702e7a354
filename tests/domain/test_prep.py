"""Which prep a meeting uses, what carries over to the next one, and how progress is counted."""

from __future__ import annotations

from datetime import date, timedelta

from relprep.domain.clock import FixedClock
from relprep.domain.method import PREP_SECTIONS
from relprep.domain.model import Customer, Debrief, Kind, PrepQuestion, Promise, Reminder
from relprep.domain.prep import (
    BANK,
    CARRIED,
    OWN,
    add_question,
    answer_question,
    drop_question,
    last_time,
    new_prep,
    open_questions,
    prep_for_meeting,
    progress,
    set_answer,
    set_checked,
)


def _customer(clock: FixedClock, **fields) -> Customer:
    return Customer(id="c-1", name="Ada", created=clock.now(), updated=clock.now(), **fields)


def test_unanswered_questions_carry_to_the_next_prep(clock: FixedClock) -> None:
    now = clock.now()
    first = new_prep("c-1", now, [], now)
    first = add_question(first, "What are you measured on?", BANK, now)
    first = add_question(first, "Who else has a stake?", OWN, now)
    first = answer_question(first, "what are you MEASURED on?", "Churn", now)

    second = new_prep("c-1", now + timedelta(days=14), [first], now)

    assert second.questions == (PrepQuestion("Who else has a stake?", source=CARRIED),)


def test_a_carried_question_keeps_coming_back_until_answered(clock: FixedClock) -> None:
    now = clock.now()
    first = add_question(new_prep("c-1", now, [], now), "Budget cycle?", OWN, now)
    second = new_prep("c-1", now + timedelta(days=7), [first], now)
    third = new_prep("c-1", now + timedelta(days=14), [first, second], now)
    answered = answer_question(third, "Budget cycle?", "April", now)
    fourth = new_prep("c-1", now + timedelta(days=21), [first, second, answered], now)

    assert [q.text for q in third.questions] == ["Budget cycle?"]
    assert fourth.questions == ()


def test_only_earlier_preps_carry_into_a_meeting(clock: FixedClock) -> None:
    now = clock.now()
    later = add_question(new_prep("c-1", now + timedelta(days=30), [], now), "Later?", OWN, now)

    assert new_prep("c-1", now, [later], now).questions == ()


def test_coming_back_today_resumes_the_prep_left_earlier(clock: FixedClock) -> None:
    now = clock.now()
    started = set_checked(new_prep("c-1", now, [], now), "intent.enjoy", True, now)

    clock.advance(hours=2)

    assert prep_for_meeting([started], "c-1", clock.now()) == started


def test_after_the_meeting_day_a_new_prep_starts(clock: FixedClock) -> None:
    now = clock.now()
    old = set_checked(new_prep("c-1", now, [], now), "intent.enjoy", True, now)
    clock.advance(days=1)

    fresh = prep_for_meeting([old], "c-1", clock.now())

    assert fresh.id != old.id
    assert fresh.checked == frozenset()
    assert fresh.meeting == clock.now()


def test_a_named_meeting_time_finds_its_own_prep(clock: FixedClock) -> None:
    now = clock.now()
    tuesday = new_prep("c-1", now + timedelta(days=1), [], now)
    friday = new_prep("c-1", now + timedelta(days=4), [], now)

    assert prep_for_meeting([tuesday, friday], "c-1", now, friday.meeting) == friday
    other = prep_for_meeting([tuesday, friday], "c-1", now, now + timedelta(days=2))
    assert other.id not in {tuesday.id, friday.id}


def test_progress_counts_ticked_items_per_section_and_overall(clock: FixedClock) -> None:
    now = clock.now()
    prep = new_prep("c-1", now, [], now)
    for item_id in ("intent.help", "intent.enjoy", "touchstones.truth"):
        prep = set_checked(prep, item_id, True, now)
    prep = set_checked(prep, "intent.enjoy", False, now)

    done = progress(prep)

    assert (done.of("intent").done, done.of("intent").total) == (1, 3)
    assert done.of("touchstones").done == 1
    assert done.done == 2
    assert done.total == sum(len(section.items) for section in PREP_SECTIONS)


def test_answers_are_kept_as_typed_and_blank_ones_removed(clock: FixedClock) -> None:
    now = clock.now()
    prep = set_answer(new_prep("c-1", now, [], now), "intent.help", "  Their Q1 launch ", now)
    assert prep.answers == {"intent.help": "  Their Q1 launch "}

    assert set_answer(prep, "intent.help", "   ", now).answers == {}


def test_a_question_is_added_once_and_can_be_dropped(clock: FixedClock) -> None:
    now = clock.now()
    prep = add_question(new_prep("c-1", now, [], now), "Why  now?", OWN, now)

    assert add_question(prep, "why now?", BANK, now) is prep
    assert add_question(prep, "   ", OWN, now) is prep
    assert drop_question(prep, "WHY NOW?", now).questions == ()


def test_last_time_gathers_both_sides_promises_and_the_next_step(clock: FixedClock) -> None:
    now = clock.now()
    older = Debrief(
        "d-1", "c-1", now - timedelta(days=40), now, now, next_step="Old step", interests=("golf",)
    )
    newer = Debrief(
        "d-2",
        "c-1",
        now - timedelta(days=10),
        now,
        now,
        their_promises=(Promise("Send the org chart", date(2026, 11, 20)),),
        next_step="Workshop with ops",
        interests=("jazz",),
    )
    mine = [
        Reminder("r-2", "c-1", "Send the case study", date(2026, 11, 27), now, now, Kind.PROMISE),
        Reminder("r-1", "c-1", "Call back", date(2026, 11, 20), now, now, Kind.PROMISE),
        Reminder("r-3", "c-1", "Kept", date(2026, 11, 1), now, now, Kind.PROMISE, done_at=now),
        Reminder("r-4", "c-1", "Send tickets", date(2026, 11, 1), now, now, Kind.ACT),
    ]

    last = last_time(_customer(clock, interests=("golf", "jazz")), [newer, older], mine)

    assert last.met == newer.when
    assert [p.text for p in last.their_promises] == ["Send the org chart"]
    assert [r.text for r in last.my_promises] == ["Call back", "Send the case study"]
    assert last.next_step == "Workshop with ops"
    assert last.noticed == ("jazz",)
    assert "golf" in last.idea  # the idea bank's most personal idea, from their interests


def test_with_no_history_last_time_is_empty(clock: FixedClock) -> None:
    last = last_time(_customer(clock), [], [])

    assert (last.met, last.their_promises, last.my_promises) == (None, (), ())
    assert last.idea.startswith("Next time you are near them")  # nothing known yet: a call


def test_open_questions_are_what_the_latest_prep_left_unanswered(clock: FixedClock) -> None:
    now = clock.now()
    first = add_question(new_prep("c-1", now, [], now), "Budget cycle?", OWN, now)
    second = new_prep("c-1", now + timedelta(days=7), [first], now)
    second = answer_question(
        add_question(second, "Who signs?", OWN, now), "Budget cycle?", "Q2", now
    )

    assert [q.text for q in open_questions([first, second])] == ["Who signs?"]
    assert open_questions([]) == ()

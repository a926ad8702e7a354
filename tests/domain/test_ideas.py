"""Thoughtful-act ideas come from what the person cares about, and stay inexpensive."""

from __future__ import annotations

from datetime import date

from relprep.domain.ideas import idea_reminder, suggest
from relprep.domain.model import Cost, Kind
from relprep.domain.validation import customer_from_input, debrief_from_input


def _customer(clock, **fields):
    return customer_from_input(clock, name="Ada Lovelace", **fields)


def test_a_sports_fan_gets_a_match_report_idea(clock):
    [first, *_] = suggest(_customer(clock, interests=["Football (Arsenal)"]))
    assert "team's next match" in first.text
    assert "Football (Arsenal)" in first.text
    assert first.reason == "interested in Football (Arsenal)"


def test_an_unknown_interest_still_gets_a_personal_idea(clock):
    [first, *_] = suggest(_customer(clock, interests=["origami"]))
    assert "origami" in first.text


def test_recent_debriefs_add_ideas_from_what_was_learned_and_topics(clock):
    debrief = debrief_from_input(
        clock,
        customer_id="c-1",
        when="2026-11-20",
        learned="Reading a novel by Ishiguro on holiday",
        topics=["warehouse automation"],
    )
    texts = [idea.text for idea in suggest(_customer(clock), [debrief])]
    assert any("book they mentioned" in text for text in texts)
    assert any("warehouse automation" in text for text in texts)


def test_always_offers_a_call_when_in_the_area_and_every_idea_is_cheap(clock):
    ideas = suggest(_customer(clock, interests=["golf", "jazz"], industry="Logistics"))
    assert ideas[-1].kind is Kind.TOUCH
    assert "near them" in ideas[-1].text
    assert {idea.cost for idea in ideas} == {Cost.LOW}


def test_ideas_already_planned_are_left_out(clock):
    customer = _customer(clock, interests=["golf"])
    golf = suggest(customer)[0].text
    assert golf not in [idea.text for idea in suggest(customer, exclude=[golf.upper()])]


def test_only_the_latest_debriefs_count_and_the_list_is_short(clock):
    old = debrief_from_input(clock, customer_id="c-1", when="2025-01-01", topics=["old topic"])
    recent = [
        debrief_from_input(clock, customer_id="c-1", when=f"2026-11-{day}", topics=[f"t{day}"])
        for day in range(10, 16)
    ]
    texts = " ".join(idea.text for idea in suggest(_customer(clock), [old, *recent], limit=20))
    assert "old topic" not in texts
    assert len(suggest(_customer(clock, interests=list("abcdefgh")))) == 6


def test_an_idea_becomes_a_reminder_due_in_three_days(clock):
    idea = suggest(_customer(clock, interests=["jazz"]))[0]
    reminder = idea_reminder(idea, "c-1", clock)
    assert (reminder.text, reminder.kind, reminder.cost) == (idea.text, Kind.ACT, Cost.LOW)
    assert reminder.due == date(2026, 11, 26)
    assert reminder.customer_id == "c-1"


def test_single_words_of_a_phrase_do_not_make_an_idea(clock):
    """Issue 13.11: "Moving to a new warehouse system" suggested congratulations on a new role."""
    warehouse = debrief_from_input(
        clock, customer_id="c-1", when="2026-11-20", learned="Moving to a new warehouse system"
    )
    promoted = debrief_from_input(
        clock, customer_id="c-1", when="2026-11-21", learned="She starts her new role in March"
    )

    warehouse_ideas = " ".join(idea.text for idea in suggest(_customer(clock), [warehouse]))
    promoted_ideas = " ".join(idea.text for idea in suggest(_customer(clock), [promoted]))

    assert "congratulations" not in warehouse_ideas
    assert "move went" not in warehouse_ideas
    assert "congratulations on the new role" in promoted_ideas

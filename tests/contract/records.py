"""Records with every field set to something other than its default, to prove a backend keeps
each one. Text mixes what breaks naive storage: markup, quotes, backslashes, line breaks,
right-to-left and astral characters."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from relprep.domain.model import (
    Cost,
    Customer,
    Debrief,
    Kind,
    PrepQuestion,
    PrepSession,
    Promise,
    Reminder,
)

CET = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 23, 9, 30, tzinfo=CET)
ODD_TEXT = 'say "hi" \\ [bold]not markup[/] 🦀 עברית\nsecond line\ttab'


def customer(customer_id: str = "c-ada", name: str = "Ada Lovelace", **fields) -> Customer:
    values = dict(
        id=customer_id,
        name=name,
        created=NOW - timedelta(days=400),
        updated=NOW - timedelta(days=3),
        company="Analytical Engines",
        role="CTO",
        industry="Computing",
        interests=("chess", "poetry 🦀"),
        cadence_days=14,
        notes=ODD_TEXT,
        last_contact=NOW - timedelta(days=10),
    )
    return Customer(**{**values, **fields})


def debrief(
    debrief_id: str = "d-one", customer_id: str = "c-ada", when: datetime = NOW, **fields
) -> Debrief:
    values = dict(
        id=debrief_id,
        customer_id=customer_id,
        when=when,
        created=NOW - timedelta(hours=2),
        updated=NOW - timedelta(hours=1),
        listen_pct=62,
        topics=("pricing", "roadmap"),
        learned=ODD_TEXT,
        interests=("sailing",),
        negative="we are slower than Acme at imports",
        alternatives="a spreadsheet, honestly",
        my_promises=(Promise("send the deck", date(2026, 11, 27), "r-deck"),),
        their_promises=(Promise("intro to the CFO", None, None),),
        next_step="demo",
        follow_up=date(2026, 12, 4),
        follow_up_reminder_id="r-follow",
        score=4,
        notes="notes",
    )
    return Debrief(**{**values, **fields})


def reminder(
    reminder_id: str = "r-deck",
    customer_id: str = "c-ada",
    due: date = date(2026, 11, 27),
    **fields,
) -> Reminder:
    values = dict(
        id=reminder_id,
        customer_id=customer_id,
        text=ODD_TEXT,
        due=due,
        created=NOW - timedelta(days=1),
        updated=NOW,
        kind=Kind.PROMISE,
        cost=Cost.MEDIUM,
        every="FREQ=WEEKLY;INTERVAL=2",
        done_at=None,
        debrief_id="d-one",
        promised_due=date(2026, 11, 26),
    )
    return Reminder(**{**values, **fields})


def prep(
    prep_id: str = "p-one", customer_id: str = "c-ada", meeting: datetime = NOW, **fields
) -> PrepSession:
    values = dict(
        id=prep_id,
        customer_id=customer_id,
        meeting=meeting,
        created=NOW - timedelta(days=1),
        updated=NOW,
        checked=frozenset({"intent.help", "touchstones.family"}),
        answers={"intent.help": ODD_TEXT, "attributes.one": ""},
        questions=(
            PrepQuestion("How did you start?", "by accident", "bank"),
            PrepQuestion("What worries you?", "", "carried"),
        ),
    )
    return PrepSession(**{**values, **fields})

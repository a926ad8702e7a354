"""The prep checklist as rules: which prep a meeting uses, what carries over, how far along it is.

A prep is worth most when it remembers: questions left unanswered last time come back by
themselves, and "from last time" gathers what was promised on both sides, so the user
walks into the call knowing where the relationship stands (steps 2 and 3 of the method).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from relprep.domain.ideas import suggest
from relprep.domain.method import PREP_SECTIONS, QUESTION_BANK, ChecklistSection
from relprep.domain.model import (
    Customer,
    Debrief,
    Kind,
    PrepQuestion,
    PrepSession,
    Promise,
    Reminder,
    new_id,
)

CARRIED = "carried"
BANK = "bank"
OWN = "own"


# -- which prep ------------------------------------------------------------------------------


def open_questions(preps: Iterable[PrepSession]) -> tuple[PrepQuestion, ...]:
    """The questions still open for a customer: the unanswered ones of their latest prep.
    Each prep starts with what the one before left open, so the latest prep holds them all;
    one answered or dropped there is settled."""
    latest = max(preps, key=lambda prep: prep.meeting, default=None)
    return tuple(q for q in latest.questions if not q.answered) if latest else ()


def carried_questions(preps: Iterable[PrepSession], meeting: datetime) -> tuple[PrepQuestion, ...]:
    """What the latest prep before `meeting` left open, to ask again at this one."""
    earlier = [prep for prep in preps if prep.meeting < meeting]
    return tuple(PrepQuestion(q.text, source=CARRIED) for q in open_questions(earlier))


def new_prep(
    customer_id: str, meeting: datetime, earlier: Iterable[PrepSession], now: datetime
) -> PrepSession:
    return PrepSession(
        id=new_id("p"),
        customer_id=customer_id,
        meeting=meeting,
        created=now,
        updated=now,
        questions=carried_questions(earlier, meeting),
    )


def prep_for_meeting(
    preps: Sequence[PrepSession],
    customer_id: str,
    now: datetime,
    meeting: datetime | None = None,
) -> PrepSession:
    """The prep to show. For a given meeting time, the prep saved for it or a new one. With
    none given, the latest prep whose meeting is today or later is resumed (so coming back
    to it after a break finds it as it was left), else a new one for a meeting now."""
    if meeting is not None:
        for prep in preps:
            if prep.meeting == meeting:
                return prep
        return new_prep(customer_id, meeting, preps, now)
    upcoming = [prep for prep in preps if prep.meeting.date() >= now.date()]
    if upcoming:
        return max(upcoming, key=lambda prep: prep.meeting)
    return new_prep(customer_id, now.replace(second=0, microsecond=0), preps, now)


# -- changes the user makes --------------------------------------------------------------------


def set_checked(prep: PrepSession, item_id: str, on: bool, now: datetime) -> PrepSession:
    checked = prep.checked | {item_id} if on else prep.checked - {item_id}
    return replace(prep, checked=frozenset(checked), updated=now)


def set_answer(prep: PrepSession, item_id: str, text: str, now: datetime) -> PrepSession:
    answers = {key: value for key, value in prep.answers.items() if key != item_id}
    if text.strip():
        answers[item_id] = text
    return replace(prep, answers=answers, updated=now)


def reschedule(prep: PrepSession, meeting: datetime, now: datetime) -> PrepSession:
    return replace(prep, meeting=meeting, updated=now)


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def has_question(prep: PrepSession, text: str) -> bool:
    wanted = _key(text)
    return any(_key(question.text) == wanted for question in prep.questions)


def add_question(prep: PrepSession, text: str, source: str, now: datetime) -> PrepSession:
    """Adds a question once; blank text or one already on the list leaves the prep as it is."""
    cleaned = " ".join(text.split())
    if not cleaned or has_question(prep, cleaned):
        return prep
    question = PrepQuestion(cleaned, source=source)
    return replace(prep, questions=(*prep.questions, question), updated=now)


def answer_question(prep: PrepSession, text: str, answer: str, now: datetime) -> PrepSession:
    wanted = _key(text)
    questions = tuple(
        replace(question, answer=answer) if _key(question.text) == wanted else question
        for question in prep.questions
    )
    return replace(prep, questions=questions, updated=now)


def drop_question(prep: PrepSession, text: str, now: datetime) -> PrepSession:
    wanted = _key(text)
    questions = tuple(q for q in prep.questions if _key(q.text) != wanted)
    return replace(prep, questions=questions, updated=now)


# -- progress ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SectionProgress:
    section_id: str
    done: int
    total: int


@dataclass(frozen=True)
class Progress:
    sections: tuple[SectionProgress, ...]

    @property
    def done(self) -> int:
        return sum(section.done for section in self.sections)

    @property
    def total(self) -> int:
        return sum(section.total for section in self.sections)

    def of(self, section_id: str) -> SectionProgress:
        return next(s for s in self.sections if s.section_id == section_id)


def progress(prep: PrepSession, sections: Sequence[ChecklistSection] = PREP_SECTIONS) -> Progress:
    """Ticked items per section; an item counts once ticked, written answer or not."""
    return Progress(
        tuple(
            SectionProgress(
                section.id,
                sum(1 for item in section.items if item.id in prep.checked),
                len(section.items),
            )
            for section in sections
        )
    )


# -- into the debrief -------------------------------------------------------------------------

PREPARED_WITHIN_DAYS = 7
"""A prep counts for a debrief when its meeting was at most this many days before it."""
NEGATIVE_ITEM = "touchstones.truth"
ALTERNATIVES_ITEM = "touchstones.open"


@dataclass(frozen=True)
class Prepared:
    """What the prep planned to say honestly, offered back in the debrief of that call."""

    negative: str = ""
    alternatives: str = ""


def prepared_for(preps: Iterable[PrepSession], moment: datetime) -> Prepared:
    """The honest negative and the alternatives written in the latest prep for a meeting on
    `moment`'s day or in the week before it; empty when there is none."""
    earliest = moment.date() - timedelta(days=PREPARED_WITHIN_DAYS)
    fitting = [p for p in preps if earliest <= p.meeting.date() <= moment.date()]
    latest = max(fitting, key=lambda prep: prep.meeting, default=None)
    if latest is None:
        return Prepared()
    return Prepared(
        latest.answers.get(NEGATIVE_ITEM, "").strip(),
        latest.answers.get(ALTERNATIVES_ITEM, "").strip(),
    )


# -- from last time ----------------------------------------------------------------------------


def open_promises(reminders: Iterable[Reminder]) -> tuple[Reminder, ...]:
    """My promises not yet delivered, soonest first: the integrity check before a call."""
    mine = (r for r in reminders if r.kind is Kind.PROMISE and r.done_at is None)
    return tuple(sorted(mine, key=lambda r: (r.due, r.text.casefold())))


@dataclass(frozen=True)
class LastTime:
    """What the previous call left behind, for the "from last time" section and the sheet."""

    met: datetime | None
    their_promises: tuple[Promise, ...]
    my_promises: tuple[Reminder, ...]
    next_step: str
    follow_up: date | None
    noticed: tuple[str, ...]
    interests: tuple[str, ...]
    idea: str
    """The idea bank's most personal suggestion; there is always at least a call when near."""
    still_open: tuple[Reminder, ...] = ()
    """The customer's open reminders, from which the sheet's "Due now" is worked out."""
    questions: tuple[str, ...] = ()
    """Bank questions that fit this customer, offered while none are chosen."""


def last_time(
    customer: Customer,
    debriefs: Sequence[Debrief],
    reminders: Iterable[Reminder],
    asked: Iterable[str] = (),
) -> LastTime:
    """`asked` holds the questions of earlier preps, so the suggestions are fresh ones."""
    reminders = [reminder for reminder in reminders if reminder.done_at is None]
    last = max(debriefs, key=lambda d: d.when, default=None)
    return LastTime(
        met=last.when if last else None,
        their_promises=last.their_promises if last else (),
        my_promises=open_promises(reminders),
        next_step=last.next_step if last else "",
        follow_up=last.follow_up if last else None,
        noticed=last.interests if last else (),
        interests=customer.interests,
        idea=suggest(customer, debriefs, limit=1)[0].text,
        still_open=tuple(reminders),
        questions=suggested_questions(customer, debriefs, asked),
    )


SUGGESTED_QUESTIONS = 3


def _topics(customer: Customer, debriefs: Sequence[Debrief]) -> list[str]:
    """The bank's topics in the order this customer's profile and history make them fit."""
    if not debriefs:
        topics = ["role", "business", "person" if customer.interests else "relationship"]
    else:
        last = max(debriefs, key=lambda d: d.when)
        topics = ["person"] if customer.interests else []
        topics.append("business")
        if last.score is not None and last.score <= 3:
            topics.append("relationship")
    if customer.industry.strip():
        topics.append("industry")
    topics += [topic for topic in ("role", "relationship", "person") if topic not in topics]
    return topics


def suggested_questions(
    customer: Customer,
    debriefs: Sequence[Debrief],
    asked: Iterable[str] = (),
    limit: int = SUGGESTED_QUESTIONS,
) -> tuple[str, ...]:
    """Questions from the bank for a prep with none chosen: on a first call about their role
    and business; later about the interests they have shown, the business raised in calls,
    the relationship when the last call scored low, and their industry. One per topic, in
    that order, none asked at an earlier prep."""
    seen = {_key(text) for text in asked}
    fresh = [question for question in QUESTION_BANK if _key(question.text) not in seen]
    chosen: list[str] = []
    for topic in _topics(customer, debriefs):
        pick = next((q.text for q in fresh if q.topic == topic and q.text not in chosen), None)
        if pick is not None and len(chosen) < limit:
            chosen.append(pick)
    return tuple(chosen)

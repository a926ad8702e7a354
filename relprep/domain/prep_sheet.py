"""The prep as a Markdown page to print or paste into notes before the call.

It carries only what helps in the room: who they are, what is due and owed on both sides,
then the checklist in the order of the method (intent, the four attributes, the questions,
the meeting touchstones) with the user's own answers. User text is escaped by the one
Markdown rule (`domain.markdown.escape`), so a stray `*`, `[` or "1." stays a character.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date, datetime

from relprep.domain.dates import format_date, relative_label
from relprep.domain.due import due_now
from relprep.domain.markdown import escape
from relprep.domain.method import PREP_SECTIONS, ChecklistSection
from relprep.domain.model import Customer, PrepSession
from relprep.domain.prep import CARRIED, LastTime, progress

_SOURCE_TAGS = {CARRIED: " *(open from before)*"}


def meeting_label(meeting: datetime, today: date) -> str:
    return f"{format_date(meeting.date(), today)} {meeting:%H:%M}"


def _box(done: bool) -> str:
    return "[x]" if done else "[ ]"


def _customer_lines(customer: Customer, last: LastTime, today: date) -> Iterable[str]:
    facts = (
        ("Company", customer.company),
        ("Role", customer.role),
        ("Industry", customer.industry),
        ("Interests", ", ".join(customer.interests)),
        ("Last met", format_date(last.met.date(), today) if last.met else ""),
        ("Notes", customer.notes),
    )
    for label, value in facts:
        if value:
            yield f"- **{label}:** {escape(value)}"


def _promise_lines(last: LastTime, today: date) -> Iterable[str]:
    yield "### Mine"
    yield ""
    if not last.my_promises:
        yield "- nothing owed"
    for reminder in last.my_promises:
        late = " — **overdue**" if reminder.due < today else ""
        yield f"- [ ] {escape(reminder.text)} (due {format_date(reminder.due, today)}){late}"
    yield ""
    yield "### Theirs"
    yield ""
    if not last.their_promises:
        yield "- nothing recorded"
    for promise in last.their_promises:
        due = f" (due {format_date(promise.due, today)})" if promise.due else ""
        yield f"- {escape(promise.text)}{due}"


def _due_lines(customer: Customer, last: LastTime, today: date) -> Iterable[str]:
    """The same "due today and overdue" as Today and the Reminders panel, for this customer."""
    items = due_now(last.still_open, [customer], today)
    if not items:
        yield "- nothing due"
    for item in items:
        when = f"{relative_label(item.due, today)}, {format_date(item.due, today)}"
        late = "**overdue** " if item.due < today else ""
        yield f"- {escape(item.text)} ({item.kind.value}, {late}{when})"


def _last_time_lines(last: LastTime, today: date) -> Iterable[str]:
    if last.next_step:
        follow = f" (by {format_date(last.follow_up, today)})" if last.follow_up else ""
        yield f"- **Next step agreed:** {escape(last.next_step)}{follow}"
    if last.noticed:
        yield f"- **Interests noticed:** {escape(', '.join(last.noticed))}"
    if last.met is not None:
        yield f"- **A small gesture:** {escape(last.idea)}"


def _question_lines(prep: PrepSession, last: LastTime) -> Iterable[str]:
    if not prep.questions and last.questions:
        yield "None chosen yet; these fit what you know of them:"
        yield ""
        yield from (f"- [ ] {escape(text)}" for text in last.questions)
    elif not prep.questions:
        yield "- none chosen yet"
    for question in prep.questions:
        tag = _SOURCE_TAGS.get(question.source, "")
        yield f"- {_box(question.answered)} {escape(question.text)}{tag}"
        if question.answered:
            yield f"  - {escape(question.answer)}"


def _section_lines(section: ChecklistSection, prep: PrepSession) -> Iterable[str]:
    for item in section.items:
        yield f"- {_box(item.id in prep.checked)} {item.text}"
        answer = prep.answers.get(item.id, "")
        if answer.strip():
            yield f"  - {escape(answer)}"


def _section(section_id: str) -> ChecklistSection:
    return next(section for section in PREP_SECTIONS if section.id == section_id)


def render_sheet(customer: Customer, prep: PrepSession, last: LastTime, today: date) -> str:
    done = progress(prep)
    sections = (
        ("Customer", tuple(_customer_lines(customer, last, today)) or ("- no details yet",)),
        ("Due now", tuple(_due_lines(customer, last, today))),
        ("Open promises", tuple(_promise_lines(last, today))),
        ("From last time", tuple(_last_time_lines(last, today))),
        ("Intent", tuple(_section_lines(_section("intent"), prep))),
        ("The four attributes", tuple(_section_lines(_section("attributes"), prep))),
        ("Questions", tuple(_question_lines(prep, last))),
        ("Touchstones", tuple(_section_lines(_section("touchstones"), prep))),
    )
    head = (
        f"# Prep: {escape(customer.name)} — {meeting_label(prep.meeting, today)}\n\n"
        f"Checklist {done.done}/{done.total} done."
    )
    body = [f"## {title}\n\n" + "\n".join(lines) for title, lines in sections if lines]
    return "\n\n".join((head, *body)) + "\n"


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def sheet_filename(customer: Customer, meeting: datetime) -> str:
    """e.g. "2026-11-23-0930-zoe-muller-c-k3v9x2mq.md": sorts by date, readable, safe on any
    filesystem. The id keeps apart customers whose names read the same in ASCII ("Zoë Müller"
    and "ZOE MULLER" in the same minute), and is slugged too, so no id can name a path."""
    words = [part for part in (_slug(customer.name)[:40].strip("-"), _slug(customer.id)) if part]
    return f"{meeting:%Y-%m-%d-%H%M}-{'-'.join(words)}.md"

"""The Markdown prep sheet, read back with a Markdown parser the way a viewer would show it."""

from __future__ import annotations

from datetime import date, timedelta

from markdown_it import MarkdownIt

from relprep.domain.clock import FixedClock
from relprep.domain.model import Customer, Debrief, Kind, Promise, Reminder
from relprep.domain.prep import (
    BANK,
    CARRIED,
    add_question,
    answer_question,
    last_time,
    new_prep,
    set_answer,
    set_checked,
)
from relprep.domain.prep_sheet import render_sheet, sheet_filename


def _outline(markdown: str) -> dict[str, list[str]]:
    """Heading -> the plain text of each list item under it, as a renderer would show them."""
    outline: dict[str, list[str]] = {}
    heading = ""
    tokens = MarkdownIt("commonmark").parse(markdown)
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            heading = "".join(child.content for child in tokens[index + 1].children or ())
            outline[heading] = []
        elif token.type == "inline" and tokens[index - 2].type == "list_item_open":
            outline[heading].append("".join(_text(child) for child in token.children or ()))
    return outline


def _text(token) -> str:
    if token.type in ("softbreak", "hardbreak"):
        return " "
    return token.content if token.type in ("text", "code_inline") else ""


def _setup(clock: FixedClock):
    now = clock.now()
    customer = Customer(
        "c-1",
        "Zoë [bold]*Müller*[/]",
        now,
        now,
        company="Acme_Ltd <EU>",
        role="Head of Ops",
        interests=("jazz",),
    )
    debrief = Debrief(
        "d-1",
        "c-1",
        now - timedelta(days=14),
        now,
        now,
        their_promises=(Promise("Send the org chart", date(2026, 11, 20)),),
        next_step="Workshop # with ops",
        interests=("jazz",),
    )
    mine = [Reminder("r-1", "c-1", "Send *pricing*", date(2026, 11, 27), now, now, Kind.PROMISE)]
    prep = new_prep("c-1", now, [], now)
    prep = add_question(prep, "What is [really] blocking you?", BANK, now)
    prep = add_question(prep, "Who signs off?", CARRIED, now)
    prep = answer_question(prep, "Who signs off?", "The CFO, *not* IT", now)
    prep = set_checked(prep, "touchstones.truth", True, now)
    prep = set_answer(prep, "touchstones.truth", "Our EU hosting is\nonly in Q3", now)
    return customer, prep, last_time(customer, [debrief], mine)


def test_sheet_has_the_sections_and_items_a_user_needs(clock: FixedClock) -> None:
    customer, prep, last = _setup(clock)

    outline = _outline(render_sheet(customer, prep, last, clock.now().date()))

    assert list(outline) == [
        "Prep: Zoë [bold]*Müller*[/] — Mon 23 Nov 09:30",
        "Customer",
        "Due now",
        "Open promises",
        "Mine",
        "Theirs",
        "From last time",
        "Intent",
        "The four attributes",
        "Questions",
        "Touchstones",
    ]
    assert "Company: Acme_Ltd <EU>" in outline["Customer"]
    assert outline["Mine"] == ["[ ] Send *pricing* (due Fri 27 Nov)"]
    assert outline["Theirs"] == ["Send the org chart (due Fri 20 Nov)"]
    assert "Next step agreed: Workshop # with ops" in outline["From last time"]
    assert outline["Questions"] == [
        "[ ] What is [really] blocking you?",
        "[x] Who signs off? (open from before)",
        "The CFO, *not* IT",
    ]
    assert outline["Touchstones"][:2] == [
        "[x] Seek the truth: I am ready to say one honest negative",
        "Our EU hosting is only in Q3",
    ]
    assert len(outline["Intent"]) == 3


def test_sheet_says_so_when_nothing_is_owed(clock: FixedClock) -> None:
    now = clock.now()
    customer = Customer("c-2", "Bob", now, now)
    prep = new_prep("c-2", now, [], now)

    outline = _outline(render_sheet(customer, prep, last_time(customer, [], []), now.date()))

    assert outline["Mine"] == ["nothing owed"]
    assert outline["Due now"] == ["nothing due"]
    assert "From last time" not in outline


def test_sheet_file_names_sort_by_meeting_and_are_plain_ascii(clock: FixedClock) -> None:
    now = clock.now()
    customer = Customer("c-9", "Zoë Müller / Acme", now, now)

    assert sheet_filename(customer, now) == "2026-11-23-0930-zoe-muller-acme-c-9.md"
    assert sheet_filename(Customer("c-9", "東京", now, now), now) == "2026-11-23-0930-c-9.md"


def test_customers_whose_names_read_alike_get_their_own_sheet(clock: FixedClock) -> None:
    """issue 16 point 14: "Zoë Müller" and "ZOE MULLER" prepped in the same minute."""
    now = clock.now()
    zoe = Customer("c-zoe1", "Zoë Müller", now, now)
    other = Customer("c-zoe2", "ZOE MULLER", now, now)
    assert sheet_filename(zoe, now) != sheet_filename(other, now)


def test_no_id_can_make_a_sheet_name_a_path(clock: FixedClock) -> None:
    """issue 16 point 11: an imported id such as "y/../../../outside/evil"."""
    now = clock.now()
    evil = Customer("y/../../../../../outside/evil", "東京", now, now)
    name = sheet_filename(evil, now)
    assert "/" not in name and ".." not in name and name.endswith(".md")


def test_sheet_carries_the_four_attributes_with_their_answers(clock: FixedClock) -> None:
    """Issue 13.6: answers typed in section 2 were saved but left out of the sheet."""
    customer, prep, last = _setup(clock)
    now = clock.now()
    prep = set_checked(prep, "attributes.professional", True, now)
    prep = set_answer(prep, "attributes.professional", "Read their annual report", now)
    prep = set_answer(prep, "attributes.knowledge", "The new EU rules on payroll", now)

    outline = _outline(render_sheet(customer, prep, last, now.date()))

    assert outline["The four attributes"] == [
        "[x] Professional: I have read something recent about their trade",
        "Read their annual report",
        "[ ] Integrity: I have checked every promise I owe them",
        "[ ] Caring: I will listen to understand, not to reply",
        "[ ] Knowledge: I know something useful to them beyond my product",
        "The new EU rules on payroll",
    ]
    headings = list(outline)
    assert headings.index("Intent") < headings.index("Touchstones")


def test_text_that_looks_like_a_list_stays_one_item_in_the_sheet_and_the_report(
    clock: FixedClock,
) -> None:
    """Issue 13.6: "1. x" in their promises became a nested list; the report escaped it.
    Both now go through the one escape function."""
    from relprep.domain.markdown import escape
    from relprep.export import markdown_report

    now = clock.now()
    customer = Customer("c-3", "Ada", now, now)
    texts = ("1. Send the contract", "- the slides", "+ a quote", "2) the invoice", "> quoted")
    debrief = Debrief(
        "d-3", "c-3", now - timedelta(days=1), now, now,
        their_promises=tuple(Promise(text) for text in texts),
    )  # fmt: skip

    outline = _outline(render_sheet(customer, new_prep("c-3", now, [], now), last_time(
        customer, [debrief], []), now.date()))  # fmt: skip

    assert outline["Theirs"] == list(texts)
    assert markdown_report.escape is escape


def test_with_no_questions_chosen_the_sheet_offers_three_that_fit(clock: FixedClock) -> None:
    now = clock.now()
    first = Customer("c-4", "Ada", now, now, interests=("sailing",), industry="Logistics")
    prep = new_prep("c-4", now, [], now)

    outline = _outline(render_sheet(first, prep, last_time(first, [], []), now.date()))

    assert outline["Questions"] == [
        "[ ] How did you end up in this role?",
        "[ ] What is the one problem your team would most like to make disappear?",
        "[ ] What are you looking forward to outside work?",
    ]


def test_suggested_questions_follow_the_history_and_are_not_asked_twice(
    clock: FixedClock,
) -> None:
    now = clock.now()
    customer = Customer("c-5", "Ada", now, now, interests=("sailing",), industry="Logistics")
    low = Debrief("d-5", "c-5", now - timedelta(days=3), now, now, score=2, topics=("pricing",))
    asked = ["What are you looking forward to outside work?"]

    questions = last_time(customer, [low], [], asked).questions

    assert questions == (
        "Where do you like to spend time off?",
        "What is the one problem your team would most like to make disappear?",
        "How would you like us to keep in touch: more often, less, another way?",
    )

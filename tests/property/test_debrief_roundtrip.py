"""Whatever is typed into the debrief form is what gets saved and what comes back.

Free text is kept byte for byte (markup, emoji, newlines and tabs, very long text); list
items and promise texts are trimmed, since the form separates list items with commas. Control
characters and broken Unicode are refused instead (tests/domain/test_validation.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from relprep.domain.clock import FixedClock
from relprep.store.tinydb_repository import TinyRepository
from relprep.ui.debrief_fields import LIST_SEPARATOR, DebriefFields
from relprep.usecases.debriefs import save_debrief
from tests.conftest import NOW
from tests.factories import add_customer

NASTY = [
    "[bold]Zoë[/]",
    "[link=file:///etc]x[/link]",
    "line one\n\tline two\n",
    "🎷👩🏽\u200d💼",
    "é" * 20_000,
]

PLAIN = st.characters(exclude_categories=("Cc", "Cs"))
"""What a person can type: everything but control characters and lone surrogates."""
long_text = st.text(PLAIN, min_size=1, max_size=20).map(lambda piece: piece * 500)
lines = st.text(st.one_of(PLAIN, st.sampled_from("\n\t")))
free_text = st.one_of(lines, st.sampled_from(NASTY), long_text)
item = st.text(PLAIN, min_size=1).map(str.strip).filter(lambda text: text and "," not in text)
items = st.lists(item, max_size=4, unique_by=str.casefold)
promise_text = st.text(PLAIN, min_size=1).map(str.strip).filter(bool)
promises = st.lists(
    st.tuples(st.sampled_from(["", "fri", "in 2 weeks", "2026-12-03"]), promise_text),
    max_size=3,
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("roundtrip")


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    learned=free_text,
    negative=free_text,
    alternatives=free_text,
    next_step=free_text,
    notes=free_text,
    topics=items,
    interests=items,
    mine=promises,
    theirs=promises,
)
@example(
    learned=NASTY[0],
    negative=NASTY[2],
    alternatives=NASTY[3],
    next_step=NASTY[1],
    notes=NASTY[4],
    topics=["[b]pricing[/b]", "🎷"],
    interests=["jazz ♪"],
    mine=[("fri", "[red]send[/]")],
    theirs=[("", "🙂")],
)
def test_every_text_field_saves_and_reloads_identically(
    folder: Path,
    learned: str,
    negative: str,
    alternatives: str,
    next_step: str,
    notes: str,
    topics: list[str],
    interests: list[str],
    mine: list[tuple[str, str]],
    theirs: list[tuple[str, str]],
) -> None:
    clock = FixedClock(NOW)
    repo = TinyRepository(folder / "relprep.json")
    customer = add_customer(repo, clock)
    typed = DebriefFields(
        topics=LIST_SEPARATOR.join(topics),
        learned=learned,
        interests=LIST_SEPARATOR.join(interests),
        negative=negative,
        alternatives=alternatives,
        my_promises=tuple((due, text, None) for due, text in mine),
        their_promises=tuple((due, text, None) for due, text in theirs),
        next_step=next_step,
        notes=notes,
    )
    debrief = typed.build(clock, customer.id, debrief_id="d-roundtrp", existing=None)
    save_debrief(repo, debrief, clock.now())

    reopened = TinyRepository(folder / "relprep.json")
    (loaded,) = reopened.debriefs_for(customer.id)
    assert (loaded.learned, loaded.negative, loaded.alternatives, loaded.next_step) == (
        learned,
        negative,
        alternatives,
        next_step,
    )
    assert loaded.notes == notes
    assert list(loaded.topics) == topics
    assert list(loaded.interests) == interests
    assert [p.text for p in loaded.my_promises] == [text for _, text in mine]
    assert [p.text for p in loaded.their_promises] == [text for _, text in theirs]

    shown = DebriefFields.from_debrief(loaded)
    assert (shown.learned, shown.negative, shown.notes) == (learned, negative, notes)
    assert (shown.topics, shown.interests) == (typed.topics, typed.interests)
    assert [row[1] for row in shown.my_promises] == [text for _, text in mine]

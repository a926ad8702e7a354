"""Prep sheets on disk, and what a prep is opened with."""

from __future__ import annotations

from pathlib import Path

import pytest

from relprep.domain.clock import FixedClock
from relprep.domain.prep import OWN, add_question
from relprep.paths import sheets_dir
from relprep.store.errors import StorageError
from relprep.store.sheets import write_sheet
from relprep.store.tinydb_repository import TinyRepository
from relprep.usecases.prep import load_prep
from tests.factories import add_customer, add_debrief, add_reminder


def test_the_sheet_lands_in_the_sheets_folder_and_is_replaced_not_duplicated(
    repo: TinyRepository, clock: FixedClock
) -> None:
    ada = add_customer(repo, clock)
    loaded = load_prep(repo, ada.id, clock.now())

    first = write_sheet(loaded.customer, loaded.prep, loaded.last, clock.now().date())
    prep = add_question(loaded.prep, "Which launch matters most?", OWN, clock.now())
    second = write_sheet(loaded.customer, prep, loaded.last, clock.now().date())

    assert first == second
    assert first.parent == sheets_dir()
    assert list(first.parent.iterdir()) == [first]
    assert "Which launch matters most?" in first.read_text(encoding="utf-8")
    assert first.stat().st_mode & 0o777 == 0o600


def test_an_unwritable_folder_is_a_storage_error_naming_the_file(
    repo: TinyRepository, clock: FixedClock, tmp_path: Path
) -> None:
    ada = add_customer(repo, clock)
    loaded = load_prep(repo, ada.id, clock.now())
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")

    with pytest.raises(StorageError, match="not-a-folder"):
        write_sheet(loaded.customer, loaded.prep, loaded.last, clock.now().date(), blocker)


def test_load_prep_gathers_history_without_saving_a_prep(
    repo: TinyRepository, clock: FixedClock
) -> None:
    ada = add_customer(repo, clock)
    add_debrief(repo, clock, ada, when="yesterday", next_step="Send the proposal")
    add_reminder(repo, clock, ada, "Intro to our CTO", kind="promise")

    loaded = load_prep(repo, ada.id, clock.now())

    assert loaded.last.next_step == "Send the proposal"
    assert [r.text for r in loaded.last.my_promises] == ["Intro to our CTO"]
    assert repo.preps_for(ada.id) == []


def test_customers_with_names_alike_in_the_same_minute_keep_both_sheets(
    repo: TinyRepository, clock: FixedClock
) -> None:
    """issue 16 point 14: the second sheet used to overwrite the first."""
    zoe = add_customer(repo, clock, "Zoë Müller")
    other = add_customer(repo, clock, "ZOE MULLER")
    paths = []
    for customer in (zoe, other):
        loaded = load_prep(repo, customer.id, clock.now())
        paths.append(write_sheet(loaded.customer, loaded.prep, loaded.last, clock.now().date()))
    assert paths[0] != paths[1]
    assert "Zoë Müller" in paths[0].read_text(encoding="utf-8")
    assert "ZOE MULLER" in paths[1].read_text(encoding="utf-8")

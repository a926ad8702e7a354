"""A stale edit keeps both sides' changes, or names the fields both changed."""

from __future__ import annotations

from dataclasses import replace

import pytest

from relprep.domain.clock import FixedClock
from relprep.domain.merge import MergeClash, merge
from relprep.domain.validation import customer_from_input

FIELDS = ("name", "company", "role", "interests", "cadence_days", "notes")


def test_the_users_change_lands_on_top_of_a_change_made_elsewhere(clock: FixedClock) -> None:
    original = customer_from_input(clock, name="Ada", interests=["chess", "jazz"])
    edited = replace(original, role="CTO", interests=("jazz", "sailing"))
    stored = replace(original, last_contact=clock.now(), interests=("chess", "jazz", "golf"))

    merged = merge(original, edited, stored, FIELDS, sets=("interests",))

    assert merged.role == "CTO"
    assert merged.last_contact == clock.now()
    assert merged.interests == ("jazz", "golf", "sailing")


def test_a_field_both_sides_changed_differently_is_refused(clock: FixedClock) -> None:
    original = customer_from_input(clock, name="Ada", company="Acme")
    edited = replace(original, company="Acme Ltd", notes="hi")
    stored = replace(original, company="Acme Group")

    with pytest.raises(MergeClash) as clash:
        merge(original, edited, stored, FIELDS)

    assert clash.value.fields == ("company",)
    assert merge(original, replace(stored, notes="hi"), stored, FIELDS).company == "Acme Group"

from __future__ import annotations

import pytest

from relprep.domain.clock import FixedClock
from relprep.domain.lookup import CustomerLookupError, resolve_customer
from relprep.domain.validation import customer_from_input


@pytest.fixture
def people(clock: FixedClock):
    return [customer_from_input(clock, name=n) for n in ("Ada", "Adam Smith", "Grace Hopper")]


def test_by_id_exact_name_and_unique_prefix(people) -> None:
    ada, adam, grace = people
    assert resolve_customer(grace.id, people) is grace
    assert resolve_customer("ADA", people) is ada
    assert resolve_customer("grace", people) is grace
    assert resolve_customer("adam", people) is adam


def test_ambiguous_lists_candidates(people) -> None:
    with pytest.raises(CustomerLookupError, match="several") as caught:
        resolve_customer("ad", people)
    assert {c.name for c in caught.value.candidates} == {"Ada", "Adam Smith"}


def test_unknown_names_the_known(people) -> None:
    with pytest.raises(CustomerLookupError, match=r"no customer called 'Zoe'.*Grace Hopper"):
        resolve_customer("Zoe", people)

"""Finding a customer from what a person typed: an id or a unique name, any case."""

from __future__ import annotations

from collections.abc import Iterable

from relprep.domain.model import Customer


class CustomerLookupError(LookupError):
    """No match, or several; `candidates` lets the caller list what the user might have meant."""

    def __init__(self, message: str, candidates: tuple[Customer, ...] = ()) -> None:
        super().__init__(message)
        self.candidates = candidates


def _describe(customers: Iterable[Customer]) -> str:
    return ", ".join(f"{c.name} ({c.id})" for c in customers)


def resolve_customer(ref: str, customers: Iterable[Customer]) -> Customer:
    """Exact id first, then an exact name, then a unique name that starts with what was typed."""
    everyone = list(customers)
    wanted = ref.strip().casefold()
    for customer in everyone:
        if customer.id == ref.strip():
            return customer
    exact = tuple(c for c in everyone if c.name.casefold() == wanted)
    partial = tuple(c for c in everyone if wanted and c.name.casefold().startswith(wanted))
    matches = exact or partial
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise CustomerLookupError(
            f"{ref!r} matches several customers: {_describe(matches)}", matches
        )
    hint = f"; known customers: {_describe(everyone[:10])}" if everyone else ""
    raise CustomerLookupError(f"no customer called {ref!r}{hint}", tuple(everyone[:10]))

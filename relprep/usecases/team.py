"""Team use cases: whose reminders a rep sees, handing a customer over, and moving a whole
database to another place."""

from __future__ import annotations

from dataclasses import dataclass, replace

from relprep.domain.model import Reminder
from relprep.domain.reminder_view import Item
from relprep.store.repository import Repository
from relprep.store.team import Share, TeamStore


class NotATeamDatabase(ValueError):
    """The command needs a shared database (owners, members); this one is personal."""


def is_team(repo: Repository) -> bool:
    """Whether the database is a team's (members own records); a personal one has no team."""
    return isinstance(repo, TeamStore)


def my_share(repo: Repository) -> Share | None:
    """On a team database, what the connected rep owns, for the *mine* view of Today and
    Reminders; None on a personal database, where everything is the user's."""
    return repo.my_share() if isinstance(repo, TeamStore) else None


def is_mine(share: Share, item: Item) -> bool:
    """A reminder is its owner's to act on; a touch the contact cadence asks for is the rep's
    who has the customer."""
    if item.derived:
        return item.customer_id in share.customers
    return item.key in share.open_reminders


def visible_items(items: list[Item], share: Share | None) -> list[Item]:
    """The items a view shows: with a share (the rep's own view on a team database) only
    theirs, else all of them."""
    if share is None:
        return items
    return [item for item in items if is_mine(share, item)]


def with_saved(share: Share, saved: Reminder) -> Share:
    """The share after this connection saved `saved`: a reminder it created is its own (the
    database gives a new row to current_user); saving an existing one keeps its owner."""
    if saved.version != 1 or saved.id in share.open_reminders:
        return share
    return replace(share, open_reminders=share.open_reminders | {saved.id})


@dataclass(frozen=True)
class Handover:
    customer: str
    previous: str
    member: str
    moved: tuple[str, ...]
    """Ids of the open reminders that went along."""


def assign_customer(repo: Repository, customer_id: str, member: str) -> Handover:
    """Give the customer to `member` with the open reminders its previous owner had; the
    database decides whether the one asking may (a relprep_manager)."""
    if not isinstance(repo, TeamStore):
        raise NotATeamDatabase(
            f"{repo.describe()} is a personal database; handing customers over needs a team "
            "database (--db postgresql://...)"
        )
    if not repo.is_member(member):
        raise NotATeamDatabase(f"{member!r} is not on the team (no such database role)")
    with repo.transaction():
        customer = repo.get_customer(customer_id)
        previous = repo.customer_owner(customer.id)
        owners = repo.reminder_owners(customer.id)
        moving = tuple(
            reminder.id
            for reminder in repo.list_reminders(customer.id)
            if owners.get(reminder.id) == previous and previous != member
        )
        if previous != member:
            repo.set_customer_owner(customer.id, member)
        for reminder_id in moving:
            repo.set_reminder_owner(reminder_id, member)
    return Handover(customer.name, previous, member, moving)


@dataclass(frozen=True)
class Copied:
    customers: int
    debriefs: int
    reminders: int
    preps: int


def copy_database(source: Repository, target: Repository) -> Copied:
    """Every record of `source` into `target` in one transaction: all of it lands or none.
    Records are inserted or replaced by id, so copying again changes nothing. Drafts stay
    where they are (they are one person's unsaved typing)."""
    customers = source.list_customers()
    debriefs = list(source.all_debriefs())
    reminders = source.list_reminders(include_done=True)
    preps = source.all_preps()
    target.import_records(customers, debriefs, reminders, preps)
    return Copied(len(customers), len(debriefs), len(reminders), len(preps))

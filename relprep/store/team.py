"""What only a shared database has: who is asking, and who owns which records.

A backend for a team implements this beside Repository; the personal TinyDB one does not (on
a laptop everything is yours). Identity is the backend's to establish (PostgreSQL: the role
the connection logged in as), never something the caller passes in.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass


@dataclass(frozen=True)
class Share:
    """What one member owns, read together: the customers assigned to them and the open
    reminders they must act on. The *mine* view of Today and Reminders keeps these."""

    member: str
    customers: frozenset[str]
    open_reminders: frozenset[str]


class TeamStore(ABC):
    @abstractmethod
    def current_member(self) -> str:
        """Who this connection acts as."""

    @abstractmethod
    def my_share(self) -> Share:
        """What the member this connection acts as owns (one read, so the sets agree)."""

    @abstractmethod
    def is_member(self, name: str) -> bool:
        """Whether `name` is on the team (may own customers and reminders)."""

    @abstractmethod
    def customer_owner(self, customer_id: str) -> str:
        """The rep the customer is assigned to; raises RecordNotFound."""

    @abstractmethod
    def reminder_owners(self, customer_id: str | None = None) -> dict[str, str]:
        """Reminder id -> the rep who must act on it (every reminder, or one customer's)."""

    @abstractmethod
    def set_customer_owner(self, customer_id: str, member: str) -> None: ...

    @abstractmethod
    def set_reminder_owner(self, reminder_id: str, member: str) -> None: ...

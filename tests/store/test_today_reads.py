"""Today reads the reminders due by its horizon and each customer's earliest planned touch,
not every open reminder (decoding them all was most of its load at 5,000 open ones); what
it would show, and cannot read, it still reports."""

from __future__ import annotations

import json
from datetime import date

from relprep.domain.model import Kind
from relprep.store.tinydb_repository import TinyRepository
from relprep.ui.today_data import read_today
from tests.factories import add_customer, add_reminder


def _damage(repo: TinyRepository, customer_id: str, reminder_id: str, **fields: object) -> None:
    """Writes `fields` into the stored reminder by hand, as a bad edit or a bad disk would."""
    path = repo.layout.open_shard(customer_id)
    tables = json.loads(path.read_text())
    for row in tables["reminders"].values():
        if row["id"] == reminder_id:
            row.update(fields)
    path.write_text(json.dumps(tables))


def test_the_earliest_touch_reads_though_a_later_one_is_damaged(repo, clock) -> None:
    ada = add_customer(repo, clock, "Ada")
    add_reminder(repo, clock, ada, "Lunch", due="2027-03-01", kind=Kind.TOUCH.value)
    later = add_reminder(repo, clock, ada, "Coffee", due="2027-05-01", kind=Kind.TOUCH.value)
    _damage(repo, ada.id, later.id, text=["not", "text"])

    assert repo.planned_touches() == {ada.id: date(2027, 3, 1)}
    assert read_today(repo, clock.now().date(), team=False).left_out == ()


def test_a_touch_whose_due_date_does_not_read_is_reported(repo, clock) -> None:
    ada = add_customer(repo, clock, "Ada")
    add_reminder(repo, clock, ada, "Lunch", due="2027-03-01", kind=Kind.TOUCH.value)
    broken = add_reminder(repo, clock, ada, "Coffee", due="2027-05-01", kind=Kind.TOUCH.value)
    _damage(repo, ada.id, broken.id, due="soon")

    assert repo.planned_touches() == {ada.id: date(2027, 3, 1)}
    [problem] = repo.unreadable()
    assert "cannot read" in problem


def test_a_damaged_reminder_today_would_show_is_reported(repo, clock) -> None:
    ada = add_customer(repo, clock, "Ada")
    due = add_reminder(repo, clock, ada, "Send the deck", due="today")
    add_reminder(repo, clock, ada, "Renewal", due="2027-06-01")
    _damage(repo, ada.id, due.id, kind="urgent")

    data = read_today(repo, clock.now().date(), team=False)

    assert [item.text for item in data.due] != ["Send the deck"]
    [problem] = data.left_out
    assert "cannot read" in problem

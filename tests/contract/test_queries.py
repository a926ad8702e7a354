"""What each query returns, and in which order."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

from relprep.domain.model import Kind
from relprep.store.repository import Repository
from tests.contract.records import CET, NOW, customer, debrief, prep, reminder


def _at(day: str, hour: int = 10, tz: timezone = CET) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=tz)


def test_customers_are_listed_by_name_whatever_the_case(repository: Repository) -> None:
    for number, name in enumerate(["bob", "Álvaro", "alice", "Carol"]):
        repository.save_customer(customer(f"c-{number}", name))
    names = [c.name for c in repository.list_customers()]
    assert names == sorted(names, key=str.casefold)
    assert names[:2] == ["alice", "bob"]


def test_a_customers_debriefs_oldest_first(repository: Repository) -> None:
    for number, day in enumerate(["2026-03-01", "2024-07-09", "2025-12-31"]):
        repository.save_debrief(debrief(f"d-{number}", when=_at(day)))
    repository.save_debrief(debrief("d-grace", "c-grace", when=_at("2025-01-01")))
    found = repository.debriefs_for("c-ada")
    assert [d.when.date().isoformat() for d in found] == ["2024-07-09", "2025-12-31", "2026-03-01"]
    assert {d.id for d in repository.all_debriefs()} == {"d-0", "d-1", "d-2", "d-grace"}


def test_recent_debriefs_are_the_newest_across_years_and_customers(repository) -> None:
    """Issue 13 point 10: A's newest file is 2026 but its 2025 debriefs are newer than B's."""
    for number, day in enumerate(["2026-01-05", "2025-12-30", "2025-12-29", "2025-06-01"]):
        repository.save_debrief(debrief(f"d-a{number}", "c-a", when=_at(day)))
    for number, day in enumerate(["2025-11-20", "2025-11-19"]):
        repository.save_debrief(debrief(f"d-b{number}", "c-b", when=_at(day)))
    newest = repository.recent_debriefs(3)
    assert [d.when.date().isoformat() for d in newest] == ["2026-01-05", "2025-12-30", "2025-12-29"]
    assert [d.id for d in repository.recent_debriefs(5)] == ["d-a0", "d-a1", "d-a2", "d-b0", "d-b1"]
    assert len(repository.recent_debriefs(100)) == 6
    assert repository.recent_debriefs(0) == []


def test_recent_debriefs_compare_moments_not_calendar_years(repository) -> None:
    """20:00 on New Year's Eve in New York (01:00 UTC on 1 January) is later than 08:00 on
    New Year's morning in Tokyo (23:00 UTC on 31 December), though its year is the older."""
    tokyo = timezone(timedelta(hours=9))
    new_york = timezone(timedelta(hours=-5))
    repository.save_debrief(debrief("d-tokyo", "c-a", when=_at("2026-01-01", 8, tokyo)))
    repository.save_debrief(debrief("d-new-york", "c-b", when=_at("2025-12-31", 20, new_york)))
    assert [d.id for d in repository.recent_debriefs(1)] == ["d-new-york"]


def test_recent_debriefs_at_the_same_moment_by_id(repository) -> None:
    for debrief_id in ("d-1", "d-3", "d-2"):
        repository.save_debrief(debrief(debrief_id, when=NOW))
    assert [d.id for d in repository.recent_debriefs(2)] == ["d-3", "d-2"]


def test_reminders_by_due_then_created_open_ones_unless_asked(repository) -> None:
    later = reminder("r-later", due=date(2026, 12, 1))
    first = reminder("r-first", due=date(2026, 11, 25), created=NOW - timedelta(days=5))
    second = reminder("r-second", due=date(2026, 11, 25), created=NOW - timedelta(days=2))
    done = reminder("r-done", due=date(2026, 11, 20), done_at=NOW)
    grace = reminder("r-grace", "c-grace", due=date(2026, 11, 1))
    for item in (later, second, done, first, grace):
        repository.save_reminder(item)
    assert [r.id for r in repository.list_reminders()] == [
        "r-grace",
        "r-first",
        "r-second",
        "r-later",
    ]
    assert [r.id for r in repository.list_reminders(include_done=True)] == [
        "r-grace",
        "r-done",
        "r-first",
        "r-second",
        "r-later",
    ]
    assert [r.id for r in repository.list_reminders("c-ada")] == ["r-first", "r-second", "r-later"]
    assert [r.id for r in repository.list_reminders("c-grace", include_done=True)] == ["r-grace"]


def test_reminders_due_the_same_day_by_the_instant_they_were_made(repository) -> None:
    """Made in another offset, a reminder whose clock time reads later was made earlier."""
    tokyo = timezone(timedelta(hours=9))
    here = reminder("r-here", due=date(2026, 11, 25), created=NOW - timedelta(hours=1))
    there = reminder(
        "r-there", due=date(2026, 11, 25), created=(NOW - timedelta(hours=3)).astimezone(tokyo)
    )
    for item in (here, there):
        repository.save_reminder(item)
    assert [r.id for r in repository.list_reminders()] == ["r-there", "r-here"]


def test_reminders_of_a_window_of_due_dates(repository) -> None:
    """A list of one window (overdue, this week) asks only for the reminders due in it."""
    for item in (
        reminder("r-nov-24", due=date(2026, 11, 24)),
        reminder("r-nov-25", due=date(2026, 11, 25)),
        reminder("r-dec-01", due=date(2026, 12, 1)),
        reminder("r-done-25", due=date(2026, 11, 25), done_at=NOW),
        reminder("r-grace-25", "c-grace", due=date(2026, 11, 25)),
    ):
        repository.save_reminder(item)
    nov_25, dec_01 = date(2026, 11, 25), date(2026, 12, 1)

    listed = repository.list_reminders
    assert [r.id for r in listed(due_before=nov_25)] == ["r-nov-24"]
    assert [r.id for r in listed(due_from=nov_25)][-1] == "r-dec-01"
    assert {r.id for r in listed(due_from=nov_25)} == {"r-nov-25", "r-grace-25", "r-dec-01"}
    in_week = listed(due_from=nov_25, due_before=dec_01)
    assert {r.id for r in in_week} == {"r-nov-25", "r-grace-25"}
    assert [r.id for r in listed("c-ada", due_from=nov_25, due_before=dec_01)] == ["r-nov-25"]
    with_done = listed(include_done=True, due_from=nov_25, due_before=dec_01)
    assert {r.id for r in with_done} == {"r-nov-25", "r-grace-25", "r-done-25"}


def test_each_customers_earliest_planned_touch(repository) -> None:
    """An open touch reminder, due whenever, stands in for the cadence's touch-base item,
    and the earliest is the customer's next touch."""
    for number, due in enumerate((date(2027, 6, 1), date(2026, 12, 9), date(2027, 1, 5))):
        repository.save_reminder(reminder(f"r-ada-{number}", kind=Kind.TOUCH, due=due))
    repository.save_reminder(reminder("r-ada-act", kind=Kind.ACT, due=date(2026, 11, 1)))
    repository.save_reminder(reminder("r-grace", "c-grace", kind=Kind.ACT))
    repository.save_reminder(reminder("r-bob", "c-bob", kind=Kind.TOUCH, done_at=NOW))
    repository.save_reminder(reminder("r-bob-2", "c-bob", kind=Kind.TOUCH, due=date(2027, 2, 1)))
    assert repository.planned_touches() == {"c-ada": date(2026, 12, 9), "c-bob": date(2027, 2, 1)}
    assert repository.planned_touches("c-ada") == {"c-ada": date(2026, 12, 9)}
    assert repository.planned_touches("c-grace") == {}


def test_a_debriefs_reminders_open_and_done(repository) -> None:
    promise = repository.save_reminder(reminder("r-promise", debrief_id="d-one"))
    follow = repository.save_reminder(
        reminder("r-follow", debrief_id="d-one", done_at=NOW, due=date(2026, 12, 4))
    )
    repository.save_reminder(reminder("r-other", debrief_id="d-two"))
    repository.save_reminder(reminder("r-loose", debrief_id=None))
    found = repository.reminders_of_debrief("d-one")
    assert sorted(found, key=lambda r: r.id) == [follow, promise]
    assert repository.reminders_of_debrief("d-none") == []


def test_a_done_reminder_is_found_by_id(repository) -> None:
    done = repository.save_reminder(reminder(done_at=NOW.replace(year=2024)))
    assert repository.get_reminder(done.id) == done


def test_preps_oldest_meeting_first(repository) -> None:
    for number, day in enumerate(["2026-05-01", "2025-05-01", "2027-01-03"]):
        repository.save_prep(prep(f"p-{number}", meeting=_at(day)))
    repository.save_prep(prep("p-grace", "c-grace", meeting=_at("2026-01-01")))
    assert [p.id for p in repository.preps_for("c-ada")] == ["p-1", "p-0", "p-2"]
    assert [p.id for p in repository.all_preps()] == ["p-1", "p-grace", "p-0", "p-2"]


def test_reads_return_records_not_views_of_storage(repository) -> None:
    saved = repository.save_customer(customer())
    listed = repository.list_customers()
    repository.save_customer(replace(saved, name="Renamed"))
    assert listed == [saved]

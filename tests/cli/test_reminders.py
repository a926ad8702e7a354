"""`relprep reminder add|list|done|snooze|delete` through the real entry point."""

from __future__ import annotations

from relprep.usecases.reminders import complete_reminder
from tests.cli.conftest import Run
from tests.factories import add_customer, add_reminder

REMINDER_KEYS = {
    "id", "customer_id", "customer", "text", "kind", "cost", "due", "every", "done_at",
    "status", "created", "updated",
}  # fmt: skip


def test_add_resolves_the_customer_by_name_and_the_date_in_words(relprep: Run, repo, clock):
    ada = add_customer(repo, clock, "Ada Lovelace")

    added = relprep(
        "reminder", "add", "ada", "Send the article on looms", "--due", "fri",
        "--kind", "promise", "--cost", "medium", "--every", "2w", "--json",
    ).assert_ok().json()  # fmt: skip

    assert added.keys() >= REMINDER_KEYS
    assert added["customer_id"] == ada.id
    assert added["customer"] == "Ada Lovelace"
    assert added["due"] == "2026-11-27"
    assert (added["kind"], added["cost"], added["every"]) == (
        "promise",
        "medium",
        "FREQ=WEEKLY;INTERVAL=2",
    )
    assert added["status"] == "open"
    assert repo.get_reminder(added["id"]).text == "Send the article on looms"


def test_add_says_what_was_added_for_whom(relprep: Run, repo, clock):
    add_customer(repo, clock, "Ada Lovelace")

    out = relprep("reminder", "add", "Ada Lovelace", "Call about the trip", "--due", "tomorrow")

    assert (
        "Added Call about the trip for Ada Lovelace (due Tuesday 24 Nov" in out.assert_ok().stdout
    )


def test_add_gently_warns_about_a_gesture_that_is_not_cheap(relprep: Run, repo, clock):
    add_customer(repo, clock, "Ada Lovelace")

    costly = relprep("reminder", "add", "ada", "Concert tickets", "--due", "fri", "--cost", "high")
    cheap = relprep("reminder", "add", "ada", "Send the article", "--due", "fri")

    assert "owe you something" in costly.assert_ok().stdout
    assert "gesture" not in cheap.assert_ok().stdout


def test_list_defaults_to_open_reminders_of_every_date(relprep: Run, repo, clock):
    ada = add_customer(repo, clock, "Ada Lovelace")
    late = add_reminder(repo, clock, ada, "Late one", due="2026-11-22")
    later = add_reminder(repo, clock, ada, "Later one", due="in 3 months")
    finished = add_reminder(repo, clock, ada, "Finished one", due="today")
    complete_reminder(repo, finished.id, clock.now())

    listed = relprep("reminder", "list", "--json").assert_ok().json()

    assert [r["id"] for r in listed] == [late.id, later.id]
    assert all(r.keys() >= REMINDER_KEYS for r in listed)


def test_list_filters_by_window_customer_and_kind(relprep: Run, repo, clock):
    ada = add_customer(repo, clock, "Ada Lovelace")
    bob = add_customer(repo, clock, "Bob Babbage")
    overdue = add_reminder(repo, clock, ada, "Overdue", due="2026-11-22")
    today = add_reminder(repo, clock, ada, "Today", due="today", kind="promise")
    in_week = add_reminder(repo, clock, bob, "Sunday", due="sun")
    add_reminder(repo, clock, bob, "Next month", due="in 1 month")

    def ids(*args: str) -> list[str]:
        return [r["id"] for r in relprep("reminder", "list", *args, "--json").assert_ok().json()]

    assert ids("--when", "overdue") == [overdue.id]
    assert ids("--when", "today") == [today.id]
    assert ids("--when", "week") == [today.id, in_week.id]
    assert ids("--customer", "bob", "--when", "week") == [in_week.id]
    assert ids("--kind", "promise") == [today.id]


def test_list_done_includes_completed_reminders(relprep: Run, repo, clock):
    ada = add_customer(repo, clock, "Ada Lovelace")
    finished = add_reminder(repo, clock, ada, "Finished one")
    complete_reminder(repo, finished.id, clock.now())

    listed = relprep("reminder", "list", "--done", "--json").assert_ok().json()

    assert [(r["id"], r["status"]) for r in listed] == [(finished.id, "done")]


def test_list_shows_a_table_with_user_text_as_text(relprep: Run, repo, clock):
    zoe = add_customer(repo, clock, "[bold]Zoë[/]")
    add_reminder(repo, clock, zoe, "Ask about [red]the race[/]", due="fri")

    out = relprep("reminder", "list").assert_ok().stdout

    assert "[bold]Zoë[/]" in out
    assert "Ask about [red]the race[/]" in out
    assert "Friday 27 Nov" in out


def test_list_with_nothing_to_show_says_so(relprep: Run):
    assert relprep("reminder", "list").assert_ok().stdout == "No reminders match.\n"


def test_done_closes_a_one_off_reminder(relprep: Run, repo, clock):
    ada = add_customer(repo, clock, "Ada Lovelace")
    reminder = add_reminder(repo, clock, ada)

    done = relprep("reminder", "done", reminder.id, "--json").assert_ok().json()

    assert done["status"] == "done"
    assert done["done_at"] == "2026-11-23T09:30:00+01:00"
    assert repo.get_reminder(reminder.id).done_at is not None


def test_done_rolls_a_recurring_reminder_to_its_next_date(relprep: Run, repo, clock):
    ada = add_customer(repo, clock, "Ada Lovelace")
    reminder = add_reminder(repo, clock, ada, "Monthly coffee", due="today", every="monthly")

    out = relprep("reminder", "done", reminder.id).assert_ok().stdout

    assert "Next time: Monthly coffee for Ada Lovelace (due Wednesday 23 Dec" in out
    rolled = repo.get_reminder(reminder.id)
    assert (rolled.due.isoformat(), rolled.done_at) == ("2026-12-23", None)


def test_snooze_moves_the_due_date(relprep: Run, repo, clock):
    ada = add_customer(repo, clock, "Ada Lovelace")
    reminder = add_reminder(repo, clock, ada)

    snoozed = relprep("reminder", "snooze", reminder.id, "next mon", "--json").assert_ok().json()

    assert snoozed["due"] == "2026-11-30"
    assert repo.get_reminder(reminder.id).due.isoformat() == "2026-11-30"


def test_delete_removes_the_reminder(relprep: Run, repo, clock):
    ada = add_customer(repo, clock, "Ada Lovelace")
    reminder = add_reminder(repo, clock, ada, "Obsolete")

    out = relprep("reminder", "delete", reminder.id).assert_ok().stdout

    assert out.startswith("Deleted Obsolete for Ada Lovelace")
    assert repo.list_reminders() == []


def test_list_shows_the_touches_the_cadence_asks_for_and_done_logs_the_contact(
    relprep: Run, repo, clock
):
    """Issue 13.8: the CLI left out the cadence's touch-base items the Reminders panel and
    Today count as due; `done` on one logs a contact, as `d` does in the panel."""
    from dataclasses import replace
    from datetime import timedelta

    quinn = add_customer(repo, clock, "Quinn Quiet", cadence="30d")
    repo.save_customer(replace(quinn, last_contact=clock.now() - timedelta(days=40)))

    [touch] = relprep("reminder", "list", "--when", "overdue", "--json").assert_ok().json()
    assert (touch["id"], touch["kind"], touch["derived"]) == (f"touch:{quinn.id}", "touch", True)
    assert touch["due"] == "2026-11-13"

    out = relprep("reminder", "done", f"touch:{quinn.id}").assert_ok().stdout
    assert "Contact with Quinn Quiet logged" in out
    assert repo.get_customer(quinn.id).last_contact == clock.now()
    assert relprep("reminder", "list", "--when", "overdue", "--json").assert_ok().json() == []


def test_a_window_counts_a_touch_planned_for_later_and_refuses_what_it_cannot_read(
    relprep: Run, repo, clock, db_path
):
    """`list --when overdue` reads only the reminders due in the window (issue 18), yet a
    touch planned for next month still stands in for the overdue cadence's touch, and a
    damaged reminder that falls in the window is named with exit 3, not shown or dropped."""
    import json
    from dataclasses import replace
    from datetime import timedelta

    from relprep.store.layout import Layout

    quinn = add_customer(repo, clock, "Quinn Quiet", cadence="30d")
    repo.save_customer(replace(quinn, last_contact=clock.now() - timedelta(days=40)))
    add_reminder(repo, clock, quinn, "Lunch", due="in 1 month", kind="touch")
    late = add_reminder(repo, clock, quinn, "Late one", due="2026-11-22")
    assert [
        r["id"]
        for r in relprep("reminder", "list", "--when", "overdue", "--json").assert_ok().json()
    ] == [late.id]

    shard = Layout(db_path).open_shard(quinn.id)
    tables = json.loads(shard.read_bytes())
    row = next(r for r in tables["reminders"].values() if r["id"] == late.id)
    row["cost"] = "priceless"
    shard.write_text(json.dumps(tables))
    damaged = relprep("reminder", "list", "--when", "overdue")
    assert damaged.status == 3 and late.id in damaged.stderr and "cost" in damaged.stderr
    assert "Late one" not in damaged.stdout

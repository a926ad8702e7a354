"""`relprep customer …` and `relprep debrief …` through the real entry point."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from tests.cli.conftest import Run
from tests.factories import add_customer, add_debrief, add_reminder

CUSTOMER_KEYS = {
    "id", "name", "company", "role", "industry", "interests", "cadence_days", "notes",
    "last_contact", "next_touch_due", "created", "updated",
}  # fmt: skip
DEBRIEF_KEYS = {
    "id", "customer_id", "when", "listen_pct", "topics", "learned", "interests", "negative",
    "alternatives", "my_promises", "their_promises", "next_step", "follow_up", "score",
    "notes", "created", "updated",
}  # fmt: skip


def test_customer_add_list_and_show(relprep: Run):
    added = relprep(
        "customer", "add", "Ada Lovelace", "--company", "Analytical Engines", "--role", "CTO",
        "--interest", "looms", "--cadence", "2w", "--json",
    ).assert_ok().json()  # fmt: skip

    assert added.keys() >= CUSTOMER_KEYS
    assert (added["cadence_days"], added["next_touch_due"]) == (14, "2026-12-07")
    listed = relprep("customer", "list", "--json").assert_ok().json()
    assert [c["id"] for c in listed] == [added["id"]]
    shown = relprep("customer", "show", "ada", "--json").assert_ok().json()
    assert shown["id"] == added["id"]
    assert shown["stats"]["promises_open"] == 0
    assert "Ada Lovelace" in relprep("customer", "list").assert_ok().stdout
    assert "Analytical Engines" in relprep("customer", "show", "Ada").assert_ok().stdout


def test_debrief_add_turns_promises_into_reminders_and_interests_into_the_profile(
    relprep: Run, repo, clock
):
    ada = add_customer(repo, clock, "Ada Lovelace", interests=["looms"])

    debrief = relprep(
        "debrief", "add", "Ada", "--when", "today 09:00", "--listen", "60", "--topic", "pricing",
        "--topic", "roadmap", "--learned", "Moving house in spring", "--interest", "chess",
        "--negative", "Our support is slow in their time zone", "--alternatives", "A local firm",
        "--promise", "fri", "Send the pricing sheet", "--promise", "in 2 weeks", "Intro to our CFO",
        "--their-promise", "eom", "Send their requirements", "--next", "Demo for the ops team",
        "--follow-up", "next mon", "--score", "4", "--notes", "Good call", "--json",
    ).assert_ok().json()  # fmt: skip

    assert debrief.keys() >= DEBRIEF_KEYS
    assert debrief["when"] == "2026-11-23T09:00:00+01:00"
    assert (debrief["listen_pct"], debrief["score"]) == (60, 4)
    assert debrief["topics"] == ["pricing", "roadmap"]
    [theirs] = debrief["their_promises"]
    assert (theirs["text"], theirs["due"]) == ("Send their requirements", "2026-11-30")
    promised = {p["reminder_id"]: p for p in [*debrief["my_promises"], theirs]}
    reminders = {r.id: r for r in repo.list_reminders(ada.id)}
    assert {
        (reminders[i].kind.value, reminders[i].text, reminders[i].due.isoformat()) for i in promised
    } == {
        ("promise", "Send the pricing sheet", "2026-11-27"),
        ("promise", "Intro to our CFO", "2026-12-07"),
        ("theirs", "Send their requirements", "2026-11-30"),
    }
    assert repo.get_customer(ada.id).interests == ("looms", "chess")


def test_debrief_add_prints_a_summary_with_the_new_reminders(relprep: Run, repo, clock):
    add_customer(repo, clock, "Ada Lovelace")

    out = relprep(
        "debrief", "add", "ada", "--promise", "fri", "Send the deck", "--follow-up", "fri",
        "--next", "Book the demo",
    ).assert_ok().stdout  # fmt: skip

    assert out.startswith("Saved debrief of Ada Lovelace (Mon 23 Nov 09:30, d-")
    assert "promise reminder r-" in out and ": Send the deck" in out
    assert "follow-up reminder r-" in out and "(Fri 27 Nov): Book the demo" in out


def test_debrief_list_is_newest_first_and_filters_by_customer(relprep: Run, repo, clock):
    ada = add_customer(repo, clock, "Ada Lovelace")
    bob = add_customer(repo, clock, "Bob Babbage")
    old = add_debrief(repo, clock, ada, when="2025-03-02 10:00", topics=["budget"])
    new = add_debrief(repo, clock, ada, when="yesterday 15:00")
    other = add_debrief(repo, clock, bob, when="today 08:00")

    everything = relprep("debrief", "list", "--json").assert_ok().json()
    only_ada = relprep("debrief", "list", "--customer", "ada", "--json").assert_ok().json()

    assert [d["id"] for d in everything] == [other.id, new.id, old.id]
    assert [d["id"] for d in only_ada] == [new.id, old.id]
    table = relprep("debrief", "list", "--customer", "ada").assert_ok().stdout
    assert "Sun 2 Mar 2025 10:00" in table and "budget" in table


def test_commands_for_customers_and_reminders_never_read_the_debrief_files(
    relprep: Run, repo, clock, db_path: Path
):
    ada = add_customer(repo, clock, "Ada Lovelace")
    add_debrief(repo, clock, ada, when="yesterday")
    reminder = add_reminder(repo, clock, ada)
    (partition,) = repo.layout.all_partitions()
    partition.write_text("{ this is not JSON")

    relprep("reminder", "add", "ada", "Call", "--due", "fri").assert_ok()
    relprep("reminder", "list").assert_ok()
    relprep("reminder", "done", reminder.id).assert_ok()
    relprep("customer", "list").assert_ok()
    relprep("customer", "show", "ada").assert_ok()
    listing = relprep("debrief", "list")  # lists what it can, names the file it could not read
    assert listing.status == 3 and str(partition) in listing.stderr, listing
    assert listing.stderr.count("\n") == 1 and "No debriefs yet." in listing.stdout


def test_debrief_list_limit_keeps_the_newest(relprep: Run, repo, clock):
    ada = add_customer(repo, clock, "Ada Lovelace")
    bob = add_customer(repo, clock, "Bob Babbage")
    add_debrief(repo, clock, ada, when="2025-03-02 10:00")
    newer = add_debrief(repo, clock, bob, when="2026-01-10 10:00")
    newest = add_debrief(repo, clock, ada, when="yesterday 15:00")

    listed = relprep("debrief", "list", "--limit", "2", "--json").assert_ok().json()
    table = relprep("debrief", "list", "--limit", "2").assert_ok().stdout

    assert [d["id"] for d in listed] == [newest.id, newer.id]
    assert table.rstrip().endswith("The newest 2; --limit 0 shows all.")
    relprep("debrief", "list", "--limit", "-1").assert_fails(2, "--limit")


def test_debrief_list_finds_imported_debriefs_of_customers_without_a_last_contact(
    relprep: Run, repo, clock
):
    ada = add_customer(repo, clock, "Ada Lovelace")
    call = add_debrief(repo, clock, ada, when="yesterday")
    repo.import_records(customers=[replace(ada, last_contact=None)])

    assert call.id in relprep("debrief", "list").assert_ok().stdout


def test_debrief_list_limit_is_the_newest_across_a_year_boundary(relprep: Run, repo, clock):
    """Issue 13.10: with A's calls on 2026-01-05, 2025-12-30, 2025-12-29 and B's on
    2025-11-20, "The newest 3" came back as 01-05 and two from November."""
    ada = add_customer(repo, clock, "Ada Lovelace")
    bob = add_customer(repo, clock, "Bob Babbage")
    for when in ("2026-01-05 10:00", "2025-12-30 10:00", "2025-12-29 10:00"):
        add_debrief(repo, clock, ada, when=when)
    add_debrief(repo, clock, bob, when="2025-11-20 10:00")
    add_debrief(repo, clock, bob, when="2025-11-19 10:00")

    listed = relprep("debrief", "list", "--limit", "3", "--json").assert_ok().json()
    table = relprep("debrief", "list", "--limit", "3").assert_ok().stdout

    assert [row["when"][:10] for row in listed] == ["2026-01-05", "2025-12-30", "2025-12-29"]
    assert "The newest 3" in table
    assert "Nov" not in table

"""The team backend through relprep's own Repository and use cases: versions between
teammates, permissions, live changes, and a server that goes away."""

from __future__ import annotations

import threading
from dataclasses import replace

import psycopg
import pytest

from relprep.domain.clock import FixedClock
from relprep.store.errors import Conflict, NotPermitted, StorageLocked, StorageUnavailable
from relprep.store.postgres import repository
from relprep.store.postgres.repository import WRITER_LOCK, PostgresRepository
from relprep.usecases.reminders import complete_reminder, delete_reminder
from tests.factories import add_customer, add_debrief, add_reminder
from tests.team_server import TeamServer

ENDED_WITHIN_MS = 60_000
"""pg_terminate_backend only signals a backend unless given a timeout: then it returns once
the backend has exited. A test that reads right after must not find one still alive: on a
loaded machine a backend outlived the pool's check of its idle connections, so a second
read met a connection that died after the check (3 of 40 runs with two CPU hogs)."""


def test_a_teammates_stale_save_is_a_conflict_not_an_overwrite(repo_as, clock) -> None:
    alice, bob = repo_as("alice"), repo_as("bob")
    acme = add_customer(alice, clock, "Acme")
    bobs_copy = bob.get_customer(acme.id)

    alice.save_customer(replace(acme, notes="prefers mornings"))
    with pytest.raises(Conflict) as refused:
        bob.save_customer(replace(bobs_copy, notes="call after 4"))

    assert refused.value.current.notes == "prefers mornings"
    assert bob.get_customer(acme.id).notes == "prefers mornings"


def test_a_rep_cannot_change_or_delete_a_teammates_reminder(repo_as, clock) -> None:
    alice, bob = repo_as("alice"), repo_as("bob")
    bobs = add_reminder(bob, clock, add_customer(bob, clock, "Acme"))
    seen_by_alice = alice.get_reminder(bobs.id)

    with pytest.raises(NotPermitted, match="is bob's; only bob or a relprep_manager"):
        alice.save_reminder(replace(seen_by_alice, text="hijacked"))
    with pytest.raises(NotPermitted):
        alice.delete_reminder(seen_by_alice)
    with pytest.raises(NotPermitted):
        complete_reminder(alice, bobs.id, clock.now())

    assert bob.get_reminder(bobs.id) == bobs


def test_the_manager_changes_and_deletes_anyones_reminder(repo_as, clock) -> None:
    bob, boss = repo_as("bob"), repo_as("boss")
    bobs = add_reminder(bob, clock, add_customer(bob, clock, "Acme"))

    done = complete_reminder(boss, bobs.id, clock.now())
    delete_reminder(boss, bobs.id)

    assert done.done_at is not None
    assert bob.list_reminders(include_done=True) == []


def test_reps_debrief_the_same_customer_and_each_owns_what_they_created(repo_as, clock) -> None:
    alice, bob = repo_as("alice"), repo_as("bob")
    acme = add_customer(alice, clock, "Acme")

    add_debrief(alice, clock, acme, my_promises=[("fri", "Send pricing")])
    add_debrief(bob, clock, acme, my_promises=[("mon", "Intro to our CTO")])

    owners = {r.text: alice.reminder_owners()[r.id] for r in alice.list_reminders(acme.id)}
    assert owners == {"Send pricing": "alice", "Intro to our CTO": "bob"}
    assert len(bob.debriefs_for(acme.id)) == 2
    assert alice.current_member() == "alice"


def test_drafts_are_each_reps_own(repo_as) -> None:
    alice, bob = repo_as("alice"), repo_as("bob")

    alice.save_draft("debrief:c-1", {"learned": "half typed"})

    assert bob.load_draft("debrief:c-1") is None
    assert alice.load_draft("debrief:c-1") == {"learned": "half typed"}


def test_wait_for_change_wakes_when_a_teammate_commits(repo_as, clock) -> None:
    alice, bob = repo_as("alice"), repo_as("bob")
    acme = add_customer(bob, clock, "Acme")
    seen = alice.data_version()
    woke: list[object] = []
    waiter = threading.Thread(target=lambda: woke.append(alice.wait_for_change(seen, 60)))
    waiter.start()

    with bob.transaction():
        bob.save_customer(replace(acme, notes="x"))
        assert alice.data_version() == seen  # not before it commits
    waiter.join(60)

    assert woke == [alice.data_version()] and woke[0] != seen


def test_a_rolled_back_transaction_is_no_change(repo_as, clock) -> None:
    alice = repo_as("alice")
    seen = alice.data_version()

    with pytest.raises(RuntimeError), alice.transaction():
        add_customer(alice, clock, "Acme")
        raise RuntimeError("the user closed the form")

    assert alice.data_version() == seen
    assert alice.list_customers() == []
    assert alice.wait_for_change(seen, 0.01) == seen


def test_a_server_gone_mid_session_is_storage_unavailable_then_work_resumes(
    team_server: TeamServer, team_db: str, repo_as, clock: FixedClock
) -> None:
    alice = repo_as("alice")
    acme = add_customer(alice, clock, "Acme")

    with team_server.admin() as admin:
        admin.execute(f'ALTER DATABASE "{team_db}" ALLOW_CONNECTIONS false')
        admin.execute(
            "SELECT pg_terminate_backend(pid, %s) FROM pg_stat_activity WHERE datname = %s",
            (ENDED_WITHIN_MS, team_db),
        )
        with pytest.raises(StorageUnavailable, match="cannot be reached") as lost:
            alice.save_customer(replace(acme, notes="typed while the server was gone"))
        admin.execute(f'ALTER DATABASE "{team_db}" ALLOW_CONNECTIONS true')

    assert "the team database postgresql://alice@/" in lost.value.message
    retried = alice.save_customer(replace(acme, notes="typed while the server was gone"))
    assert alice.get_customer(acme.id) == retried and retried.version == 2


def test_a_connection_lost_inside_a_transaction_writes_nothing(
    team_server: TeamServer, team_db: str, repo_as, clock: FixedClock
) -> None:
    alice = repo_as("alice")
    acme = add_customer(alice, clock, "Acme")

    with pytest.raises(StorageUnavailable), alice.transaction():
        alice.save_customer(replace(acme, notes="first half"))
        with team_server.admin() as admin:
            admin.execute(
                "SELECT pg_terminate_backend(pid, %s) FROM pg_stat_activity "
                "WHERE datname = %s AND usename = 'alice' AND state <> 'idle'",
                (ENDED_WITHIN_MS, team_db),
            )
        add_reminder(alice, clock, acme)

    assert alice.get_customer(acme.id) == acme
    assert alice.list_reminders() == []


def test_an_edit_in_psql_is_seen_as_a_newer_version(url_as, repo_as, clock) -> None:
    alice = repo_as("alice")
    acme = add_customer(alice, clock, "Acme")
    with psycopg.connect(url_as("alice"), autocommit=True) as conn:
        conn.execute('UPDATE relprep.customers SET record = record || \'{"notes": "psql"}\'')

    with pytest.raises(Conflict):
        alice.save_customer(replace(acme, notes="from the app"))


def test_a_transaction_waits_its_turn_then_says_the_database_is_busy(
    url_as, repo_as, clock
) -> None:
    impatient = PostgresRepository(url_as("alice"), lock_timeout=0.2)
    with psycopg.connect(url_as("bob"), autocommit=True) as other:
        other.execute("SELECT pg_advisory_lock(%s)", (WRITER_LOCK,))  # a save in progress
        with pytest.raises(StorageLocked, match="busy: another relprep has been saving"):
            add_customer(impatient, clock, "Acme")
    impatient.close()

    assert repo_as("alice").list_customers() == []


@pytest.mark.parametrize(("fresh", "first_read_fails"), [(0.0, False), (3600.0, True)])
def test_connections_dropped_by_the_server_are_replaced(
    team_server: TeamServer, team_db: str, repo_as, clock, monkeypatch, fresh, first_read_fails
) -> None:
    """A connection idle longer than FRESH is pinged before it is lent, so a server restart
    costs a silent reconnect; one used moments ago is trusted, and if it died meanwhile the
    read says so once (nothing is retried behind the user's back) and the next one works."""
    monkeypatch.setattr(repository, "FRESH", fresh)
    alice = repo_as("alice")
    acme = add_customer(alice, clock, "Acme")
    _read_while_a_save_is_open(alice)  # the pool now holds two idle connections
    with team_server.admin() as admin:
        admin.execute(
            "SELECT pg_terminate_backend(pid, %s) FROM pg_stat_activity "
            "WHERE datname = %s AND usename = 'alice'",
            (ENDED_WITHIN_MS, team_db),
        )

    if first_read_fails:
        with pytest.raises(StorageUnavailable):
            alice.list_customers()
    assert alice.list_customers() == [acme]


def _read_while_a_save_is_open(repo: PostgresRepository) -> None:
    """A read on this thread while another thread holds a transaction open, as the TUI's
    workers do: each needs a connection of its own, and both go back to the pool."""
    opened, read = threading.Event(), threading.Event()

    def save() -> None:
        with repo.transaction():
            opened.set()
            read.wait(timeout=60)

    saver = threading.Thread(target=save)
    saver.start()
    assert opened.wait(timeout=60)
    repo.list_customers()
    read.set()
    saver.join(timeout=60)


def test_text_a_rep_wrote_with_psql_reaches_teammates_inert(repo_as, url_as, clock) -> None:
    """A rep may update their own rows with plain SQL, past the app's input rules: what they
    store is read back with its escape sequences spelled out, never raw."""
    bob = repo_as("bob")
    bobs = add_reminder(bob, clock, add_customer(bob, clock, "Acme"), "Send the deck")
    with psycopg.connect(url_as("bob"), autocommit=True) as conn:
        conn.execute(
            "UPDATE relprep.reminders SET record = jsonb_set(record, '{text}', to_jsonb(%s::text))"
            " WHERE id = %s",
            ("\x1b[2J\x1b]0;owned\x07wiped", bobs.id),
        )

    (seen,) = repo_as("alice").list_reminders()

    assert "\x1b" not in seen.text and "\x07" not in seen.text
    assert seen.text.endswith("wiped") and "\\x1b" in seen.text


def test_commits_count_what_landed_so_a_later_failure_is_not_called_harmless(
    repo_as, clock
) -> None:
    """The CLI says exit 4 ("the change was saved") rather than exit 3 when a failure comes
    after a commit: the backend must count its commits, and only those that wrote."""
    alice = repo_as("alice")
    acme = add_customer(alice, clock, "Acme")
    after_add = alice.commits

    alice.list_customers()
    alice.save_customer(acme)  # identical: nothing is written

    assert after_add >= 1
    assert alice.commits == after_add
    add_reminder(alice, clock, acme)
    assert alice.commits == after_add + 1

"""Row-level security as a rep meets it in psql: the database itself refuses, not relprep.

Every statement here is plain SQL over a plain psycopg connection as that rep's role.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import psycopg
import pytest
from psycopg.errors import InsufficientPrivilege

from tests.team_server import TeamServer


def reminder_record(reminder_id: str, text: str = "send the article") -> str:
    return json.dumps(
        {
            "id": reminder_id,
            "customer_id": "c-1",
            "text": text,
            "due": "2026-12-01",
            "created": "2026-11-23T09:30:00+01:00",
            "updated": "2026-11-23T09:30:00+01:00",
            "done_at": None,
        }
    )


@pytest.fixture
def connect(team_server: TeamServer, team_db: str) -> Iterator:
    opened: list[psycopg.Connection] = []

    def connect_as(role: str) -> psycopg.Connection:
        conn = psycopg.connect(team_server.url(team_db, role), autocommit=True)
        opened.append(conn)
        return conn

    yield connect_as
    for conn in opened:
        conn.close()


def add_reminder(conn: psycopg.Connection, reminder_id: str) -> None:
    conn.execute(
        "INSERT INTO relprep.reminders (id, record, version) VALUES (%s, %s, 1)",
        (reminder_id, reminder_record(reminder_id)),
    )


def text_of(conn: psycopg.Connection, reminder_id: str) -> str:
    row = conn.execute(
        "SELECT record->>'text' FROM relprep.reminders WHERE id = %s", (reminder_id,)
    ).fetchone()
    assert row is not None
    return row[0]


def test_a_rep_reads_but_cannot_change_or_delete_a_teammates_reminder(connect) -> None:
    alice, bob = connect("alice"), connect("bob")
    add_reminder(bob, "r-bob")

    assert text_of(alice, "r-bob") == "send the article"
    changed = alice.execute(
        "UPDATE relprep.reminders SET record = jsonb_set(record, '{text}', '\"hijacked\"') "
        "WHERE id = 'r-bob'"
    )
    deleted = alice.execute("DELETE FROM relprep.reminders WHERE id = 'r-bob'")

    assert (changed.rowcount, deleted.rowcount) == (0, 0)
    assert text_of(bob, "r-bob") == "send the article"


def test_a_rep_cannot_take_a_reminder_or_give_theirs_away(connect) -> None:
    alice, bob = connect("alice"), connect("bob")
    add_reminder(bob, "r-bob")
    add_reminder(alice, "r-alice")

    with pytest.raises(InsufficientPrivilege):
        alice.execute("UPDATE relprep.reminders SET owner = 'bob' WHERE id = 'r-alice'")
    with pytest.raises(InsufficientPrivilege):
        alice.execute(
            "INSERT INTO relprep.reminders (id, record, version, owner) VALUES (%s, %s, 1, 'bob')",
            ("r-fake", reminder_record("r-fake")),
        )
    assert (
        alice.execute("UPDATE relprep.reminders SET owner = 'alice' WHERE id = 'r-bob'").rowcount
        == 0
    )


def test_nobody_can_claim_to_be_someone_else(connect) -> None:
    alice = connect("alice")
    alice.execute(
        "INSERT INTO relprep.reminders (id, record, version, created_by) "
        "VALUES ('r-1', %s, 1, 'bob')",
        (reminder_record("r-1"),),
    )
    alice.execute("UPDATE relprep.reminders SET created_by = 'bob' WHERE id = 'r-1'")

    row = alice.execute(
        "SELECT created_by, owner FROM relprep.reminders WHERE id = 'r-1'"
    ).fetchone()
    assert row == ("alice", "alice")


def test_the_manager_changes_anyones_reminder_and_hands_it_over(connect) -> None:
    bob, boss = connect("bob"), connect("boss")
    add_reminder(bob, "r-bob")

    boss.execute(
        "UPDATE relprep.reminders SET owner = 'alice', "
        "record = jsonb_set(record, '{text}', '\"call back\"') WHERE id = 'r-bob'"
    )

    assert text_of(bob, "r-bob") == "call back"
    row = bob.execute("SELECT owner, created_by FROM relprep.reminders WHERE id = 'r-bob'")
    assert row.fetchone() == ("alice", "bob")


def test_a_rep_edits_only_their_own_debriefs_and_preps_and_sees_only_their_drafts(connect) -> None:
    alice, bob = connect("alice"), connect("bob")
    debrief = {"id": "d-1", "customer_id": "c-1", "when": "2026-11-20T15:00:00+01:00"}
    bob.execute(
        "INSERT INTO relprep.debriefs (id, record, version) VALUES ('d-1', %s, 1)",
        (json.dumps(debrief),),
    )
    prep = {"id": "p-1", "customer_id": "c-1", "meeting": "2026-11-24T10:00:00+01:00"}
    bob.execute(
        "INSERT INTO relprep.preps (id, record, version) VALUES ('p-1', %s, 1)",
        (json.dumps(prep),),
    )
    bob.execute("INSERT INTO relprep.drafts (key, fields) VALUES ('debrief', '{}')")

    assert alice.execute("SELECT count(*) FROM relprep.debriefs").fetchone() == (1,)
    assert alice.execute("UPDATE relprep.debriefs SET version = 9").rowcount == 0
    assert alice.execute("DELETE FROM relprep.preps").rowcount == 0
    assert alice.execute("SELECT count(*) FROM relprep.drafts").fetchone() == (0,)


def test_only_the_manager_hands_a_customer_over(connect) -> None:
    alice, boss = connect("alice"), connect("boss")
    customer = {"id": "c-1", "name": "Acme"}
    alice.execute(
        "INSERT INTO relprep.customers (id, record, version) VALUES ('c-1', %s, 1)",
        (json.dumps(customer),),
    )

    with pytest.raises(InsufficientPrivilege, match="only a relprep_manager"):
        alice.execute("UPDATE relprep.customers SET owner = 'bob'")
    boss.execute("UPDATE relprep.customers SET owner = 'bob'")

    assert alice.execute("SELECT owner FROM relprep.customers").fetchone() == ("bob",)


def test_a_version_only_goes_up_even_for_an_edit_in_psql(connect) -> None:
    alice = connect("alice")
    add_reminder(alice, "r-1")
    alice.execute('UPDATE relprep.reminders SET record = record || \'{"text": "x"}\'')

    assert alice.execute("SELECT version FROM relprep.reminders").fetchone() == (2,)

"""Every documented mistake ends with exit 2 or 3 and one `relprep: ` line, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from filelock import FileLock

from tests.cli.conftest import Run
from tests.factories import add_customer, add_reminder


@pytest.fixture
def ada(repo, clock):
    add_customer(repo, clock, "Bob Babbage")
    return add_customer(repo, clock, "Ada Lovelace")


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("customer", "show", "Grace"), "no customer called 'Grace'; known customers: Ada"),
        (("reminder", "add", "Grace", "Call", "--due", "fri"), "no customer called 'Grace'"),
        (("debrief", "add", "Grace"), "no customer called 'Grace'"),
        (("debrief", "list", "--customer", "Grace"), "no customer called 'Grace'"),
        (("reminder", "list", "--customer", "Grace"), "no customer called 'Grace'"),
        (("reminder", "add", "ada", "Call", "--due", "someday"), "--due: 'someday' is not a date"),
        (("reminder", "add", "ada", "Call", "--due", "fri", "--every", "often"), "--every:"),
        (("reminder", "add", "ada", "Call", "--due", "fri", "--kind", "gift"), "--kind:"),
        (("reminder", "add", "ada", "Call", "--due", "fri", "--cost", "huge"), "--cost:"),
        (("reminder", "add", "ada", " ", "--due", "fri"), "TEXT: say what to do"),
        (("debrief", "add", "ada", "--when", "the other day"), "--when:"),
        (("debrief", "add", "ada", "--listen", "150"), "--listen: listen share must be from 0"),
        (("debrief", "add", "ada", "--listen", "most"), "--listen: listen share must be a whole"),
        (("debrief", "add", "ada", "--score", "9"), "--score: score must be from 1 to 5"),
        (("debrief", "add", "ada", "--promise", "soonish", "Deck"), "--promise #1: 'soonish'"),
        (("debrief", "add", "ada", "--their-promise", "fri", ""), "--their-promise #1: say what"),
        (("debrief", "add", "ada", "--follow-up", "later"), "--follow-up: 'later' is not a date"),
        (("customer", "add", ""), "NAME: a name is needed"),
        (("customer", "add", "Grace", "--cadence", "sometimes"), "--cadence:"),
        (("reminder", "done", "r-missing"), "no reminder with id 'r-missing'"),
        (("reminder", "snooze", "r-missing", "fri"), "no reminder with id 'r-missing'"),
        (("reminder", "delete", "r-missing"), "no reminder with id 'r-missing'"),
        (("reminder", "add", "ada", "Call"), "the following arguments are required: --due"),
        (("reminder", "list", "--when", "soon"), "argument --when: invalid choice"),
        (("export", "--format", "xml"), "argument --format: invalid choice"),
        (("frobnicate",), "invalid choice: 'frobnicate'"),
    ],
)
def test_bad_input_is_exit_2_with_one_line(relprep: Run, ada, args, fragment):
    relprep(*args).assert_fails(2, fragment)


def test_an_ambiguous_name_lists_the_candidates(relprep: Run, repo, clock):
    first = add_customer(repo, clock, "Ada Lovelace")
    second = add_customer(repo, clock, "Ada Byron")

    relprep("reminder", "add", "ada", "Call", "--due", "fri").assert_fails(
        2, "'ada' matches several customers", first.id, second.id
    )


def test_a_bad_snooze_date_is_exit_2_and_changes_nothing(relprep: Run, repo, clock, ada):
    reminder = add_reminder(repo, clock, ada)

    relprep("reminder", "snooze", reminder.id, "whenever").assert_fails(2, "'whenever'")
    assert repo.get_reminder(reminder.id) == reminder


def test_a_bad_pinned_clock_is_exit_2(relprep: Run):
    relprep("reminder", "list", env={"RELPREP_NOW": "noon"}).assert_fails(2, "RELPREP_NOW")


def test_a_corrupt_database_is_exit_3_naming_the_file_and_left_untouched(
    relprep: Run, db_path: Path
):
    db_path.write_text("{ half a file")

    relprep("reminder", "add", "ada", "Call", "--due", "fri").assert_fails(3, str(db_path))
    assert db_path.read_text() == "{ half a file"


def test_a_database_from_a_newer_relprep_is_exit_3(relprep: Run, repo, clock, db_path: Path):
    add_customer(repo, clock)
    tables = json.loads(db_path.read_text())
    tables["_meta"]["1"]["schema"] = 99
    db_path.write_text(json.dumps(tables))

    relprep("customer", "list").assert_fails(3, str(db_path), "newer relprep")


def test_an_unwritable_folder_is_exit_3(relprep: Run, tmp_path: Path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")

    relprep("--db", str(blocker / "relprep.json"), "customer", "add", "Ada").assert_fails(
        3, str(blocker / "relprep.json")
    )


def test_a_database_locked_past_the_wait_is_exit_3(relprep: Run, repo, clock, db_path: Path):
    add_customer(repo, clock)

    with FileLock(repo.layout.lock):
        relprep("customer", "add", "Grace Hopper").assert_fails(3, str(db_path), "locked")


@pytest.mark.parametrize("where", ["before the command", "after the command"])
@pytest.mark.parametrize("name", ["", "  "])
def test_an_empty_db_option_is_refused_not_the_default_database(
    relprep: Run, repo, clock, where: str, name: str
) -> None:
    """`--db "$UNSET"` in a script must not quietly read and write the default database."""
    add_customer(repo, clock, "Ada Lovelace")  # in the database $RELPREP_DB names
    args = ["--db", name, "customer", "add", "Eve"]
    if where == "after the command":
        args = [*args[2:], *args[:2]]
    relprep(*args).assert_fails(2, "--db needs a file name")
    assert [c.name for c in repo.list_customers()] == ["Ada Lovelace"]


def test_a_failure_after_the_change_was_saved_says_so_and_is_not_exit_3(
    relprep: Run, repo, clock, db_path: Path
) -> None:
    """Another customer's record is unreadable: `reminder done` saves, then cannot show the
    result. Exit 3 ("left untouched") would make a retrying script move the date again."""
    ada = add_customer(repo, clock, "Ada Lovelace")
    add_customer(repo, clock, "Bob Babbage")
    reminder = add_reminder(repo, clock, ada, "Weekly call", due="fri", every="weekly")
    tables = json.loads(db_path.read_bytes())
    bob = next(row for row in tables["customers"].values() if row["name"] == "Bob Babbage")
    bob["created"] = 7
    db_path.write_text(json.dumps(tables))

    def due() -> str:
        rows = json.loads(repo.layout.open_shard(ada.id).read_bytes())["reminders"].values()
        return next(row["due"] for row in rows if row["id"] == reminder.id)

    first = due()
    done = relprep("reminder", "done", reminder.id)
    assert done.status == 4 and done.stderr.count("\n") == 1, done
    for fragment in ("the change was saved", "would repeat it", "has a record"):
        assert fragment in done.stderr
    assert "Next time: Weekly call" in done.stdout  # it shows what it could read
    assert due() > first
    listing = relprep("customer", "list")  # a read: nothing saved
    assert listing.status == 3 and "has a record" in listing.stderr, listing
    assert "Ada Lovelace" in listing.stdout and "Bob" not in listing.stdout


def test_a_file_name_too_long_for_its_companions_is_refused_up_front(
    relprep: Run, tmp_path: Path
) -> None:
    """250 characters failed with "File name too long" on the journal, after other writes."""
    db = tmp_path / ("d" * 245 + ".json")
    relprep("--db", str(db), "customer", "add", "Ada").assert_fails(
        3, "the file name is 250 characters long", "use at most 233 characters"
    )
    assert list(tmp_path.iterdir()) == []

"""Whatever a person types, relprep answers with a result or one clear sentence, never a traceback.

Hypothesis feeds the date parser, the form validators and the command line both arbitrary
text and near-misses built from the words they do understand, with lone surrogates, control
characters and terminal escape sequences mixed in; the command line runs against a database
that already holds such text. No output (stdout, stderr, an export) may carry a raw ESC, BEL
or NUL, or a traceback. 200 cases per target in the default run, 10,000 under `pytest -m slow`.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import replace
from itertools import chain
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from relprep.cli import build_parser, main
from relprep.domain import dates
from relprep.domain.validation import (
    ValidationError,
    customer_from_input,
    debrief_from_input,
    reminder_from_input,
)
from relprep.store.tinydb_repository import TinyRepository
from tests.factories import add_customer, add_debrief, add_reminder
from tests.reliability.conftest import fuzz_profiles
from tests.reliability.harness import CLOCK

VOCABULARY = (
    *("in", "next", "this", "every", "at", "+", "a", "an", "one", "now", "today", "tomorrow"),
    *("mon", "fri", "sunday", "eow", "eom", "eoy", "d", "w", "m", "y", "weeks", "months"),
    *("daily", "monthly", "fortnightly", "never", "2026-12-03", "12:30", "25:99", "feb", "31"),
    *("FREQ=", "RRULE:", "FREQ=MONTHLY", "INTERVAL=", "BYDAY=", "1MO", "COUNT=", "UNTIL=", ";"),
    *("٣", "½", "Ⅻ", ":"),
)
"""Words the parsers know, and digits that are not plain 0-9."""
ESCAPES = (
    *("\x1b[2J\x1b[H", "\x1b]0;retitled\x07", "\x1b]8;;file:///etc/passwd\x1b\\link\x1b]8;;\x1b\\"),
    *("\x9b31m", "\x1bP+q\x1b\\", "\x07", "\x00", "\r", "\x7f", "\x85", "\ud800", "\udcff"),
)
"""What a terminal obeys rather than shows (CSI, OSC title and link, 8-bit CSI, DCS), and
lone surrogates (from JSON, or an undecodable byte in an argument)."""
ANY_TEXT = st.lists(
    st.one_of(st.text(st.characters(), max_size=4), st.sampled_from(ESCAPES)), max_size=6
).map("".join)
RAW = ("\x1b", "\x07", "\x00", "\x9b")
NEAR_MISS = st.lists(
    st.one_of(
        st.sampled_from(VOCABULARY),
        st.integers(-(10**30), 10**30).map(str),
        st.text("0123456789-:+;= ", max_size=6),
    ),
    max_size=6,
).flatmap(lambda words: st.sampled_from([" ".join(words), "".join(words)]))
PHRASES = st.one_of(ANY_TEXT, NEAR_MISS)


def assert_inert(output: str) -> None:
    """Nothing a terminal would obey, nothing a UTF-8 file cannot hold, no traceback."""
    assert not any(char in output for char in RAW), repr(output)
    assert "Traceback" not in output, output
    output.encode("utf-8")


def assert_clear(message: str) -> None:
    """A rejection a person can read: some words, on one line."""
    assert message.strip() and "\n" not in message, message
    assert_inert(message)


def run(profile: str, strategy: st.SearchStrategy, check: Callable, figures) -> None:
    def counted(value) -> None:
        figures["fuzz cases (no traceback, every rejection one clear line)"] += 1
        check(value)

    settings(settings.get_profile(profile))(given(strategy)(counted))()


DATE_PARSERS: dict[str, Callable[[str], object]] = {
    "parse_when": lambda text: dates.parse_when(text, CLOCK),
    "parse_moment": lambda text: dates.parse_moment(text, CLOCK),
    "parse_every": dates.parse_every,
    "parse_cadence": dates.parse_cadence,
}


@pytest.mark.parametrize("profile", fuzz_profiles())
@pytest.mark.parametrize("parser", list(DATE_PARSERS))
def test_date_phrases_parse_or_raise_date_error(parser: str, profile: str, figures) -> None:
    def check(text: str) -> None:
        try:
            DATE_PARSERS[parser](text)
        except dates.DateError as error:
            assert_clear(str(error))

    run(profile, PHRASES, check, figures)


FOUND_BY_FULL_RUNS = ("²", "0:10000000000000000000000000000", "12:99999999999999999999")
"""Phrases that once escaped as another exception; kept so the default run checks them."""


@pytest.mark.parametrize("text", FOUND_BY_FULL_RUNS)
@pytest.mark.parametrize("parser", list(DATE_PARSERS))
def test_phrases_found_by_full_runs_raise_date_error(parser: str, text: str) -> None:
    try:
        DATE_PARSERS[parser](text)
    except dates.DateError as error:
        assert_clear(str(error))


FORMS = {
    "customer": st.fixed_dictionaries(
        {
            "name": ANY_TEXT,
            "company": ANY_TEXT,
            "interests": st.lists(ANY_TEXT, max_size=3),
            "cadence": st.one_of(st.none(), PHRASES),
            "notes": ANY_TEXT,
        }
    ).map(lambda fields: lambda: customer_from_input(CLOCK, **fields)),
    "reminder": st.fixed_dictionaries(
        {
            "text": ANY_TEXT,
            "due": PHRASES,
            "kind": st.one_of(st.sampled_from(["act", "promise", "touch", " PROMISE "]), ANY_TEXT),
            "cost": st.one_of(st.sampled_from(["low", "medium", "high"]), ANY_TEXT),
            "every": st.one_of(st.none(), PHRASES),
        }
    ).map(lambda fields: lambda: reminder_from_input(CLOCK, customer_id="c-1", **fields)),
    "debrief": st.fixed_dictionaries(
        {
            "when": PHRASES,
            "listen": st.one_of(st.none(), st.integers(-200, 200), ANY_TEXT, NEAR_MISS),
            "topics": st.lists(ANY_TEXT, max_size=3),
            "my_promises": st.lists(st.tuples(PHRASES, ANY_TEXT), max_size=3),
            "their_promises": st.lists(st.tuples(PHRASES, ANY_TEXT), max_size=2),
            "follow_up": PHRASES,
            "score": st.one_of(st.none(), st.integers(-9, 9), ANY_TEXT, NEAR_MISS),
            "notes": ANY_TEXT,
        }
    ).map(lambda fields: lambda: debrief_from_input(CLOCK, customer_id="c-1", **fields)),
}


@pytest.mark.parametrize("profile", fuzz_profiles())
@pytest.mark.parametrize("form", list(FORMS))
def test_form_validators_accept_or_explain_each_field(form: str, profile: str, figures) -> None:
    def check(build: Callable[[], object]) -> None:
        try:
            build()
        except ValidationError as error:
            assert error.errors
            for message in error.errors.values():
                assert_clear(message)

    run(profile, FORMS[form], check, figures)


def _seed(db: Path) -> None:
    """The customer "Ada", and "Mallory" whose stored text holds what input now refuses
    (written before the rule, or into the file by hand)."""
    repo = TinyRepository(db)
    add_customer(repo, CLOCK, name="Ada")
    hostile = "\x1b[2J\x1b[H\x1b]0;retitled\x07\x9b31m\x00\ud800"
    mallory = add_customer(repo, CLOCK, name="Mallory")
    mallory = repo.save_customer(
        replace(mallory, name="Mallory" + hostile, company=hostile, interests=(hostile,))
    )
    debrief = add_debrief(repo, CLOCK, mallory, when="yesterday", next_step="Demo")
    repo.save_debrief(replace(debrief, learned=hostile, topics=(hostile,)))
    reminder = add_reminder(repo, CLOCK, mallory, "Call", every="monthly")
    repo.save_reminder(replace(reminder, text="Call " + hostile))


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding the seeded database, built once and copied for each command line
    (building it costs as much as the command itself)."""
    folder = tmp_path_factory.mktemp("seeded")
    _seed(folder / "relprep.json")
    return folder


def cli(argv: list[str], seeded: Path | None = None) -> tuple[int, str, str]:
    """`relprep ARGV` in this process against a fresh database (a copy of the folder
    `seeded`, holding "Ada" and hostile stored text, when given): status, stdout, stderr.
    Stdout is strict UTF-8, as on a UTF-8 terminal, and takes bytes too (exports to stdout
    write bytes)."""
    out, err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8"), io.StringIO()
    with tempfile.TemporaryDirectory() as folder, contextlib.chdir(folder):
        db = str(Path(folder) / "relprep.json")
        if seeded is not None:
            shutil.copytree(seeded, folder, dirs_exist_ok=True)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                status = main(["--db", db, *argv])
            except SystemExit as leaving:
                status = leaving.code
        out.flush()
    return status, out.buffer.getvalue().decode("utf-8"), err.getvalue()


OPTION_VALUES = st.one_of(ANY_TEXT, NEAR_MISS, st.sampled_from(["", "-", "--", "-x", "--json"]))
CUSTOMER_ADD = st.tuples(
    st.one_of(ANY_TEXT, NEAR_MISS),
    st.lists(
        st.tuples(
            st.sampled_from(
                ["--company", "--role", "--industry", "--interest", "--cadence", "--notes"]
            ),
            OPTION_VALUES,
        ),
        max_size=5,
    ),
)


@pytest.mark.parametrize("profile", fuzz_profiles())
def test_customer_add_arguments_never_end_in_a_traceback(profile: str, figures) -> None:
    def check(case: tuple[str, list[tuple[str, str]]]) -> None:
        name, options = case
        argv = ["customer", "add", "--json", *(f"{flag}={value}" for flag, value in options)]
        status, out, err = cli([*argv, "--", name])
        assert status in (0, 2), err
        assert_inert(out)
        assert_inert(err)
        if status == 2:
            assert err.startswith("relprep: ") and err.count("\n") == 1, err
            return
        assert json.loads(out)["name"] == name.strip()

    run(profile, CUSTOMER_ADD, check, figures)


def leaf_commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> dict:
    """Every sub-command the CLI has (whatever has been added since), by its words."""
    found = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for word, sub in action.choices.items():
                found |= leaf_commands(sub, (*path, word))
    return found or {path: parser}


WRITES_ELSEWHERE = {"output", "db"}
"""Options naming a file to write: left out, so fuzzing never writes outside its folder."""
VALUES = st.one_of(st.sampled_from(["Ada", "ada", "c-1", "fri", "2w", "50", "-1"]), OPTION_VALUES)


def _words(action: argparse.Action) -> st.SearchStrategy[list[str]]:
    if action.nargs == 0:
        return st.just([])
    if isinstance(action.nargs, int):
        return st.lists(VALUES, min_size=action.nargs, max_size=action.nargs)
    if action.choices is not None:
        return st.sampled_from([str(c) for c in action.choices]).map(lambda c: [c])
    return VALUES.map(lambda v: [v])


def command_lines(words: tuple[str, ...], parser: argparse.ArgumentParser) -> st.SearchStrategy:
    """The command's positionals in order after `--`, and any of its options before."""
    optional = [
        a for a in parser._actions if a.option_strings and a.dest not in WRITES_ELSEWHERE | {"help"}
    ]
    positional = [a for a in parser._actions if not a.option_strings]
    options = st.lists(
        st.sampled_from(optional).flatmap(
            lambda a: _words(a).map(lambda values: [a.option_strings[-1], *values])
        )
        if optional
        else st.nothing(),
        max_size=4,
    )
    positionals = st.tuples(*(_words(a) for a in positional))
    return st.tuples(options, positionals).map(
        lambda parts: [*words, *chain.from_iterable(parts[0]), "--", *chain.from_iterable(parts[1])]
    )


@pytest.mark.parametrize(
    "argv",
    [
        ["customer", "add", "X", "--cadence=--"],
        ["reminder", "snooze", "--", "Ada", "--"],
        ["customer", "list", "--db", "~nosuchuser0/relprep.json"],
    ],
)
def test_command_lines_found_by_full_runs_end_in_one_line(argv: list[str], seeded: Path) -> None:
    status, out, err = cli(argv, seeded)
    assert status == 0 or (err.startswith("relprep: ") and err.count("\n") == 1), err
    assert_inert(out)
    assert_inert(err)


@pytest.mark.parametrize(
    "argv",
    [
        ["customer", "list"],
        ["customer", "show", "Mallory"],
        ["customer", "show", "Mallory", "--json"],
        ["reminder", "list", "--when", "all", "--done"],
        ["debrief", "list"],
        ["prep", "Mallory"],
        *(["export", "--format", kind] for kind in ("json", "csv", "md", "ics")),
        ["export", "--format", "ics", "--todo"],
    ],
)
def test_stored_hostile_text_reaches_no_output_raw(argv: list[str], seeded: Path) -> None:
    """Listings, the prep sheet and every export of a database holding escape sequences,
    control characters and lone surrogates."""
    status, out, err = cli(argv, seeded)
    assert (status, err) == (0, "")
    assert_inert(out)


@pytest.mark.parametrize("profile", fuzz_profiles())
def test_every_command_line_ends_in_a_result_or_one_line(
    profile: str, seeded: Path, figures
) -> None:
    """Each sub-command, with arbitrary options and arguments, on a database holding "Ada"."""
    commands = leaf_commands(build_parser())
    lines = st.sampled_from(sorted(commands)).flatmap(lambda w: command_lines(w, commands[w]))

    def check(argv: list[str]) -> None:
        status, out, err = cli(argv, seeded)
        assert status in (0, 2), err
        assert_inert(out)
        assert_inert(err)
        if status == 2:
            assert err.startswith("relprep: ") and err.count("\n") == 1, err

    run(profile, lines, check, figures)

"""One regression test per numbered case of issue 12 (dates that surprised a new user) and
issue 16 items 15-16 (recurrences that broke the export or never advanced), run through
the real entry point with the clock pinned as the reports were."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from icalendar import Calendar

from relprep.domain.dates import parse_every
from tests.cli.conftest import Run
from tests.factories import add_customer

MONDAY_4PM = "2026-11-23T16:00:00+01:00"
FRIDAY_4TH = "2026-12-04T10:00:00+01:00"
SUNDAY_6TH = "2026-12-06T10:00:00+01:00"
MONTH_END = "2026-11-30T10:00:00+01:00"
NEW_YEARS_EVE = "2026-12-31T10:00:00+01:00"


def _now(moment: str) -> dict[str, str]:
    return {"RELPREP_NOW": moment}


def _due(relprep: Run, phrase: str, moment: str) -> str:
    added = relprep(
        "reminder", "add", "ada", "Call", "--due", phrase, "--json", env=_now(moment)
    ).assert_ok().json()  # fmt: skip
    return added["due"]


def _when(relprep: Run, phrase: str, env: dict[str, str]) -> str:
    added = relprep("debrief", "add", "ada", "--when", phrase, "--json", env=env)
    return added.assert_ok().json()["when"]


@pytest.fixture
def ada(repo, clock):
    return add_customer(repo, clock, "Ada Lovelace")


@pytest.mark.parametrize(
    ("phrase", "when"),
    [
        ("15:42", "2026-11-23T15:42:00+01:00"),
        ("5pm", "2026-11-23T16:00:00+01:00"),  # refused below: later than now
        ("3:30pm", "2026-11-23T15:30:00+01:00"),
        ("fri 2pm", "2026-11-20T14:00:00+01:00"),
        ("2026-11-20T15:42", "2026-11-20T15:42:00+01:00"),
        ("2026-11-20 3pm", "2026-11-20T15:00:00+01:00"),
        ("2026-11-20T15:42:00+01:00", "2026-11-20T15:42:00+01:00"),
    ],
)
def test_1_a_debrief_keeps_the_time_typed(relprep: Run, ada, phrase: str, when: str) -> None:
    if phrase == "5pm":
        relprep("debrief", "add", "ada", "--when", phrase, env=_now(MONDAY_4PM)).assert_fails(
            2, "later than now"
        )
        return
    assert _when(relprep, phrase, _now(MONDAY_4PM)) == when


@pytest.mark.parametrize(
    ("moment", "phrase", "due"),
    [
        (SUNDAY_6TH, "january", "2027-01-01"),
        (SUNDAY_6TH, "1st", "2027-01-01"),
        (MONTH_END, "31st", "2026-12-31"),
        (MONTH_END, "february", "2027-02-01"),
        ("2026-12-13T10:00:00+01:00", "june 2013", "2013-06-01"),
    ],
)
def test_2_month_names_and_ordinals_give_the_next_one(
    relprep: Run, ada, moment: str, phrase: str, due: str
) -> None:
    assert _due(relprep, phrase, moment) == due


def test_3_a_day_with_a_time_is_the_same_day(relprep: Run, ada) -> None:
    assert _due(relprep, "fri", FRIDAY_4TH) == "2026-12-11"
    assert _due(relprep, "fri 14:00", FRIDAY_4TH) == "2026-12-11"


def test_4_snoozing_into_the_past_is_refused(relprep: Run, ada) -> None:
    reminder = relprep("reminder", "add", "ada", "Call", "--due", "fri", "--json").json()

    relprep("reminder", "snooze", reminder["id"], "yesterday").assert_fails(2, "in the past")
    relprep("reminder", "snooze", reminder["id"], "2026-11-20").assert_fails(2, "in the past")

    [still] = relprep("reminder", "list", "--json").json()
    assert still["due"] == "2026-11-27"


@pytest.mark.parametrize("phrase", ["2099-06-26", "next friday", "tomorrow"])
def test_5_a_debrief_cannot_be_dated_in_the_future(relprep: Run, ada, phrase: str) -> None:
    relprep("debrief", "add", "ada", "--when", phrase).assert_fails(2, "later than now")
    assert relprep("debrief", "list", "--json").json() == []


def test_6_a_local_time_gets_the_offset_in_force_that_day(relprep: Run, ada) -> None:
    berlin = {"TZ": "Europe/Berlin", "RELPREP_NOW": "2026-03-30T10:00:00+02:00"}
    assert _when(relprep, "sat 15:30", berlin) == "2026-03-28T15:30:00+01:00"
    assert _when(relprep, "sun 15:30", berlin) == "2026-03-29T15:30:00+02:00"


def _rrule(relprep: Run) -> str:
    """The exported rule, in relprep's canonical part order (icalendar orders them its way)."""
    ics = relprep("export", "--format", "ics").assert_ok().stdout
    [event] = Calendar.from_ical(ics).walk("VEVENT")
    return parse_every(event["rrule"].to_ical().decode())


def test_7_a_count_runs_out(relprep: Run, ada) -> None:
    added = relprep(
        "reminder", "add", "ada", "Call", "--due", "today", "--every", "FREQ=WEEKLY;COUNT=3",
        "--json",
    ).json()  # fmt: skip
    done = relprep("reminder", "done", added["id"], "--json").assert_ok().json()
    assert (done["status"], done["due"]) == ("open", "2026-11-30")
    assert _rrule(relprep) == "FREQ=WEEKLY;COUNT=2"  # two more, not three

    relprep("reminder", "done", added["id"]).assert_ok()
    last = relprep("reminder", "done", added["id"], "--json").assert_ok().json()
    assert last["status"] == "done"


def test_8_a_utc_until_from_a_calendar_is_accepted_and_exported_as_a_date(
    relprep: Run, ada
) -> None:
    relprep(
        "reminder", "add", "ada", "Call", "--due", "today",
        "--every", "FREQ=DAILY;UNTIL=20261204T000000Z",
    ).assert_ok()  # fmt: skip
    ics = relprep("export", "--format", "ics").assert_ok().stdout
    assert "DTSTART;VALUE=DATE:20261123" in ics
    assert "RRULE:FREQ=DAILY;UNTIL=20261204\n" in ics


@pytest.mark.parametrize(
    ("phrase", "due"),
    [
        ("sod", "2026-11-23"),
        ("eod", "2026-11-23"),
        ("sow", "2026-11-30"),
        ("som", "2026-12-01"),
        ("soq", "2027-01-01"),
        ("eoq", "2026-12-31"),
        ("soy", "2027-01-01"),
        ("P1W", "2026-11-30"),
        ("P1M", "2026-12-23"),
        ("today at 11pm", "2026-11-23"),
        ("tomorrow 9am", "2026-11-24"),
    ],
)
def test_9_taskwarrior_words_are_due_dates(relprep: Run, ada, phrase: str, due: str) -> None:
    assert _due(relprep, phrase, MONDAY_4PM) == due


@pytest.mark.parametrize(
    ("phrase", "when"),
    [
        ("yesterday at 5pm", "2026-11-22T17:00:00+01:00"),
        ("2 days ago", "2026-11-21T16:00:00+01:00"),
        ("3 weeks ago", "2026-11-02T16:00:00+01:00"),
        ("last week", "2026-11-16T16:00:00+01:00"),
        ("noon", "2026-11-23T12:00:00+01:00"),
        ("2 hours ago", "2026-11-23T14:00:00+01:00"),
    ],
)
def test_9_words_for_when_a_call_happened(relprep: Run, ada, phrase: str, when: str) -> None:
    assert _when(relprep, phrase, _now(MONDAY_4PM)) == when


@pytest.mark.parametrize(
    ("phrase", "rule", "label"),
    [
        ("weekdays", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "weekdays"),
        ("biweekly", "FREQ=WEEKLY;INTERVAL=2", "fortnightly"),
        ("every mon", "FREQ=WEEKLY;BYDAY=MO", "every Mon"),
        ("monthly, 1st Mon", "FREQ=MONTHLY;BYDAY=1MO", "monthly, 1st Mon"),
    ],
)
def test_9_recurrence_words_and_labels_read_back(
    relprep: Run, ada, phrase: str, rule: str, label: str
) -> None:
    added = relprep("reminder", "add", "ada", "X", "--due", "fri", "--every", phrase, "--json")
    assert added.assert_ok()
    assert added.json()["every"] == rule
    listed = relprep("reminder", "list").assert_ok().stdout
    assert label in listed
    again = relprep("reminder", "add", "ada", "Y", "--due", "fri", "--every", label, "--json")
    assert again.assert_ok().json()["every"] == rule


def test_9_a_two_digit_number_is_not_a_year(relprep: Run, ada) -> None:
    relprep("reminder", "add", "ada", "Call", "--due", "87").assert_fails(2, "bare number")


def test_10_monthly_from_a_month_end_stays_at_month_ends(relprep: Run, ada) -> None:
    env = _now(NEW_YEARS_EVE)
    added = relprep(
        "reminder", "add", "ada", "Invoice", "--due", "eom", "--every", "monthly", "--json",
        env=env,
    ).json()  # fmt: skip
    assert _rrule(relprep) == "FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1"
    dues = []
    for _ in range(3):
        dues.append(relprep("reminder", "done", added["id"], "--json", env=env).json()["due"])
    assert dues == ["2027-01-31", "2027-02-28", "2027-03-31"]


@pytest.mark.parametrize(
    ("due", "every", "rule"),
    [
        ("2026-08-31", "quarterly", "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=28,29,30,31;BYSETPOS=-1"),
        ("2028-02-29", "yearly", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=28,29;BYSETPOS=-1"),
    ],
)
def test_10_quarterly_and_yearly_clamp_too(relprep: Run, ada, due: str, every: str, rule):
    relprep("reminder", "add", "ada", "X", "--due", due, "--every", every).assert_ok()
    assert _rrule(relprep) == rule


def _day_first(tmp_path: Path) -> dict[str, str]:
    config = tmp_path / "config"
    config.mkdir()
    (config / "settings.json").write_text(json.dumps({"date_order": "day-first"}))
    return {"RELPREP_CONFIG_DIR": str(config)}


def test_11_slash_dates_follow_the_date_order_setting(relprep: Run, ada, tmp_path) -> None:
    month_first = {"LANG": "en_US.UTF-8", "LC_ALL": "", "LC_TIME": ""}
    added = relprep("reminder", "add", "ada", "X", "--due", "3/7/2027", "--json", env=month_first)
    assert added.assert_ok().json()["due"] == "2027-03-07"
    relprep("reminder", "add", "ada", "X", "--due", "26/06/2099", env=month_first).assert_fails(
        2, "there is no month 26"
    )
    day_first = _day_first(tmp_path)
    added = relprep("reminder", "add", "ada", "X", "--due", "3/7/2027", "--json", env=day_first)
    assert added.assert_ok().json()["due"] == "2027-07-03"


def test_11_the_default_order_comes_from_the_locale(relprep: Run, ada) -> None:
    german = {"LANG": "de_DE.UTF-8", "LC_ALL": "", "LC_TIME": ""}
    added = relprep("reminder", "add", "ada", "X", "--due", "3/7/2027", "--json", env=german)
    assert added.assert_ok().json()["due"] == "2027-07-03"


def test_16_15_a_multi_line_rrule_is_refused(relprep: Run, ada) -> None:
    relprep(
        "reminder", "add", "ada", "X", "--due", "fri",
        "--every", "FREQ=DAILY\nEXDATE:20261204T000000Z",
    ).assert_fails(2, "one line")  # fmt: skip
    assert relprep("reminder", "list", "--json").json() == []


@pytest.mark.parametrize(
    "rule",
    ["FREQ=HOURLY", "FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=30", "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30"],
)
def test_16_16_rules_that_never_advance_are_refused(relprep: Run, ada, rule: str) -> None:
    relprep("reminder", "add", "ada", "X", "--due", "fri", "--every", rule).assert_fails(2, "every")
    assert relprep("reminder", "list", "--json").json() == []


def test_reminder_list_spells_the_weekday_out(relprep: Run, ada) -> None:
    relprep("reminder", "add", "ada", "Call", "--due", "fri").assert_ok()
    assert "Friday 27 Nov" in relprep("reminder", "list").assert_ok().stdout

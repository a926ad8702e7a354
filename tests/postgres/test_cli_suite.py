"""The command-line suite's tests of customers, debriefs, reminders, dates, export and
import, run again over the team database.

The test functions are the TinyDB suite's own (imported, not copied); here `relprep` runs the
command against this test's PostgreSQL database as the rep alice (in-process by default, in
a real process under `-m slow`, as there), and `repo` is her PostgresRepository on it.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from relprep.store.postgres.repository import PostgresRepository
from tests.cli.conftest import Result
from tests.cli.test_customers_and_debriefs import (  # noqa: F401 - collected here
    test_customer_add_list_and_show,
    test_debrief_add_prints_a_summary_with_the_new_reminders,
    test_debrief_add_turns_promises_into_reminders_and_interests_into_the_profile,
    test_debrief_list_finds_imported_debriefs_of_customers_without_a_last_contact,
    test_debrief_list_is_newest_first_and_filters_by_customer,
    test_debrief_list_limit_keeps_the_newest,
)
from tests.cli.test_date_regressions import (  # noqa: F401
    ada,
    test_1_a_debrief_keeps_the_time_typed,
    test_4_snoozing_into_the_past_is_refused,
    test_6_a_local_time_gets_the_offset_in_force_that_day,
    test_10_monthly_from_a_month_end_stays_at_month_ends,
)
from tests.cli.test_errors import (  # noqa: F401
    test_a_bad_snooze_date_is_exit_2_and_changes_nothing,
    test_an_ambiguous_name_lists_the_candidates,
    test_bad_input_is_exit_2_with_one_line,
)
from tests.cli.test_export_import import (  # noqa: F401
    seeded,
    test_csv_into_a_folder_writes_one_file_per_table,
    test_import_checks_every_record_first_and_writes_nothing_when_one_is_bad,
    test_importing_the_same_file_twice_does_not_duplicate,
    test_json_export_holds_everything_with_the_format_version,
    test_json_round_trip_through_import_is_byte_for_byte,
    test_markdown_report_covers_each_customer,
)
from tests.cli.test_nul_text import (  # noqa: F401
    test_importing_text_with_a_nul_is_refused_and_names_the_field,
)
from tests.cli.test_reminders import (  # noqa: F401
    test_add_resolves_the_customer_by_name_and_the_date_in_words,
    test_delete_removes_the_reminder,
    test_done_closes_a_one_off_reminder,
    test_done_rolls_a_recurring_reminder_to_its_next_date,
    test_list_defaults_to_open_reminders_of_every_date,
    test_list_done_includes_completed_reminders,
    test_list_filters_by_window_customer_and_kind,
    test_list_shows_the_touches_the_cadence_asks_for_and_done_logs_the_contact,
    test_snooze_moves_the_due_date,
)


@pytest.fixture
def repo(repo_as) -> PostgresRepository:
    return repo_as("alice")


@pytest.fixture
def relprep(url_as, runner) -> Callable[..., Result]:
    def run(*args: str, env: dict[str, str] | None = None) -> Result:
        return runner(*args, db=url_as("alice"), env=env)

    return run

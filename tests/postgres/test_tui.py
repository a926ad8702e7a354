"""TUI tests of Today, Reminders and the customer screen, run again over the team database.

The test functions are the TinyDB suite's own (imported, not copied); here `repo` is the rep
alice's PostgresRepository on this test's database, so the same screens must behave the same
with row-level security and a server in between. The default run takes one of each kind of
write and read, first case only (conftest.py's ON_POSTGRES_BY_DEFAULT); `pytest -m slow`
runs them all.
"""

from __future__ import annotations

import pytest

from relprep.store.postgres.repository import PostgresRepository
from tests.ui.test_reminders import (  # noqa: F401 - collected here, over PostgreSQL
    ada,
    mixed,
    quiet,
    test_delete_asks_first_and_can_be_undone,
    test_done_rolls_a_recurring_reminder_forward,
    test_each_window_key_shows_the_right_rows,
    test_edit_keeps_the_id_and_saves_the_change,
    test_opened_for_one_customer_shows_only_theirs,
    test_snooze_in_plain_words,
    test_touch_base_disappears_once_a_debrief_is_logged,
    zoe,
)
from tests.ui.test_today import (  # noqa: F401
    test_adding_a_customer_saves_it_and_opens_it,
    test_customers_are_ranked_by_what_needs_doing_first,
    test_due_shows_overdue_and_today_but_not_later,
    test_enter_opens_the_highlighted_customer,
    test_today_reflects_changes_made_on_other_screens,
)


@pytest.fixture
def repo(repo_as) -> PostgresRepository:
    return repo_as("alice")

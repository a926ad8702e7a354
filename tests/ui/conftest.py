"""What every Pilot test of the app starts from: the app over the test repository and clock."""

from __future__ import annotations

import pytest

from relprep.domain.clock import FixedClock
from relprep.store.tinydb_repository import TinyRepository
from relprep.ui.app import RelprepApp


@pytest.fixture
def app(repo: TinyRepository, clock: FixedClock) -> RelprepApp:
    return RelprepApp(repo, clock)

"""Run sizes for the default and the full (`pytest -m slow`) runs, and the figures they prove.

Each long test runs twice over: a short version in the default run and the full size under
the `slow` marker. The figures they count (kills survived, faults injected, records counted,
fuzz cases) are printed at the end of the run by `tests/figures.py`.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings

DEFAULT_PROFILE = "relprep-default"
FULL_PROFILE = "relprep-full"
_FUZZ = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow], "database": None}
settings.register_profile(DEFAULT_PROFILE, max_examples=50, **_FUZZ)
settings.register_profile(FULL_PROFILE, max_examples=10_000, **_FUZZ)


def sizes(default, full) -> list:
    """Parameters for a test: the default-run size, and the full size marked slow."""
    return [
        pytest.param(default, id="default"),
        pytest.param(full, id="full", marks=pytest.mark.slow),
    ]


def fuzz_profiles() -> list:
    return sizes(DEFAULT_PROFILE, FULL_PROFILE)

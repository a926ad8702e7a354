"""Run sizes for the default and the full (`pytest -m slow`) runs, and the figures they prove.

Each long test runs twice over: a short version in the default run and the full size under
the `slow` marker. The figures (kills survived, faults injected, records counted, fuzz
cases) are collected while the tests run and printed at the end, for the README and the
benchmark report.
"""

from __future__ import annotations

from collections import defaultdict

import pytest
from hypothesis import HealthCheck, settings

DEFAULT_PROFILE = "relprep-default"
FULL_PROFILE = "relprep-full"
_FUZZ = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow], "database": None}
settings.register_profile(DEFAULT_PROFILE, max_examples=200, **_FUZZ)
settings.register_profile(FULL_PROFILE, max_examples=10_000, **_FUZZ)

_FIGURES = pytest.StashKey[dict[str, int]]()


def sizes(default, full) -> list:
    """Parameters for a test: the default-run size, and the full size marked slow."""
    return [
        pytest.param(default, id="default"),
        pytest.param(full, id="full", marks=pytest.mark.slow),
    ]


def fuzz_profiles() -> list:
    return sizes(DEFAULT_PROFILE, FULL_PROFILE)


def pytest_configure(config: pytest.Config) -> None:
    config.stash[_FIGURES] = defaultdict(int)


@pytest.fixture
def figures(request: pytest.FixtureRequest) -> dict[str, int]:
    """Counters shown under "reliability figures" at the end of the run."""
    return request.config.stash[_FIGURES]


def pytest_sessionfinish(session: pytest.Session) -> None:
    """In an xdist worker: hand this worker's counters to the controller, which prints them."""
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:
        workeroutput["relprep_figures"] = dict(session.config.stash.get(_FIGURES, {}))


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error) -> None:
    """In the xdist controller: add up what each worker counted (the default run is parallel,
    so without this the figures would be counted in the workers and never printed)."""
    counted = node.config.stash[_FIGURES]
    for name, value in getattr(node, "workeroutput", {}).get("relprep_figures", {}).items():
        counted[name] += value


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:
    counted = config.stash.get(_FIGURES, {})
    if not counted:
        return
    terminalreporter.section("reliability figures")
    for name in sorted(counted):
        terminalreporter.write_line(f"{name:>48}: {counted[name]:,}")

"""The reliability figures: counters the long tests add to, printed at the end of the run.

A plugin loaded by the root conftest, not a folder's conftest, because the run is parallel:
the xdist controller loads only the root conftest, so it is the one place where what each
worker counted can be added up and printed (for the README and the benchmark report).
"""

from __future__ import annotations

from collections import defaultdict

import pytest

_FIGURES = pytest.StashKey[dict[str, int]]()


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

"""Fixtures that shut out the real clock, the user's data and config, the terminal size, and
anything on screen that changes by itself while a test looks at it."""

from __future__ import annotations

import gc
import os
import shutil
import sys
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from _pytest.assertion import rewrite
from _pytest.pathlib import fnmatch_ex
from _pytest.unraisableexception import gc_collect_iterations_key
from textual import constants
from textual.css.model import RuleSet
from textual.css.stylesheet import CSSLocation, Stylesheet
from textual.notifications import Notification
from textual.widgets import Input, TextArea

from relprep.domain.clock import FixedClock
from relprep.store.tinydb_repository import TinyRepository
from tests.team_server import (  # noqa: F401 - fixtures for every folder
    share_one_server,
    team_db,
    team_server,
)

pytest_plugins = ["tests.figures"]

SLOW_TIMEOUT = 3600
"""Seconds a `slow` test (a full-size reliability run) may take before it counts as hung."""

# A Monday, so weekday phrases have an obvious answer: "fri" is 2026-11-27.
NOW = datetime(2026, 11, 23, 9, 30, tzinfo=timezone(timedelta(hours=1)))


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto` (the default, pyproject.toml): four workers per core. Much of a test's time
    is spent waiting (for a child relprep, a terminal, a worker thread, a server), and on a
    busy machine fewer workers leave the cores to the other processes while they wait: with
    two busy loops on a 2-core machine, 4 workers took 5 min 49 s and 6 took 5 min 17 s."""
    return 4 * (os.cpu_count() or 1)


MEMORY_DISK = Path("/dev/shm")
MEMORY_DISK_FREE = 2**31
"""Bytes a memory-backed folder must have free before the tests put their files there."""


def pytest_configure(config: pytest.Config) -> None:
    worker = hasattr(config, "workerinput")
    in_parallel = getattr(config.option, "dist", "no") != "no"
    _libraries_as_installed(config)
    if not worker:  # an xdist worker inherits what these set
        _files_in_memory(config)
        _share_compiled_code(config)
        share_one_server(config)
        if in_parallel:
            _rewrite_tests_once(config)
    if worker:
        _read_tests_rewritten_once()
    if worker or not in_parallel:  # a process that runs tests
        _children_share_compiled_code()
        gc.set_threshold(*GC_THRESHOLDS)
        _check_unraisable_with_one_collection(config)
        Stylesheet._parse_rules = _parse_once_per_process  # type: ignore[method-assign]


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    """An xdist worker ends here, once pytest is done with it and its results are with the
    main process, without Python's own clean-up: freeing the heap a few hundred Pilot
    tests leave took the eight workers 6-7 s on two cores, while the main process waited
    for them before it could report (full run, quiet machine, 2 December). Nothing is left
    to do by then: fixtures are torn down and the results sent (`workerfinished`)."""
    if hasattr(config, "workerinput"):
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)


GC_THRESHOLDS = (20_000, 20, 20)
"""The cyclic garbage collector's thresholds in a process that runs tests; Python's are
(700, 10, 10).

Each Pilot test builds and drops a whole Textual app, millions of short-lived objects, and
at Python's thresholds the collector ran a full pass over the process's heap every few
seconds: measured over tests/ui/test_today.py in one process, 25 full passes took 9.5 s
and the collector 12 s of the 41 s of CPU the file took. At these thresholds it runs 2 full
passes and, with what collection leaves alive frozen (pytest_collection_finish), takes
about 3 s of the file's 28.5 s; memory stays bounded (peak 136 MB instead of 109 MB). The
processes under test (relprep children, the TUI in a terminal) keep Python's defaults."""


_parse_rules = Stylesheet._parse_rules
_PARSED: dict[tuple[object, ...], list[RuleSet]] = {}


def _parse_once_per_process(
    self: Stylesheet,
    css: str,
    read_from: CSSLocation,
    is_default_rules: bool = False,
    tie_breaker: int = 0,
    scope: str = "",
) -> list[RuleSet]:
    """Textual's `Stylesheet._parse_rules`, remembered for every app this process builds.

    Textual caches parsed CSS per stylesheet, that is per app; the tests build a few hundred
    apps a process, each parsing the same hundred-odd sources again (4.3 s of the 69 s a
    profiled run of tests/ui/test_today.py took). The parse is a pure function of the
    source, its place and the theme's variables, and its rules are never changed after, so
    one copy serves every app with the same theme. Invalid CSS still raises every time.
    """
    key = (css, read_from, is_default_rules, tie_breaker, scope, tuple(self._variables.items()))
    try:
        return _PARSED[key]
    except KeyError:
        rules = _PARSED[key] = _parse_rules(
            self, css, read_from, is_default_rules, tie_breaker, scope
        )
        return rules


def _check_unraisable_with_one_collection(config: pytest.Config) -> None:
    """pytest's closing check for exceptions raised where nothing could catch them (in a
    `__del__`, a callback) runs five full collections first, 0.4 s each in a worker's heap
    at the end of a run (cProfile): 16 s of CPU over eight workers. One collection finds
    what the last tests left behind; those raised while the tests ran were reported then.
    (The stash key is pytest's own knob for this, used by its pytester.)"""
    config.stash[gc_collect_iterations_key] = 1


def pytest_collection_finish(session: pytest.Session) -> None:
    """What is alive once the tests are collected (modules, classes, pytest's own state)
    stays alive to the end: frozen, the collector's full passes no longer walk it."""
    gc.freeze()


def _files_in_memory(config: pytest.Config) -> None:
    """Test files live in memory (tmpfs) when the machine has room there, unless a folder
    was asked for (--basetemp or $PYTEST_DEBUG_TEMPROOT).

    Every save fsyncs its files and folder, as it must; on a disk each fsync waits 1-3 ms,
    tens of thousands of times a run, and on tmpfs it returns at once. The code does the
    same calls either way (the fault tests still fail them one by one); no test can tell a
    synced disk from an unsynced one, short of pulling the power. Child processes (the CLI,
    the reliability workers) inherit $TMPDIR.
    """
    if config.option.basetemp or os.environ.get("PYTEST_DEBUG_TEMPROOT"):
        return
    if not MEMORY_DISK.is_dir() or not os.access(MEMORY_DISK, os.W_OK | os.X_OK):
        return
    if shutil.disk_usage(MEMORY_DISK).free < MEMORY_DISK_FREE:
        return
    os.environ["TMPDIR"] = str(MEMORY_DISK)
    tempfile.tempdir = str(MEMORY_DISK)


CHILD_PYCACHE = "RELPREP_TEST_PYCACHE"
"""The private folder of this run's compiled code for the Python processes the tests start."""


def _share_compiled_code(config: pytest.Config) -> None:
    """Every Python process a test starts (the hundreds of `relprep` and worker children)
    reads the bytecode the first one compiled, from a private folder of this run, even
    where $PYTHONDONTWRITEBYTECODE keeps .pyc files out of the source tree: a `relprep`
    child then starts in 0.17 s of CPU instead of 0.27 s."""
    folder = tempfile.mkdtemp(prefix="relprep-pycache-")
    os.environ[CHILD_PYCACHE] = folder
    config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))


REWRITTEN = "rewritten-tests"
"""The folder, in the run's private one, of the test modules with their asserts rewritten."""


def _rewrite_tests_once(config: pytest.Config) -> None:
    """Under xdist, the test modules are rewritten once, by the main process, for all the
    workers, where $PYTHONDONTWRITEBYTECODE keeps pytest from caching them.

    pytest rewrites the asserts of each test module as it imports it, so a failing assert
    says what its values were, and caches the result in __pycache__ unless bytecode may not
    be written; then each of the eight workers rewrote the 103 test modules (2.2 s of CPU)
    again. The rewritten code is the same (pytest's own functions make it, with this run's
    settings) and each file is checked against its source's size and time before use, as
    pytest does with its own cache.
    """
    state = config.stash.get(rewrite.assertstate_key, None)
    if state is None or state.hook is None or not sys.dont_write_bytecode:
        return  # --assert=plain, or pytest caches them itself
    for source in _rewritten_by_pytest(config, state.hook):
        folder = _rewritten_folder(source)
        folder.mkdir(parents=True, exist_ok=True)
        stat, code = rewrite._rewrite_test(source, config)
        rewrite._write_pyc(state, code, stat, folder / (source.stem + rewrite.PYC_TAIL))


def _rewritten_by_pytest(config: pytest.Config, hook: rewrite.AssertionRewritingHook) -> set[Path]:
    """The test modules and conftests that pytest has not rewritten yet."""
    patterns = config.getini("python_files")
    files = {
        source
        for source in config.rootpath.joinpath("tests").rglob("*.py")
        if source.name == "conftest.py" or any(fnmatch_ex(p, source) for p in patterns)
    }
    return files - {Path(source) for source in hook._rewritten_names.values()}


def _libraries_as_installed(config: pytest.Config) -> None:
    """Only the tests' own asserts are rewritten; a library is imported from its compiled
    code, as installed.

    pytest also marks for rewriting every package of a distribution that brings a pytest
    plugin, so that a plugin's failing assert explains itself. With bytecode not written
    ($PYTHONDONTWRITEBYTECODE), every process then parsed, rewrote and compiled those
    packages again: all of hypothesis (103 files) and platformdirs, in the main process
    before any worker could start and again at the end to print hypothesis's summary. Left
    as installed, a run that collects everything and runs nothing takes 20.7 s instead of
    24.0 (33.6 s of CPU instead of 36.3), quiet machine, the same on either side.
    No test asserts through them; the plugins already imported keep their rewriting.
    """
    state = config.stash.get(rewrite.assertstate_key, None)
    if state is None or state.hook is None:
        return
    hook = state.hook
    hook._must_rewrite.intersection_update(
        name for name in hook._must_rewrite if name.startswith("tests.") or name in sys.modules
    )
    hook._marked_for_rewrite_cache.clear()


def _read_tests_rewritten_once() -> None:
    """A worker reads the test modules as the main process rewrote them (above); one the
    main process did not rewrite (a file added since) is rewritten here, as before."""
    if os.environ.get(CHILD_PYCACHE) and sys.dont_write_bytecode:
        rewrite.get_cache_dir = _rewritten_folder  # type: ignore[assignment]


def _rewritten_folder(source: Path) -> Path:
    return Path(os.environ[CHILD_PYCACHE], REWRITTEN, *source.parts[1:-1])


def _children_share_compiled_code() -> None:
    """Only the children: a pytest process started with a pycache prefix would ignore the
    installed packages' compiled code and compile them all again."""
    if folder := os.environ.get(CHILD_PYCACHE):
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
        os.environ["PYTHONPYCACHEPREFIX"] = folder


LONG_FIRST = ("tests/reliability/", "tests/postgres/", "tests/ui/test_agreement.py")
"""Where the longest tests live (kill loops, fault sweeps, fuzzing, a server per worker, every
screen at four clocks). Run first, they overlap the many short tests instead of leaving one
worker busy at the end while the others are idle: the run's tail was a third of its time."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The default per-test timeout (pyproject.toml) is sized for the default run; a test
    marked slow gets an hour unless it names its own. The longest tests go first."""
    for item in items:
        if item.get_closest_marker("slow") and not item.get_closest_marker("timeout"):
            item.add_marker(pytest.mark.timeout(SLOW_TIMEOUT))
    items.sort(key=lambda item: not item.nodeid.startswith(LONG_FIRST))


@pytest.fixture(autouse=True)
def isolated_env(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """No test may read or write the user's real database, settings or themes."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("RELPREP_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("RELPREP_DB", str(home / "data" / "relprep.json"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "xdg-config"))
    monkeypatch.delenv("RELPREP_NOW", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return home


@pytest.fixture(autouse=True)
def steady_screens(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every app a test starts shows the same picture however late the test looks at it.

    On a loaded machine a snapshot or an assert can come seconds after the screen settled, so
    nothing may change on a timer: a focused field's cursor stays shown (the blink is a no-op,
    as harlequin's `no_cursor_blink` does it), nothing animates (scrolls jump, as with
    TEXTUAL_ANIMATIONS=none; the environment variable reaches apps in child processes), and
    a notification stays until the test ends instead of vanishing after its 5-10 s. Applies
    to every app in the test process, whoever builds it (Pilot, snap_compare).
    """
    monkeypatch.setattr(Input, "_toggle_cursor", _keep_cursor)
    monkeypatch.setattr(TextArea, "_toggle_cursor_blink_visible", _keep_cursor)
    monkeypatch.setattr(constants, "TEXTUAL_ANIMATIONS", "none")
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    monkeypatch.setattr(Notification, "time_left", property(_until_the_test_ends))


def _keep_cursor(_widget: Input | TextArea) -> None:
    """The cursor blink's timer callback, doing nothing: the cursor stays as focus left it."""


def _until_the_test_ends(_notification: Notification) -> float:
    """Seconds a notification has left: a day, longer than any test."""
    return 86_400.0


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "relprep.json"


@pytest.fixture
def repo(db_path: Path) -> TinyRepository:
    return TinyRepository(db_path)

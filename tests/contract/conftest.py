"""The `repository` fixture, once per backend in backends.py (as harlequin's all_adapters)."""

from __future__ import annotations

import pytest

from relprep.store.repository import Repository
from tests.contract.backends import BACKENDS, Opener


@pytest.fixture(params=sorted(BACKENDS))
def open_handle(request: pytest.FixtureRequest) -> Opener:
    """Opens a handle on this test's database (each call: another handle, same data)."""
    return BACKENDS[request.param](request)


@pytest.fixture
def repository(open_handle: Opener) -> Repository:
    return open_handle()


@pytest.fixture
def other(open_handle: Opener) -> Repository:
    """A second handle on the same database, as another process would hold."""
    return open_handle()

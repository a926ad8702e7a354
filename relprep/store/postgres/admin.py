"""Administering a team database: bringing its schema up to this relprep's."""

from __future__ import annotations

import psycopg

from relprep.store.errors import NotPermitted, StorageUnavailable
from relprep.store.postgres import schema
from relprep.store.postgres.repository import CONNECT_TIMEOUT
from relprep.store.postgres.target import public_name
from relprep.store.select import Upgrade


def upgrade_database(url: str) -> Upgrade:
    where = public_name(url)
    try:
        with psycopg.connect(url, connect_timeout=CONNECT_TIMEOUT) as conn:
            before = schema.applied_version(conn)
            applied = schema.upgrade(conn, where)
    except psycopg.OperationalError as error:
        raise StorageUnavailable(
            f"the team database {where} cannot be reached ({' '.join(str(error).split())})"
        ) from error
    except psycopg.errors.InsufficientPrivilege as error:
        raise NotPermitted(
            f"the team database {where} refused the upgrade "
            f"({error.diag.message_primary}); run it as the role that owns the database"
        ) from error
    return Upgrade(before, schema.latest(), tuple(f"{m.version:04d}_{m.name}" for m in applied))

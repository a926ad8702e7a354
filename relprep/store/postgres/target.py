"""Naming a team database for people: its URL without the password.

Pure text handling (no psycopg), so messages can name a database even when the driver is
missing or the server cannot be reached.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit


def public_name(url: str) -> str:
    """The URL with any password removed (from the user part and from the query), safe to
    print, log or put in an error message."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    try:
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        port = ""
    user = f"{parts.username}@" if parts.username else ""
    query = "&".join(
        pair for pair in parts.query.split("&") if "password" not in pair.partition("=")[0].lower()
    )
    return urlunsplit((parts.scheme, f"{user}{host}{port}", parts.path, query, ""))

"""The layering rule: domain imports no Textual or TinyDB; the UI never touches TinyDB."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "relprep"


def _imports(folder: Path) -> set[tuple[str, str]]:
    found = set()
    for source in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text())):
            if isinstance(node, ast.Import):
                found |= {(source.name, alias.name.split(".")[0]) for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module:
                found.add((source.name, node.module.split(".")[0]))
    return found


@pytest.mark.parametrize(
    ("layer", "forbidden"),
    [("domain", {"textual", "tinydb", "filelock"}), ("ui", {"tinydb", "filelock"})],
)
def test_layer_imports(layer: str, forbidden: set[str]) -> None:
    offending = {(f, m) for f, m in _imports(PACKAGE / layer) if m in forbidden}
    assert offending == set()

"""The layers, one way, checked over relprep's own imports (lazy and type-only ones too).

domain <- formats <- store (the Repository interface, its errors, and the backends behind
them) <- usecases <- commands, export, ui. The front ends reach storage only through the
interface, the errors and select.open_repository; none of them imports a backend module or
another front end's internals. A test in a fresh interpreter proves that opening the TUI or
the CLI loads no backend until a database is opened.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "relprep"

STORE_FRONT = {
    "relprep.store.repository",
    "relprep.store.team",
    "relprep.store.errors",
    "relprep.store.select",
}
"""What of the store anything above it may use: the interfaces (a team database's extra
verbs included), their errors, the chooser."""

FILE_HELPERS = {
    "relprep.store.atomic",
    "relprep.store.settings",
    "relprep.store.sheets",
    "relprep.store.theme_files",
    "relprep.store.user_files",
}
"""Files that are the user's, not the database's (settings, themes, prep sheets, screenshots,
exports):
the front ends write them with the store's atomic writes, whichever backend holds the data."""

BACKEND = {
    "relprep.store.tinydb_repository",
    "relprep.store.transaction",
    "relprep.store.safe_storage",
    "relprep.store.layout",
    "relprep.store.schema",
    "relprep.store.file_errors",
    "relprep.store.postgres",
    "relprep.store.postgres.admin",
    "relprep.store.postgres.repository",
    "relprep.store.postgres.schema",
}

ALLOWED: dict[str, set[str]] = {
    "domain": {"relprep.domain"},
    "formats": {"relprep.domain", "relprep.formats"},
    "store": {"relprep.domain", "relprep.formats", "relprep.store", "relprep.paths"},
    "usecases": {
        "relprep.domain",
        "relprep.usecases",
        "relprep.store.repository",
        "relprep.store.team",
        "relprep.store.errors",
    },
    "commands": {
        "relprep.domain",
        "relprep.formats",
        "relprep.usecases",
        "relprep.commands",
        "relprep.export",
        "relprep.paths",
        *STORE_FRONT,
        *FILE_HELPERS,
    },
    "export": {
        "relprep.domain",
        "relprep.formats",
        "relprep.usecases",
        "relprep.export",
        *STORE_FRONT,
    },
    "ui": {
        "relprep.domain",
        "relprep.formats",
        "relprep.usecases",
        "relprep.ui",
        "relprep.paths",
        "relprep.forked",
        *STORE_FRONT,
        *FILE_HELPERS,
    },
}
"""For each layer, the relprep modules (and everything under them) it may import, besides
the package itself (which holds only its version)."""

FOREIGN: dict[str, set[str]] = {
    "domain": {"textual", "rich", "tinydb", "filelock", "psycopg"},
    "formats": {"textual", "rich", "tinydb", "filelock", "psycopg"},
    "store": {"textual"},
    "usecases": {"textual", "rich", "tinydb", "filelock", "psycopg"},
    "commands": {"textual", "tinydb", "filelock", "psycopg"},
    "export": {"textual", "tinydb", "filelock", "psycopg"},
    "ui": {"tinydb", "filelock", "psycopg"},
}
"""Libraries a layer must not use: the domain and the use cases are pure, and only
backends talk to a storage library."""


def _module_name(source: Path, root: Path) -> str:
    parts = source.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported(source: Path, root: Path) -> set[str]:
    """Every module `source` imports; `from a import b` counts as a.b too (b may be one)."""
    name = _module_name(source, root)
    package = name if source.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            found.add(base)
            found |= {f"{base}.{alias.name}" for alias in node.names}
    return found


def _within(module: str, allowed: set[str]) -> bool:
    return any(module == name or module.startswith(name + ".") for name in allowed)


def _is_module(name: str, root: Path) -> bool:
    path = root.joinpath(*name.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def _violations(layer: str, root: Path = ROOT) -> list[str]:
    found = []
    for source in sorted((root / "relprep" / layer).rglob("*.py")):
        for module in sorted(_imported(source, root)):
            top = module.split(".")[0]
            if top == "relprep":
                if (
                    module != "relprep"
                    and _is_module(module, root)
                    and not _within(module, ALLOWED[layer])
                ):
                    found.append(f"{source.relative_to(root)} imports {module}")
            elif top in FOREIGN[layer]:
                found.append(f"{source.relative_to(root)} imports {module}")
    return found


def test_every_layer_is_listed() -> None:
    packages = {path.parent.name for path in PACKAGE.glob("*/__init__.py")}
    assert packages == set(ALLOWED)


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_a_layer_imports_only_what_is_below_it(layer: str) -> None:
    assert _violations(layer) == []


def test_the_check_sees_a_forbidden_import(tmp_path: Path) -> None:
    """The AST walk finds lazy imports, relative ones and `from package import module`."""
    for module in ("ui/screens", "commands", "store"):
        (tmp_path / "relprep" / module).mkdir(parents=True)
    for name in ("commands/context.py", "store/tinydb_repository.py", "store/errors.py"):
        (tmp_path / "relprep" / name).write_text("")
    (tmp_path / "relprep" / "ui" / "screens" / "probe.py").write_text(
        "from relprep.store.errors import Conflict\n"
        "def later():\n"
        "    from relprep.store import tinydb_repository\n"
        "    from ...commands import context\n"
        "    import tinydb\n"
    )
    assert _violations("ui", tmp_path) == [
        "relprep/ui/screens/probe.py imports relprep.commands.context",
        "relprep/ui/screens/probe.py imports relprep.store.tinydb_repository",
        "relprep/ui/screens/probe.py imports tinydb",
    ]


@pytest.mark.parametrize("entry", ["relprep.ui.app", "relprep.cli"])
def test_opening_the_tui_or_the_cli_loads_no_backend(entry: str) -> None:
    """Importing the real app and CLI (as `relprep` does before it opens a database) loads
    no backend module and no storage library: only select.open_repository does, on demand."""
    probe = (
        f"import sys, {entry}\n"
        "import relprep.commands.customers, relprep.commands.transfer\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout.split()
    assert entry in loaded
    assert [
        m
        for m in loaded
        if m in BACKEND or m.split(".")[0] in {"tinydb", "filelock", "psycopg", "psycopg_pool"}
    ] == []

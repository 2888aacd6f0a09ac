"""docs/cli.md is generated from the real --help of every command (tools/cli_doc)."""

import importlib
import sys
from pathlib import Path
from types import ModuleType

import pytest

from sportello._cli import COMMANDS

ROOT = Path(__file__).resolve().parents[1]

pytestmark = [
    pytest.mark.skipif(not (ROOT / "tools" / "cli_doc").is_dir(), reason="needs the source tree"),
    pytest.mark.skipif(
        sys.version_info[:2] != (3, 11),
        reason="the page is generated on Python 3.11; argparse lays help out anew in 3.13",
    ),
]


@pytest.fixture
def cli_doc(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """The tools.cli_doc package of the source tree."""
    monkeypatch.syspath_prepend(str(ROOT))
    for name in [m for m in sys.modules if m == "tools" or m.startswith("tools.")]:
        monkeypatch.delitem(sys.modules, name)
    return importlib.import_module("tools.cli_doc")


def test_committed_page_equals_what_make_cli_doc_writes(cli_doc: ModuleType) -> None:
    """docs/cli.md is exactly tools/cli_doc's page: run `make cli-doc` after a change."""
    assert (ROOT / "docs" / "cli.md").read_text(encoding="utf-8") == cli_doc.page()
    main = importlib.import_module("tools.cli_doc.__main__").main
    assert main(["--check"]) == 0


def test_the_page_shows_every_commands_real_help(cli_doc: ModuleType) -> None:
    """Each command's --help, and each batch action's, is on the page as the command prints it."""
    page = cli_doc.page()
    for args in [(), *((name,) for name in COMMANDS)] + [
        ("batch", action) for action in ("template", "check", "submit", "sync", "export")
    ]:
        text = cli_doc.help_text(*args)
        assert text.startswith("usage: sportello"), args
        assert f"$ sportello {' '.join(args)} --help".replace("  ", " ") + "\n" + text in page
        assert max(len(line) for line in text.splitlines()) <= 80

"""The docs' pictures are current and drawn from the code's tables (tools/pictures)."""

import importlib
import sys
from pathlib import Path
from types import ModuleType

import pytest

from sportello.rules.conciliazione import AZIONI, StatoConciliazione, Termine

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(
    not (ROOT / "tools" / "pictures").is_dir(), reason="needs the source tree"
)


@pytest.fixture
def pictures(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """The tools.pictures package of the source tree."""
    monkeypatch.syspath_prepend(str(ROOT))
    for name in [m for m in sys.modules if m == "tools" or m.startswith("tools.")]:
        monkeypatch.delitem(sys.modules, name)
    return importlib.import_module("tools.pictures")


def test_committed_pictures_equal_what_the_generator_writes(pictures: ModuleType) -> None:
    """docs/img/*.svg are exactly what `make pictures` writes (regenerate on change)."""
    for name, draw in pictures.PICTURES.items():
        committed = (ROOT / "docs" / "img" / name).read_text(encoding="utf-8")
        assert committed == draw(), f"docs/img/{name} is stale: run make pictures"
    main = importlib.import_module("tools.pictures.__main__").main
    assert main(["--check"]) == 0


def test_cp_timeline_is_drawn_from_the_codes_tables(pictures: ModuleType) -> None:
    """CP-1..CP-10: every state, every move's rule and every term's days come from the code."""
    svg = pictures.procedura.svg()
    for stato in StatoConciliazione:
        assert f">{stato.label}<" in svg
        assert f">{stato.value}<" in svg
    for azione, riga in AZIONI.items():
        assert riga.regola in svg, azione
    for termine in Termine:
        assert f"{termine.label} ({termine.regola})" in svg
        assert f"{termine.giorni} giorni {termine.decorrenza}" in svg
    assert svg.count("<line") >= sum(len(a.da) for a in AZIONI) // 2

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


def test_the_floors_are_the_packages_and_lower_floors_import_no_upper_one(
    pictures: ModuleType,
) -> None:
    """Every package on the floors picture exists, and no floor imports a floor above it."""
    floors = pictures.floors.FLOORS
    svg = pictures.floors.svg()
    src = ROOT / "src"
    for level, rooms in enumerate(floors):
        for name, what in rooms:
            assert (src / name.replace(".", "/") / "__init__.py").is_file(), name
            assert f">{name}<" in svg
            assert f">{what}<" in svg
            above = [upper for upper_rooms in floors[:level] for upper, _ in upper_rooms]
            for path in (src / name.replace(".", "/")).rglob("*.py"):
                text = path.read_text(encoding="utf-8")
                for upper in above:
                    assert f"from {upper}" not in text, (path, upper)
                    assert f"import {upper}" not in text, (path, upper)


def test_each_benchmarks_results_is_drawn_with_every_figure(pictures: ModuleType) -> None:
    """bench/results/*.json each give docs/img/bench-<name>.svg, every bar and value on it."""
    import json
    from xml.sax.saxutils import escape

    results = sorted((ROOT / "bench" / "results").glob("*.json"))
    assert results, "make bench writes bench/results/*.json"
    for path in results:
        data = json.loads(path.read_text(encoding="utf-8"))
        name = f"bench-{path.stem}.svg"
        assert name in pictures.PICTURES
        svg = pictures.PICTURES[name]()
        for group in data["groups"]:
            assert escape(group["label"]) in svg
            for bar in group["bars"]:
                assert f">{escape(bar['label'])}<" in svg
                assert f">{pictures.bench._figure(bar['value'])} {group['unit']}<" in svg

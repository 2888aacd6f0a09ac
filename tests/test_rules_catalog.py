"""Rule traceability: every catalog rule is enforced in src/, exercised in tests/, documented."""

import ast
import re
from pathlib import Path

import pytest

from sportello._catalog import CATALOG, FAMILIES, RULE_ID, by_id, enforcement_points
from sportello._cli import main
from sportello._commands.rules import exercising_tests, markdown

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "sportello"
TESTS = ROOT / "tests"
DOCS = ROOT / "docs"

pytestmark = pytest.mark.skipif(not SRC.is_dir(), reason="needs the source tree")


def test_catalog_ids_are_unique_and_well_formed() -> None:
    """Every catalog ID is unique, matches the ID pattern and belongs to a known family."""
    ids = [r.id for r in CATALOG]
    assert len(ids) == len(set(ids)) == 68
    for rule in CATALOG:
        assert RULE_ID.fullmatch(rule.id), rule.id
        assert rule.famiglia in FAMILIES
        assert rule.testo
        assert rule.summary


@pytest.mark.parametrize("rule", [r.id for r in CATALOG])
def test_every_rule_is_named_in_a_docstring_under_src(rule: str) -> None:
    """Each rule ID appears in the docstring of code that enforces it."""
    assert enforcement_points().get(rule), f"{rule} is named in no docstring under src/"


@pytest.mark.parametrize("rule", [r.id for r in CATALOG])
def test_every_rule_is_named_in_a_test(rule: str) -> None:
    """Each rule ID appears in at least one test (name, docstring, comment or parameters)."""
    exercised = exercising_tests(TESTS)
    assert exercised.get(rule), f"{rule} is named in no test under tests/"


def _ids_in(paths: list[Path]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in paths:
        for match in RULE_ID.finditer(path.read_text(encoding="utf-8")):
            found.setdefault(match.group(0), set()).add(str(path.relative_to(ROOT)))
    return found


def test_code_and_tests_name_only_catalog_ids() -> None:
    """No file under src/ or tests/ names a rule ID that the catalog lacks."""
    known = set(by_id())
    files = [p for p in [*SRC.rglob("*.py"), *TESTS.rglob("*.py")] if p.is_file()]
    unknown = {k: v for k, v in _ids_in(files).items() if k not in known}
    assert not unknown, unknown


def test_docs_rules_page_is_current() -> None:
    """docs/rules.md is exactly what `sportello rules --markdown --tests tests` prints."""
    page = (DOCS / "rules.md").read_text(encoding="utf-8")
    assert page == markdown(TESTS), "regenerate with: make rules-doc"


def test_every_family_page_lists_its_rules() -> None:
    """Each family's docs page names every rule of the family."""
    for rule in CATALOG:
        page = (DOCS / rule.page).read_text(encoding="utf-8")
        assert rule.id in page, f"{rule.id} missing from docs/{rule.page}"


def test_enforcement_points_are_real_objects() -> None:
    """Every enforcement point names a module, class or function that exists in the package."""
    import importlib

    for names in enforcement_points().values():
        for name in names:
            parts = name.split(".")
            for cut in range(len(parts), 0, -1):
                try:
                    obj: object = importlib.import_module(".".join(parts[:cut]))
                except ImportError:
                    continue
                for attr in parts[cut:]:
                    obj = getattr(obj, attr)
                break
            else:  # pragma: no cover - only on a broken tree
                pytest.fail(name)


def test_cli_prints_one_rule(capsys: pytest.CaptureFixture[str]) -> None:
    """`sportello rules PW-3` prints the rule with its Italian wording and enforcement points."""
    assert main(["rules", "pw-3"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("PW-3")
    assert "non deve inoltre contenere username" in out
    assert "sportello.rules.password" in out


def test_cli_prints_the_catalog_and_refuses_unknown_ids(capsys: pytest.CaptureFixture[str]) -> None:
    """`sportello rules` lists all 68 rules; an unknown ID exits 2 with a message."""
    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    assert all(f"{r.id}  [" in out for r in CATALOG)
    assert main(["rules", "XX-9"]) == 2
    assert "sconosciuta" in capsys.readouterr().err


def test_module_docstrings_parse() -> None:
    """The scanner reads every source file (no syntax it cannot parse)."""
    for path in SRC.rglob("*.py"):
        ast.parse(path.read_text(encoding="utf-8"))


def _sections() -> dict[str, str]:
    """docs/rules.md cut at each rule's heading: rule ID -> its section."""
    page = (DOCS / "rules.md").read_text(encoding="utf-8")
    parts = re.split(r"^### ", page, flags=re.MULTILINE)[1:]
    return {part.split("\n", 1)[0]: part for part in parts}


def _resolve(name: str) -> object:
    """The object a dotted name names: the longest importable module, then attributes."""
    import importlib

    parts = name.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj: object = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attr in parts[cut:]:
            obj = getattr(obj, attr)
        return obj
    raise LookupError(name)  # pragma: no cover - only on a broken tree


def test_enforced_by_names_public_objects_linked_into_the_reference() -> None:
    """Each "Enforced by" entry is a public name (no `_` part), linked, and a real object."""
    for rule, section in _sections().items():
        line = next(x for x in section.splitlines() if x.startswith("Enforced by: "))
        names = re.findall(r'<autoref identifier="([^"]+)" optional>', line)
        assert names or rule == "CO-2", rule  # CO-2: only the form's internals name it
        for name in names:
            assert not any(part.startswith("_") for part in name.split(".")), (rule, name)
            assert _resolve(name) is not None


def test_rules_beyond_the_seeds_name_their_external_source() -> None:
    """CP-*, AT-7, SH-5 and CH-5 say on the page which regulation or current page they follow."""
    beyond = {r.id for r in CATALOG if not r.from_seeds}
    assert beyond == {f"CP-{n}" for n in range(1, 12)} | {"AT-7", "SH-5", "CH-5"}
    sections = _sections()
    for regola in CATALOG:
        external = [line for line in sections[regola.id].splitlines() if "External source" in line]
        assert bool(external) == (regola.id in beyond), regola.id
    assert "delibera ARERA 209/2016/E/com" in sections["CP-1"]
    assert "sportelloperilconsumatore.it" in sections["SH-5"]

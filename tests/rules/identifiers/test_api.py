"""The identifier modules' __all__ lists are sorted and list every public name."""

import importlib

import pytest

MODULES = [
    "sportello.rules.identifiers",
    "sportello.rules.identifiers.codice_cliente",
    "sportello.rules.identifiers.codice_fiscale",
    "sportello.rules.identifiers.iban",
    "sportello.rules.identifiers.luoghi",
    "sportello.rules.identifiers.partita_iva",
    "sportello.rules.identifiers.pdr",
    "sportello.rules.identifiers.pod",
    "sportello.testing.strategies",
]


def _order(name: str) -> tuple[int, str]:
    if name.isupper():
        return (0, name)
    if name[:1].isupper():
        return (1, name)
    return (2, name)


@pytest.mark.parametrize("name", MODULES)
def test_all_is_sorted_and_complete(name: str) -> None:
    """__all__ is in ruff's order and names every public function, class and module defined."""
    module = importlib.import_module(name)
    exported = list(module.__all__)
    assert exported == sorted(exported, key=_order)
    assert all(hasattr(module, attr) for attr in exported)
    public = {
        attr
        for attr, value in vars(module).items()
        if not attr.startswith("_")
        and str(getattr(value, "__module__", getattr(value, "__name__", ""))).startswith(
            "sportello"
        )
    }
    assert public <= set(exported), public - set(exported)


def test_rules_do_no_forbidden_imports() -> None:
    """Importing the identifier rules pulls in neither httpx, starlette nor sportello.forms."""
    import subprocess
    import sys

    code = (
        "import sys, sportello.rules.identifiers as m; "
        "print(sorted(x for x in ('httpx', 'starlette', 'sportello.forms', 'hypothesis') "
        "if x in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("name", [m for m in MODULES if ".identifiers" in m])
def test_dir_shows_only_all(name: str) -> None:
    """dir() of an identifier module is its __all__: the imports stay hidden."""
    module = importlib.import_module(name)
    assert sorted(dir(module)) == sorted(module.__all__)

"""The public API: sorted __all__ lists that match what each package exports."""

import importlib

import pytest

PUBLIC_MODULES = [
    "sportello",
    "sportello.batch",
    "sportello.client",
    "sportello.client.resources",
    "sportello.contrib",
    "sportello.contrib.django",
    "sportello.contrib.django.fields",
    "sportello.contrib.django.forms",
    "sportello.contrib.django.models",
    "sportello.contrib.django.password",
    "sportello.contrib.django.validators",
    "sportello.contrib.pydantic",
    "sportello.contrib.starlette",
    "sportello.forms",
    "sportello.rules.area_clienti",
    "sportello.rules.attachments",
    "sportello.rules.billing",
    "sportello.rules.calendar",
    "sportello.rules.channels",
    "sportello.rules.conciliazione",
    "sportello.rules.identifiers",
    "sportello.rules.identifiers.codice_cliente",
    "sportello.rules.identifiers.codice_fiscale",
    "sportello.rules.identifiers.iban",
    "sportello.rules.identifiers.luoghi",
    "sportello.rules.identifiers.partita_iva",
    "sportello.rules.identifiers.pdr",
    "sportello.rules.identifiers.pod",
    "sportello.rules.meetings",
    "sportello.rules.notifications",
    "sportello.rules.password",
    "sportello.rules.profile",
    "sportello.rules.readings",
    "sportello.rules.smart_help",
    "sportello.rules.supply",
    "sportello.rules.username",
    "sportello.sandbox",
    "sportello.testing",
    "sportello.testing.strategies",
]


def _defined_here(module_name: str, value: object) -> bool:
    """Whether ``value`` was defined in the module or in one of its private helper modules."""
    origin = str(getattr(value, "__module__", ""))
    package = module_name.rpartition(".")[0] if "." in module_name else module_name
    return origin == module_name or origin.startswith(
        (f"{module_name}._", f"{package}._" if package != module_name else f"{module_name}._")
    )


def isort_key(name: str) -> tuple[int, str]:
    """Ruff's RUF022 order: CONSTANTS, then Classes, then the rest, each alphabetical."""
    if name.isupper() or (name.upper() == name and "_" in name):
        return (0, name)
    if name[:1].isupper():
        return (1, name)
    return (2, name)


@pytest.mark.parametrize("name", PUBLIC_MODULES)
def test_all_is_sorted_and_complete(name: str) -> None:
    """__all__ is sorted (ruff's isort-style order) and lists every public name it defines."""
    module = importlib.import_module(name)
    exported = list(module.__all__)
    assert exported == sorted(exported, key=isort_key)
    for attr in exported:
        assert hasattr(module, attr), attr
    public = {
        a
        for a, v in vars(module).items()
        if not a.startswith("_") and not isinstance(v, type(importlib)) and _defined_here(name, v)
    }
    assert public <= set(exported), public - set(exported)


def test_version_is_lazy_and_single_sourced() -> None:
    """sportello.__version__ comes from sportello._version."""
    import sportello
    from sportello._version import __version__

    assert sportello.__version__ == __version__


def test_wheel_run_uses_the_installed_package() -> None:
    """Under `make wheel-test` the package comes from the installed wheel, not from src/."""
    import os
    from pathlib import Path

    import sportello

    if not os.environ.get("SPORTELLO_TEST_WHEEL"):
        pytest.skip("only under make wheel-test")
    location = Path(sportello.__file__).resolve()
    assert "site-packages" in location.parts
    assert "src" not in location.parts


@pytest.mark.parametrize("name", PUBLIC_MODULES)
def test_dir_lists_only_public_names(name: str) -> None:
    """dir() of a public module is its __all__: no imports (attrs, dt, functools) show up."""
    module = importlib.import_module(name)
    assert sorted(dir(module)) == sorted(module.__all__)

"""The public API: sorted __all__ lists that match what each package exports."""

import importlib

import pytest

PUBLIC_MODULES = ["sportello"]


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
        assert getattr(module, attr) is not None
    public = {
        a
        for a, v in vars(module).items()
        if not a.startswith("_") and str(getattr(v, "__module__", "")).startswith("sportello")
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

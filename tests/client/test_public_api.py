"""The public API of sportello.client and sportello.testing: sorted, complete __all__ lists."""

import importlib

import pytest

MODULES = [
    "sportello.client",
    "sportello.client.resources",
    "sportello.testing._plugin",
    "sportello.testing.strategies",
]


@pytest.mark.parametrize("name", MODULES)
def test_all_is_sorted_and_complete(name: str) -> None:
    """__all__ is sorted and lists every public name the module defines or re-exports."""
    module = importlib.import_module(name)
    exported = list(module.__all__)
    assert exported == sorted(exported)
    for attr in exported:
        assert hasattr(module, attr), attr
    public = {
        a
        for a, v in vars(module).items()
        if not a.startswith("_")
        and str(getattr(v, "__module__", "")).startswith("sportello")
        and not isinstance(v, type(importlib))
    }
    assert public <= set(exported), public - set(exported)


def test_client_errors_are_sportello_errors() -> None:
    """Every exception class sportello.client exports derives from sportello.SportelloError."""
    import sportello
    from sportello import client

    errors = [v for v in vars(client).values() if isinstance(v, type) and issubclass(v, Exception)]
    assert len(errors) >= 14
    assert all(issubclass(e, sportello.SportelloError) for e in errors)

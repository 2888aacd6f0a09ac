"""The public API: sorted __all__ lists that match what each package exports."""

import importlib

import pytest

PUBLIC_MODULES = ["sportello"]


@pytest.mark.parametrize("name", PUBLIC_MODULES)
def test_all_is_sorted_and_complete(name: str) -> None:
    """__all__ is sorted, and names exactly the public attributes the module defines."""
    module = importlib.import_module(name)
    exported = list(module.__all__)
    assert exported == sorted(exported)
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

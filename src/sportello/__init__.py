"""sportello: rules, form schemas, a typed client and a sandbox for Italian energy-consumer portals.

The package is layered: :mod:`sportello.rules` (pure rules, no I/O) <- :mod:`sportello.forms`
(attrs form schemas) <- :mod:`sportello.client` and :mod:`sportello.sandbox`.
Importing ``sportello`` loads only the violation records; everything else is imported on use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sportello._violations import SportelloError, ValidationError, Violation

if TYPE_CHECKING:
    __version__: str

__all__ = ["SportelloError", "ValidationError", "Violation", "__version__"]


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from sportello._version import __version__

        return __version__
    raise AttributeError(f"module 'sportello' has no attribute {name!r}")


def __dir__() -> list[str]:
    """Only the public names (``__all__``), not the imports."""
    return list(__all__)

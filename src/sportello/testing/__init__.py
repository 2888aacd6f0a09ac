"""The testing kit for the suites of sportello's users: sandboxes, clock, faults, strategies.

* :class:`Sandbox`: a running sandbox, its clients and its controls (:meth:`Sandbox.reset`,
  :meth:`Sandbox.fault`, :attr:`Sandbox.clock`, :meth:`Sandbox.evento`...), raising
  :class:`SandboxControlError` with the server's violations when a control is refused;
* :class:`Seed` (:class:`SeedAccount`, :class:`SeedCliente`, :class:`SeedPunto`): what a
  sandbox starts with; :class:`SandboxFactory`: the type of ``sportello_sandbox_factory``;
* the pytest plugin (:mod:`sportello.testing._plugin`, loaded by the ``pytest11`` entry point):
  ``sportello_sandbox``, ``sportello_demo_sandbox``, ``sportello_sandbox_factory``,
  ``sportello_session_sandbox``, ``sportello_client``;
* :mod:`sportello.testing.strategies`: Hypothesis strategies (imports Hypothesis).

Importing this package is cheap (httpx and the sandbox load when first used). See
``docs/testing.md``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sportello.testing._clock import Clock
    from sportello.testing._errors import SandboxControlError
    from sportello.testing._pool import SandboxFactory
    from sportello.testing._sandbox import Sandbox
    from sportello.testing._seed import Seed, SeedAccount, SeedCliente, SeedPunto

__all__ = [
    "Clock",
    "Sandbox",
    "SandboxControlError",
    "SandboxFactory",
    "Seed",
    "SeedAccount",
    "SeedCliente",
    "SeedPunto",
]

_WHERE = {
    "Clock": "sportello.testing._clock",
    "Sandbox": "sportello.testing._sandbox",
    "SandboxControlError": "sportello.testing._errors",
    "SandboxFactory": "sportello.testing._pool",
    "Seed": "sportello.testing._seed",
    "SeedAccount": "sportello.testing._seed",
    "SeedCliente": "sportello.testing._seed",
    "SeedPunto": "sportello.testing._seed",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'sportello.testing' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return sorted(__all__)

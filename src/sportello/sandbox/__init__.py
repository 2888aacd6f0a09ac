"""The local sandbox: a Starlette app over SQLite that serves ``sportello/openapi.json``.

Install the ``sandbox`` extra (starlette, uvicorn). Importing this package is cheap: starlette
and uvicorn are imported only when :func:`create_app` or :class:`SandboxServer` is used::

    from sportello.sandbox import SandboxServer

    with SandboxServer(db_path=tmp_path / "sandbox.sqlite3", seed_demo=True) as server:
        httpx.get(f"{server.url}/openapi.json")

Every rule is enforced server side by the same :mod:`sportello.rules` and
:mod:`sportello.forms` the client uses; see ``docs/api.md`` and ``docs/sandbox.md``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sportello.sandbox._app import create_app, openapi_bytes
    from sportello.sandbox._lock import DataInUseError
    from sportello.sandbox._problems import ProblemError
    from sportello.sandbox._seed import seed_demo
    from sportello.sandbox._server import SandboxServer
    from sportello.sandbox._settings import Settings

__all__ = [
    "DataInUseError",
    "ProblemError",
    "SandboxServer",
    "Settings",
    "create_app",
    "openapi_bytes",
    "seed_demo",
]

_WHERE = {
    "DataInUseError": "sportello.sandbox._lock",
    "ProblemError": "sportello.sandbox._problems",
    "SandboxServer": "sportello.sandbox._server",
    "Settings": "sportello.sandbox._settings",
    "create_app": "sportello.sandbox._app",
    "openapi_bytes": "sportello.sandbox._app",
    "seed_demo": "sportello.sandbox._seed",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'sportello.sandbox' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return sorted(__all__)

"""Fixtures of the client's end-to-end tests: the sandbox plugin and a ready consumer.

Every request and answer these tests exchange with a sandbox is validated against the shipped
``openapi.json`` by openapi-core (``tests/interop/wire.py``, the autouse ``on_contract``
fixture): a test whose traffic leaves the contract fails, whatever it asserts itself.

The plugin's fixtures are imported here rather than named in ``pytest_plugins``, which
pytest accepts only in the rootdir's conftest; once the package declares its ``pytest11``
entry point they come from the plugin itself as well (the same functions).
"""

from collections.abc import Iterator

import pytest
from tests.interop.wire import watching

from sportello.client import Client
from sportello.testing._plugin import (
    Sandbox,
    sportello_client,
    sportello_demo_sandbox,
    sportello_sandbox,
)

__all__ = [
    "on_contract",
    "sportello_client",
    "sportello_demo_sandbox",
    "sportello_sandbox",
    "utente",
]


@pytest.fixture(autouse=True)
def on_contract() -> Iterator[None]:
    """Validate all this test's HTTP traffic against openapi.json (openapi-core)."""
    with watching() as wire:
        yield
    assert not wire.problems, "\n".join(wire.problems[:5])


@pytest.fixture
def utente(sportello_sandbox: Sandbox) -> Iterator[Client]:
    """A client of the registered, logged-in example consumer ``mario.rossi``."""
    with sportello_sandbox.registered_client() as client:
        yield client

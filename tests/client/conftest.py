"""Fixtures of the client's end-to-end tests: the sandbox plugin and a ready consumer.

The plugin's fixtures are imported here rather than named in ``pytest_plugins``, which
pytest accepts only in the rootdir's conftest; once the package declares its ``pytest11``
entry point they come from the plugin itself as well (the same functions).
"""

from collections.abc import Iterator

import pytest

from sportello.client import Client
from sportello.testing._plugin import (
    Sandbox,
    sportello_client,
    sportello_demo_sandbox,
    sportello_sandbox,
)

__all__ = ["sportello_client", "sportello_demo_sandbox", "sportello_sandbox", "utente"]


@pytest.fixture
def utente(sportello_sandbox: Sandbox) -> Iterator[Client]:
    """A client of the registered, logged-in example consumer ``mario.rossi``."""
    with sportello_sandbox.registered_client() as client:
        yield client

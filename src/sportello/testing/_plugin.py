"""A pytest plugin: a fresh sandbox per test, over a real loopback socket.

Enable it with ``pytest_plugins = ["sportello.testing._plugin"]`` in a ``conftest.py`` (or
through the ``pytest11`` entry point once installed). It provides:

``sportello_sandbox``
    a :class:`Sandbox`: the sandbox server on a free loopback port with a fresh SQLite
    database in ``tmp_path``; ``.url``, ``.client()``, ``.async_client()``, and the sandbox
    controls ``.faults(...)``, ``.outbox()``, ``.acquire_readings()``, ``.seed_account(...)``,
    ``.evento(...)``. Stopped, and its files deleted with ``tmp_path``, after the test.

``sportello_demo_sandbox``
    the same, with the demo data (:func:`sportello.sandbox.seed_demo`): customer ``000002``
    with its supply points, invoices and readings, the consumer ``mario.rossi`` and the
    pre-06/10/2017 account ``vecchio.utente`` (AU-3).

``sportello_client``
    a ready :class:`sportello.client.Client` on ``sportello_sandbox`` (closed after the test).

Needs the ``sandbox`` extra (starlette, uvicorn).

::

    def test_submit(sportello_sandbox):
        sportello_sandbox.faults("503")          # the next request answers 503 once
        with sportello_sandbox.client() as client:
            ...
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest

if TYPE_CHECKING:
    from sportello.client import AsyncClient, Client

__all__ = ["Sandbox", "sportello_client", "sportello_demo_sandbox", "sportello_sandbox"]


class Sandbox:
    """A running sandbox, as the ``sportello_sandbox`` fixture yields it.

    Attributes:
        url: the base URL (``http://127.0.0.1:<port>``).
        db_path: the SQLite file.
    """

    def __init__(self, url: str, db_path: Path) -> None:
        self.url = url
        self.db_path = db_path
        self._http = httpx.Client(base_url=url, timeout=10.0)

    def __repr__(self) -> str:
        return f"Sandbox(url={self.url!r})"

    def close(self) -> None:
        """Close the controls' connection."""
        self._http.close()

    def client(self, **options: Any) -> Client:
        """A :class:`~sportello.client.Client` on this sandbox (``options`` as the client's)."""
        from sportello.client import Client

        return Client(base_url=self.url, **options)

    def registered_client(
        self, username: str = "mario.rossi", *, password: str | None = None, **options: Any
    ) -> Client:
        """A client of a consumer just registered (the example form) and logged in.

        The caller closes it (``with sandbox.registered_client() as client: ...``).
        """
        from sportello.testing._forms import ESEMPIO_PASSWORD, esempio

        secret = password or ESEMPIO_PASSWORD
        client = self.client(**options)
        client.auth.register(esempio("RegistrazioneSportello", username=username, password=secret))
        client.auth.login(username, secret)
        return client

    def async_client(self, **options: Any) -> AsyncClient:
        """An :class:`~sportello.client.AsyncClient` on this sandbox."""
        from sportello.client import AsyncClient

        return AsyncClient(base_url=self.url, **options)

    def _post(self, path: str, body: Any = None) -> httpx.Response:
        response = self._http.post(path, json=body, headers={"Idempotency-Key": str(uuid.uuid4())})
        response.raise_for_status()
        return response

    def faults(self, *queue: str) -> None:
        """Queue one fault for each of the next API requests, in order.

        A status (``"503"``), ``"drop"`` (the request commits, then the connection breaks
        mid-answer) or ``"delay:1.5"`` (seconds). No argument clears the queue.
        """
        self._post("/_sandbox/faults", {"queue": list(queue)})

    def outbox(self) -> list[dict[str, Any]]:
        """The e-mails the sandbox "sent", oldest first."""
        response = self._http.get("/_sandbox/outbox")
        response.raise_for_status()
        items: list[dict[str, Any]] = response.json()["items"]
        return items

    def mail_to(self, a: str, oggetto: str | None = None) -> dict[str, Any]:
        """The latest e-mail the sandbox "sent" to ``a``, with the subject ``oggetto`` if given.

        Safer than the outbox's last item, which may be anyone's e-mail about anything.

        Raises:
            LookupError: no such e-mail (the message lists the subjects sent to ``a``).
        """
        response = self._http.get("/_sandbox/outbox", params={"a": a})
        response.raise_for_status()
        items: list[dict[str, Any]] = response.json()["items"]
        found = [m for m in items if m["a"] == a and oggetto in (None, m["oggetto"])]
        if not found:
            subjects = [m["oggetto"] for m in items]
            raise LookupError(f"no e-mail to {a} about {oggetto!r}; sent to {a}: {subjects}")
        return found[-1]

    def acquire_readings(self) -> int:
        """Run the readings' acquisition pass now (RD-5); returns how many were acquired."""
        acquired: int = self._post("/_sandbox/acquire-readings").json()["acquisite"]
        return acquired

    def seed_account(self, **fields: Any) -> dict[str, Any]:
        """Create a consumer account directly (``registrata_il`` before 2017-10-06: AU-3)."""
        account: dict[str, Any] = self._post("/_sandbox/accounts", fields).json()
        return account

    def evento(self, numero: str, evento: str, **fields: Any) -> dict[str, Any]:
        """Add a document or schedule a meeting on a case (NT-2); returns the notification."""
        notifica: dict[str, Any] = self._post(
            f"/_sandbox/pratiche/{numero}/eventi", {"evento": evento, **fields}
        ).json()
        return notifica


def _serve(tmp_path: Path, *, seed_demo: bool) -> Iterator[Sandbox]:
    from sportello.sandbox import SandboxServer, Settings

    db_path = tmp_path / "sandbox.sqlite3"
    server = SandboxServer(db_path=db_path, settings=Settings.for_tests(), seed_demo=seed_demo)
    with server:
        sandbox = Sandbox(server.url, db_path)
        try:
            yield sandbox
        finally:
            sandbox.close()


@pytest.fixture
def sportello_sandbox(tmp_path: Path) -> Iterator[Sandbox]:
    """A sandbox server on a free loopback port with a fresh, empty database in ``tmp_path``."""
    yield from _serve(tmp_path, seed_demo=False)


@pytest.fixture
def sportello_demo_sandbox(tmp_path: Path) -> Iterator[Sandbox]:
    """A sandbox server like ``sportello_sandbox``, with the demo data seeded."""
    yield from _serve(tmp_path, seed_demo=True)


@pytest.fixture
def sportello_client(sportello_sandbox: Sandbox) -> Iterator[Client]:
    """A :class:`~sportello.client.Client` connected to ``sportello_sandbox``."""
    with sportello_sandbox.client() as client:
        yield client

"""The pytest plugin: a fresh sandbox per test on a loopback port, and its controls."""

import httpx
import pytest

from sportello.client import Client, ServerError
from sportello.testing._plugin import Sandbox


def test_sandbox_is_local_and_fresh(sportello_sandbox: Sandbox) -> None:
    """The server listens on 127.0.0.1, keeps its database on disk and starts empty."""
    assert sportello_sandbox.url.startswith("http://127.0.0.1:")
    assert sportello_sandbox.db_path is not None
    assert sportello_sandbox.db_path.exists()
    assert sportello_sandbox.outbox() == []
    assert httpx.get(f"{sportello_sandbox.url}/openapi.json").json()["openapi"] == "3.1.0"


def test_faults_apply_in_order_and_clear(sportello_sandbox: Sandbox) -> None:
    """Queued faults hit the next requests one each; faults() with no argument clears them."""
    with sportello_sandbox.registered_client(max_retries=0) as client:
        sportello_sandbox.faults("500")
        with pytest.raises(ServerError):
            client.auth.me()
        assert client.auth.me().username == "mario.rossi"
        sportello_sandbox.faults("500")
        sportello_sandbox.faults()
        assert client.auth.me().username == "mario.rossi"


def test_seed_account_and_outbox(sportello_sandbox: Sandbox) -> None:
    """seed_account creates a login; a password recovery lands in the outbox."""
    account = sportello_sandbox.seed_account(
        username="anna.galli",
        password="Scirocco#2026",
        email="anna.galli@example.it",
        nome="Anna",
        cognome="Galli",
    )
    assert account["username"] == "anna.galli"
    with sportello_sandbox.client() as client:
        client.auth.login("anna.galli", "Scirocco#2026")
        client.auth.recover_password("anna.galli")
    assert sportello_sandbox.outbox()[-1]["a"] == "anna.galli@example.it"


def test_demo_sandbox_has_the_demo_customer(sportello_demo_sandbox: Sandbox) -> None:
    """The demo sandbox knows the consumer mario.rossi and acquires pending readings."""
    with sportello_demo_sandbox.client() as client:
        client.auth.login("mario.rossi", "Sportello#2026")
        assert client.auth.me().nome == "Mario"
    assert sportello_demo_sandbox.acquire_readings() == 0


def test_client_fixture_is_anonymous(sportello_client: Client, sportello_sandbox: Sandbox) -> None:
    """sportello_client points at sportello_sandbox and holds no token."""
    assert sportello_client.base_url == sportello_sandbox.url
    assert not sportello_client.authenticated

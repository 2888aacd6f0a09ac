"""Retries, idempotency and the deadline against the sandbox's injected faults (real sockets)."""

import pytest

from sportello.client import AsyncClient, Client, DeadlineExceeded, ServerError
from sportello.testing._plugin import Sandbox
from sportello.testing.strategies import ESEMPIO_PASSWORD, esempio


def _login(sandbox: Sandbox, client: Client, username: str = "mario.rossi") -> None:
    """Register ``username`` with the example form, activate it and log ``client`` in."""
    client.auth.register(esempio("RegistrazioneSportello", username=username))
    client.auth.activate(sandbox.activation_code(username))
    client.auth.login(username, ESEMPIO_PASSWORD)


def test_503_then_success(sportello_sandbox: Sandbox, utente: Client) -> None:
    """A 503 is retried (after its Retry-After) and the call succeeds, opening one case."""
    sportello_sandbox.faults("503")
    pratica = utente.pratiche.submit(esempio("DomandaConciliazione"))
    assert [p.numero for p in utente.pratiche.list()] == [pratica.numero]


def test_dropped_answer_after_commit_opens_one_case(
    sportello_sandbox: Sandbox, utente: Client
) -> None:
    """An answer lost after the server committed is retried with the same key: one case."""
    sportello_sandbox.faults("drop")
    pratica = utente.pratiche.submit(esempio("DomandaConciliazione"))
    assert [p.numero for p in utente.pratiche.list()] == [pratica.numero]


def test_retries_exhausted_raise_server_error(sportello_sandbox: Sandbox, utente: Client) -> None:
    """With max_retries=1, two 503s in a row end in ServerError with the request id."""
    sportello_sandbox.faults("503", "503")
    with pytest.raises(ServerError) as caught:
        utente.with_options(max_retries=1).pratiche.submit(esempio("DomandaConciliazione"))
    assert caught.value.status == 503
    assert caught.value.request_id
    assert list(utente.pratiche.list()) == []


def test_slow_server_hits_the_deadline(sportello_sandbox: Sandbox, utente: Client) -> None:
    """A server slower than the call's deadline raises DeadlineExceeded, not a late answer."""
    pratica = utente.pratiche.submit(esempio("DomandaConciliazione"))
    sportello_sandbox.faults("delay:1.5")
    with pytest.raises(DeadlineExceeded):
        utente.with_options(deadline=0.3, timeout=10).pratiche.get(pratica.numero)


@pytest.mark.anyio
async def test_async_503_and_drop_open_one_case_each(sportello_sandbox: Sandbox) -> None:
    """The async client retries a 503 and a dropped answer, opening exactly two cases."""
    async with sportello_sandbox.async_client() as client:
        await client.auth.register(esempio("RegistrazioneSportello"))
        await client.auth.activate(sportello_sandbox.activation_code("mario.rossi"))
        await client.auth.login("mario.rossi", ESEMPIO_PASSWORD)
        sportello_sandbox.faults("503")
        first = await client.pratiche.submit(esempio("DomandaConciliazione"))
        sportello_sandbox.faults("drop")
        second = await client.pratiche.submit(esempio("DomandaConciliazione"))
        numeri = [p.numero async for p in client.pratiche.list()]
    assert sorted(numeri) == sorted([first.numero, second.numero])


@pytest.mark.anyio
async def test_async_slow_server_hits_the_deadline(sportello_sandbox: Sandbox) -> None:
    """The async client raises DeadlineExceeded on a server slower than its deadline."""
    with sportello_sandbox.client() as sync:
        _login(sportello_sandbox, sync)
        token = sync.token()
    async with AsyncClient(base_url=sportello_sandbox.url, token=token, deadline=0.3) as client:
        sportello_sandbox.faults("delay:1.5")
        with pytest.raises(DeadlineExceeded):
            await client.auth.me()


def test_idempotency_key_given_by_the_caller(sportello_sandbox: Sandbox, utente: Client) -> None:
    """Two submissions with the same caller-chosen key return the same case."""
    first = utente.pratiche.submit(esempio("DomandaConciliazione"), idempotency_key="domanda-1")
    again = utente.pratiche.submit(esempio("DomandaConciliazione"), idempotency_key="domanda-1")
    assert again.numero == first.numero
    assert len(list(utente.pratiche.list())) == 1


def test_client_fixture_talks_to_the_sandbox(
    sportello_client: Client, sportello_sandbox: Sandbox
) -> None:
    """The sportello_client fixture is a ready, anonymous client of the sandbox."""
    assert not sportello_client.authenticated
    _login(sportello_sandbox, sportello_client)
    assert sportello_client.auth.me().username == "mario.rossi"

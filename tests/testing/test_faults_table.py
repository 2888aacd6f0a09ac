"""The faults table of docs/testing.md, one test per row, with sportello's own client."""

import pytest

from sportello.client import BadRequest, RateLimited, ServerError, TransportError
from sportello.testing import Sandbox
from sportello.testing.strategies import esempio

FAST = {"backoff_base": 0.01, "backoff_max": 0.02}


def _numeri(client) -> list[str]:
    return [p.numero for p in client.pratiche.list()]


def test_503_with_retry_after_0_is_retried_at_once(sportello_sandbox: Sandbox) -> None:
    """503 with Retry-After: 0 on a GET: the client retries and succeeds; the fault is used up."""
    with sportello_sandbox.registered_client(**FAST) as client:
        sportello_sandbox.fault(503, retry_after=0, path="/v1/auth/me", count=2)
        assert client.auth.me().username == "mario.rossi"
    assert sportello_sandbox.pending_faults() == []


def test_503_beyond_the_retries_raises_server_error(sportello_sandbox: Sandbox) -> None:
    """More 503s than retries: ServerError with the server's api.unavailable violation."""
    with sportello_sandbox.registered_client(max_retries=1, **FAST) as client:
        sportello_sandbox.fault(503, retry_after=0, count=5)
        with pytest.raises(ServerError) as caught:
            client.auth.me()
    assert caught.value.codes == ("api.unavailable",)
    assert sportello_sandbox.pending_faults()[0]["count"] == 3


def test_429_without_retries_raises_rate_limited_with_its_retry_after(
    sportello_sandbox: Sandbox,
) -> None:
    """429 with a chosen Retry-After and no retries left: RateLimited carrying that value."""
    with sportello_sandbox.registered_client(max_retries=0) as client:
        sportello_sandbox.fault(429, retry_after=7)
        with pytest.raises(RateLimited) as caught:
            client.auth.me()
    assert caught.value.retry_after == 7.0


def test_status_aimed_at_post_spares_other_requests(sportello_sandbox: Sandbox) -> None:
    """A 500 aimed at POST /v1/pratiche/* leaves GETs alone; the keyed POST is retried once."""
    with sportello_sandbox.registered_client(**FAST) as client:
        sportello_sandbox.fault(500, method="POST", path="/v1/pratiche/*")
        assert client.auth.me().username == "mario.rossi"
        assert sportello_sandbox.pending_faults()[0]["status"] == 500
        pratica = client.pratiche.submit(esempio("RichiestaSmartHelp"))
        assert _numeri(client) == [pratica.numero]


def test_4xx_is_not_retried(sportello_sandbox: Sandbox) -> None:
    """An injected 400 is final: BadRequest at once, the second queued one still waiting."""
    with sportello_sandbox.registered_client(**FAST) as client:
        sportello_sandbox.fault(400, count=2)
        with pytest.raises(BadRequest) as caught:
            client.auth.me()
    assert caught.value.codes == ("api.injected_fault",)
    assert sportello_sandbox.pending_faults()[0]["count"] == 1


def test_latency_then_normal_answer(sportello_sandbox: Sandbox) -> None:
    """Latency delays the answer, which then arrives normally."""
    with sportello_sandbox.registered_client(**FAST) as client:
        sportello_sandbox.fault("latency", latency=0.05)
        assert client.auth.me().username == "mario.rossi"


def test_latency_past_the_timeout_raises_transport_error(sportello_sandbox: Sandbox) -> None:
    """Latency far beyond the client's timeout, retries off: TransportError (a read timeout)."""
    with sportello_sandbox.registered_client(max_retries=0, timeout=0.2) as client:
        sportello_sandbox.fault("latency", latency=5)
        with pytest.raises(TransportError):
            client.auth.me()


def test_drop_after_commit_is_replayed_once(sportello_sandbox: Sandbox) -> None:
    """A lost answer after the commit: the keyed retry gets the stored answer, one case."""
    with sportello_sandbox.registered_client(**FAST) as client:
        sportello_sandbox.fault("drop", method="POST")
        pratica = client.pratiche.submit(esempio("RichiestaSmartHelp"))
        assert _numeri(client) == [pratica.numero]


def test_reset_before_the_request_runs_is_retried(sportello_sandbox: Sandbox) -> None:
    """A TCP RST before anything runs: the keyed POST is retried and opens one case."""
    with sportello_sandbox.registered_client(**FAST) as client:
        sportello_sandbox.fault("reset", method="POST")
        pratica = client.pratiche.submit(esempio("RichiestaSmartHelp"))
        assert _numeri(client) == [pratica.numero]


def test_reset_after_commit_is_replayed_once(sportello_sandbox: Sandbox) -> None:
    """A TCP RST after the commit: the retry with the same key replays, still one case."""
    with sportello_sandbox.registered_client(**FAST) as client:
        sportello_sandbox.fault("reset", method="POST", after_commit=True)
        pratica = client.pratiche.submit(esempio("RichiestaSmartHelp"))
        assert _numeri(client) == [pratica.numero]


def test_reset_without_retries_raises_transport_error(sportello_sandbox: Sandbox) -> None:
    """A TCP RST with retries off: TransportError, never an httpx exception."""
    with sportello_sandbox.registered_client(max_retries=0) as client:
        sportello_sandbox.fault("reset")
        with pytest.raises(TransportError):
            client.auth.me()

"""Fault injection over a real socket: statuses, delays, dropped answers after the commit."""

import httpx
import pytest

from sportello.sandbox import SandboxServer

from .conftest import conforms, example


def test_queued_503_then_normal(client: httpx.Client, utente: dict[str, str]) -> None:
    """A queued 503 answers the next request only, with Retry-After; the one after is normal."""
    queued = client.post("/_sandbox/faults", json={"queue": ["503"]})
    conforms(queued, "post", "/_sandbox/faults")
    first = client.get("/v1/pratiche", headers=utente)
    conforms(first, "get", "/v1/pratiche")
    assert (first.status_code, first.headers["retry-after"]) == (503, "1")
    assert first.json()["violations"][0]["code"] == "api.unavailable"
    assert client.get("/v1/pratiche", headers=utente).status_code == 200


def test_sandbox_controls_are_never_faulted(client: httpx.Client) -> None:
    """The /_sandbox controls and /openapi.json bypass the queue."""
    client.post("/_sandbox/faults", json={"queue": ["500"]})
    assert client.get("/_sandbox/outbox").status_code == 200
    assert client.get("/openapi.json").status_code == 200
    assert client.get("/v1/nulla").status_code == 500


def test_malformed_fault_is_refused(client: httpx.Client) -> None:
    """An unknown fault is a 422 naming its position in the queue."""
    answer = client.post("/_sandbox/faults", json={"queue": ["503", "boom"]})
    conforms(answer, "post", "/_sandbox/faults")
    assert answer.status_code == 422
    assert answer.json()["violations"][0]["path"] == "queue[1]"


def test_drop_commits_then_breaks_the_connection(
    client: httpx.Client, utente: dict[str, str]
) -> None:
    """A dropped answer: the client sees a protocol error, the case exists, the retry replays it."""
    client.post("/_sandbox/faults", json={"queue": ["drop"]})
    headers = {**utente, "Idempotency-Key": "perso-1"}
    doc = example("richiesta_informazioni")
    with pytest.raises(httpx.RemoteProtocolError):
        client.post("/v1/pratiche/informazioni", json=doc, headers=headers)
    retry = client.post("/v1/pratiche/informazioni", json=doc, headers=headers)
    assert retry.status_code == 201
    assert retry.headers["idempotency-replayed"] == "true"
    items = client.get("/v1/pratiche", headers=utente).json()["items"]
    assert [p["numero"] for p in items] == [retry.json()["numero"]]


def test_delay_then_answer(server: SandboxServer) -> None:
    """A delay longer than the client's timeout makes it time out; the next call is normal.

    Only the delayed call has the short timeout (the server sleeps five times longer, so it
    times out however busy the machine): the others get a generous one, so that a busy machine
    cannot make them time out.
    """
    with httpx.Client(base_url=server.url, timeout=30) as client:
        client.post("/_sandbox/faults", json={"queue": ["delay:1"]})
        with pytest.raises(httpx.ReadTimeout):
            client.get("/v1/pratiche", timeout=0.2)
        assert client.get("/v1/pratiche").status_code == 401

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


def test_reset_sends_a_tcp_rst(server: SandboxServer) -> None:
    """The reset fault closes the connection with an RST: the peer's read fails with ECONNRESET."""
    import socket

    with httpx.Client(base_url=server.url) as controls:
        controls.post("/_sandbox/faults", json={"queue": [{"kind": "reset"}]})
    with socket.create_connection((server.host, server.port), timeout=5) as sock:
        sock.sendall(b"GET /v1/auth/me HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        with pytest.raises(ConnectionResetError):  # noqa: PT012 - the RST may follow an empty read
            sock.recv(1024)
            sock.recv(1024)


def test_retry_after_is_chosen_and_0_is_allowed(client: httpx.Client) -> None:
    """retry_after 0 sends Retry-After: 0; null sends none; 503 without it keeps 1."""
    queue = [
        {"kind": "status", "status": 503, "retry_after": 0},
        {"kind": "status", "status": 429, "retry_after": None},
        {"kind": "status", "status": 503},
    ]
    answer = client.post("/_sandbox/faults", json={"queue": queue})
    conforms(answer, "post", "/_sandbox/faults")
    first, second, third = (client.get("/v1/pratiche") for _ in range(3))
    assert first.headers["retry-after"] == "0"
    assert first.json()["violations"][0]["params"]["retry_after"] == 0
    assert "retry-after" not in second.headers
    assert second.json()["violations"][0]["code"] == "api.injected_fault"
    assert third.headers["retry-after"] == "1"


def test_a_fault_hits_its_path_and_method_count_times(client: httpx.Client) -> None:
    """A fault aimed at GET /v1/pratiche* skips other requests and hits exactly count of them."""
    fault = {"kind": "status", "status": 502, "path": "/v1/pratiche*", "method": "GET"}
    client.post("/_sandbox/faults", json={"queue": [{**fault, "count": 2}]})
    assert client.get("/v1/auth/me").status_code == 401
    assert client.post("/v1/pratiche/smart-help", json={}).status_code == 401
    pending = client.get("/_sandbox/faults")
    conforms(pending, "get", "/_sandbox/faults")
    assert pending.json()["queue"][0]["count"] == 2
    assert [client.get("/v1/pratiche").status_code for _ in range(3)] == [502, 502, 401]
    assert client.get("/_sandbox/faults").json() == {"queue": []}


def test_structured_faults_are_validated_field_by_field(client: httpx.Client) -> None:
    """Each wrong field of a fault object is named at queue[i].<field>; nothing is queued."""
    queue = [
        "503",
        {"kind": "status", "status": 302, "count": 0},
        {"kind": "drop", "retry_after": 1, "after_commit": True, "colore": "rosso"},
        {"kind": "latency"},
        {"kind": "boom"},
        {"kind": "reset", "path": "v1", "method": "BREW", "latency": 61},
    ]
    answer = client.post("/_sandbox/faults", json={"queue": queue})
    conforms(answer, "post", "/_sandbox/faults")
    assert answer.status_code == 422
    assert [v["path"] for v in answer.json()["violations"]] == [
        "queue[1].status",
        "queue[1].count",
        "queue[2].colore",
        "queue[2].retry_after",
        "queue[2].after_commit",
        "queue[3].latency",
        "queue[4].kind",
        "queue[5].latency",
        "queue[5].path",
        "queue[5].method",
    ]
    assert client.get("/_sandbox/faults").json() == {"queue": []}


def test_limits_of_a_fault_object_are_exact(client: httpx.Client) -> None:
    """Bounds hold on both sides: count 1 and 1000, latency 0 and 60, retry_after 0 and 3600."""
    ok = [
        {"kind": "status", "status": 400, "count": 1000, "retry_after": 3600},
        {"kind": "status", "status": 599, "count": 1, "retry_after": 0},
        {"kind": "latency", "latency": 60},
        {"kind": "latency", "latency": 0, "path": "*"},
    ]
    assert client.post("/_sandbox/faults", json={"queue": ok}).status_code == 204
    bad = [
        {"kind": "status", "status": 399},
        {"kind": "status", "status": 600},
        {"kind": "status", "status": 500, "count": 1001},
        {"kind": "status", "status": 500, "retry_after": 3601},
        {"kind": "status", "status": 500, "retry_after": -1},
        {"kind": "latency", "latency": 60.01},
        {"kind": "latency", "latency": -0.1},
    ]
    for item in bad:
        assert client.post("/_sandbox/faults", json={"queue": [item]}).status_code == 422, item
    client.post("/_sandbox/faults", json={"queue": []})

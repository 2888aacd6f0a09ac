"""The server process: read timeouts over raw sockets, the Host check, one sandbox per data."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from sportello import SportelloError
from sportello.sandbox import DataInUseError, SandboxServer, Settings

from .conftest import login, open_case

#: A socket that the server should close within a fraction of a second gets this long: the
#: margin for a machine many times busier than a laptop. Only a hang guard, never a measure.
PATIENCE = 60.0
QUICK = 0.5


@pytest.fixture
def quick(tmp_path: Path) -> Iterator[SandboxServer]:
    """A sandbox whose header and body timeouts are half a second."""
    settings = Settings.for_tests(header_timeout=QUICK, body_timeout=QUICK)
    with SandboxServer(db_path=tmp_path / "q.sqlite3", settings=settings) as running:
        yield running


def _connect(server: SandboxServer) -> socket.socket:
    sock = socket.create_connection((server.host, server.port), timeout=PATIENCE)
    sock.settimeout(PATIENCE)
    return sock


def _until_closed(sock: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection (TimeoutError if it never)."""
    got = b""
    while chunk := sock.recv(65536):
        got += chunk
    return got


def _problem(raw: bytes) -> tuple[int, dict[str, object]]:
    head, _, body = raw.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    return status, json.loads(body)


def test_half_a_request_line_is_closed_with_408(quick: SandboxServer) -> None:
    """Half a request, then silence: the server answers 408 and closes (was: open forever)."""
    with _connect(quick) as sock:
        sock.sendall(b"GET /openapi.json HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        got = _until_closed(sock)
    status, problem = _problem(got)
    assert status == 408
    assert problem["violations"][0]["code"] == "api.request_timeout"  # type: ignore[index]


def test_a_connection_that_sends_nothing_is_closed(quick: SandboxServer) -> None:
    """A connection that never sends a byte is closed after the header timeout, silently."""
    with _connect(quick) as sock:
        assert _until_closed(sock) == b""


def test_a_trickled_header_does_not_extend_the_deadline(quick: SandboxServer) -> None:
    """Slowloris: a header byte every 50 ms never completes; the deadline is not extended."""
    request = b"GET /openapi.json HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: " + b"a" * 100_000
    closed = False
    with _connect(quick) as sock:
        for byte in request:  # at most 100,000 x 50 ms: the loop ends when the server closes
            try:
                sock.sendall(bytes([byte]))
            except OSError:  # reset or broken pipe: closed by the server
                closed = True
                break
            time.sleep(0.05)
            sock.setblocking(False)
            try:
                sock.recv(65536)  # the 408, or b"" at EOF: either way the server gave up
            except BlockingIOError:  # nothing yet: the connection is still open
                continue
            except OSError:
                pass
            finally:
                sock.setblocking(True)
            closed = True
            break
    assert closed


def test_a_stalled_json_body_is_408(quick: SandboxServer) -> None:
    """Headers whole, then 10 of 1,000 body bytes and silence: 408 and the connection closed."""
    with _connect(quick) as sock:
        sock.sendall(
            b"POST /v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
            b'{"usernam'
        )
        got = _until_closed(sock)
    status, problem = _problem(got)
    assert status == 408
    assert problem["violations"][0]["code"] == "api.request_timeout"  # type: ignore[index]
    assert b"connection: close" in got.lower()


def test_a_stalled_upload_is_408_and_leaves_nothing(quick: SandboxServer) -> None:
    """An upload whose body stops mid-way: 408, the partial file deleted, nothing listed."""
    with httpx.Client(base_url=quick.url, timeout=PATIENCE) as http:
        headers = login(http)
        numero = open_case(http, headers)["numero"]
    with _connect(quick) as sock:
        sock.sendall(
            f"POST /v1/pratiche/{numero}/allegati?nome=a.pdf HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            f"Authorization: {headers['Authorization']}\r\n"
            "Content-Type: application/octet-stream\r\nContent-Length: 100000\r\n\r\n"
            "%PDF-1.4\n".encode()
        )
        got = _until_closed(sock)
    assert _problem(got)[0] == 408
    with httpx.Client(base_url=quick.url, timeout=PATIENCE) as http:
        listed = http.get(f"/v1/pratiche/{numero}/allegati", headers=headers).json()
    assert listed["items"] == []
    assert list(quick.sandbox.tmp_dir.iterdir()) == []


def test_the_rest_of_an_unread_body_cannot_trickle_forever(quick: SandboxServer) -> None:
    """After an early 401, a body trickled 1 byte per 50 ms is cut off by the body timeout."""
    with _connect(quick) as sock:
        sock.sendall(
            b"POST /v1/pratiche/SPCEN000000000001/allegati?nome=a.pdf HTTP/1.1\r\n"
            b"Host: 127.0.0.1\r\nContent-Type: application/octet-stream\r\n"
            b"Content-Length: 10000000\r\n\r\n%PDF"
        )
        first = sock.recv(65536)
        assert first.startswith(b"HTTP/1.1 401"), first
        closed = False
        for _ in range(1200):  # 1,200 x 50 ms: far beyond the half-second bound
            try:
                sock.sendall(b"0")
            except OSError:
                closed = True
                break
            time.sleep(0.05)
    assert closed


def test_keep_alive_connections_still_serve_many_requests(quick: SandboxServer) -> None:
    """The deadlines apply per request: one connection serves requests one after the other."""
    with httpx.Client(base_url=quick.url, timeout=PATIENCE) as http:
        for _ in range(3):
            assert http.get("/openapi.json").status_code == 200
            time.sleep(QUICK / 2)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[SandboxServer]:
    """A sandbox that also answers to the name sandbox.test."""
    settings = Settings.for_tests(allowed_hosts=("Sandbox.Test",))
    with SandboxServer(db_path=tmp_path / "h.sqlite3", settings=settings) as running:
        yield running


@pytest.mark.parametrize(
    "host",
    ["127.0.0.1", "localhost", "LOCALHOST.", "127.0.0.2", "[::1]", "sandbox.test"],
)
def test_loopback_names_and_allowed_hosts_are_answered(server: SandboxServer, host: str) -> None:
    """localhost, loopback addresses (with or without the port) and allowed hosts get in."""
    with httpx.Client(base_url=server.url, timeout=PATIENCE) as http:
        for value in (host, f"{host}:{server.port}"):
            answer = http.get("/openapi.json", headers={"Host": value})
            assert answer.status_code == 200, (value, answer.text)


@pytest.mark.parametrize(
    "host",
    ["rebind.example", "rebind.example:80", "10.0.0.1", "0.0.0.0", "localhost.evil", ""],  # noqa: S104
)
def test_a_forged_host_is_421(server: SandboxServer, host: str) -> None:
    """DNS rebinding: any other Host (or none) is 421 api.host_not_allowed; nothing runs."""
    with httpx.Client(base_url=server.url, timeout=PATIENCE) as http:
        answer = http.post("/_sandbox/faults", json={"queue": ["503"]}, headers={"Host": host})
        assert answer.status_code == 421, answer.text
        assert answer.headers["content-type"] == "application/problem+json"
        assert answer.headers["x-request-id"]
        (violation,) = answer.json()["violations"]
        assert violation["code"] == "api.host_not_allowed"
        assert http.get("/openapi.json").status_code == 200  # the fault was never queued


def test_a_request_without_host_is_421(server: SandboxServer) -> None:
    """An HTTP/1.0 request without Host names no allowed host: 421."""
    with _connect(server) as sock:
        sock.sendall(b"GET /openapi.json HTTP/1.0\r\n\r\n")
        got = _until_closed(sock)
    assert _problem(got)[0] == 421


def test_the_bound_address_is_allowed(tmp_path: Path) -> None:
    """A SandboxServer answers to the address it binds, even one not on loopback by name."""
    settings = Settings.for_tests()
    with SandboxServer(db_path=tmp_path / "b.sqlite3", settings=settings, host="127.0.0.1") as s:
        assert "127.0.0.1" in s.sandbox.settings.allowed_hosts


def test_a_second_sandbox_on_the_same_database_refuses_to_start(tmp_path: Path) -> None:
    """The second sandbox raises DataInUseError (a SportelloError) and touches nothing."""
    db = tmp_path / "s.sqlite3"
    with SandboxServer(db_path=db, settings=Settings.for_tests()) as first:
        in_flight = first.sandbox.tmp_dir / "upload-inflight.part"
        in_flight.write_bytes(b"%PDF-1.4 half way")
        unlisted = first.sandbox.files_dir / "0123456789abcdef01234567"
        unlisted.write_bytes(b"renamed, commit under way")
        second = SandboxServer(db_path=db, settings=Settings.for_tests())
        with pytest.raises(SportelloError) as caught:
            second.start()
        assert isinstance(caught.value, DataInUseError)
        assert caught.value.violation.code == "api.sandbox_in_use"
        assert str(db) in str(caught.value)
        assert "Another sandbox is already using" in caught.value.message("en")
        assert in_flight.read_bytes() == b"%PDF-1.4 half way"
        assert unlisted.exists()
        with httpx.Client(base_url=first.url, timeout=PATIENCE) as http:
            assert http.get("/openapi.json").status_code == 200
    with SandboxServer(db_path=db, settings=Settings.for_tests()) as again:  # freed by stop()
        assert not in_flight.exists()
        assert again.sandbox.files_dir.is_dir()


def test_a_second_sandbox_on_the_same_data_directory_refuses_to_start(tmp_path: Path) -> None:
    """Another database but the same data directory is refused too (its sweep would delete)."""
    data = tmp_path / "files"
    with SandboxServer(
        db_path=tmp_path / "a.sqlite3", data_dir=data, settings=Settings.for_tests()
    ):
        other = SandboxServer(
            db_path=tmp_path / "b.sqlite3", data_dir=data, settings=Settings.for_tests()
        )
        with pytest.raises(DataInUseError) as caught:
            other.start()
        assert caught.value.path == data / ".lock"
        assert not (tmp_path / "b.sqlite3").exists()


def test_the_command_refuses_a_second_sandbox_with_exit_2(tmp_path: Path) -> None:
    """`sportello sandbox` on a database in use: exit 2, the Italian message, no traceback."""
    db = tmp_path / "s.sqlite3"
    with SandboxServer(db_path=db, settings=Settings.for_tests()):
        done = subprocess.run(
            [sys.executable, "-m", "sportello", "sandbox", "--port", "0", "--db", str(db)],
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith(f"sportello: Un altro sandbox sta già usando {db}.lock")

"""Issue 13: the idempotency store keeps no secret, expires its answers and sweeps them."""

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from sportello.sandbox import SandboxServer, Settings
from sportello.sandbox._idempotency import Reply, fingerprint

from .conftest import PASSWORD, Clock, login

KEY = {"Idempotency-Key": "k-1"}
RECOVERY = ("/v1/auth/recupero-username", {"email": "mrossi85@example.it"})


@pytest.fixture
def clock() -> Clock:
    """The sandbox's clock."""
    return Clock()


@pytest.fixture
def server(tmp_path: Path, clock: Clock) -> Iterator[SandboxServer]:
    """A sandbox on ``clock`` (idempotency answers kept 24 hours, the default)."""
    settings = Settings.for_tests(clock=clock)
    with SandboxServer(db_path=tmp_path / "s.sqlite3", settings=settings) as running:
        yield running


@pytest.fixture
def client(server: SandboxServer) -> Iterator[httpx.Client]:
    """An HTTP client of ``server``."""
    with httpx.Client(base_url=server.url, timeout=30) as c:
        yield c


def _rows(server: SandboxServer) -> int:
    with sqlite3.connect(server.db_path) as db:
        count: int = db.execute("SELECT COUNT(*) FROM idempotency").fetchone()[0]
    return count


def test_an_answer_is_replayed_until_it_expires(
    client: httpx.Client, server: SandboxServer, clock: Clock
) -> None:
    """A repeat replays for 24 hours less a second; at 24 hours the key is a new key."""
    path, body = RECOVERY
    assert client.post(path, json=body, headers=KEY).status_code == 202
    clock.advance(hours=24, seconds=-1)
    again = client.post(path, json=body, headers=KEY)
    assert again.headers.get("idempotency-replayed") == "true"
    clock.advance(seconds=1)
    fresh = client.post(path, json=body, headers=KEY)
    assert fresh.status_code == 202
    assert "idempotency-replayed" not in fresh.headers
    assert client.post(path, json=body, headers=KEY).headers["idempotency-replayed"] == "true"


def test_expired_answers_are_swept(
    client: httpx.Client, server: SandboxServer, clock: Clock
) -> None:
    """Rows past their 24 hours are deleted by the next write (their tokens never stored)."""
    path, body = RECOVERY
    for n in range(3):
        assert client.post(path, json=body, headers={"Idempotency-Key": f"s-{n}"}).is_success
    assert _rows(server) == 3
    clock.advance(hours=24)
    client.post(path, json={"email": "altro@example.it"})
    assert _rows(server) == 0


def test_a_sweep_runs_at_most_once_a_minute(tmp_path: Path, clock: Clock) -> None:
    """After a sweep, the next one waits 60 s of the clock: at 59 s an expired row stays."""
    settings = Settings.for_tests(clock=clock, idempotency_ttl=dt.timedelta(seconds=10))
    path, body = RECOVERY
    with (
        SandboxServer(db_path=tmp_path / "s.sqlite3", settings=settings) as server,
        httpx.Client(base_url=server.url) as client,
    ):
        clock.advance(seconds=60)
        assert client.post(path, json=body, headers=KEY).is_success  # sweeps, then stores
        clock.advance(seconds=59)
        client.post(path, json=body)
        assert _rows(server) == 1  # expired 49 s ago, but the last sweep was 59 s ago
        clock.advance(seconds=1)
        client.post(path, json=body)
        assert _rows(server) == 0


def test_login_answers_are_markers_without_the_token(
    client: httpx.Client, server: SandboxServer
) -> None:
    """A login stores its status only; a password change's 204 is stored and replayed."""
    headers = login(client)
    answer = client.post(
        "/v1/auth/login", json={"username": "mrossi85", "password": PASSWORD}, headers=KEY
    )
    token = answer.json()["access_token"]
    with sqlite3.connect(server.db_path) as db:
        row = db.execute("SELECT status, headers, body FROM idempotency WHERE key = 'k-1'")
        assert row.fetchone() == (200, "{}", None)
    raw = b"".join(p.read_bytes() for p in server.db_path.parent.glob("s.sqlite3*"))
    assert token.encode() not in raw
    change = {
        "username": "mrossi85",
        "password_attuale": PASSWORD,
        "nuova_password": "Conguaglio#2027",
        "conferma_password": "Conguaglio#2027",
    }
    key = {**headers, "Idempotency-Key": "cambio-1"}
    assert client.post("/v1/auth/password", json=change, headers=key).status_code == 204
    # The current password has changed since: the repeat is answered from the store, unverified.
    again = client.post("/v1/auth/password", json=change, headers=key)
    assert (again.status_code, again.headers["idempotency-replayed"]) == (204, "true")


def test_the_key_survives_a_restart_and_settings_can_bring_their_own(tmp_path: Path) -> None:
    """The meta table's key outlives a restart (a retry replays); Settings.secret_key wins."""
    db = tmp_path / "s.sqlite3"
    path, body = RECOVERY
    with SandboxServer(db_path=db, settings=Settings.for_tests()) as first:
        assert httpx.post(first.url + path, json=body, headers=KEY).status_code == 202
    with SandboxServer(db_path=db, settings=Settings.for_tests()) as second:
        again = httpx.post(second.url + path, json=body, headers=KEY)
        assert again.headers.get("idempotency-replayed") == "true"
    own = Settings.for_tests(secret_key=b"k" * 32)
    assert "secret_key" not in repr(own)
    with SandboxServer(db_path=db, settings=own) as third:
        other = httpx.post(third.url + path, json=body, headers=KEY)
        assert other.status_code == 409  # another key: the stored fingerprint does not match
    assert fingerprint(b"k" * 32, "POST", path, "", b"{}") != fingerprint(
        b"j" * 32, "POST", path, "", b"{}"
    )


def test_an_old_store_of_answers_in_clear_is_dropped_at_start(tmp_path: Path) -> None:
    """A database of the old layout (answers in clear, no expiry) loses that table at start."""
    db = tmp_path / "old.sqlite3"
    with sqlite3.connect(db) as old:
        old.execute(
            "CREATE TABLE idempotency (scope TEXT, key TEXT, fingerprint TEXT, status INTEGER,"
            " headers TEXT, body BLOB, created_at TEXT, PRIMARY KEY (scope, key))"
        )
        old.execute(
            "INSERT INTO idempotency VALUES ('anon', 'k', 'f', 200, '{}',"
            " '{\"access_token\": \"segreto-in-chiaro\"}', '2026-01-01')"
        )
    with SandboxServer(db_path=db, settings=Settings.for_tests()):
        pass
    with sqlite3.connect(db) as new:
        columns = {r[1] for r in new.execute("PRAGMA table_info(idempotency)")}
        assert "expires_at" in columns
        assert new.execute("SELECT COUNT(*) FROM idempotency").fetchone()[0] == 0
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("old.sqlite3*"))
    assert b"segreto-in-chiaro" not in raw  # secure_delete: the old page is zeroed too


def test_a_secret_reply_hides_its_body_in_the_repr() -> None:
    """A Reply's repr never shows its body (it may hold a token before it is sent)."""
    answer = Reply(200, b'{"access_token": "abc"}', secret=True)
    assert "abc" not in repr(answer)

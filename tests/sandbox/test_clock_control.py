"""The sandbox clock: frozen and advanced by tests, read by every rule, sweeps on each move."""

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from sportello.sandbox import SandboxServer, Settings
from sportello.sandbox._clock import SandboxClock

from .conftest import conforms, login

START = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)


def test_clock_follows_its_source_shifted_by_advances() -> None:
    """Unfrozen, the clock is the source plus every advance; frozen, it stands still."""
    source = [START]
    clock = SandboxClock(lambda: source[0])
    clock.advance(dt.timedelta(days=1))
    source[0] += dt.timedelta(minutes=5)
    assert clock() == START + dt.timedelta(days=1, minutes=5)
    clock.freeze()
    source[0] += dt.timedelta(hours=3)
    assert clock() == START + dt.timedelta(days=1, minutes=5)
    assert clock.frozen


def test_unfreeze_runs_on_from_the_frozen_time() -> None:
    """After unfreeze the clock goes on from where it stood, not from the source's time."""
    source = [START]
    clock = SandboxClock(lambda: source[0])
    clock.freeze(START + dt.timedelta(days=10))
    source[0] += dt.timedelta(hours=1)
    assert clock.unfreeze() == START + dt.timedelta(days=10)
    source[0] += dt.timedelta(minutes=1)
    assert clock() == START + dt.timedelta(days=10, minutes=1)
    assert not clock.frozen
    clock.reset()
    assert clock() == source[0]


def test_clock_refuses_backward_moves_and_naive_moments() -> None:
    """advance() never goes back; freeze() needs a timezone-aware moment."""
    clock = SandboxClock(lambda: START)
    with pytest.raises(ValueError, match="forward"):
        clock.advance(dt.timedelta(seconds=-1))
    with pytest.raises(ValueError, match="timezone"):
        clock.freeze(dt.datetime(2026, 1, 1))
    assert clock.advance(dt.timedelta(0)) == START


@pytest.fixture
def running(tmp_path: Path) -> Iterator[SandboxServer]:
    """A sandbox whose clock starts from START."""
    with SandboxServer(
        db_path=tmp_path / "s.sqlite3", settings=Settings.for_tests(clock=lambda: START)
    ) as server:
        yield server


@pytest.fixture
def http(running: SandboxServer) -> Iterator[httpx.Client]:
    """A plain HTTP client of ``running``."""
    with httpx.Client(base_url=running.url) as client:
        yield client


def test_clock_control_freezes_and_advances(http: httpx.Client) -> None:
    """POST /_sandbox/clock freezes at a moment and advances it; GET shows the time."""
    answer = http.post("/_sandbox/clock", json={"freeze": "2026-05-04T10:00:00+02:00"})
    conforms(answer, "POST", "/_sandbox/clock")
    assert answer.json() == {"now": "2026-05-04T08:00:00+00:00", "frozen": True, "swept": 0}
    answer = http.post("/_sandbox/clock", json={"advance": {"days": 8, "hours": 1.5}})
    assert answer.json()["now"] == "2026-05-12T09:30:00+00:00"
    shown = http.get("/_sandbox/clock")
    conforms(shown, "GET", "/_sandbox/clock")
    assert shown.json()["now"] == "2026-05-12T09:30:00+00:00"
    assert http.post("/_sandbox/clock", json={"unfreeze": True}).json()["frozen"] is False


@pytest.mark.parametrize(
    ("body", "path"),
    [
        ({"freeze": "2026-05-04T10:00:00"}, "freeze"),
        ({"freeze": "ieri"}, "freeze"),
        ({"freeze": 3}, "freeze"),
        ({"advance": {"days": -1}}, "advance"),
        ({"advance": {"weeks": 1}}, "advance"),
        ({"advance": {}}, "advance"),
        ({"advance": {"days": True}}, "advance"),
        ({"unfreeze": "yes"}, "unfreeze"),
    ],
)
def test_clock_control_refuses_bad_changes(http: httpx.Client, body: object, path: str) -> None:
    """Naive or malformed moments, negative or unknown units: 422 naming the field."""
    answer = http.post("/_sandbox/clock", json=body)
    assert answer.status_code == 422, answer.text
    assert [v["path"] for v in answer.json()["violations"]] == [path]


def test_clock_control_refuses_unknown_keys(http: httpx.Client) -> None:
    """A body with another key is refused whole: nothing moves."""
    answer = http.post("/_sandbox/clock", json={"advance": {"days": 1}, "rewind": True})
    assert answer.status_code == 422
    assert http.get("/_sandbox/clock").json()["now"] == START.isoformat()


def test_advancing_the_clock_expires_tokens(http: httpx.Client) -> None:
    """Token expiry follows the sandbox clock: one hour later the token is refused."""
    headers = login(http)
    assert http.get("/v1/auth/me", headers=headers).status_code == 200
    http.post("/_sandbox/clock", json={"advance": {"minutes": 59}})
    assert http.get("/v1/auth/me", headers=headers).status_code == 200
    http.post("/_sandbox/clock", json={"advance": {"minutes": 1}})
    assert http.get("/v1/auth/me", headers=headers).status_code == 401


def test_moving_the_clock_runs_the_sweeps(running: SandboxServer, http: httpx.Client) -> None:
    """A registered sweep runs with the new time, in a transaction, each time the clock moves."""
    seen: list[dt.datetime] = []

    def sweep(db: sqlite3.Connection, now: dt.datetime) -> int:
        db.execute("INSERT INTO meta VALUES ('swept', ?)", (now.isoformat(),))
        seen.append(now)
        return 1

    running.sandbox.sweeps.append(sweep)
    answer = http.post("/_sandbox/clock", json={"freeze": True, "advance": {"days": 40}})
    assert answer.json()["swept"] == 1
    assert seen == [START + dt.timedelta(days=40)]
    with running.sandbox.store.read() as db:
        assert db.execute("SELECT value FROM meta WHERE key = 'swept'").fetchone()[0] == (
            seen[0].isoformat()
        )

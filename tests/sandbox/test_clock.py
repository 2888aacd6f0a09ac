"""Time-driven behaviour with a controlled clock: RD-5 acquisition on read, lockout growth."""

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from sportello.sandbox import SandboxServer, Settings

from .conftest import PASSWORD, cliente_login, login


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        """The current (fake) time."""
        return self.now

    def advance(self, **delta: float) -> None:
        """Move the clock forward."""
        self.now += dt.timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    """A clock at 25/11/2026 09:00 UTC."""
    return Clock()


@pytest.fixture
def timed(tmp_path: Path, clock: Clock) -> Iterator[httpx.Client]:
    """A client of a sandbox that runs on ``clock``."""
    settings = Settings.for_tests(clock=clock)
    with (
        SandboxServer(db_path=tmp_path / "t.sqlite3", settings=settings, seed_demo=True) as server,
        httpx.Client(base_url=server.url) as client,
    ):
        yield client


def test_rd5_pending_readings_acquired_on_read_every_30_minutes(
    timed: httpx.Client, clock: Clock
) -> None:
    """RD-5: a reading stays "da acquisire" for under 30 minutes, then a read acquires it."""
    headers = cliente_login(timed)
    base = "/v1/area-clienti/punti-fornitura/PR002873/autoletture"
    assert timed.get(base, headers=headers).status_code == 200  # starts the acquisition clock
    saved = timed.post(
        base, json={"data": "2026-11-25", "lettura_contatore": 1200}, headers=headers
    )
    assert saved.status_code == 201, saved.text
    clock.advance(minutes=29)
    assert timed.get(base, headers=headers).json()["items"][0]["stato"] == "da_acquisire"
    clock.advance(minutes=1)
    item = timed.get(base, headers=headers).json()["items"][0]
    assert item["stato"] == "acquisita"
    assert dt.datetime.fromisoformat(item["acquisita_il"]) == clock()  # acquired by this read


def test_lockout_grows_and_ends(timed: httpx.Client, clock: Clock) -> None:
    """Throttling: 30 s after the 5th failure, 60 s after the 6th; the right password then works."""
    login(timed)
    bad = {"username": "mrossi85", "password": "Sbagliata#1"}
    good = {"username": "mrossi85", "password": PASSWORD}
    for _ in range(5):
        timed.post("/v1/auth/login", json=bad)
    assert timed.post("/v1/auth/login", json=good).headers["retry-after"] == "30"
    clock.advance(seconds=30)
    assert timed.post("/v1/auth/login", json=bad).status_code == 401
    assert timed.post("/v1/auth/login", json=good).headers["retry-after"] == "60"
    clock.advance(seconds=60)
    assert timed.post("/v1/auth/login", json=good).status_code == 200
    assert timed.post("/v1/auth/login", json=bad).status_code == 401


def test_tokens_expire(timed: httpx.Client, clock: Clock) -> None:
    """A token is refused once its hour is over."""
    headers = login(timed)
    clock.advance(minutes=59)
    assert timed.get("/v1/auth/me", headers=headers).status_code == 200
    clock.advance(minutes=1)
    assert timed.get("/v1/auth/me", headers=headers).status_code == 401

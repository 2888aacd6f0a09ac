"""Issue 13: enumeration by timing. The request path does the same work for every name.

A recovery used to insert a reset code and an e-mail, and so commit and fsync, only for an
existing account: its answer took measurably longer. Now every recovery and registration
only counts itself and queues one job (``mail_jobs``); the mailer looks the account up after
the answer. The check is on the work itself, not on a clock: with delivery held back
(``Settings(deliver_mail=False)``), a request for a known and for an unknown account must add
exactly the same rows to the same tables. The timings are then recorded as figures only.
"""

from __future__ import annotations

import sqlite3
import statistics
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from sportello.sandbox import SandboxServer, Settings

from .conftest import activate, demo_customer_token, record, registrazione

TIMED = 30


class Desk:
    """A demo sandbox with ``anna.verdi`` active and customer 000002 registered."""

    def __init__(self, server: SandboxServer) -> None:
        self.server = server
        self.http = httpx.Client(base_url=server.url, timeout=60)
        answer = self.http.post("/v1/auth/registrazione", json=registrazione("anna.verdi"))
        assert answer.status_code == 202, answer.text
        activate(self.http, "anna.verdi")
        demo_customer_token(self.http)

    def rows(self) -> dict[str, int]:
        """The row count of every table, read through a second connection (WAL)."""
        with sqlite3.connect(self.server.db_path) as db:
            tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
            return {t: db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}  # noqa: S608

    def added_by(self, path: str, body: dict[str, Any]) -> dict[str, int]:
        """The rows one request adds, per table (only the tables that changed)."""
        before = self.rows()
        answer = self.http.post(path, json=body)
        assert answer.status_code == 202, answer.text
        after = self.rows()
        return {t: after[t] - before.get(t, 0) for t in after if after[t] != before.get(t, 0)}


def _desk(tmp_path: Path, **settings: Any) -> Iterator[Desk]:
    with SandboxServer(
        db_path=tmp_path / "s.sqlite3", settings=Settings.for_tests(**settings), seed_demo=True
    ) as server:
        desk = Desk(server)
        try:
            yield desk
        finally:
            desk.http.close()


@pytest.fixture
def held(tmp_path: Path) -> Iterator[Desk]:
    """A desk whose e-mail jobs wait in the queue until the outbox is read."""
    yield from _desk(tmp_path, deliver_mail=False)


PAIRS = [
    ("/v1/auth/recupero-password", {"username": "anna.verdi"}, {"username": "nessuno.qui"}),
    (
        "/v1/auth/recupero-username",
        {"email": "anna.verdi@example.it"},
        {"email": "nessuno@example.it"},
    ),
    (
        "/v1/area-clienti/recupero-password",
        {"codice_cliente": "000002"},
        {"codice_cliente": "999999"},
    ),
]


@pytest.mark.parametrize(("path", "known", "unknown"), PAIRS, ids=[p[0] for p in PAIRS])
def test_recovery_request_path_is_the_same_for_any_account(
    held: Desk, path: str, known: dict[str, str], unknown: dict[str, str]
) -> None:
    """AU-4, UP-3: a known and an unknown account's recovery add the same rows; mail follows."""
    expected = {"mail_jobs": 1, "request_limits": 1}
    assert held.added_by(path, known) == expected
    assert held.added_by(path, unknown) == expected
    sent = len(held.http.get("/_sandbox/outbox").json()["items"])  # delivers the queue
    assert held.rows()["mail_jobs"] == 0
    assert sent == held.rows()["outbox"]
    record("Enumeration", f"`{path}`: known and unknown account add the same rows ({expected})")


def test_registration_request_path_is_the_same_for_free_and_taken_names(held: Desk) -> None:
    """AU-1: a free and a taken username's registration add the same rows to the same tables."""
    expected = {"mail_jobs": 1, "request_limits": 1}
    taken = {**registrazione("anna.verdi"), "email": "altro@example.it"}
    assert held.added_by("/v1/auth/registrazione", taken) == expected
    assert held.added_by("/v1/auth/registrazione", registrazione("nuovo.utente")) == expected
    mails = held.http.get("/_sandbox/outbox").json()["items"]
    assert [m["oggetto"] for m in mails[-2:]] == [
        "Registrazione non completata",
        "Attiva il tuo account",
    ]
    record(
        "Enumeration",
        f"`/v1/auth/registrazione`: a taken and a free username add the same rows ({expected})",
    )


@pytest.fixture
def timed(tmp_path: Path) -> Iterator[Desk]:
    """A desk as served by default (delivery after each answer), with no recovery limit."""
    yield from _desk(tmp_path, recovery_max=10 * TIMED)


def _median_ms(http: httpx.Client, path: str, body: dict[str, str]) -> float:
    times = []
    for _ in range(TIMED):
        started = time.perf_counter()
        assert http.post(path, json=body).status_code == 202
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def test_recovery_timings_are_recorded(timed: Desk) -> None:
    """Figures only: the median answer time of known and unknown recoveries, interleaved."""
    lines = []
    for path, known, unknown in PAIRS:
        medians = {"known": [], "unknown": []}
        for _ in range(3):  # interleaved, so that a busy moment hits both alike
            medians["known"].append(_median_ms(timed.http, path, known))
            medians["unknown"].append(_median_ms(timed.http, path, unknown))
        k, u = min(medians["known"]), min(medians["unknown"])
        lines.append(f"`{path}`: known {k:.2f} ms, unknown {u:.2f} ms (ratio {k / u:.2f})")
    for line in lines:
        record("Enumeration timing", line)
    record(
        "Enumeration timing",
        f"medians of {TIMED} answers, best of 3 interleaved rounds, on the machine of the run: "
        "what must hold is the same work (the tests above), not a number",
    )

"""The mailer's queue and the hash gate, on a real store and real threads (issue 13)."""

import datetime as dt
import logging
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from sportello.rules.password import ScryptHasher
from sportello.sandbox import ProblemError, Settings
from sportello.sandbox._accounts import save_password
from sportello.sandbox._auth import issue_reset_code, redeem_reset_code
from sportello.sandbox._hashing import HashGate
from sportello.sandbox._idempotency import Reply, lookup, remember
from sportello.sandbox._mailer import Apply, Mailer
from sportello.sandbox._store import Store


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """A fresh SQLite store."""
    return Store(tmp_path / "s.sqlite3")


def test_jobs_run_once_in_order_and_a_failing_one_is_dropped(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    """Each job is applied once, oldest first; a handler that fails is logged and dropped."""
    done: list[str] = []
    mailer = Mailer(store)

    def prepare(payload: dict[str, Any]) -> Apply:
        if payload["n"] == "rotto":
            raise RuntimeError("a bug in a handler")
        return lambda _db: done.append(payload["n"])

    mailer.handler("prova", prepare)
    with store.transaction() as db:
        for n in ("uno", "rotto", "due"):
            Mailer.enqueue(db, "prova", n=n)
    with caplog.at_level(logging.ERROR, logger="sportello.sandbox"):
        assert mailer.deliver() == 2
    assert done == ["uno", "due"]
    assert mailer.deliver() == 0
    assert "rotto" not in caplog.text  # the payload is never logged
    assert "failed and was dropped" in caplog.text
    with store.read() as db:
        assert db.execute("SELECT COUNT(*) FROM mail_jobs").fetchone()[0] == 0


def test_a_job_whose_effect_fails_leaves_no_half_write(store: Store) -> None:
    """An effect that fails midway is rolled back with the job's deletion, then dropped."""
    mailer = Mailer(store)

    def apply(db: sqlite3.Connection) -> None:
        db.execute("INSERT INTO meta (key, value) VALUES ('mezzo', 'scritto')")
        raise sqlite3.IntegrityError("boom")

    mailer.handler("prova", lambda _payload: apply)
    with store.transaction() as db:
        Mailer.enqueue(db, "prova")
    assert mailer.deliver() == 0
    with store.read() as db:
        assert db.execute("SELECT value FROM meta WHERE key = 'mezzo'").fetchone() is None


class Slow:
    """A cheap hasher that records how many of its calls run at once."""

    def __init__(self) -> None:
        self.inner = ScryptHasher.low_cost()
        self.lock = threading.Lock()
        self.running = self.peak = 0

    def _around(self) -> None:
        with self.lock:
            self.running += 1
            self.peak = max(self.peak, self.running)
        time.sleep(0.02)
        with self.lock:
            self.running -= 1

    def hash(self, password: str) -> str:
        """Count, then hash."""
        self._around()
        return self.inner.hash(password)

    def verify(self, password: str, encoded: str) -> bool:
        """Count, then verify."""
        self._around()
        return self.inner.verify(password, encoded)


def test_hash_gate_bounds_threads_that_hash_directly() -> None:
    """The gate's semaphore holds even for hashing outside its async path (2 of 16 threads)."""
    slow = Slow()
    gate = HashGate(slow, slots=2)
    threads = [threading.Thread(target=gate.hash, args=("Bollette-2026",)) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert slow.peak == 2
    assert repr(gate) == "HashGate(slots=2)"


def test_settings_refuse_a_gate_without_slots() -> None:
    """hash_concurrency is at least 1 (0 would deadlock every login)."""
    with pytest.raises(ValueError, match="hash_concurrency"):
        Settings(hash_concurrency=0)


def test_a_stale_password_history_is_a_conflict(store: Store) -> None:
    """PW-4: a new history is stored only over the one it was checked against (else 409)."""
    with store.transaction() as db:
        db.execute(
            "INSERT INTO clienti (id, codice_cliente, denominazione, indirizzo, password_hash,"
            " history) VALUES (1, '000002', 'X', 'Y', 'h1', '[\"h1\"]')"
        )
        row = db.execute("SELECT * FROM clienti WHERE id = 1").fetchone()
        save_password(db, "clienti", row, ["h1", "h2"])
        with pytest.raises(ProblemError) as caught:
            save_password(db, "clienti", row, ["h1", "h3"])  # the history is now [h1, h2]
    assert caught.value.status == 409
    assert caught.value.violations[0].code == "auth.password_changed_meanwhile"


def test_reset_codes_are_one_use_and_expire(store: Store) -> None:
    """A reset code redeems once, not after its hour, and a newer code voids it."""
    clock = [1_800_000_000.0]
    settings = Settings.for_tests(clock=lambda: dt.datetime.fromtimestamp(clock[0], dt.UTC))
    with store.transaction() as db:
        first = issue_reset_code(db, settings, 7)
        second = issue_reset_code(db, settings, 7)
        assert redeem_reset_code(db, settings, first) is None  # voided by the newer one
        assert redeem_reset_code(db, settings, second) == 7
        assert redeem_reset_code(db, settings, second) is None  # used
        late = issue_reset_code(db, settings, 7)
        clock[0] += 3600
        assert redeem_reset_code(db, settings, late) is None  # expired at exactly one hour


def test_error_answers_are_not_remembered(store: Store) -> None:
    """Only a 2xx answer is stored; a repeat of a 4xx is evaluated again."""
    with store.transaction() as db:
        remember(db, "anon", "k", "f", Reply(404, b"{}"), expires_at=2e9)
        assert lookup(db, "anon", "k", "f", now=1e9) is None
        remember(db, "anon", "k", "f", Reply(201, b"{}"), expires_at=2e9)
        assert lookup(db, "anon", "k", "f", now=1e9) == Reply(201, b"{}")

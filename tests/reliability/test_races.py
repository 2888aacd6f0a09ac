"""Issue 13: password guessing and hashing under real concurrency, over loopback.

An attacker's script sends its guesses at once, not one after the other. The sandbox's rule
(docs/sandbox.md, "Login throttling") must hold whatever the concurrency: the attempt is
counted before the password is verified, in one transaction, so of 40 wrong guesses in flight
only 5 are ever verified and the 5th failure locks the name, in both realms. And every hash
goes through a gate of ``Settings.hash_concurrency`` slots, so 80 anonymous logins at once
never run more than 4 scrypt computations together (512 MiB at the default cost, not 10 GiB).

The hasher here counts its calls and how many run at once; each call also sleeps a little
(50 ms) so that the requests really overlap (a window, not a measured duration: nothing here
asserts a time).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from sportello.rules.password import ScryptHasher
from sportello.sandbox import SandboxServer, Settings

from .conftest import PASSWORD, activate, demo_customer_token, record, registrazione

WRONG = "Sbagliata#2026"
GUESSES = 40
ANONYMOUS = 80


class CountingHasher:
    """A cheap scrypt hasher that counts verifications and the most calls running at once."""

    def __init__(self, pause: float = 0.05) -> None:
        self._inner = ScryptHasher.low_cost()
        self._pause = pause
        self._lock = threading.Lock()
        self.running = 0
        self.peak = 0
        self.verified = 0

    def _enter(self) -> None:
        with self._lock:
            self.running += 1
            self.peak = max(self.peak, self.running)

    def _leave(self) -> None:
        with self._lock:
            self.running -= 1

    def reset(self) -> None:
        """Forget the counts (the calls of the setup)."""
        with self._lock:
            self.peak = self.verified = 0

    def hash(self, password: str) -> str:
        """The inner hash, counted."""
        self._enter()
        try:
            time.sleep(self._pause)
            return self._inner.hash(password)
        finally:
            self._leave()

    def verify(self, password: str, encoded: str) -> bool:
        """The inner verification, counted."""
        self._enter()
        try:
            with self._lock:
                self.verified += 1
            time.sleep(self._pause)
            return self._inner.verify(password, encoded)
        finally:
            self._leave()


class Target:
    """A demo sandbox on the counting hasher, with ``anna.verdi`` and customer 000002 ready."""

    def __init__(self, server: SandboxServer, hasher: CountingHasher) -> None:
        self.server = server
        self.hasher = hasher
        with httpx.Client(base_url=server.url, timeout=60) as http:
            answer = http.post("/v1/auth/registrazione", json=registrazione("anna.verdi"))
            assert answer.status_code == 202, answer.text
            activate(http, "anna.verdi")
            demo_customer_token(http)
            mails = http.get("/_sandbox/outbox").json()["items"]
            self.customer_password: str = mails[-1]["dati"]["password"]

    def at_once(self, bodies: list[tuple[str, dict[str, str]]]) -> list[int]:
        """POST every ``(path, body)`` from its own thread and connection, released together."""
        barrier = threading.Barrier(len(bodies))
        statuses: list[int] = [0] * len(bodies)

        def send(index: int, path: str, body: dict[str, str]) -> None:
            with httpx.Client(base_url=self.server.url, timeout=120) as http:
                barrier.wait()
                statuses[index] = http.post(path, json=body).status_code

        threads = [
            threading.Thread(target=send, args=(i, path, body))
            for i, (path, body) in enumerate(bodies)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return statuses


@pytest.fixture
def target(tmp_path: Path) -> Iterator[Target]:
    """A demo sandbox whose hasher counts (hash_concurrency 4, the default)."""
    hasher = CountingHasher()
    with SandboxServer(
        db_path=tmp_path / "s.sqlite3",
        settings=Settings.for_tests(hasher=hasher),
        seed_demo=True,
    ) as server:
        built = Target(server, hasher)
        hasher.reset()
        yield built


REALMS: dict[str, tuple[str, Callable[[str], dict[str, str]]]] = {
    "sportello": (
        "/v1/auth/login",
        lambda password: {"username": "anna.verdi", "password": password},
    ),
    "clienti": (
        "/v1/area-clienti/login",
        lambda password: {"codice_cliente": "000002", "password": password},
    ),
}


@pytest.mark.parametrize("realm", sorted(REALMS))
def test_parallel_guesses_lock_at_the_fifth_failure(target: Target, realm: str) -> None:
    """AU-4, UP-3: 40 wrong guesses at once: 5 verified (401), 35 refused (429); then 429."""
    path, body = REALMS[realm]
    statuses = target.at_once([(path, body(WRONG))] * GUESSES)
    counts = {status: statuses.count(status) for status in set(statuses)}
    assert counts == {401: 5, 429: GUESSES - 5}
    assert target.hasher.verified == 5
    right = body(PASSWORD if realm == "sportello" else target.customer_password)
    with httpx.Client(base_url=target.server.url, timeout=60) as http:
        locked = http.post(path, json=right)
    assert locked.status_code == 429
    assert locked.json()["violations"][0]["code"] == "auth.too_many_attempts"
    record(
        "Throttling",
        f"{realm}: {GUESSES} wrong guesses at once -> {counts[401]} verified (401), "
        f"{counts[429]} refused unverified (429); then the right password: 429",
    )


def test_anonymous_logins_at_once_hash_within_the_bound(target: Target) -> None:
    """Issue 13: 80 logins of unknown names at once never run more than 4 hashes together."""
    bodies = [
        ("/v1/auth/login", {"username": f"ospite{i:02d}", "password": WRONG})
        for i in range(ANONYMOUS)
    ]
    statuses = target.at_once(bodies)
    assert statuses == [401] * ANONYMOUS
    assert target.hasher.verified == ANONYMOUS  # each one verified (a dummy hash): no shortcut
    slots = Settings().hash_concurrency
    assert 1 < target.hasher.peak <= slots
    peak_mib = slots * ScryptHasher().memory // 2**20
    assert peak_mib <= 512
    record(
        "Hashing bound",
        f"{ANONYMOUS} anonymous logins at once: at most {target.hasher.peak} hashes running "
        f"together (bound `hash_concurrency` = {slots}); at the default cost "
        f"(scrypt n = 2^17, r = 8: {ScryptHasher().memory // 2**20} MiB each) that is at most "
        f"{peak_mib} MiB (before the gate: 40 at once, the threadpool's size, "
        f"{40 * ScryptHasher().memory // 2**20:,} MiB)",
    )

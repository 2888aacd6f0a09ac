"""Login throttling with its unlock rule, and answers that never reveal whether an account exists.

The sandbox's rule (docs/sandbox.md, "Login throttling"): failures are counted per realm and
login name, existing or not; the 5th failure locks the name for 30 s, each further failure
doubles the lock up to 15 minutes; while locked every attempt is 429 with ``Retry-After``.
The lock ends by itself; a successful login or a password reset clears the count.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from sportello.sandbox import SandboxServer, Settings

from .conftest import PASSWORD, activate, mail_to, record, registrazione

WRONG = "Sbagliata#2026"


class Clock:
    """A settable UTC clock shared with the sandbox's settings."""

    def __init__(self) -> None:
        self._now = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)
        self._lock = threading.Lock()

    def __call__(self) -> dt.datetime:
        """The current fake time."""
        with self._lock:
            return self._now

    def advance(self, seconds: float) -> None:
        """Move the clock forward."""
        with self._lock:
            self._now += dt.timedelta(seconds=seconds)


@pytest.fixture
def clock() -> Clock:
    """The sandbox's clock, moved by the test."""
    return Clock()


@pytest.fixture
def http(tmp_path: Path, clock: Clock) -> Iterator[httpx.Client]:
    """An HTTP client of a demo sandbox running on ``clock``, with ``anna.verdi`` registered."""
    with (
        SandboxServer(
            db_path=tmp_path / "s.sqlite3",
            settings=Settings.for_tests(clock=clock),
            seed_demo=True,
        ) as server,
        httpx.Client(base_url=server.url, timeout=30) as client,
    ):
        answer = client.post("/v1/auth/registrazione", json=registrazione("anna.verdi"))
        assert answer.status_code == 202, answer.text
        activate(client, "anna.verdi")
        yield client


def _login(http: httpx.Client, username: str, password: str) -> httpx.Response:
    return http.post("/v1/auth/login", json={"username": username, "password": password})


def _strip(answer: httpx.Response) -> tuple[int, Any]:
    """Status and body without the request id (which differs on every answer)."""
    body = answer.json() if answer.content else None
    if isinstance(body, dict):
        body.pop("request_id", None)
    return answer.status_code, body


@pytest.mark.parametrize("username", ["anna.verdi", "nessuno.qui"])
def test_fifth_failure_locks_even_the_right_password(
    http: httpx.Client, clock: Clock, username: str
) -> None:
    """AU-4: after 5 failures, known name or not, every attempt is 429 with Retry-After."""
    statuses = [_login(http, username, WRONG).status_code for _ in range(5)]
    assert statuses == [401] * 5
    locked = _login(http, username, PASSWORD)
    assert locked.status_code == 429
    assert locked.headers["Retry-After"] == "30"
    assert locked.json()["violations"][0]["code"] == "auth.too_many_attempts"
    clock.advance(29)
    assert _login(http, username, PASSWORD).status_code == 429
    record("Throttling", f"`{username}`: 5 failures -> 401 x5, then 429 `Retry-After: 30`")


def test_lock_doubles_up_to_the_maximum_and_ends_by_itself(
    http: httpx.Client, clock: Clock
) -> None:
    """Each failure after the 5th doubles the lock (30, 60, 120 ... 900 s); it then ends alone."""
    for _ in range(5):
        _login(http, "anna.verdi", WRONG)
    waits = []
    for _ in range(7):
        locked = _login(http, "anna.verdi", PASSWORD)
        assert locked.status_code == 429
        waits.append(int(locked.headers["Retry-After"]))
        clock.advance(waits[-1])
        # The lock has ended: this failure counts and locks again, for twice as long.
        assert _login(http, "anna.verdi", WRONG).status_code == 401
    clock.advance(900)
    assert waits == [30, 60, 120, 240, 480, 900, 900]
    assert _login(http, "anna.verdi", PASSWORD).status_code == 200
    record("Throttling", f"lock lengths after each further failure: {waits} s; then login 200")


def test_successful_login_after_the_lock_clears_the_count(http: httpx.Client, clock: Clock) -> None:
    """The unlock rule: a successful login after the lock resets the count to zero."""
    for _ in range(5):
        _login(http, "anna.verdi", WRONG)
    clock.advance(30)
    assert _login(http, "anna.verdi", PASSWORD).status_code == 200
    statuses = [_login(http, "anna.verdi", WRONG).status_code for _ in range(4)]
    assert statuses == [401] * 4
    assert _login(http, "anna.verdi", PASSWORD).status_code == 200


def test_password_reset_clears_the_lock(http: httpx.Client) -> None:
    """The unlock rule: a password reset with the e-mailed code ends the lock at once."""
    for _ in range(5):
        _login(http, "anna.verdi", WRONG)
    assert _login(http, "anna.verdi", PASSWORD).status_code == 429
    assert http.post("/v1/auth/recupero-password", json={"username": "anna.verdi"}).is_success
    token = mail_to(http, "anna.verdi@example.it", "Hai dimenticato la password?")["dati"]["token"]
    reset = http.post(
        "/v1/auth/reimposta-password", json={"token": token, "nuova_password": "Libeccio$2028"}
    )
    assert reset.status_code == 204, reset.text
    assert _login(http, "anna.verdi", "Libeccio$2028").status_code == 200


def test_customer_area_login_is_throttled_too(http: httpx.Client) -> None:
    """UP-3: the customer area counts failures per customer code, existing or not."""
    for code in ("000002", "999999"):
        body = {"codice_cliente": code, "password": WRONG}
        statuses = [http.post("/v1/area-clienti/login", json=body).status_code for _ in range(6)]
        assert statuses == [401] * 5 + [429], code


def test_recovery_answers_do_not_reveal_accounts(http: httpx.Client) -> None:
    """AU-4, UP-3: recoveries answer the same for a known and an unknown account."""
    pairs = [
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
    for path, known, unknown in pairs:
        a, b = _strip(http.post(path, json=known)), _strip(http.post(path, json=unknown))
        assert a == b, (path, a, b)
        assert a[0] == 202
    record(
        "Enumeration",
        f"{len(pairs)} recovery endpoints: known and unknown accounts both 202, same body",
    )


def test_customer_registration_does_not_reveal_the_code(http: httpx.Client) -> None:
    """UP-1: a real customer code with a wrong fiscal code answers as a code that does not exist."""
    base = {"codice_fiscale": "RSSMRA85T10A562S", "email": "x@example.it"}
    real = _strip(
        http.post("/v1/area-clienti/registrazione", json={**base, "codice_cliente": "000002"})
    )
    none = _strip(
        http.post("/v1/area-clienti/registrazione", json={**base, "codice_cliente": "999999"})
    )
    assert real == none
    assert real[0] in (404, 409, 422)
    record(
        "Enumeration",
        f"customer registration, real vs unknown code with a wrong CF: both {real[0]}, same body",
    )


def test_login_failure_does_not_reveal_the_account(http: httpx.Client) -> None:
    """AU-4: a wrong password and an unknown username get the same 401."""
    assert _strip(_login(http, "anna.verdi", WRONG)) == _strip(_login(http, "nessuno.qui", WRONG))


def test_consumer_registration_does_not_reveal_a_taken_username(http: httpx.Client) -> None:
    """Issue 7, 13: taken and free usernames get the same 202, and then the same failed login.

    The probe of issue 13 (register a name with a chosen password, then log in with it) is
    closed by activation by e-mail: a free name is only pending until the code in its e-mail
    is used, so its login fails exactly like the taken one's.
    """
    chosen = PASSWORD + "x"
    taken = _strip(
        http.post(
            "/v1/auth/registrazione",
            json={**registrazione("anna.verdi", password=chosen), "email": "s@example.it"},
        )
    )
    free = _strip(
        http.post("/v1/auth/registrazione", json=registrazione("nuovo.utente", password=chosen))
    )
    assert taken == free
    assert taken[0] == 202
    probes = [_strip(_login(http, name, chosen)) for name in ("anna.verdi", "nuovo.utente")]
    assert probes[0] == probes[1]
    assert probes[0][0] == 401
    assert _login(http, "anna.verdi", PASSWORD).status_code == 200  # the owner is unharmed
    mails = http.get("/_sandbox/outbox").json()["items"]
    told = {
        m["a"]: m["oggetto"] for m in mails if m["a"] in ("s@example.it", "nuovo.utente@example.it")
    }
    assert told == {
        "s@example.it": "Registrazione non completata",
        "nuovo.utente@example.it": "Attiva il tuo account",
    }
    record(
        "Enumeration",
        f"consumer registration, taken vs free username: both {taken[0]}, same body; then a "
        f"login with the chosen password: both {probes[0][0]}, same body (the free one waits "
        "for its activation code); only the given address is told which it was",
    )

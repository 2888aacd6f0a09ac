"""Passwords, tokens and codici fiscali never reach logs, reprs or exception texts; the
idempotency store keeps no secret at rest (issue 13).
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
from collections.abc import Iterator

import attrs
import pytest

from sportello import ValidationError, forms
from sportello.client import ApiError, Client
from sportello.testing._forms import ESEMPIO_PASSWORD, esempio

from .conftest import Running, bearer, new_consumer, record

CF_CONSUMER = "RSSMRA85T10A562S"  # the example consumer Mario Rossi
CF_DELEGATE = "VRDNNA90D45F205F"  # the delegate of the conciliation example
PIVA_CUSTOMER = "00743110157"  # the demo customer 000002
NEW_PASSWORD = "Girasole#2027"
WRONG_PASSWORD = "Sbagliata#2026"
USER = "luca.ferrari"
LOGGERS = ("", "sportello", "sportello.client", "httpx", "httpcore", "uvicorn", "uvicorn.error")


class Capture(logging.Handler):
    """Every record, formatted with its arguments and any exception text."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        """Keep the formatted record."""
        self.lines.append(self.format(record))


@pytest.fixture
def captured() -> Iterator[Capture]:
    """A DEBUG handler on the root and on every library logger (uvicorn's do not propagate)."""
    handler = Capture()
    loggers = [logging.getLogger(name) for name in LOGGERS]
    saved = [(lg.level, lg.propagate) for lg in loggers]
    for lg in loggers:
        lg.addHandler(handler)
        lg.setLevel(logging.DEBUG)
        lg.propagate = lg.name == "root"
    try:
        yield handler
    finally:
        for lg, (level, propagate) in zip(loggers, saved, strict=True):
            lg.removeHandler(handler)
            lg.setLevel(level)
            lg.propagate = propagate


def _leaks(text: str, secrets: list[str]) -> list[str]:
    return [s for s in secrets if s and s in text]


def _session(running: Running, client: Client, seen: list[object]) -> list[str]:
    """A full consumer + customer session; returns the secrets that went over the wire."""
    secrets = [ESEMPIO_PASSWORD, NEW_PASSWORD, WRONG_PASSWORD, CF_CONSUMER, CF_DELEGATE]
    seen.append(client.auth.register(esempio("RegistrazioneSportello", username=USER)))
    activation = running.controls.activation_code(USER)
    secrets.append(activation)
    client.auth.activate(activation)
    token = client.auth.login(USER, ESEMPIO_PASSWORD)
    secrets.append(token.access_token)
    seen.extend([token, client, client.auth.me()])
    pratica = client.pratiche.submit(esempio("DomandaConciliazione"))
    seen.extend([pratica, client.pratiche.get(pratica.numero), list(client.pratiche.list())])
    try:
        client.auth.change_password(
            esempio("CambioPassword", username=USER, password_attuale=WRONG_PASSWORD)
        )
    except ApiError as exc:
        seen.append(exc)
    client.auth.change_password(esempio("CambioPassword", username=USER))
    with client.with_options(max_retries=0) as other:
        try:
            other.auth.login(USER, WRONG_PASSWORD)
        except ApiError as exc:
            seen.append(exc)
        try:
            other.auth.login("nessuno.qui", ESEMPIO_PASSWORD)
        except ApiError as exc:
            seen.append(exc)
    client.auth.recover_password(USER)
    reset = running.controls.mail_to("mario.rossi@example.it", "Hai dimenticato la password?")[
        "dati"
    ]["token"]
    secrets.append(reset)
    client.auth.reset_password(reset, "Libeccio$2028")
    secrets.append("Libeccio$2028")
    riepilogo = client.area_clienti.register(
        forms.load(
            forms.RegistrazioneAreaClienti,
            {"codice_cliente": "000002", "codice_fiscale": PIVA_CUSTOMER, "email": "p@example.it"},
        )
    )
    seen.append(riepilogo)
    first = running.controls.mail_to("p@example.it", "Credenziali di accesso al portale clienti")[
        "dati"
    ]["password"]
    secrets.append(first)
    customer = client.area_clienti.login("000002", first)
    secrets.append(customer.access_token)
    seen.extend([customer, client.area_clienti.anagrafica(), client.area_clienti.contratti()])
    try:
        forms.load(forms.RegistrazioneSportello, {**esempio_doc(), "password": "corta"})
    except ValidationError as exc:
        seen.append(exc)
        secrets.append("corta")
    seen.append(esempio("RegistrazioneSportello"))
    seen.append(esempio("DomandaConciliazione"))
    seen.append(esempio("CambioPassword"))
    try:
        client.auth.logout()  # the reset revoked the consumer's token: 401
    except ApiError as exc:
        seen.append(exc)
    return secrets


def esempio_doc() -> dict[str, object]:
    """The example registration as a JSON document."""
    from sportello.testing._forms import ESEMPI

    return dict(ESEMPI["RegistrazioneSportello"])


def test_no_secret_in_logs_reprs_or_errors(running: Running, captured: Capture) -> None:
    """A whole session at DEBUG: no password, token, CF or P.IVA in any log line, repr or error."""
    seen: list[object] = []
    with running.client() as client:
        secrets = _session(running, client, seen)
    secrets.append(PIVA_CUSTOMER)
    secrets.append(_fingerprint_key(running))
    seen.append(running.server.sandbox)
    seen.append(running.server.sandbox.settings)
    log_text = "\n".join(captured.lines)
    assert captured.lines, "the session logged nothing: the capture is broken"
    assert _leaks(log_text, secrets) == []
    texts: list[str] = []
    for obj in seen:
        texts.append(repr(obj))
        if isinstance(obj, BaseException):
            texts.append(str(obj))
            texts.extend(str(a) for a in obj.args)
    assert sum(isinstance(o, BaseException) for o in seen) >= 4
    for text in texts:
        assert _leaks(text, secrets) == [], text
    record(
        "Secrets",
        f"{len(captured.lines)} log records at DEBUG (root, sportello, httpx, httpcore, uvicorn), "
        f"{len(texts)} reprs and exception texts checked for {len(secrets)} secrets: 0 found",
    )


def test_form_reprs_hide_every_secret_field() -> None:
    """Every form field named for a password or a fiscal code is hidden from the form's repr."""
    hidden = ("password", "codice_fiscale", "partita_iva", "token")
    shown = [
        f"{cls.__name__}.{field.name}"
        for cls in forms.FORMS.values()
        if attrs.has(cls)
        for field in attrs.fields(cls)
        if any(word in field.name for word in hidden) and field.repr is not False
    ]
    assert shown == []


def _fingerprint_key(running: Running) -> str:
    """The sandbox's idempotency key as kept in its ``meta`` table (hex)."""
    with sqlite3.connect(running.server.db_path) as db:
        row = db.execute("SELECT value FROM meta WHERE key = 'idempotency_secret'").fetchone()
    key: str = row[0]
    return key


def _old_fingerprint(method: str, path: str, body: bytes) -> str:
    """The fingerprint the sandbox stored before issue 13: plain SHA-256, no key."""
    digest = hashlib.sha256()
    for part in (method.encode(), path.encode(), b""):
        digest.update(part + b"\0")
    digest.update(body)
    return digest.hexdigest()


def test_idempotency_store_holds_no_secret(running: Running) -> None:
    """Issue 13: after a whole session, no stored answer holds a token; fingerprints are keyed."""
    seen: list[object] = []
    with running.client() as client:
        secrets = _session(running, client, seen)
    login = json.dumps({"username": USER, "password": "Libeccio$2028"}).encode()
    answer = running.http.post(
        "/v1/auth/login",
        content=login,
        headers={"Content-Type": "application/json", "Idempotency-Key": "raw-login"},
    )
    assert answer.status_code == 200, answer.text
    secrets.append(answer.json()["access_token"])
    raw = b"".join(p.read_bytes() for p in running.server.db_path.parent.glob("s.sqlite3*"))
    with sqlite3.connect(running.server.db_path) as db:
        rows = db.execute("SELECT scope, fingerprint, status, body FROM idempotency").fetchall()
    assert len(rows) >= 8, "the session stored no answers: the check is empty"
    bodies = [bytes(r[3]).decode() for r in rows if r[3] is not None]
    markers = [r for r in rows if r[3] is None]
    assert not any("access_token" in body for body in bodies)
    assert len(markers) >= 3  # the logins: a status, no body (a repeat logs in again)
    assert _old_fingerprint("POST", "/v1/auth/login", login) not in {r[1] for r in rows}
    tokens = [s for s in secrets if len(s) >= 40 and s.isascii() and " " not in s]
    assert tokens, "no bearer token went over the wire: the check is empty"
    assert [t for t in tokens if t.encode() in raw] == []
    credentials = [s for s in secrets if s not in (CF_CONSUMER, CF_DELEGATE)]  # cases hold CFs
    assert [b for b in bodies if _leaks(b, credentials)] == []
    record(
        "Secrets",
        f"idempotency store after the session: {len(rows)} rows, {len(markers)} login markers "
        f"without body, 0 of {len(tokens)} bearer tokens in the database files; fingerprints "
        "are HMAC-SHA256 under the server's key (the plain SHA-256 of the login is absent)",
    )


def test_repeated_login_logs_in_again(running: Running) -> None:
    """Issue 13: a login's answer is never replayed: its repeat gets a new token, not the old."""
    new_consumer(running.http, "anna.verdi")
    body = {"username": "anna.verdi", "password": ESEMPIO_PASSWORD}
    key = {"Idempotency-Key": "login-1"}
    first = running.http.post("/v1/auth/login", json=body, headers=key)
    again = running.http.post("/v1/auth/login", json=body, headers=key)
    assert (first.status_code, again.status_code) == (200, 200)
    assert first.json()["access_token"] != again.json()["access_token"]
    assert "idempotency-replayed" not in again.headers
    for answer in (first, again):
        token = answer.json()["access_token"]
        me = running.http.get("/v1/auth/me", headers=bearer(token))
        assert me.status_code == 200
    other = running.http.post(
        "/v1/auth/login", json={**body, "password": "Sbagliata#2026"}, headers=key
    )
    assert other.status_code == 401  # the password is verified first: a wrong one is 401
    reused = running.http.post(
        "/v1/auth/login", json={**body, "username": "Anna.Verdi"}, headers=key
    )
    assert reused.status_code == 409
    assert reused.json()["violations"][0]["code"] == "api.idempotency_key_reused"

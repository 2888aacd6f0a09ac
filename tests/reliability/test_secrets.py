"""Passwords, tokens and codici fiscali never reach logs, reprs or exception texts."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import attrs
import pytest

from sportello import ValidationError, forms
from sportello.client import ApiError, Client
from sportello.testing._forms import ESEMPIO_PASSWORD, esempio

from .conftest import Running, record

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

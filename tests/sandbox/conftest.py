"""Fixtures of the sandbox tests: a real server over a real SQLite file, ready accounts."""

import copy
import datetime as dt
import json
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from sportello.sandbox import SandboxServer, Settings

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
PASSWORD = "Bollette!2026"
OPENAPI = json.loads(
    (Path(__file__).resolve().parents[2] / "src" / "sportello" / "openapi.json").read_text(
        encoding="utf-8"
    )
)


class Clock:
    """A settable UTC clock for a sandbox's ``Settings(clock=...)`` (25/11/2026 09:00 at first)."""

    def __init__(self) -> None:
        self._now = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)
        self._lock = threading.Lock()

    def __call__(self) -> dt.datetime:
        """The current (fake) time."""
        with self._lock:
            return self._now

    def advance(self, **delta: float) -> None:
        """Move the clock forward (``hours=24``, ``seconds=-1``, ...)."""
        with self._lock:
            self._now += dt.timedelta(**delta)


def example(name: str) -> dict[str, Any]:
    """A fresh copy of ``docs/examples/<name>.json``."""
    return copy.deepcopy(json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8")))


def registrazione(username: str = "mrossi85", email: str = "") -> dict[str, Any]:
    """A valid RegistrazioneSportello document."""
    return {
        **example("registrazione_sportello"),
        "username": username,
        "email": email or f"{username}@example.it",
    }


def activation_code(client: httpx.Client, username: str) -> str:
    """The code of the newest activation e-mail for ``username`` (the outbox delivers first)."""
    mails = client.get("/_sandbox/outbox").json()["items"]
    codes = [
        m["dati"]["codice"]
        for m in mails
        if "codice" in m["dati"] and m["dati"]["username"] == username.casefold()
    ]
    assert codes, f"no activation e-mail for {username}"
    code: str = codes[-1]
    return code


def activate(client: httpx.Client, username: str) -> None:
    """Activate the pending registration of ``username`` with its e-mailed code."""
    answer = client.post("/v1/auth/attivazione", json={"codice": activation_code(client, username)})
    assert answer.status_code == 204, answer.text


def register(client: httpx.Client, username: str = "mrossi85", email: str = "") -> None:
    """Register ``username`` and activate it with the e-mailed code (AU-1)."""
    answer = client.post("/v1/auth/registrazione", json=registrazione(username, email))
    assert answer.status_code == 202, answer.text
    activate(client, username)


def login(client: httpx.Client, username: str = "mrossi85") -> dict[str, str]:
    """Register and activate ``username``; the Authorization header of a fresh token."""
    register(client, username)
    return token_of(client, username)


def token_of(client: httpx.Client, username: str, password: str = PASSWORD) -> dict[str, str]:
    """Log ``username`` in; the Authorization header."""
    token = client.post("/v1/auth/login", json={"username": username, "password": password})
    assert token.status_code == 200, token.text
    return {"Authorization": f"Bearer {token.json()['access_token']}"}


def mail_to(client: httpx.Client, a: str, oggetto: str) -> dict[str, Any]:
    """The latest e-mail to ``a`` with the subject ``oggetto``; fails when there is none.

    Reading "the last e-mail" of the outbox would take whatever came last, for whomever.
    """
    items: list[dict[str, Any]] = client.get("/_sandbox/outbox", params={"a": a}).json()["items"]
    found = [m for m in items if m["a"] == a and m["oggetto"] == oggetto]
    assert found, f"no e-mail to {a} about {oggetto!r}; to {a}: {[m['oggetto'] for m in items]}"
    return found[-1]


@pytest.fixture
def server(tmp_path: Path) -> Iterator[SandboxServer]:
    """A sandbox served by uvicorn on a free loopback port (cheap password hashing)."""
    with SandboxServer(
        db_path=tmp_path / "s.sqlite3", settings=Settings.for_tests(), seed_demo=True
    ) as running:
        yield running


@pytest.fixture
def client(server: SandboxServer) -> Iterator[httpx.Client]:
    """An HTTP client of the running sandbox."""
    with httpx.Client(base_url=server.url, timeout=30) as c:
        yield c


@pytest.fixture
def utente(client: httpx.Client) -> dict[str, str]:
    """The auth header of a registered, logged-in consumer."""
    return login(client)


@pytest.fixture
def make_login(client: httpx.Client) -> Callable[[str], dict[str, str]]:
    """Register and log in another consumer by username."""
    return lambda username: login(client, username)


def open_case(
    client: httpx.Client, headers: dict[str, str], path: str = "conciliazione", **extra: str
) -> dict[str, Any]:
    """Open a case from the documented example; the Pratica."""
    forms = {
        "conciliazione": "domanda_conciliazione",
        "smart-help": "richiesta_smart_help",
        "informazioni": "richiesta_informazioni",
    }
    answer = client.post(
        f"/v1/pratiche/{path}", json=example(forms[path]), headers={**headers, **extra}
    )
    assert answer.status_code == 201, answer.text
    result: dict[str, Any] = answer.json()
    return result


def cliente_login(client: httpx.Client) -> dict[str, str]:
    """Register the demo customer 000002 (UP-1) and log in with the e-mailed password."""
    doc = {**example("registrazione_area_clienti"), "codice_cliente": "000002"}
    doc["codice_fiscale"] = "00743110157"
    answer = client.post("/v1/area-clienti/registrazione", json=doc)
    assert answer.status_code == 201, answer.text
    mail = mail_to(client, doc["email"], "Credenziali di accesso al portale clienti")
    token = client.post(
        "/v1/area-clienti/login",
        json={"codice_cliente": "000002", "password": mail["dati"]["password"]},
    )
    assert token.status_code == 200, token.text
    return {"Authorization": f"Bearer {token.json()['access_token']}"}


def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target: Any = OPENAPI
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def conforms(answer: httpx.Response, method: str, template: str) -> None:
    """The answer is one the contract documents for ``method template``, body and headers."""
    import jsonschema

    assert answer.headers.get("x-request-id"), "every answer carries X-Request-Id"
    operation = OPENAPI["paths"][template][method.lower()]
    documented = operation["responses"]
    assert str(answer.status_code) in documented, (answer.status_code, template, answer.text)
    spec = _resolve(documented[str(answer.status_code)])
    media = answer.headers.get("content-type", "").split(";")[0]
    content = spec.get("content", {})
    if not content:
        assert not answer.content, answer.content
        return
    assert media in content, (media, list(content))
    schema = content[media]["schema"]
    if media.endswith("json"):
        validator = jsonschema.Draft202012Validator(
            {**schema, "components": OPENAPI["components"]},
            format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
        )
        validator.validate(answer.json())

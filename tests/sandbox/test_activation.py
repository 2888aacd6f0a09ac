"""Registration by e-mail activation (AU-1, AU-2; issue 13): pending accounts and their codes."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from sportello.sandbox import SandboxServer, Settings

from .conftest import (
    PASSWORD,
    Clock,
    activate,
    activation_code,
    conforms,
    registrazione,
    token_of,
)


@pytest.fixture
def clock() -> Clock:
    """The sandbox's clock."""
    return Clock()


@pytest.fixture
def timed(tmp_path: Path, clock: Clock) -> Iterator[httpx.Client]:
    """A client of a sandbox on ``clock`` (activation codes valid 24 hours, the default)."""
    with (
        SandboxServer(
            db_path=tmp_path / "s.sqlite3", settings=Settings.for_tests(clock=clock)
        ) as server,
        httpx.Client(base_url=server.url, timeout=30) as client,
    ):
        yield client


def _login(client: httpx.Client, username: str, password: str = PASSWORD) -> httpx.Response:
    return client.post("/v1/auth/login", json={"username": username, "password": password})


def _strip(answer: httpx.Response) -> tuple[int, Any]:
    body = answer.json()
    body.pop("request_id", None)
    return answer.status_code, body


def _mails_to(client: httpx.Client, address: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = client.get("/_sandbox/outbox", params={"a": address}).json()[
        "items"
    ]
    return items


def test_au1_login_before_activation_fails_like_a_wrong_password(client: httpx.Client) -> None:
    """AU-1, AU-4: a pending account's right password answers what a wrong one does."""
    client.post("/v1/auth/registrazione", json=registrazione("attesa"))
    client.post("/v1/auth/registrazione", json=registrazione("attivo"))
    activate(client, "attivo")
    pending = _strip(_login(client, "attesa"))
    wrong = _strip(_login(client, "attivo", "Sbagliata#2026"))
    unknown = _strip(_login(client, "nessuno"))
    assert pending == wrong == unknown
    assert pending[0] == 401
    assert _login(client, "attivo").status_code == 200


def test_pending_logins_count_towards_the_lock(client: httpx.Client) -> None:
    """AU-4: the 5th failed login of a pending name locks it, as for any name."""
    client.post("/v1/auth/registrazione", json=registrazione("attesa"))
    assert [_login(client, "attesa").status_code for _ in range(6)] == [401] * 5 + [429]


def test_au2_the_emailed_code_activates_once(client: httpx.Client) -> None:
    """AU-2: the code activates the account (204, then login works); it cannot be used twice."""
    client.post("/v1/auth/registrazione", json=registrazione("unico"))
    (mail,) = _mails_to(client, "unico@example.it")
    assert mail["oggetto"] == "Attiva il tuo account"
    assert sorted(mail["dati"]) == ["codice", "username"]
    assert mail["dati"]["codice"] in mail["corpo"]
    answer = client.post("/v1/auth/attivazione", json={"codice": mail["dati"]["codice"]})
    conforms(answer, "post", "/v1/auth/attivazione")
    assert answer.status_code == 204
    token_of(client, "unico")
    again = client.post("/v1/auth/attivazione", json={"codice": mail["dati"]["codice"]})
    conforms(again, "post", "/v1/auth/attivazione")
    assert again.status_code == 422
    violation = again.json()["violations"][0]
    assert (violation["code"], violation["path"], violation["rule"]) == (
        "auth.activation_code_invalid",
        "codice",
        "AU-1",
    )


@pytest.mark.parametrize("body", [{}, {"codice": ""}, {"codice": "inventato"}, []])
def test_activation_refuses_a_missing_or_unknown_code(client: httpx.Client, body: Any) -> None:
    """A missing, empty or unknown code is a 422 problem naming the field."""
    answer = client.post("/v1/auth/attivazione", json=body)
    conforms(answer, "post", "/v1/auth/attivazione")
    assert answer.status_code == 422


def test_the_code_expires_after_24_hours_and_frees_the_name(
    timed: httpx.Client, clock: Clock
) -> None:
    """A code works for 24 hours less a second; at 24 hours it is void and the name is free."""
    timed.post("/v1/auth/registrazione", json=registrazione("lento"))
    code = activation_code(timed, "lento")
    clock.advance(hours=24, seconds=-1)
    timed.post("/v1/auth/registrazione", json=registrazione("veloce"))
    fresh = activation_code(timed, "veloce")
    assert timed.post("/v1/auth/attivazione", json={"codice": fresh}).status_code == 204
    clock.advance(seconds=1)
    late = timed.post("/v1/auth/attivazione", json={"codice": code})
    assert late.json()["violations"][0]["code"] == "auth.activation_code_invalid"
    other = registrazione("lento", email="altra@example.it")
    assert timed.post("/v1/auth/registrazione", json=other).status_code == 202
    (mail,) = _mails_to(timed, "altra@example.it")
    assert mail["oggetto"] == "Attiva il tuo account"  # the name was free again


def test_a_pending_name_is_taken_for_another_address(client: httpx.Client) -> None:
    """AU-1: while pending, a name is not available to another address (nothing changes)."""
    client.post("/v1/auth/registrazione", json=registrazione("conteso"))
    code = activation_code(client, "conteso")
    other = registrazione("conteso", email="intruso@example.it")
    assert client.post("/v1/auth/registrazione", json=other).status_code == 202
    assert [m["oggetto"] for m in _mails_to(client, "intruso@example.it")] == [
        "Registrazione non completata"
    ]
    assert client.post("/v1/auth/attivazione", json={"codice": code}).status_code == 204
    assert client.get("/v1/auth/me", headers=token_of(client, "conteso")).json()["email"] == (
        "conteso@example.it"
    )


def test_registering_again_from_the_same_address_sends_a_new_code(client: httpx.Client) -> None:
    """A lost e-mail: the same address registers again, gets a new code; the old one is void."""
    client.post("/v1/auth/registrazione", json=registrazione("smarrito"))
    first = activation_code(client, "smarrito")
    client.post("/v1/auth/registrazione", json=registrazione("smarrito"))
    second = activation_code(client, "smarrito")
    assert first != second
    assert client.post("/v1/auth/attivazione", json={"codice": first}).status_code == 422
    assert client.post("/v1/auth/attivazione", json={"codice": second}).status_code == 204


def test_registrations_are_limited_per_address(client: httpx.Client) -> None:
    """Ten registrations an hour per e-mail address, free or taken names alike; then 429."""
    for n in range(10):
        doc = registrazione(f"utente{n}", email="stessa@example.it")
        assert client.post("/v1/auth/registrazione", json=doc).status_code == 202
    refused = client.post(
        "/v1/auth/registrazione", json=registrazione("utente10", email="Stessa@Example.it")
    )
    conforms(refused, "post", "/v1/auth/registrazione")
    assert refused.status_code == 429
    assert refused.json()["violations"][0]["code"] == "auth.too_many_requests"
    assert int(refused.headers["retry-after"]) == 3600
    other = registrazione("utente10", email="diversa@example.it")
    assert client.post("/v1/auth/registrazione", json=other).status_code == 202


def test_activation_can_be_turned_off_for_tests(tmp_path: Path) -> None:
    """Settings(require_activation=False): the account exists at once (the default is safe)."""
    assert Settings().require_activation is True
    assert Settings.for_tests().require_activation is True
    settings = Settings.for_tests(require_activation=False)
    with (
        SandboxServer(db_path=tmp_path / "s.sqlite3", settings=settings) as server,
        httpx.Client(base_url=server.url) as client,
    ):
        assert client.post("/v1/auth/registrazione", json=registrazione("subito")).is_success
        token_of(client, "subito")
        taken = registrazione("subito", email="altro@example.it")
        assert client.post("/v1/auth/registrazione", json=taken).status_code == 202
        assert [m["oggetto"] for m in _mails_to(client, "altro@example.it")] == [
            "Registrazione non completata"
        ]

"""Consumer-desk accounts over a real socket: AU-1..AU-4, PW-1..PW-4, tokens, throttling."""

import sqlite3

import httpx
import pytest

from sportello.sandbox import SandboxServer

from .conftest import (
    PASSWORD,
    activate,
    conforms,
    login,
    mail_to,
    open_case,
    register,
    registrazione,
    token_of,
)


def test_au1_registration_names_every_missing_field_at_once(client: httpx.Client) -> None:
    """AU-1: a registration without several mandatory fields is refused naming all of them."""
    doc = registrazione()
    for field in ("username", "email", "codice_fiscale"):
        del doc[field]
    answer = client.post("/v1/auth/registrazione", json=doc)
    conforms(answer, "post", "/v1/auth/registrazione")
    assert answer.status_code == 422
    paths = {v["path"] for v in answer.json()["violations"]}
    assert {"username", "email", "codice_fiscale"} <= paths
    assert {v["rule"] for v in answer.json()["violations"]} == {"AU-1"}


def test_au2_one_account_serves_conciliation_and_smart_help(client: httpx.Client) -> None:
    """AU-2: one registration opens conciliation, SMART Help and information cases alike."""
    answer = client.post("/v1/auth/registrazione", json=registrazione("unico"))
    conforms(answer, "post", "/v1/auth/registrazione")
    assert answer.status_code == 202
    activate(client, "unico")
    headers = token_of(client, "unico")
    me = client.get("/v1/auth/me", headers=headers).json()
    assert me["servizi"] == ["conciliazione", "smart_help", "informazioni"]
    tipi = {open_case(client, headers, path)["tipo"] for path in ("conciliazione", "smart-help")}
    assert tipi == {"conciliazione", "smart_help"}


def test_au1_taken_username_answers_like_a_free_one(client: httpx.Client) -> None:
    """AU-1: a taken username (any case) gets the free one's 202; only its e-mail tells."""
    login(client, "mario.b")
    free = client.post("/v1/auth/registrazione", json=registrazione("mario.c"))
    taken = client.post(
        "/v1/auth/registrazione", json=registrazione("MARIO.B", email="intruso@example.it")
    )
    conforms(taken, "post", "/v1/auth/registrazione")
    assert (taken.status_code, taken.json()) == (free.status_code, free.json())
    assert taken.json() == {
        "stato": "ricevuta",
        "messaggio": "Richiesta di registrazione ricevuta. Controlla la tua e-mail.",
    }
    mails = client.get("/_sandbox/outbox").json()["items"]
    told = [m for m in mails if m["a"] == "intruso@example.it"]
    assert [m["oggetto"] for m in told] == ["Registrazione non completata"]
    assert "non è disponibile" in told[0]["corpo"]
    token_of(client, "mario.b")  # the owner's password still works: nothing was overwritten
    refused = client.post(
        "/v1/auth/login", json={"username": "MARIO.B", "password": PASSWORD + "x"}
    )
    assert refused.status_code == 401


def test_password_policy_pw1_pw3_at_registration(client: httpx.Client) -> None:
    """PW-1, PW-2, PW-3: a short password containing the username is refused with each rule."""
    doc = {**registrazione("rossi"), "password": "rossi"}
    answer = client.post("/v1/auth/registrazione", json=doc)
    assert answer.status_code == 422
    rules = {v["rule"] for v in answer.json()["violations"]}
    assert {"PW-1", "PW-2", "PW-3"} <= rules


def test_au4_login_and_me(client: httpx.Client, utente: dict[str, str]) -> None:
    """AU-4: username + password give a bearer token that identifies the account."""
    answer = client.get("/v1/auth/me", headers=utente)
    conforms(answer, "get", "/v1/auth/me")
    assert answer.json()["username"] == "mrossi85"
    assert answer.json()["azioni_richieste"] == []


def test_au4_wrong_password_is_401_without_saying_which(client: httpx.Client) -> None:
    """AU-4: a wrong password and an unknown user get the same 401 answer code."""
    login(client)
    wrong = client.post("/v1/auth/login", json={"username": "mrossi85", "password": "Nope!2026x"})
    unknown = client.post("/v1/auth/login", json={"username": "nessuno", "password": PASSWORD})
    for answer in (wrong, unknown):
        conforms(answer, "post", "/v1/auth/login")
        assert answer.status_code == 401
        assert answer.json()["violations"][0]["code"] == "auth.login_failed"


def test_english_messages_on_request(client: httpx.Client) -> None:
    """Accept-Language: en gives English messages; Italian is the default."""
    body = {"username": "xyz", "password": "y"}
    it = client.post("/v1/auth/login", json=body).json()["detail"]
    en = client.post("/v1/auth/login", json=body, headers={"Accept-Language": "en"}).json()
    assert it == "Username o password non corretti."
    assert en["detail"] == "Wrong username or password."


def test_missing_or_bad_token_is_401(client: httpx.Client) -> None:
    """No token, an unknown token and a customer-area token all get 401 on /v1/auth/me."""
    for headers in ({}, {"Authorization": "Bearer nope"}, {"Authorization": "Basic x"}):
        answer = client.get("/v1/auth/me", headers=headers)
        conforms(answer, "get", "/v1/auth/me")
        assert answer.status_code == 401
        assert answer.headers["www-authenticate"] == "Bearer"


def test_logout_revokes_the_token(client: httpx.Client, utente: dict[str, str]) -> None:
    """After logout the same token is refused."""
    answer = client.post("/v1/auth/logout", headers=utente)
    conforms(answer, "post", "/v1/auth/logout")
    assert answer.status_code == 204
    assert client.get("/v1/auth/me", headers=utente).status_code == 401


def test_tokens_and_passwords_are_stored_hashed(
    client: httpx.Client, server: SandboxServer, utente: dict[str, str]
) -> None:
    """Neither the bearer token nor the password appears in the SQLite file."""
    token = utente["Authorization"].split()[1]
    raw = b"".join(p.read_bytes() for p in server.db_path.parent.glob("s.sqlite3*"))
    assert token.encode() not in raw
    assert PASSWORD.encode() not in raw
    with sqlite3.connect(server.db_path) as db:
        stored = db.execute("SELECT password_hash FROM accounts WHERE username = 'mrossi85'")
        assert stored.fetchone()[0].startswith("$scrypt$")


def test_pw4_change_refuses_the_last_three_passwords(
    client: httpx.Client, utente: dict[str, str]
) -> None:
    """PW-4: after two changes, each of the last three passwords is refused as the next one."""
    current = PASSWORD
    for new in ("Conguaglio#2027", "Conguaglio#2028"):
        body = {
            "username": "mrossi85",
            "password_attuale": current,
            "nuova_password": new,
            "conferma_password": new,
        }
        answer = client.post("/v1/auth/password", json=body, headers=utente)
        conforms(answer, "post", "/v1/auth/password")
        assert answer.status_code == 204, answer.text
        current = new
    for old in (PASSWORD, "Conguaglio#2027"):
        body = {
            "username": "mrossi85",
            "password_attuale": current,
            "nuova_password": old,
            "conferma_password": old,
        }
        answer = client.post("/v1/auth/password", json=body, headers=utente)
        assert answer.status_code == 422
        assert [v["rule"] for v in answer.json()["violations"]] == ["PW-4"]
    token_of(client, "mrossi85", current)


def test_change_needs_the_current_password(client: httpx.Client, utente: dict[str, str]) -> None:
    """A password change with a wrong current password is refused at password_attuale."""
    body = {
        "username": "mrossi85",
        "password_attuale": "Sbagliata#2026",
        "nuova_password": "Conguaglio#2027",
        "conferma_password": "Conguaglio#2027",
    }
    answer = client.post("/v1/auth/password", json=body, headers=utente)
    assert answer.status_code == 422
    assert answer.json()["violations"][0]["path"] == "password_attuale"


def test_au4_username_and_password_recovery_are_separate_and_silent(
    client: httpx.Client,
) -> None:
    """AU-4: username recovery e-mails the username, password recovery a reset code; both 202."""
    login(client)
    for path, body in (
        ("/v1/auth/recupero-username", {"email": "mrossi85@example.it"}),
        ("/v1/auth/recupero-username", {"email": "nessuno@example.it"}),
        ("/v1/auth/recupero-password", {"username": "mrossi85"}),
        ("/v1/auth/recupero-password", {"username": "nessuno"}),
    ):
        answer = client.post(path, json=body)
        conforms(answer, "post", path)
        assert answer.status_code == 202
        assert not answer.content
    outbox = client.get("/_sandbox/outbox")
    conforms(outbox, "get", "/_sandbox/outbox")
    mails = [m for m in outbox.json()["items"] if m["a"].startswith("mrossi")]
    assert [sorted(m["dati"]) for m in mails[-2:]] == [["username"], ["token", "username"]]


def test_reset_password_with_the_emailed_code(client: httpx.Client) -> None:
    """The e-mailed code sets a new password once; the old tokens stop working."""
    headers = login(client)
    client.post("/v1/auth/recupero-password", json={"username": "mrossi85"})
    code = mail_to(client, "mrossi85@example.it", "Hai dimenticato la password?")["dati"]["token"]
    body = {"token": code, "nuova_password": "Rimborso#2027"}
    answer = client.post("/v1/auth/reimposta-password", json=body)
    conforms(answer, "post", "/v1/auth/reimposta-password")
    assert answer.status_code == 204
    again = client.post("/v1/auth/reimposta-password", json=body)
    assert again.json()["violations"][0]["code"] == "auth.reset_token_invalid"
    assert client.get("/v1/auth/me", headers=headers).status_code == 401
    token_of(client, "mrossi85", "Rimborso#2027")


def test_au3_legacy_account_must_reset_and_complete_before_the_services(
    client: httpx.Client,
) -> None:
    """AU-3: an account of 2016 logs in but gets 403 from the services until reset+complete."""
    seeded = client.post(
        "/_sandbox/accounts",
        json={
            "username": "mrossi85",
            "password": "Vecchia#2016",
            "email": "mrossi85@example.it",
            "nome": "Mario",
            "cognome": "Rossi",
            "registrata_il": "2016-03-01",
        },
    )
    conforms(seeded, "post", "/_sandbox/accounts")
    assert seeded.json()["azioni_richieste"] == ["reimposta_password", "completa_registrazione"]
    headers = token_of(client, "mrossi85", "Vecchia#2016")
    refused = client.get("/v1/pratiche", headers=headers)
    conforms(refused, "get", "/v1/pratiche")
    assert refused.status_code == 403
    violation = refused.json()["violations"][0]
    assert (violation["code"], violation["rule"]) == ("auth.legacy_account_reset_required", "AU-3")
    client.post("/v1/auth/recupero-password", json={"username": "mrossi85"})
    code = mail_to(client, "mrossi85@example.it", "Hai dimenticato la password?")["dati"]["token"]
    client.post("/v1/auth/reimposta-password", json={"token": code, "nuova_password": PASSWORD})
    headers = token_of(client, "mrossi85")
    assert client.get("/v1/pratiche", headers=headers).status_code == 403
    completed = client.put("/v1/auth/registrazione", json=registrazione(), headers=headers)
    conforms(completed, "put", "/v1/auth/registrazione")
    assert completed.json()["azioni_richieste"] == []
    assert client.get("/v1/pratiche", headers=headers).status_code == 200


def test_au3_completion_cannot_change_the_username(client: httpx.Client) -> None:
    """AU-3: completing the data keeps the username; another one is refused."""
    headers = login(client)
    answer = client.put("/v1/auth/registrazione", json=registrazione("altro"), headers=headers)
    assert answer.status_code == 422
    assert answer.json()["violations"][0]["code"] == "auth.username_mismatch"


def test_login_throttled_after_five_failures(client: httpx.Client) -> None:
    """Five failed logins lock the username: 429 with Retry-After, even with the right password."""
    login(client)
    bad = {"username": "mrossi85", "password": "Sbagliata#1"}
    codes = [client.post("/v1/auth/login", json=bad).status_code for _ in range(5)]
    assert codes == [401] * 5
    locked = client.post("/v1/auth/login", json={"username": "mrossi85", "password": PASSWORD})
    conforms(locked, "post", "/v1/auth/login")
    assert locked.status_code == 429
    assert int(locked.headers["retry-after"]) >= 1
    assert locked.json()["violations"][0]["code"] == "auth.too_many_attempts"
    register(client, "altro")
    token_of(client, "altro")


@pytest.mark.parametrize("body", [b"{", b"[1, 2]", b"\xff"])
def test_malformed_bodies_are_problems(client: httpx.Client, body: bytes) -> None:
    """Malformed JSON is a 400, a JSON that is not the form a 422; always problem+json."""
    answer = client.post(
        "/v1/auth/login", content=body, headers={"Content-Type": "application/json"}
    )
    conforms(answer, "post", "/v1/auth/login")
    assert answer.status_code in (400, 422)
    assert answer.headers["content-type"] == "application/problem+json"

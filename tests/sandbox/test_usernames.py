"""Issue 13: every username lookup of the sandbox goes through one folding (AU-4, UP-3)."""

import httpx

from .conftest import PASSWORD, cliente_login, conforms, register, registrazione, token_of

WRONG = "Sbagliata#2026"
SPELLINGS = ("mario.b", "MARIO.B", "Mario.B", "ｍａｒｉｏ．ｂ", " mario.b ")


def _login(client: httpx.Client, username: str, password: str = PASSWORD) -> int:
    body = {"username": username, "password": password}
    return client.post("/v1/auth/login", json=body).status_code


def test_au4_registration_stores_the_canonical_username(client: httpx.Client) -> None:
    """AU-4: "Mario.B" is registered, shown and found as "mario.b", whichever way it is typed."""
    register(client, "Mario.B")
    me = client.get("/v1/auth/me", headers=token_of(client, "mario.b")).json()
    assert me["username"] == "mario.b"
    assert [_login(client, spelling) for spelling in SPELLINGS] == [200] * len(SPELLINGS)


def test_au4_a_fullwidth_spelling_is_the_taken_name(client: httpx.Client) -> None:
    """AU-4: registering the fullwidth twin of a taken name is a registration of the taken name."""
    register(client, "mario.b")
    twin = {**registrazione("mario.b", email="gemello@example.it"), "username": "ｍａｒｉｏ．ｂ"}
    assert client.post("/v1/auth/registrazione", json=twin).status_code == 202
    mails = client.get("/_sandbox/outbox", params={"a": "gemello@example.it"}).json()["items"]
    assert [m["oggetto"] for m in mails] == ["Registrazione non completata"]


def test_au4_lookalike_usernames_are_refused_at_registration(client: httpx.Client) -> None:
    """AU-4: a Cyrillic letter, a zero-width space or a control character is a 422."""
    for name, point in (
        ("m\u0430rio.b", "U+0430"),
        ("mario\u200b.b", "U+200B"),
        ("ma\x07rio", "U+0007"),
    ):
        answer = client.post("/v1/auth/registrazione", json=registrazione(name))
        conforms(answer, "post", "/v1/auth/registrazione")
        assert answer.status_code == 422
        found = [v for v in answer.json()["violations"] if v["path"] == "username"]
        assert [(v["code"], v["rule"], v["params"]) for v in found] == [
            ("username.invalid_character", "AU-4", {"carattere": point})
        ]


def test_au4_failed_logins_of_every_spelling_share_one_count(client: httpx.Client) -> None:
    """AU-4: failures under five spellings of one name are one count: the name locks."""
    register(client, "mario.b")
    assert [_login(client, s, WRONG) for s in SPELLINGS] == [401] * 5
    assert _login(client, "mario.b") == 429


def test_au4_recovery_finds_the_account_under_any_spelling(client: httpx.Client) -> None:
    """AU-4: a password recovery for "MARIO.B" e-mails the account "mario.b"."""
    register(client, "mario.b")
    assert (
        client.post("/v1/auth/recupero-password", json={"username": "MARIO.B"}).status_code == 202
    )
    mail = client.get("/_sandbox/outbox").json()["items"][-1]
    assert (mail["oggetto"], mail["dati"]["username"]) == (
        "Hai dimenticato la password?",
        "mario.b",
    )
    bad = client.post("/v1/auth/recupero-password", json={"username": "m\u0430rio.b"})
    assert bad.status_code == 422


def test_up3_customer_code_lookups_fold_too(client: httpx.Client) -> None:
    """UP-3: a fullwidth or spaced customer code is the same code, with the same lock."""
    cliente_login(client)
    mails = client.get("/_sandbox/outbox").json()["items"]
    password = [m for m in mails if "password" in m["dati"]][-1]["dati"]["password"]
    ok = client.post(
        "/v1/area-clienti/login", json={"codice_cliente": "０００００２", "password": password}
    )
    assert ok.status_code == 200, ok.text
    for code in ("000002", "000 002", "０００００２", "000-002", "000002"):
        body = {"codice_cliente": code, "password": WRONG}
        assert client.post("/v1/area-clienti/login", json=body).status_code == 401
    body = {"codice_cliente": "000002", "password": password}
    assert client.post("/v1/area-clienti/login", json=body).status_code == 429


def test_seeded_accounts_follow_the_policy(client: httpx.Client) -> None:
    """AU-4: the /_sandbox/accounts control folds and checks the username like registration."""
    seed = {
        "username": "Nonno.Utente",
        "password": "Vecchia#2016",
        "email": "v@example.it",
        "nome": "Giuseppe",
        "cognome": "Verdi",
    }
    created = client.post("/_sandbox/accounts", json=seed)
    assert created.json()["username"] == "nonno.utente"
    refused = client.post("/_sandbox/accounts", json={**seed, "username": "n\u043enno"})
    assert refused.status_code == 422

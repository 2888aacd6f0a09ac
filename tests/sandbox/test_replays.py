"""Repeats with the same Idempotency-Key of the routes that hash or check a password first.

Such a route looks for the stored answer before its slow work, so a repeat is answered from
the store: not hashed again, not verified against a password that has changed since.
"""

import httpx

from .conftest import PASSWORD, login, registrazione

KEY = {"Idempotency-Key": "ripeti-1"}


def _replayed(answer: httpx.Response) -> bool:
    return answer.headers.get("idempotency-replayed") == "true"


def test_a_repeated_registration_queues_one_job(client: httpx.Client) -> None:
    """AU-1: the repeat of a registration is replayed: one activation e-mail, not two."""
    doc = registrazione("ripetuto")
    first = client.post("/v1/auth/registrazione", json=doc, headers=KEY)
    again = client.post("/v1/auth/registrazione", json=doc, headers=KEY)
    assert (first.status_code, again.status_code, _replayed(again)) == (202, 202, True)
    mails = client.get("/_sandbox/outbox", params={"a": "ripetuto@example.it"}).json()["items"]
    assert [m["oggetto"] for m in mails] == ["Attiva il tuo account"]


def test_a_repeated_reset_is_replayed_once_the_code_is_used(client: httpx.Client) -> None:
    """AU-3 reset: the repeat of a reset that worked answers its 204, the code being gone."""
    login(client)
    client.post("/v1/auth/recupero-password", json={"username": "mrossi85"})
    items = client.get("/_sandbox/outbox").json()["items"]
    body = {"token": items[-1]["dati"]["token"], "nuova_password": "Rimborso#2027"}
    assert client.post("/v1/auth/reimposta-password", json=body, headers=KEY).status_code == 204
    again = client.post("/v1/auth/reimposta-password", json=body, headers=KEY)
    assert (again.status_code, _replayed(again)) == (204, True)


def test_an_activation_for_a_name_seeded_meanwhile_is_refused(client: httpx.Client) -> None:
    """A pending name that an account took meanwhile (the seeding control) does not activate."""
    client.post("/v1/auth/registrazione", json=registrazione("conteso"))
    items = client.get("/_sandbox/outbox").json()["items"]
    code = items[-1]["dati"]["codice"]
    seeded = {
        "username": "conteso",
        "password": PASSWORD,
        "email": "altro@example.it",
        "nome": "A",
        "cognome": "B",
    }
    assert client.post("/_sandbox/accounts", json=seeded).status_code == 201
    refused = client.post("/v1/auth/attivazione", json={"codice": code})
    assert refused.json()["violations"][0]["code"] == "auth.activation_code_invalid"


def test_customer_registration_and_password_change_replay(client: httpx.Client) -> None:
    """UP-1, PW-4: the customer area's registration and password change replay too."""
    doc = {"codice_cliente": "000002", "codice_fiscale": "00743110157", "email": "r@example.it"}
    first = client.post("/v1/area-clienti/registrazione", json=doc, headers=KEY)
    again = client.post("/v1/area-clienti/registrazione", json=doc, headers=KEY)
    assert (first.status_code, again.status_code, _replayed(again)) == (201, 201, True)
    password = client.get("/_sandbox/outbox").json()["items"][-1]["dati"]["password"]
    token = client.post(
        "/v1/area-clienti/login", json={"codice_cliente": "000002", "password": password}
    ).json()["access_token"]
    auth = {"Authorization": f"Bearer {token}", **KEY}
    change = {
        "username": "000002",
        "password_attuale": password,
        "nuova_password": "Conguaglio#2027",
        "conferma_password": "Conguaglio#2027",
    }
    assert client.post("/v1/area-clienti/password", json=change, headers=auth).status_code == 204
    repeat = client.post("/v1/area-clienti/password", json=change, headers=auth)
    assert (repeat.status_code, _replayed(repeat)) == (204, True)


def test_customer_login_needs_both_fields(client: httpx.Client) -> None:
    """UP-3: a login body that is not an object, or lacks a field, is a 422 naming them."""
    for body in ([], {"codice_cliente": "000002"}):
        answer = client.post("/v1/area-clienti/login", json=body)
        assert answer.status_code == 422
        assert "password" in {v["path"] for v in answer.json()["violations"]}

"""Cases over a real socket: idempotency, access control, SH-4 states, NT-1/NT-2 e-mails."""

import base64
import re
from collections.abc import Callable
from pathlib import Path

import httpx

from sportello.sandbox import SandboxServer, Settings

from .conftest import conforms, example, login, open_case, token_of


def test_case_numbers_are_random_spcen_codes(client: httpx.Client, utente: dict[str, str]) -> None:
    """Case numbers are SPCEN (CONC for a conciliation, CP-11) + 12 random digits, never
    consecutive."""
    numeri = [open_case(client, utente, "informazioni")["numero"] for _ in range(3)]
    assert all(re.fullmatch(r"SPCEN\d{12}", n) for n in numeri)
    digits = sorted(int(n[5:]) for n in numeri)
    assert digits[1] - digits[0] != 1 or digits[2] - digits[1] != 1
    conc = [open_case(client, utente)["numero"] for _ in range(3)]
    assert all(re.fullmatch(r"CONC\d{12}", n) for n in conc)
    digits = sorted(int(n[4:]) for n in conc)
    assert digits[1] - digits[0] != 1 or digits[2] - digits[1] != 1


def test_create_and_read_a_case(client: httpx.Client, utente: dict[str, str]) -> None:
    """A conciliation request answers 201 with Location; the case reads back the same (SH-4)."""
    answer = client.post(
        "/v1/pratiche/conciliazione", json=example("domanda_conciliazione"), headers=utente
    )
    conforms(answer, "post", "/v1/pratiche/conciliazione")
    pratica = answer.json()
    assert answer.headers["location"] == f"/v1/pratiche/{pratica['numero']}"
    assert (pratica["stato"], pratica["stato_label"]) == ("inviata", "Inviata")
    assert pratica["allegati_richiesti"] == [  # CP-4's documents of a Modulo Delegato
        "documento_identita",
        "reclamo",
        "ricevuta_reclamo",
        "risposta_reclamo",
        "procura",
        "documento_identita_delegato",
    ]
    again = client.get(answer.headers["location"], headers=utente)
    conforms(again, "get", "/v1/pratiche/{numero}")
    assert again.json() == pratica


def test_invalid_form_lists_every_violation(client: httpx.Client, utente: dict[str, str]) -> None:
    """CO-2/CO-4: an incomplete request with a long description names every problem at once."""
    doc = example("domanda_conciliazione")
    del doc["oggetto"]
    doc["descrizione"] = "x" * 2501
    answer = client.post("/v1/pratiche/conciliazione", json=doc, headers=utente)
    conforms(answer, "post", "/v1/pratiche/conciliazione")
    assert answer.status_code == 422
    assert {"oggetto", "descrizione"} <= {v["path"] for v in answer.json()["violations"]}


def test_segnalazione_through_the_information_endpoint(
    client: httpx.Client, utente: dict[str, str]
) -> None:
    """POST /v1/pratiche/informazioni?tipo=segnalazione opens a report."""
    answer = client.post(
        "/v1/pratiche/informazioni?tipo=segnalazione", json=example("segnalazione"), headers=utente
    )
    conforms(answer, "post", "/v1/pratiche/informazioni")
    assert answer.json()["tipo"] == "segnalazione"


def test_same_idempotency_key_twice_opens_one_case(
    client: httpx.Client, utente: dict[str, str]
) -> None:
    """A repeated POST with the same Idempotency-Key returns the first answer and opens nothing."""
    headers = {**utente, "Idempotency-Key": "chiave-1"}
    first = client.post(
        "/v1/pratiche/smart-help", json=example("richiesta_smart_help"), headers=headers
    )
    second = client.post(
        "/v1/pratiche/smart-help", json=example("richiesta_smart_help"), headers=headers
    )
    conforms(second, "post", "/v1/pratiche/smart-help")
    assert (first.status_code, second.status_code) == (201, 201)
    assert second.content == first.content
    assert second.headers["idempotency-replayed"] == "true"
    listed = client.get("/v1/pratiche", headers=utente).json()["items"]
    assert [p["numero"] for p in listed] == [first.json()["numero"]]


def test_idempotency_key_reused_for_another_request_is_409(
    client: httpx.Client, utente: dict[str, str]
) -> None:
    """The same key with a different body is a 409, and nothing new is created."""
    headers = {**utente, "Idempotency-Key": "chiave-2"}
    client.post(
        "/v1/pratiche/informazioni", json=example("richiesta_informazioni"), headers=headers
    )
    doc = example("richiesta_informazioni")
    doc["descrizione"] = "Un'altra domanda."
    answer = client.post("/v1/pratiche/informazioni", json=doc, headers=headers)
    conforms(answer, "post", "/v1/pratiche/informazioni")
    assert answer.status_code == 409
    assert answer.json()["violations"][0]["code"] == "api.idempotency_key_reused"
    assert len(client.get("/v1/pratiche", headers=utente).json()["items"]) == 1


def test_idempotency_keys_are_per_user(
    client: httpx.Client, utente: dict[str, str], make_login: Callable[[str], dict[str, str]]
) -> None:
    """Two users sending the same key each get their own case."""
    other = make_login("anna.verdi")
    key = {"Idempotency-Key": "stessa"}
    first = open_case(client, {**utente, **key}, "informazioni")
    second = open_case(client, {**other, **key}, "informazioni")
    assert first["numero"] != second["numero"]


def test_another_users_case_is_404(
    client: httpx.Client, utente: dict[str, str], make_login: Callable[[str], dict[str, str]]
) -> None:
    """A case is invisible to another user: 404 everywhere, never listed."""
    numero = open_case(client, utente)["numero"]
    other = make_login("anna.verdi")
    for path in ("", "/allegati", "/documenti", "/notifiche"):
        answer = client.get(f"/v1/pratiche/{numero}{path}", headers=other)
        assert answer.status_code == 404, path
        assert answer.json()["violations"][0]["code"] == "api.not_found"
    upload = client.post(
        f"/v1/pratiche/{numero}/allegati?nome=a.pdf",
        content=b"%PDF-1.4 x",
        headers={**other, "Content-Type": "application/octet-stream"},
    )
    assert upload.status_code == 404
    assert client.get("/v1/pratiche", headers=other).json()["items"] == []
    unknown = client.get("/v1/pratiche/SPCEN000000000000", headers=utente)
    assert unknown.json() == {**answer.json(), "request_id": unknown.json()["request_id"]}


def test_list_pages_with_an_opaque_cursor(client: httpx.Client, utente: dict[str, str]) -> None:
    """GET /v1/pratiche pages newest first; following next_cursor visits each case once."""
    made = [open_case(client, utente, "informazioni")["numero"] for _ in range(5)]
    seen: list[str] = []
    url = "/v1/pratiche?limit=2"
    while True:
        page = client.get(url, headers=utente)
        conforms(page, "get", "/v1/pratiche")
        seen += [p["numero"] for p in page.json()["items"]]
        cursor = page.json()["next_cursor"]
        if cursor is None:
            break
        url = f"/v1/pratiche?limit=2&cursor={cursor}"
    assert seen == made[::-1]


def test_bad_paging_parameters_are_400(client: httpx.Client, utente: dict[str, str]) -> None:
    """A limit out of range or a forged cursor is a 400 problem."""
    for query in ("limit=0", "limit=101", "limit=x", "cursor=%21%21"):
        answer = client.get(f"/v1/pratiche?{query}", headers=utente)
        conforms(answer, "get", "/v1/pratiche")
        assert answer.status_code == 400, query


def _first_cursor(client: httpx.Client, headers: dict[str, str]) -> str:
    for _ in range(2):
        open_case(client, headers, "informazioni")
    cursor = client.get("/v1/pratiche?limit=1", headers=headers).json()["next_cursor"]
    assert isinstance(cursor, str)
    return cursor


def test_cursors_are_opaque_and_reveal_no_row_number(
    client: httpx.Client, utente: dict[str, str]
) -> None:
    """A cursor: base64url of a version byte, a case number seen and a MAC; no row number."""
    cursor = _first_cursor(client, utente)
    assert re.fullmatch(r"[A-Za-z0-9_-]{1,200}", cursor)
    raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
    numeri = {p["numero"] for p in client.get("/v1/pratiche", headers=utente).json()["items"]}
    payload = raw[1:-16]  # the MAC's random-looking bytes may hold anything, "p5" too
    assert payload.decode("ascii") in numeri
    assert not re.search(rb"p\d+", raw[:-16])


def _forgeries(cursor: str) -> dict[str, str]:
    flipped = cursor[:-3] + ("A" if cursor[-3] != "A" else "B") + cursor[-2:]
    legacy = base64.urlsafe_b64encode(b"p1").decode().rstrip("=")
    return {
        "old format p1": legacy,
        "one character changed": flipped,
        "cut short": cursor[:-4],
        "padded": cursor + "==",
        "too long": cursor + "A" * (201 - len(cursor)),
        "not base64url": cursor[:-1] + "+",
        "5 characters": "AAAAA",
        "zero bytes": base64.urlsafe_b64encode(bytes(34)).decode().rstrip("="),
        "lone surrogate escape": "%ED%A0%80",
    }


def test_forged_cursors_are_400_on_cursor_never_500(
    client: httpx.Client, utente: dict[str, str]
) -> None:
    """Every altered, old-style, overlong or garbled cursor is 400 api.invalid_parameter."""
    cursor = _first_cursor(client, utente)
    assert client.get(f"/v1/pratiche?cursor={cursor}", headers=utente).status_code == 200
    for label, forged in _forgeries(cursor).items():
        answer = client.get(f"/v1/pratiche?cursor={forged}", headers=utente)
        conforms(answer, "get", "/v1/pratiche")
        assert answer.status_code == 400, (label, answer.text)
        (violation,) = answer.json()["violations"]
        assert (violation["code"], violation["path"]) == ("api.invalid_parameter", "cursor")


def test_a_cursor_is_valid_for_its_own_account_only(
    client: httpx.Client, utente: dict[str, str], make_login: Callable[[str], dict[str, str]]
) -> None:
    """Another account's cursor is refused (400), so a cursor leaks nothing across accounts."""
    cursor = _first_cursor(client, utente)
    other = make_login("giulia.bianchi")
    answer = client.get(f"/v1/pratiche?cursor={cursor}", headers=other)
    assert answer.status_code == 400, answer.text
    assert answer.json()["violations"][0]["path"] == "cursor"


def test_a_cursor_survives_a_restart(tmp_path: Path) -> None:
    """The signing key is kept in the database: a cursor works after the sandbox restarts."""
    db = tmp_path / "s.sqlite3"
    first = SandboxServer(db_path=db, settings=Settings.for_tests())
    with first, httpx.Client(base_url=first.url, timeout=30) as http:
        headers = login(http)
        cursor = _first_cursor(http, headers)
        expected = http.get(f"/v1/pratiche?cursor={cursor}", headers=headers).json()
    second = SandboxServer(db_path=db, settings=Settings.for_tests())
    with second, httpx.Client(base_url=second.url, timeout=30) as http:
        headers = token_of(http, "mrossi85")
        again = http.get(f"/v1/pratiche?cursor={cursor}", headers=headers)
    assert again.status_code == 200, again.text
    assert again.json() == expected


def test_sh4_state_and_documents_follow_the_case(
    client: httpx.Client, utente: dict[str, str]
) -> None:
    """SH-4: the portal shows the state (with its label) and the documents exchanged."""
    numero = open_case(client, utente, "smart-help")["numero"]
    base = f"/_sandbox/pratiche/{numero}/eventi"
    client.post(
        base,
        json={"evento": "nuovo_documento", "titolo": "Presa in carico", "stato": "in_lavorazione"},
    )
    bad = client.post(base, json={"evento": "nuovo_documento", "stato": "inviata"})
    assert bad.json()["violations"][0]["code"] == "smart_help.invalid_transition"
    pratica = client.get(f"/v1/pratiche/{numero}", headers={**utente, "Accept-Language": "en"})
    assert (pratica.json()["stato"], pratica.json()["stato_label"]) == (
        "in_lavorazione",
        "In progress",
    )
    documenti = client.get(f"/v1/pratiche/{numero}/documenti", headers=utente)
    conforms(documenti, "get", "/v1/pratiche/{numero}/documenti")
    assert [d["titolo"] for d in documenti.json()["items"]] == ["Presa in carico"]


def test_nt1_nt2_emails_go_to_the_delegate_only(
    client: httpx.Client, utente: dict[str, str]
) -> None:
    """NT-1, NT-2, CP-11: with a delegate, the receipt with the numero pratica, new documents
    and the meeting go to the delegate's address only."""
    doc = example("domanda_conciliazione")
    delegato = doc["delegato"]["email"]
    numero = client.post("/v1/pratiche/conciliazione", json=doc, headers=utente).json()["numero"]
    base = f"/_sandbox/pratiche/{numero}/eventi"
    made = client.post(base, json={"evento": "richiesta_integrazione", "titolo": "Integrazione"})
    conforms(made, "post", "/_sandbox/pratiche/{numero}/eventi")
    client.post(
        base, json={"evento": "incontro_programmato", "quando": "2026-12-01T09:00:00+00:00"}
    )
    notifiche = client.get(f"/v1/pratiche/{numero}/notifiche", headers=utente)
    conforms(notifiche, "get", "/v1/pratiche/{numero}/notifiche")
    items = notifiche.json()["items"]
    assert [n["evento"] for n in items] == [
        "domanda_ricevuta",
        "richiesta_integrazione",
        "incontro_programmato",
    ]
    assert {n["destinatario"] for n in items} == {delegato}
    outbox = client.get("/_sandbox/outbox").json()["items"]
    assert {m["a"] for m in outbox if m["dati"].get("numero") == numero} == {delegato}


def test_nt1_without_delegate_the_registration_address(
    client: httpx.Client, utente: dict[str, str]
) -> None:
    """NT-1, AT-6: without a delegate, the case's e-mails (its SPCEN code, within 3 working
    days) go to the registration address."""
    doc = example("richiesta_informazioni")
    doc.pop("delegato", None)
    numero = client.post("/v1/pratiche/informazioni", json=doc, headers=utente).json()["numero"]
    client.post("/_sandbox/clock", json={"advance": {"days": 5}})
    utente = token_of(client, "mrossi85")
    items = client.get(f"/v1/pratiche/{numero}/notifiche", headers=utente).json()["items"]
    assert [n["evento"] for n in items] == ["codice_spcen"]
    assert {n["destinatario"] for n in items} == {"mrossi85@example.it"}


def test_unknown_route_and_method_are_problems(client: httpx.Client) -> None:
    """An unknown path is a 404 problem, a wrong method a 405 problem, both with a request id."""
    missing = client.get("/v1/nulla")
    assert missing.status_code == 404
    assert missing.json()["violations"][0]["code"] == "api.not_found"
    wrong = client.delete("/v1/pratiche")
    assert wrong.status_code == 405
    assert wrong.json()["violations"][0]["code"] == "api.method_not_allowed"
    assert wrong.headers["x-request-id"] == wrong.json()["request_id"]


def test_client_request_id_is_echoed(client: httpx.Client) -> None:
    """A well-formed X-Request-Id from the client is kept and echoed."""
    answer = client.get("/openapi.json", headers={"X-Request-Id": "prova-123"})
    assert answer.headers["x-request-id"] == "prova-123"

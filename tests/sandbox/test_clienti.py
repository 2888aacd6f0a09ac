"""The customer area over a real socket: UP-1..UP-9, RD-1..RD-5, EB-1..EB-3."""

import httpx
import pytest

from sportello.sandbox import SandboxServer

from .conftest import cliente_login, conforms, example, mail_to

P = "/v1/area-clienti"


def first_password(client: httpx.Client) -> str:
    """The first-access password the outbox holds for 000002 (UP-1)."""
    mails = client.get("/_sandbox/outbox").json()["items"]
    password: str = [m for m in mails if "password" in m["dati"]][-1]["dati"]["password"]
    return password


@pytest.fixture
def cliente(client: httpx.Client) -> dict[str, str]:
    """The auth header of the demo customer 000002, registered and logged in."""
    return cliente_login(client)


def test_up1_registration_answers_the_summary_and_emails_the_password(
    client: httpx.Client,
) -> None:
    """UP-1: matching codes give the summary (code, name, address); the password is e-mailed."""
    doc = {"codice_cliente": "000002", "codice_fiscale": "00743110157", "email": "a@example.it"}
    answer = client.post(f"{P}/registrazione", json=doc)
    conforms(answer, "post", f"{P}/registrazione")
    assert answer.json() == {
        "codice_cliente": "000002",
        "denominazione": "PROVA S.P.A.",
        "indirizzo": "VIA DI PROVA 35 - 59100 PRATO (PO)",
        "email": "a@example.it",
    }
    mail = mail_to(client, "a@example.it", "Credenziali di accesso al portale clienti")
    assert mail["dati"] == {"codice_cliente": "000002", "password": mail["dati"]["password"]}
    assert len(mail["dati"]["password"]) >= 8
    again = client.post(f"{P}/registrazione", json=doc)
    assert again.status_code == 409


def test_up1_mismatch_does_not_say_which_code_was_wrong(client: httpx.Client) -> None:
    """UP-1: a wrong pair is one violation without a path, the same for an unknown code."""
    wrong_tax = {**example("registrazione_area_clienti"), "codice_cliente": "000002"}
    unknown = {**example("registrazione_area_clienti"), "codice_cliente": "999999"}
    bodies = []
    for doc in (wrong_tax, unknown):
        answer = client.post(f"{P}/registrazione", json=doc)
        conforms(answer, "post", f"{P}/registrazione")
        assert answer.status_code == 422
        bodies.append([(v["code"], v["path"]) for v in answer.json()["violations"]])
    assert bodies[0] == bodies[1] == [("profile.registration_mismatch", "")]


def test_up3_login_with_the_customer_code_and_recovery_by_code_only(
    client: httpx.Client, cliente: dict[str, str]
) -> None:
    """UP-3: the customer code is the user; recovery takes only the code (202 for any code)."""
    for code in ("000002", "999999"):
        answer = client.post(f"{P}/recupero-password", json={"codice_cliente": code})
        conforms(answer, "post", f"{P}/recupero-password")
        assert answer.status_code == 202
    mail = mail_to(client, "mario.rossi@example.it", "Nuova password del portale clienti")
    sent = client.get("/_sandbox/outbox").json()["items"]
    assert [m["a"] for m in sent if m["oggetto"] == mail["oggetto"]] == [mail["a"]]  # not 999999
    token = client.post(
        f"{P}/login", json={"codice_cliente": "000002", "password": mail["dati"]["password"]}
    )
    conforms(token, "post", f"{P}/login")
    assert token.status_code == 200


def test_realms_are_separate(client: httpx.Client, cliente: dict[str, str]) -> None:
    """A customer-area token is unknown to the consumer desk."""
    assert client.get("/v1/auth/me", headers=cliente).status_code == 401


def test_up4_supply_points(client: httpx.Client, cliente: dict[str, str]) -> None:
    """UP-4: each point shows its code, its POD or PDR and its address."""
    answer = client.get(f"{P}/punti-fornitura", headers=cliente)
    conforms(answer, "get", f"{P}/punti-fornitura")
    points = {p["codice"]: p for p in answer.json()["items"]}
    assert points["PR002873"]["pod"] == "IT001E12345678"
    assert points["PR002874"]["pdr"] == "03340009749021"
    assert points["PR002874"]["correttore"] is True


def test_up5_invoices_from_2014_only_those_with_pdf_download(
    client: httpx.Client, cliente: dict[str, str]
) -> None:
    """UP-5: no invoice of 2013 is listed; a PDF downloads, an invoice without one is 404."""
    answer = client.get(f"{P}/fatture", headers=cliente)
    conforms(answer, "get", f"{P}/fatture")
    items = answer.json()["items"]
    assert min(f["data_emissione"] for f in items) >= "2014-01-01"
    assert client.get(f"{P}/fatture?anno=2013", headers=cliente).json()["items"] == []
    with_pdf = next(f["numero"] for f in items if f["pdf"])
    without = next(f["numero"] for f in items if not f["pdf"])
    pdf = client.get(f"{P}/fatture/{with_pdf}/pdf", headers=cliente)
    conforms(pdf, "get", f"{P}/fatture/{{numero}}/pdf")
    assert pdf.content.startswith(b"%PDF")
    missing = client.get(f"{P}/fatture/{without}/pdf", headers=cliente)
    conforms(missing, "get", f"{P}/fatture/{{numero}}/pdf")
    assert missing.json()["violations"][0]["rule"] == "UP-5"


def test_up6_only_phone_fax_email_change(client: httpx.Client, cliente: dict[str, str]) -> None:
    """UP-6: telefono, fax and email change; any other field is refused naming it."""
    answer = client.patch(
        f"{P}/anagrafica",
        json={
            "telefono": "06 1234 5678",
            "email": "n@example.it",
            "password_attuale": first_password(client),
        },
        headers=cliente,
    )
    conforms(answer, "patch", f"{P}/anagrafica")
    assert (answer.json()["telefono"], answer.json()["email"]) == ("+390612345678", "n@example.it")
    refused = client.patch(
        f"{P}/anagrafica",
        json={"email": "n@example.it", "denominazione": "ALTRO S.R.L."},
        headers=cliente,
    )
    conforms(refused, "patch", f"{P}/anagrafica")
    violation = refused.json()["violations"][0]
    assert (violation["code"], violation["rule"], violation["path"]) == (
        "profile.field_not_editable",
        "UP-6",
        "denominazione",
    )
    got = client.get(f"{P}/anagrafica", headers=cliente)
    conforms(got, "get", f"{P}/anagrafica")
    assert got.json()["denominazione"] == "PROVA S.P.A."


def test_up7_withdrawals_of_a_year(client: httpx.Client, cliente: dict[str, str]) -> None:
    """UP-7: energy and power per month of a year, with the year's total and peak."""
    answer = client.get(f"{P}/prelievi?anno=2014", headers=cliente)
    conforms(answer, "get", f"{P}/prelievi")
    body = answer.json()
    assert len(body["items"]) == 12
    assert body["totale"] == {"energia_kwh": "35580", "potenza_kw": "27.5", "mesi": 12}


def test_up8_measurements_filtered_and_downloadable(
    client: httpx.Client, cliente: dict[str, str]
) -> None:
    """UP-8: the interval filters the quarter hours; formato=csv downloads them."""
    answer = client.get(f"{P}/misure?dal=2014-06-02&al=2014-06-02", headers=cliente)
    conforms(answer, "get", f"{P}/misure")
    assert len(answer.json()["items"]) == 96
    csv = client.get(f"{P}/misure?dal=2014-06-02&al=2014-06-02&formato=csv", headers=cliente)
    conforms(csv, "get", f"{P}/misure")
    assert csv.text.splitlines()[1].startswith("02/06/2014 00:00;")
    reversed_ = client.get(f"{P}/misure?dal=2014-06-03&al=2014-06-02", headers=cliente)
    assert reversed_.status_code == 400


@pytest.mark.parametrize("section", ["dati-tecnici", "dati-contrattuali", "documenti", "ticket"])
def test_up9_read_only_sections(
    client: httpx.Client, cliente: dict[str, str], section: str
) -> None:
    """UP-9: technical and contract data, documents and tickets are listed and read-only."""
    answer = client.get(f"{P}/{section}", headers=cliente)
    conforms(answer, "get", f"{P}/{section}")
    assert answer.json()["items"]
    refused = client.put(f"{P}/{section}", json={}, headers=cliente)
    assert refused.status_code == 405
    assert refused.json()["violations"][0]["rule"] == "UP-9"


def test_rd1_rd5_reading_lifecycle(
    client: httpx.Client, server: SandboxServer, cliente: dict[str, str]
) -> None:
    """RD-1..RD-5: a reading is saved "da acquisire", deletable until acquired, then kept."""
    base = f"{P}/punti-fornitura/PR002874/autoletture"
    today = server.sandbox.settings.clock().date().isoformat()
    missing_corrector = client.post(
        base, json={"data": today, "lettura_contatore": 46000}, headers=cliente
    )
    assert missing_corrector.json()["violations"][0]["rule"] == "RD-2"
    first = client.post(
        base,
        json={"data": today, "lettura_contatore": 46000, "lettura_correttore": 2},
        headers=cliente,
    )
    conforms(first, "post", base.replace("PR002874", "{codice}"))
    assert first.json()["stato"] == "da_acquisire"
    second = client.post(
        base,
        json={"data": today, "lettura_contatore": 46001, "lettura_correttore": 2},
        headers=cliente,
    )
    assert second.json()["violations"][0]["rule"] == "RD-3"
    deleted = client.delete(f"{base}/{first.json()['id']}", headers=cliente)
    conforms(deleted, "delete", f"{P}/punti-fornitura/{{codice}}/autoletture/{{id}}")
    assert deleted.status_code == 204
    again = client.post(
        base,
        json={"data": today, "lettura_contatore": 46000, "lettura_correttore": 2},
        headers=cliente,
    )
    acquired = client.post("/_sandbox/acquire-readings")
    conforms(acquired, "post", "/_sandbox/acquire-readings")
    assert acquired.json() == {"acquisite": 1}
    listed = client.get(base, headers=cliente)
    conforms(listed, "get", base.replace("PR002874", "{codice}"))
    assert listed.json()["items"][0]["stato"] == "acquisita"
    assert listed.json()["finestre"][0]["dal"].startswith("2010-02-11T08:00:00")
    refused = client.delete(f"{base}/{again.json()['id']}", headers=cliente)
    assert refused.status_code == 409
    assert refused.json()["violations"][0]["rule"] == "RD-5"


def test_rd1_outside_every_window(
    client: httpx.Client, server: SandboxServer, cliente: dict[str, str]
) -> None:
    """RD-1: with the only window closed, a reading is refused."""
    with server.sandbox.store.transaction() as db:
        db.execute("UPDATE finestre SET al = '2011-01-01T00:00:00' WHERE punto = 'PR002873'")
    today = server.sandbox.settings.clock().date().isoformat()
    answer = client.post(
        f"{P}/punti-fornitura/PR002873/autoletture",
        json={"data": today, "lettura_contatore": 1000},
        headers=cliente,
    )
    assert answer.json()["violations"][0]["rule"] == "RD-1"


def test_another_customers_point_is_404(client: httpx.Client, cliente: dict[str, str]) -> None:
    """A supply point that is not the caller's is a 404."""
    answer = client.get(f"{P}/punti-fornitura/PR999999/autoletture", headers=cliente)
    assert answer.status_code == 404


def test_eb1_eb3_delivery_mode_per_contract(client: httpx.Client, cliente: dict[str, str]) -> None:
    """EB-3: each contract has its own e-mail; EB-1: the e-bill needs bank direct debit."""
    url = f"{P}/contratti/CE-0001/modalita-invio"
    before = client.get(url, headers=cliente)
    conforms(before, "get", f"{P}/contratti/{{codice}}/modalita-invio")
    assert before.json()["email"] == "mario.rossi@example.it"
    changed = client.put(
        url, json={"modalita": "elettronica", "email_invio": "bollette@example.it"}, headers=cliente
    )
    conforms(changed, "put", f"{P}/contratti/{{codice}}/modalita-invio")
    assert changed.json() == {
        "contratto": "CE-0001",
        "modalita": "elettronica",
        "email": "bollette@example.it",
    }
    refused = client.put(
        f"{P}/contratti/CG-0002/modalita-invio", json={"modalita": "elettronica"}, headers=cliente
    )
    assert refused.json()["violations"][0]["rule"] == "EB-1"
    contratti = client.get(f"{P}/contratti", headers=cliente)
    conforms(contratti, "get", f"{P}/contratti")


def test_customer_password_change(client: httpx.Client, cliente: dict[str, str]) -> None:
    """PW-1..PW-4 apply to the customer area too; logout revokes the token."""
    mail = mail_to(client, "mario.rossi@example.it", "Credenziali di accesso al portale clienti")
    current = mail["dati"]["password"]
    body = {
        "username": "000002",
        "password_attuale": current,
        "nuova_password": "Autolettura#2026",
        "conferma_password": "Autolettura#2026",
    }
    answer = client.post(f"{P}/password", json=body, headers=cliente)
    conforms(answer, "post", f"{P}/password")
    assert answer.status_code == 204, answer.text
    out = client.post(f"{P}/logout", headers=cliente)
    conforms(out, "post", f"{P}/logout")
    assert client.get(f"{P}/anagrafica", headers=cliente).status_code == 401
    relog = client.post(
        f"{P}/login", json={"codice_cliente": "000002", "password": "Autolettura#2026"}
    )
    assert relog.status_code == 200

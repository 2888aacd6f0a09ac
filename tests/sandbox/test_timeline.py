"""Every change of a case is on its timeline; documents are real files to download."""

import httpx

from .conftest import conforms, open_case


def test_a_new_case_starts_its_timeline(client: httpx.Client, utente: dict[str, str]) -> None:
    """Submitting records pratica_inviata; a conciliation also its first step and its receipt
    (CP-11); a Sportello case's SPCEN e-mail comes later (AT-6)."""
    pratica = open_case(client, utente, "smart-help")
    answer = client.get(f"/v1/pratiche/{pratica['numero']}/eventi", headers=utente)
    conforms(answer, "GET", "/v1/pratiche/{numero}/eventi")
    eventi = answer.json()["items"]
    assert [e["tipo"] for e in eventi] == ["pratica_inviata"]
    assert eventi[0]["dati"] == {"tipo": "smart_help"}
    assert eventi[0]["label"] == "Pratica inviata"
    conc = open_case(client, utente)["numero"]
    found = client.get(f"/v1/pratiche/{conc}/eventi", headers=utente).json()["items"]
    assert [e["tipo"] for e in found] == ["pratica_inviata", "passo_procedura", "notifica_inviata"]
    assert (found[1]["dati"]["evento"], found[1]["dati"]["regola"]) == ("domanda_inviata", "CP-11")
    assert found[2]["dati"]["evento"] == "domanda_ricevuta"
    assert {e["numero"] for e in eventi} == {pratica["numero"]}
    english = client.get(
        f"/v1/pratiche/{pratica['numero']}/eventi", headers={**utente, "Accept-Language": "en"}
    )
    assert english.json()["items"][0]["label"] == "Case submitted"


def test_operator_document_is_a_downloadable_pdf(
    client: httpx.Client, utente: dict[str, str]
) -> None:
    """An operator's document is listed with its file and downloads as application/pdf."""
    pratica = open_case(client, utente, "smart-help")
    numero = pratica["numero"]
    answer = client.post(
        f"/_sandbox/pratiche/{numero}/eventi",
        json={"evento": "richiesta_integrazione", "stato": "in_lavorazione"},
    )
    assert answer.status_code == 201, answer.text
    documenti = client.get(f"/v1/pratiche/{numero}/documenti", headers=utente).json()["items"]
    assert len(documenti) == 1
    doc = documenti[0]
    assert doc["media_type"] == "application/pdf"
    assert doc["nome"] == f"richiesta_integrazione-{doc['id']}.pdf"
    got = client.get(f"/v1/pratiche/{numero}/documenti/{doc['id']}", headers=utente)
    conforms(got, "GET", "/v1/pratiche/{numero}/documenti/{id}")
    assert got.content.startswith(b"%PDF-1.4")
    assert len(got.content) == doc["dimensione"]
    assert doc["nome"] in got.headers["content-disposition"]
    tipi = [
        e["tipo"]
        for e in client.get(f"/v1/pratiche/{numero}/eventi", headers=utente).json()["items"]
    ]
    assert tipi[-3:] == ["stato_cambiato", "documento_aggiunto", "notifica_inviata"]


def test_timeline_and_documents_are_the_owners_only(
    client: httpx.Client, utente: dict[str, str], make_login: object
) -> None:
    """Another account gets 404 for the timeline and the documents of a case not its own."""
    pratica = open_case(client, utente)
    numero = pratica["numero"]
    client.post(f"/_sandbox/pratiche/{numero}/eventi", json={"evento": "nuovo_documento"})
    doc = client.get(f"/v1/pratiche/{numero}/documenti", headers=utente).json()["items"][0]
    altro = make_login("altro.utente")  # type: ignore[operator]
    assert client.get(f"/v1/pratiche/{numero}/eventi", headers=altro).status_code == 404
    got = client.get(f"/v1/pratiche/{numero}/documenti/{doc['id']}", headers=altro)
    assert got.status_code == 404
    missing = client.get(f"/v1/pratiche/{numero}/documenti/nessuno", headers=utente)
    assert missing.status_code == 404


def test_uploads_and_state_changes_move_aggiornata_il(
    client: httpx.Client, utente: dict[str, str]
) -> None:
    """An attachment is an event too, and the case's aggiornata_il is the last event's time."""
    pratica = open_case(client, utente)
    numero = pratica["numero"]
    answer = client.post(
        f"/v1/pratiche/{numero}/allegati",
        params={"nome": "reclamo.pdf"},
        content=b"%PDF-1.4\n%%EOF\n",
        headers={**utente, "Content-Type": "application/octet-stream"},
    )
    assert answer.status_code == 201, answer.text
    eventi = client.get(f"/v1/pratiche/{numero}/eventi", headers=utente).json()["items"]
    assert eventi[-1]["tipo"] == "allegato_caricato"
    assert eventi[-1]["dati"] == {"allegato": answer.json()["id"], "nome": "reclamo.pdf"}
    case = client.get(f"/v1/pratiche/{numero}", headers=utente).json()
    assert case["aggiornata_il"] == eventi[-1]["quando"]

"""The conciliation procedure in the sandbox: the rules' record, operator controls, the clock."""

import datetime as dt
import re
from typing import Any

import httpx
import pytest

from sportello.sandbox import SandboxServer

from .conftest import conforms, login, open_case, token_of

MONDAY = "2026-11-30T09:00:00+01:00"


def _freeze(client: httpx.Client, moment: str = MONDAY) -> None:
    answer = client.post("/_sandbox/clock", json={"freeze": moment})
    assert answer.status_code == 200, answer.text


def _advance(client: httpx.Client, days: float, username: str = "mrossi85") -> dict[str, str]:
    """Move the clock (the sweeps run); a fresh token of ``username`` (the old one expired)."""
    answer = client.post("/_sandbox/clock", json={"advance": {"days": days}})
    assert answer.status_code == 200, answer.text
    return token_of(client, username)


def _op(client: httpx.Client, numero: str, azione: str, **body: Any) -> httpx.Response:
    return client.post(f"/_sandbox/pratiche/{numero}/conciliazione/{azione}", json=body)


def _ok(client: httpx.Client, numero: str, azione: str, **body: Any) -> dict[str, Any]:
    answer = _op(client, numero, azione, **body)
    assert answer.status_code == 200, answer.text
    result: dict[str, Any] = answer.json()
    return result


def _case(client: httpx.Client, utente: dict[str, str], numero: str) -> dict[str, Any]:
    answer = client.get(f"/v1/pratiche/{numero}", headers=utente)
    conforms(answer, "GET", "/v1/pratiche/{numero}")
    result: dict[str, Any] = answer.json()
    return result


def _rules(answer: httpx.Response) -> list[tuple[str, str]]:
    assert answer.status_code == 422, answer.text
    assert answer.headers["content-type"].startswith("application/problem+json")
    return [(v["code"], v["rule"]) for v in answer.json()["violations"]]


@pytest.fixture
def utente(client: httpx.Client) -> dict[str, str]:
    """A consumer logged in on the frozen clock (Monday 30/11/2026 09:00, Rome)."""
    _freeze(client)
    return login(client)


def _opened(client: httpx.Client, utente: dict[str, str]) -> str:
    numero: str = open_case(client, utente)["numero"]
    return numero


def test_a_conciliation_gets_its_numero_pratica_at_once(
    client: httpx.Client, utente: dict[str, str]
) -> None:
    """CP-11: CONC + 12 random digits, the procedure submitted, the receipt e-mailed; no SPCEN."""
    pratica = open_case(client, utente)
    assert re.fullmatch(r"CONC\d{12}", pratica["numero"])
    assert pratica["stato"] == "inviata"
    assert pratica["conciliazione"]["stato"] == "inviata"
    assert "codice_spcen" not in pratica
    notifiche = client.get(f"/v1/pratiche/{pratica['numero']}/notifiche", headers=utente)
    assert [n["evento"] for n in notifiche.json()["items"]] == ["domanda_ricevuta"]
    assert pratica["numero"] in notifiche.json()["items"][0]["corpo"]


def test_a_sportello_case_gets_its_spcen_code_by_a_sweep(
    client: httpx.Client, utente: dict[str, str]
) -> None:
    """CP-11, AT-6: the SPCEN e-mail comes on the third working day, then the case shows it."""
    _advance(client, 23)  # Wednesday 23/12/2026
    utente = login(client, "lbianchi90")
    pratica = open_case(client, utente, "smart-help")
    numero = pratica["numero"]
    assert pratica["codice_spcen"] is None
    assert pratica["codice_spcen_entro"] == "2026-12-29"
    utente = _advance(client, 5, "lbianchi90")  # the 28th: not yet
    assert _case(client, utente, numero)["codice_spcen"] is None
    utente = _advance(client, 1, "lbianchi90")
    assert _case(client, utente, numero)["codice_spcen"] == numero
    notifiche = client.get(f"/v1/pratiche/{numero}/notifiche", headers=utente).json()["items"]
    assert [n["evento"] for n in notifiche] == ["codice_spcen"]


def test_the_whole_procedure_to_a_verbale_di_accordo(
    client: httpx.Client, utente: dict[str, str]
) -> None:
    """CP-3, CP-5, CP-10: integration, admission, convocation in a slot, agreement, PDF."""
    numero = _opened(client, utente)
    asked = _ok(client, numero, "richiesta-integrazione", documenti=["copia della bolletta"])
    assert asked["conciliazione"]["termini"]["integrazione_entro"] == "2026-12-07"
    answer = client.post(
        f"/v1/pratiche/{numero}/integrazione", json={"note": "Allego la bolletta"}, headers=utente
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["stato"] == "inviata"
    utente = _advance(client, 1)
    admitted = _ok(client, numero, "ammissione")
    assert admitted["conciliazione"]["termini"]["primo_incontro_entro"] == "2027-01-10"
    declared = client.post(
        f"/v1/pratiche/{numero}/disponibilita",
        json={"fasce": [{"giorno": "giovedi", "fascia": "10:30"}]},
        headers=utente,
    )
    assert declared.status_code == 200, declared.text
    convened = _ok(client, numero, "convocazione", stanza="Stanza 7")
    incontro = convened["conciliazione"]["incontro"]
    assert (incontro["data"], incontro["fascia"], incontro["stanza"]) == (
        "2026-12-03",
        "10:30",
        "Stanza 7",
    )
    assert convened["conciliazione"]["termini"]["ritiro_entro"] == "2026-12-01"
    utente = _advance(client, 2)
    done = _ok(client, numero, "esito", esito="accordo")
    assert done["stato"] == "accordo"
    verbale = done["conciliazione"]["verbale"]
    doc = client.get(f"/v1/pratiche/{numero}/documenti/{verbale}", headers=utente)
    assert doc.status_code == 200
    assert doc.content.startswith(b"%PDF-1.4")
    assert b"Verbale di accordo" in doc.content
    tipi = [
        d["tipo"]
        for d in client.get(f"/v1/pratiche/{numero}/documenti", headers=utente).json()["items"]
    ]
    assert tipi == ["richiesta_integrazione", "convocazione_incontro", "verbale"]
    eventi = client.get(f"/v1/pratiche/{numero}/notifiche", headers=utente).json()["items"]
    assert [n["evento"] for n in eventi] == [
        "domanda_ricevuta",
        "richiesta_integrazione",
        "incontro_programmato",
        "esito_accordo",
    ]
    assert all(n["corpo"] for n in eventi)


def test_an_integration_not_sent_in_7_days_is_archived_by_the_sweep(
    client: httpx.Client, utente: dict[str, str]
) -> None:
    """CP-3: a reminder 2 days before, then archived non_integrata the day after the 7th."""
    numero = _opened(client, utente)
    _ok(client, numero, "richiesta-integrazione")
    utente = _advance(client, 7)
    assert _case(client, utente, numero)["stato"] == "in_attesa_integrazione"
    utente = _advance(client, 1)
    pratica = _case(client, utente, numero)
    assert pratica["stato"] == "archiviata"
    assert pratica["conciliazione"]["motivo_archiviazione"] == "non_integrata"
    eventi = [
        n["evento"]
        for n in client.get(f"/v1/pratiche/{numero}/notifiche", headers=utente).json()["items"]
    ]
    assert eventi[-2:] == ["promemoria_integrazione", "archiviazione"]


def test_refusals_are_violations_with_their_rule(
    client: httpx.Client, utente: dict[str, str]
) -> None:
    """CP-2, CP-5, CP-6, CP-8, CP-10: each refusal a 422 naming the rule."""
    numero = _opened(client, utente)
    assert _rules(_op(client, numero, "esito", esito="accordo")) == [
        ("conciliazione.azione_non_ammessa", "CP-10")
    ]
    assert _rules(_op(client, numero, "inammissibilita")) == [
        ("conciliazione.motivo_required", "CP-2")
    ]
    _ok(client, numero, "ammissione")
    assert _rules(_op(client, numero, "convocazione")) == [
        ("conciliazione.nessuna_fascia_disponibile", "CP-5")
    ]
    assert ("calendar.no_meetings_on_day", "CP-5") in _rules(
        _op(client, numero, "convocazione", data="2026-12-05", fascia="09:00")
    )
    assert ("calendar.phone_not_only_mode", "CP-6") in _rules(
        _op(client, numero, "convocazione", data="2026-12-02", fascia="09:00", modalita="telefono")
    )
    _ok(client, numero, "convocazione", data="2026-12-01", fascia="09:00")
    late = client.post(f"/v1/pratiche/{numero}/ritiro", json={"conferma": True}, headers=utente)
    assert _rules(late) == [("conciliazione.ritiro_tardivo", "CP-8")]
    unconfirmed = client.post(
        f"/v1/pratiche/{numero}/ritiro", json={"conferma": False}, headers=utente
    )
    assert _rules(unconfirmed) == [("conciliazione.ritiro_non_confermato", "CP-8")]


def test_inadmissible_withdrawn_postponed_extended(
    client: httpx.Client, utente: dict[str, str]
) -> None:
    """CP-2 reasons, CP-7 postponement e-mail, CP-9 extension, CP-8 withdrawal in time."""
    numero = _opened(client, utente)
    out = _ok(client, numero, "inammissibilita", motivi=["fiscale"])
    assert out["conciliazione"]["motivi_inammissibilita"] == ["fiscale"]
    assert out["conciliazione"]["motivo_archiviazione"] == "inammissibile"
    numero = open_case(client, utente)["numero"]
    _ok(client, numero, "ammissione")
    _ok(client, numero, "convocazione", data="2026-12-10", fascia="14:00")
    moved = client.post(
        f"/v1/pratiche/{numero}/rinvio", json={"motivo": "Impegno di lavoro"}, headers=utente
    )
    assert moved.status_code == 200, moved.text
    assert moved.json()["stato"] == "rinviata"
    ext = _ok(client, numero, "proroga", giorni=10)
    assert ext["conciliazione"]["termini"]["conclusione_entro"] == "2027-03-10"
    assert _rules(_op(client, numero, "proroga", giorni=5, richiesta_da=["cliente"])) == [
        ("conciliazione.proroga_richiesta_congiunta", "CP-9")
    ]
    gone = client.post(f"/v1/pratiche/{numero}/ritiro", json={"conferma": True}, headers=utente)
    assert gone.status_code == 200, gone.text
    assert gone.json()["conciliazione"]["motivo_archiviazione"] == "ritirata"
    eventi = [
        n["evento"]
        for n in client.get(f"/v1/pratiche/{numero}/notifiche", headers=utente).json()["items"]
    ]
    assert "incontro_rinviato" in eventi
    assert "termine_prorogato" in eventi


def test_the_procedure_endpoints_are_only_for_ones_own_conciliation(
    client: httpx.Client, utente: dict[str, str], make_login: Any
) -> None:
    """Another account, or a SMART Help case, gets 404; SH-4 states never move a conciliation."""
    numero = _opened(client, utente)
    other = make_login("lbianchi90")
    answer = client.post(f"/v1/pratiche/{numero}/ritiro", json={"conferma": True}, headers=other)
    assert answer.status_code == 404
    sh = open_case(client, utente, "smart-help")["numero"]
    assert _op(client, sh, "ammissione").status_code == 404
    legacy = client.post(
        f"/_sandbox/pratiche/{numero}/eventi",
        json={"evento": "nuovo_documento", "stato": "in_lavorazione"},
    )
    assert _rules(legacy) == [("conciliazione.azione_non_ammessa", "CP-10")]
    (violation,) = legacy.json()["violations"]
    assert violation["params"] == {
        "azione": "In lavorazione",
        "azione_en": "In progress",
        "stato": "Inviata",
        "stato_en": "Submitted",
    }
    english = client.post(
        f"/_sandbox/pratiche/{numero}/eventi",
        json={"evento": "nuovo_documento", "stato": "in_lavorazione"},
        headers={"Accept-Language": "en"},
    )
    assert english.json()["violations"][0]["message"] == (
        "The action “In progress” is not possible in the state “Submitted”."
    )


def test_a_term_passed_without_a_sweep_fires_before_the_action(
    server: SandboxServer, client: httpx.Client, utente: dict[str, str]
) -> None:
    """CP-3: time passing unswept, the late answer is refused and the archiving still stands."""
    numero = _opened(client, utente)
    _ok(client, numero, "richiesta-integrazione")
    server.app.state.sandbox.clock.advance(dt.timedelta(days=8))  # no sweep ran
    utente = token_of(client, "mrossi85")
    late = client.post(f"/v1/pratiche/{numero}/integrazione", json={"note": "x"}, headers=utente)
    assert _rules(late) == [("conciliazione.azione_non_ammessa", "CP-3")]
    pratica = _case(client, utente, numero)
    assert pratica["conciliazione"]["motivo_archiviazione"] == "non_integrata"

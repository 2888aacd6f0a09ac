"""The customer's action forms: CP-3 integration, CP-5 availability, CP-7, CP-8 (withdrawal)."""

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from sportello import ValidationError
from sportello.forms import (
    DisponibilitaIncontro,
    RichiestaRinvio,
    RispostaIntegrazione,
    RitiroDomanda,
    as_of,
    load,
)
from sportello.rules.meetings import (
    DisponibilitaFascia,
    FasciaIncontro,
    Giorno,
    OrarioIncontro,
    first_available,
)

Example = Callable[[str], dict[str, Any]]


def _violations(cls: type, doc: dict[str, Any]) -> list[tuple[str, str, str]]:
    with pytest.raises(ValidationError) as info:
        load(cls, doc)
    return [(v.path, v.code, v.rule) for v in info.value.violations]


def test_cp3_integration_answer_holds_a_document_or_a_note(example: Example) -> None:
    """CP-3: the answer to a request for integration is not empty; its files are AT-4 names."""
    assert load(RispostaIntegrazione, example("risposta_integrazione")).allegati
    assert _violations(RispostaIntegrazione, {}) == [
        ("allegati", "conciliazione.integrazione_vuota", "CP-3")
    ]
    assert load(RispostaIntegrazione, {"note": "Il contatore è stato sostituito."}).note
    found = _violations(RispostaIntegrazione, {"allegati": [{"tipo": "bolletta", "nome": "b.exe"}]})
    assert found == [("allegati[0].nome", "attachments.extension_not_allowed", "AT-4")]


def test_cp5_availability_as_weekday_or_date_and_slot(example: Example) -> None:
    """CP-5: (weekday or date, slot) pairs; the form gives them to the rules' first_available."""
    form = load(DisponibilitaIncontro, example("disponibilita_incontro"))
    assert form.disponibilita[0] == DisponibilitaFascia(Giorno.LUNEDI, FasciaIncontro.ORE_09_00)
    first = first_available(
        form.disponibilita, dal=dt.date(2026, 12, 3), entro=dt.date(2026, 12, 31)
    )
    assert first == OrarioIncontro(dt.date(2026, 12, 7), FasciaIncontro.ORE_09_00)


@pytest.mark.parametrize(
    ("item", "found"),
    [
        (
            {"giorno": "sabato", "fascia": "09:00"},
            [("fasce[0].giorno", "forms.invalid_choice", "")],
        ),
        (
            {"giorno": "lunedi", "fascia": "13:30"},
            [("fasce[0].fascia", "forms.invalid_choice", "")],
        ),
        (
            {"giorno": "lunedi", "data": "2026-12-07", "fascia": "09:00"},
            [("fasce[0].giorno", "conciliazione.giorno_o_data", "CP-5")],
        ),
        ({"fascia": "09:00"}, [("fasce[0].giorno", "conciliazione.giorno_o_data", "CP-5")]),
        (
            {"data": "2026-12-08", "fascia": "09:00"},  # Immacolata
            [("fasce[0].data", "calendar.no_meetings_on_day", "CP-5")],
        ),
        (
            {"data": "2026-11-30", "fascia": "09:00"},  # before today
            [("fasce[0].data", "calendar.date_before", "CP-5")],
        ),
    ],
)
def test_cp5_availability_refused_with_its_path(item: dict[str, str], found: list[object]) -> None:
    """CP-5: a weekend, a non-slot time, both or neither day, a holiday, a past date."""
    with as_of(dt.date(2026, 12, 1)):
        assert _violations(DisponibilitaIncontro, {"fasce": [item]}) == found


def test_cp5_availability_needs_a_pair() -> None:
    """CP-5: an empty list is refused; a missing one is a required field."""
    assert _violations(DisponibilitaIncontro, {"fasce": []}) == [
        ("fasce", "conciliazione.disponibilita_vuota", "CP-5")
    ]
    assert _violations(DisponibilitaIncontro, {}) == [("fasce", "forms.required", "CP-5")]


def test_cp7_postponement_request_states_its_reason(example: Example) -> None:
    """CP-7: the reason is required and bounded; new availability is optional."""
    form = load(RichiestaRinvio, example("richiesta_rinvio"))
    assert form.disponibilita == (DisponibilitaFascia(Giorno.GIOVEDI, FasciaIncontro.ORE_14_00),)
    assert _violations(RichiestaRinvio, {"motivo": "  "}) == [("motivo", "forms.required", "CP-7")]
    assert _violations(RichiestaRinvio, {"motivo": "x" * 501}) == [("motivo", "forms.too_long", "")]


def test_cp8_withdrawal_is_confirmed(example: Example) -> None:
    """CP-8: the customer confirms, knowing no new request on the same dispute will be admitted."""
    assert load(RitiroDomanda, example("ritiro_domanda")).conferma is True
    found = _violations(RitiroDomanda, {"conferma": False})
    assert found == [("conferma", "conciliazione.ritiro_non_confermato", "CP-8")]
    with pytest.raises(ValidationError) as info:
        load(RitiroDomanda, {"conferma": False})
    assert "stessa controversia" in info.value.violations[0].message()
    assert _violations(RitiroDomanda, {}) == [("conferma", "forms.required", "CP-8")]


def test_cp10_a_procedure_and_its_events_round_trip_through_dump_and_load() -> None:
    """CP-10: a Procedura and its events dump to JSON and load back equal; a bad one is refused."""
    import json

    from sportello.forms import dump
    from sportello.rules import conciliazione as c

    d0 = dt.date(2026, 1, 14)
    p = c.admit(c.submit(oggi=d0).procedura, oggi=d0).procedura
    meeting = c.Incontro(data=dt.date(2026, 2, 3), fascia=FasciaIncontro.ORE_10_30, stanza="S-1")
    p = c.convene(p, oggi=d0, incontro=meeting).procedura
    step = c.postpone(p, oggi=d0, richiesto_da=c.Parte.CONTROPARTE, motivo="Ferie")
    doc = json.loads(json.dumps(dump(step.procedura)))
    assert load(c.Procedura, doc) == step.procedura
    (evento,) = step.eventi
    assert load(c.EventoProcedura, json.loads(json.dumps(dump(evento)))) == evento
    with pytest.raises(ValidationError) as info:
        load(c.Procedura, {**doc, "stato": "convocata"})  # a meeting fixed, but none recorded
    assert info.value.codes == ("conciliazione.procedura_incoerente",)

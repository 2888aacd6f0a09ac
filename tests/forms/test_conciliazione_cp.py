"""DomandaConciliazione and the procedure's rules: CP-1 on load, CP-4's content, CP-6, CH-5."""

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from sportello import ValidationError
from sportello.forms import (
    DomandaConciliazione,
    TipoAllegato,
    TipoRichiedente,
    as_of,
    dump,
    load,
    required_attachments,
    today,
)

Example = Callable[[str], dict[str, Any]]


def _violations(doc: dict[str, Any]) -> list[tuple[str, str, str]]:
    with pytest.raises(ValidationError) as info:
        load(DomandaConciliazione, doc)
    return [(v.path, v.code, v.rule) for v in info.value.violations]


def _senza_risposta(doc: dict[str, Any]) -> dict[str, Any]:
    """The example with a complaint of 1 September 2026 and no answer yet."""
    doc["reclamo"] = {"data": "2026-09-01"}
    doc["allegati"] = [a for a in doc["allegati"] if a["tipo"] not in ("risposta_reclamo",)]
    return doc


@pytest.mark.parametrize(
    ("oggi", "ok"), [(dt.date(2026, 10, 11), False), (dt.date(2026, 10, 12), True)]
)
def test_cp1_checked_on_load_against_today(example: Example, oggi: dt.date, ok: bool) -> None:
    """CP-1: with no answer the request loads from the 41st day, not the 40th."""
    doc = _senza_risposta(example("domanda_conciliazione"))
    with as_of(oggi):
        if ok:
            assert load(DomandaConciliazione, doc).reclamo is not None
        else:
            assert _violations(doc) == [("reclamo.data", "conciliazione.too_early", "CP-1")]


@pytest.mark.parametrize(
    ("oggi", "ok"), [(dt.date(2026, 10, 11), False), (dt.date(2026, 10, 12), True)]
)
def test_cp1_load_today_fixes_the_day_for_one_call(
    example: Example, oggi: dt.date, ok: bool
) -> None:
    """CP-1: load(today=) is the day of that call's rules, over as_of's; it does not stay."""
    doc = _senza_risposta(example("domanda_conciliazione"))
    with as_of(dt.date(2026, 10, 11) if ok else dt.date(2026, 10, 12)):
        if ok:
            assert load(DomandaConciliazione, doc, today=oggi).reclamo is not None
        else:
            with pytest.raises(ValidationError) as info:
                load(DomandaConciliazione, doc, today=oggi)
            found = [(v.path, v.code, v.rule) for v in info.value.violations]
            assert found == [("reclamo.data", "conciliazione.too_early", "CP-1")]
        assert today() == (dt.date(2026, 10, 11) if ok else dt.date(2026, 10, 12))


def test_cp1_an_unsatisfactory_answer_opens_it_earlier(example: Example) -> None:
    """CP-1: an answer judged unsatisfactory lets the request go from its day."""
    doc = example("domanda_conciliazione")
    doc["reclamo"] = {
        "data": "2026-09-01",
        "data_risposta": "2026-09-10",
        "risposta_insoddisfacente": True,
        "ricevuta": True,
    }
    with as_of(dt.date(2026, 9, 10)):
        assert load(DomandaConciliazione, doc).reclamo is not None
    doc["reclamo"]["risposta_insoddisfacente"] = False
    with as_of(dt.date(2026, 9, 10)):
        assert _violations(doc) == [("reclamo.data", "conciliazione.too_early", "CP-1")]


def test_cp1_today_is_rome_unless_fixed(example: Example) -> None:
    """CP-1: forms.today() is Europe/Rome's day; as_of fixes another one for the block only."""
    from zoneinfo import ZoneInfo

    assert today() == dt.datetime.now(ZoneInfo("Europe/Rome")).date()
    with as_of(dt.date(2020, 1, 1)):
        assert today() == dt.date(2020, 1, 1)
        with as_of(dt.datetime(2021, 2, 3, 4, 5)):
            assert today() == dt.date(2021, 2, 3)
        assert today() == dt.date(2020, 1, 1)
        found = _violations(example("domanda_conciliazione"))
    assert ("reclamo.data", "conciliazione.future_date", "CP-1") in found


def test_cp1_the_courts_referral_needs_no_complaint(example: Example) -> None:
    """CP-1, CP-4: referred by the court, no complaint; the court's order replaces it."""
    doc = example("domanda_conciliazione")
    del doc["reclamo"]
    assert _violations(doc)[0] == ("reclamo", "conciliazione.complaint_required", "CP-1")
    doc["demandata_dal_giudice"] = True
    found = _violations(doc)
    assert found == [("allegati", "forms.allegato_required", "CO-6")]
    doc["allegati"].append({"tipo": "provvedimento_giudice", "nome": "ordinanza.pdf"})
    form = load(DomandaConciliazione, doc)
    assert TipoAllegato.PROVVEDIMENTO_GIUDICE in required_attachments(form)
    assert TipoAllegato.RECLAMO not in required_attachments(form)


@pytest.mark.parametrize(
    ("value", "canonical"),
    [("1240.5", "1240.50"), ("1240,50", "1240.50"), ("0", "0.00"), (" 99 ", "99.00")],
)
def test_cp4_value_of_the_dispute_is_a_decimal(
    example: Example, value: str, canonical: str
) -> None:
    """CP-4: the value is euro with at most two decimals, kept as a Decimal, dumped as text."""
    doc = example("domanda_conciliazione")
    doc["valore_controversia"] = value
    form = load(DomandaConciliazione, doc)
    assert form.valore_controversia == Decimal(canonical)
    assert dump(form)["valore_controversia"] == canonical


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("1.240,00", "conciliazione.valore_non_valido"),
        ("12.345", "conciliazione.valore_non_valido"),
        ("-3", "conciliazione.valore_negativo"),
        (12.5, "forms.wrong_type"),
        (None, "forms.required"),
    ],
)
def test_cp4_value_of_the_dispute_refused(example: Example, value: object, code: str) -> None:
    """CP-4: thousands separators, three decimals, negative amounts, JSON numbers are refused."""
    doc = example("domanda_conciliazione")
    doc["valore_controversia"] = value
    (found,) = _violations(doc)
    assert found[:2] == ("valore_controversia", code)


def test_cp4_value_given_as_a_decimal_in_python(example: Example) -> None:
    """CP-4: a Decimal is taken as it is when finite, with at most two decimals."""
    doc = example("domanda_conciliazione")
    doc["valore_controversia"] = Decimal("12.30")
    assert load(DomandaConciliazione, doc).valore_controversia == Decimal("12.30")
    for bad in (Decimal("NaN"), Decimal("1.234"), Decimal("1E+12")):
        doc["valore_controversia"] = bad
        (found,) = _violations(doc)
        assert found == ("valore_controversia", "conciliazione.valore_non_valido", "CP-4")


def test_cp4_supply_point_or_else_the_address_exactly_one(example: Example) -> None:
    """CP-4: POD/PDR, or the supply address where unavailable; neither or both are refused."""
    doc = example("domanda_conciliazione")
    del doc["punto_fornitura"]
    assert _violations(doc) == [
        ("punto_fornitura", "conciliazione.punto_or_indirizzo_required", "CP-4")
    ]
    doc["indirizzo_fornitura"] = "Via dei Mille 3, 55022 Bagni di Lucca (LU)"
    assert load(DomandaConciliazione, doc).punto_fornitura is None
    doc["punto_fornitura"] = "IT001E12345678"
    assert _violations(doc) == [
        ("indirizzo_fornitura", "conciliazione.punto_and_indirizzo", "CP-4")
    ]
    doc["indirizzo_fornitura"] = "x" * 201
    assert ("indirizzo_fornitura", "forms.too_long", "") in _violations(doc)


def test_cp4_a_person_gives_birth_data_sex_birthplace_and_a_mobile(example: Example) -> None:
    """CP-4: for a person each of the data is required, at its path under `cliente`."""
    doc = example("domanda_conciliazione")
    for key in ("data_nascita", "sesso", "luogo_nascita", "cellulare"):
        del doc["cliente"][key]
    assert _violations(doc) == [
        (f"cliente.{key}", "conciliazione.dato_persona_required", "CP-4")
        for key in ("data_nascita", "sesso", "luogo_nascita", "cellulare")
    ]


def test_cp4_the_mobile_is_a_mobile_and_the_birthplace_a_bounded_text(example: Example) -> None:
    """CP-4: a landline is not a mobile; the birthplace is free text up to 100 characters."""
    doc = example("domanda_conciliazione")
    doc["cliente"]["cellulare"] = "06 1234 5678"
    doc["cliente"]["luogo_nascita"] = "B" * 101
    assert _violations(doc) == [
        ("cliente.luogo_nascita", "forms.too_long", ""),
        ("cliente.cellulare", "profile.phone_not_mobile", "CP-4"),
    ]
    doc["cliente"]["luogo_nascita"] = "Francia"  # a foreign state
    doc["cliente"]["cellulare"] = "333 123 4567"
    form = load(DomandaConciliazione, doc)
    assert (form.cliente.luogo_nascita, form.cliente.cellulare) == ("Francia", "+393331234567")


@pytest.mark.parametrize("kind", [TipoRichiedente.IMPRESA, TipoRichiedente.STUDIO_PROFESSIONALE])
def test_cp4_a_company_or_firm_is_a_non_domestic_customer(example: Example, kind: str) -> None:
    """CP-4: a company or professional firm is a non-domestic customer, with no birth data."""
    doc = example("domanda_conciliazione")
    doc["tipo_richiedente"] = kind.value
    doc["cliente"] = {
        "tipo_cliente": "domestico",
        "ragione_sociale": "Studio Verdi",
        "codice_fiscale": "00743110157",
    }
    assert _violations(doc) == [
        ("cliente.tipo_cliente", "conciliazione.richiedente_non_domestico", "CP-4")
    ]
    doc["cliente"]["tipo_cliente"] = "non_domestico"
    form = load(DomandaConciliazione, doc)
    assert form.tipo_richiedente is kind
    assert kind.label
    assert kind.label_en


def test_cp4_a_person_needs_a_personal_codice_fiscale(example: Example) -> None:
    """CP-4: a person with an 11-digit (company) code is refused."""
    doc = example("domanda_conciliazione")
    doc["cliente"]["codice_fiscale"] = "00743110157"
    assert ("cliente.codice_fiscale", "conciliazione.codice_fiscale_persona", "CP-4") in (
        _violations(doc)
    )


def test_cp4_the_two_declarations_are_flags_of_the_form(example: Example) -> None:
    """CP-4: no attempt pending or concluded, and the complaint's date: both declared."""
    doc = example("domanda_conciliazione")
    doc["dichiarazione_nessun_tentativo"] = False
    del doc["dichiarazione_data_reclamo"]
    found = _violations(doc)
    assert found == [
        ("dichiarazione_nessun_tentativo", "conciliazione.dichiarazione_required", "CP-4"),
        ("dichiarazione_data_reclamo", "conciliazione.dichiarazione_required", "CP-4"),
    ]


def test_cp4_heirs_flag(example: Example) -> None:
    """CP-4: a request by or for the heirs is flagged; false when not said."""
    doc = example("domanda_conciliazione")
    assert load(DomandaConciliazione, doc).eredi is False
    doc["eredi"] = True
    assert load(DomandaConciliazione, doc).eredi is True


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {},
            [
                "documento_identita",
                "reclamo",
                "ricevuta_reclamo",
                "risposta_reclamo",
                "procura",
                "documento_identita_delegato",
            ],
        ),
        (
            {"modulo": "cliente"},
            ["documento_identita", "reclamo", "ricevuta_reclamo", "risposta_reclamo"],
        ),
        (
            {"modulo": "cliente", "reclamo": {"data": "2026-08-03"}},
            ["documento_identita", "reclamo"],
        ),
    ],
    ids=["delegato", "cliente", "no answer, no receipt"],
)
def test_cp4_required_documents(
    example: Example, changes: dict[str, Any], expected: list[str]
) -> None:
    """CP-4: identity, complaint, receipt and answer when there are, procura and delegate's ID."""
    doc = {**example("domanda_conciliazione"), **changes}
    if doc["modulo"] == "cliente":
        del doc["delegato"]
    doc["allegati"] = [{"tipo": t} for t in expected]
    form = load(DomandaConciliazione, doc)
    assert [t.value for t in required_attachments(form)] == expected


def test_cp6_telephone_needs_a_reason_or_no_device(example: Example) -> None:
    """CP-6: the telephone with a device needs its reason; with the reason it is accepted."""
    doc = example("domanda_conciliazione")
    doc["modalita_incontro"] = "telefono"
    assert _violations(doc) == [
        ("modalita_incontro", "calendar.phone_only_without_equipment", "CO-7")
    ]
    doc["motivo_telefono"] = "Connessione assente nella zona di residenza"
    assert load(DomandaConciliazione, doc).motivo_telefono is not None
    del doc["dotazione"], doc["motivo_telefono"]
    assert _violations(doc) == [("motivo_telefono", "calendar.phone_reason_required", "CP-6")]


def test_ch5_offline_only_for_a_domestic_customer(example: Example) -> None:
    """CH-5: a non-domestic company acting directly may not send the request by post."""
    doc = example("domanda_conciliazione")
    del doc["delegato"]
    doc["modulo"] = "cliente"
    doc["canale"] = "post"
    doc["tipo_richiedente"] = "impresa"
    doc["cliente"] = {
        "tipo_cliente": "non_domestico",
        "ragione_sociale": "Officina Rossi Srl",
        "codice_fiscale": "00743110157",
    }
    doc["allegati"] = [
        {"tipo": t}
        for t in ("documento_identita", "reclamo", "ricevuta_reclamo", "risposta_reclamo")
    ]
    assert _violations(doc) == [("canale", "channels.conciliation_offline_domestic_only", "CH-5")]
    doc["canale"] = "portal"
    assert load(DomandaConciliazione, doc).canale.value == "portal"


def test_cp2_the_forms_key_of_the_dispute(example: Example) -> None:
    """CP-2: the request's chiave_controversia is the rule's, from its customer, supply, subject."""
    from sportello.rules.conciliazione import chiave_controversia

    form = load(DomandaConciliazione, example("domanda_conciliazione"))
    assert form.chiave_controversia == chiave_controversia(
        codice_fiscale="RSSMRA85T10A562S",
        controparte="whatever: the partita IVA decides",
        controparte_partita_iva="00743110157",
        oggetto="fatturazione",
        punto_fornitura="IT001E12345678",
    )

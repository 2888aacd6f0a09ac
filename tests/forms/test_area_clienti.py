"""A utility's customer area: UP-1, UP-3, UP-6, RD-1..RD-3, EB-3."""

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from sportello import ValidationError
from sportello.forms import (
    AggiornamentoAnagrafica,
    Autolettura,
    ModalitaInvioBolletta,
    RecuperoPassword,
    RegistrazioneAreaClienti,
    check_autolettura,
    load,
)
from sportello.rules import readings
from sportello.rules.supply import Fornitura

Example = Callable[[str], dict[str, Any]]


def _violations(cls: type, doc: dict[str, Any]) -> list[tuple[str, str, str]]:
    with pytest.raises(ValidationError) as info:
        load(cls, doc)
    return [(v.path, v.code, v.rule) for v in info.value.violations]


def test_up1_registration_needs_code_cf_and_email() -> None:
    """UP-1: codice cliente, CF or P.IVA, e-mail: all missing ones at once, rule UP-1."""
    assert _violations(RegistrazioneAreaClienti, {}) == [
        ("codice_cliente", "forms.required", "UP-1"),
        ("codice_fiscale", "forms.required", "UP-1"),
        ("email", "forms.required", "UP-1"),
    ]


def test_up1_codes_are_checked_by_the_identifier_rules(example: Example) -> None:
    """UP-1, UP-2: a five-digit customer code and a bad partita IVA are refused."""
    doc = example("registrazione_area_clienti")
    doc["codice_cliente"] = "05007"
    doc["codice_fiscale"] = "00743110158"
    found = _violations(RegistrazioneAreaClienti, doc)
    assert [p for p, _, _ in found] == ["codice_cliente", "codice_fiscale"]
    assert found[0][1] == "codice_cliente.invalid_length"


def test_up3_password_recovery_takes_the_customer_code_only() -> None:
    """UP-3: only the customer code: any other key is refused."""
    assert load(RecuperoPassword, {"codice_cliente": "005007"}).codice_cliente == "005007"
    assert _violations(RecuperoPassword, {"codice_cliente": "005007", "email": "a@b.it"}) == [
        ("email", "forms.unknown_field", "")
    ]
    assert _violations(RecuperoPassword, {}) == [("codice_cliente", "forms.required", "UP-3")]


@pytest.mark.parametrize(
    ("typed", "value"), [("45.000", 45000), ("45 000", 45000), ("00123", 123), (7, 7)]
)
def test_rd2_reading_typed_as_on_the_portal(typed: object, value: int) -> None:
    """RD-2: "45.000" is forty-five thousand; the corrector value is parsed the same way."""
    doc = {"punto": "PR002874", "data": "2026-11-20", "lettura_contatore": typed}
    doc["lettura_correttore"] = typed
    form = load(Autolettura, doc)
    assert form.lettura_contatore == form.lettura_correttore == value


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("45,5", "readings.decimal_not_allowed"),
        ("45.00", "readings.ambiguous"),
        (-3, "readings.negative"),
        ("tanti", "readings.not_a_number"),
    ],
)
def test_rd2_bad_readings_are_refused(typed: object, code: str) -> None:
    """RD-2: decimals, ambiguous grouping, negatives and words are refused at the field."""
    doc = {"punto": "PR002874", "data": "2026-11-20", "lettura_contatore": typed}
    assert [(p, c) for p, c, _ in _violations(Autolettura, doc)] == [("lettura_contatore", code)]


def test_rd1_rd2_rd3_in_context(example: Example) -> None:
    """RD-1, RD-2, RD-3: outside the window, corrector missing, a second reading that day."""
    form = load(Autolettura, example("autolettura"))
    window = readings.FinestraLettura(dt.datetime(2026, 11, 1, 8), dt.datetime(2026, 11, 30, 22))
    meter = readings.Contatore(Fornitura.GAS, has_correttore=True)
    now = dt.datetime(2026, 11, 21, 10)
    assert check_autolettura(form, existing=[], windows=[window], meter=meter, now=now) == []
    earlier = form.to_reading()
    late = dt.datetime(2026, 12, 1, 10)
    codes = [
        v.code
        for v in check_autolettura(
            load(Autolettura, {**example("autolettura"), "lettura_correttore": None}),
            existing=[earlier],
            windows=[window],
            meter=meter,
            now=late,
        )
    ]
    assert codes == [
        "readings.outside_window",
        "readings.corrector_missing",
        "readings.one_per_day",
    ]


def test_up6_only_phone_fax_email(example: Example) -> None:
    """UP-6: the three editable data load; the e-mail cannot be cleared."""
    form = load(AggiornamentoAnagrafica, example("aggiornamento_anagrafica"))
    assert form.telefono == "+390612345678"
    doc = {"telefono": "", "fax": None, "email": " "}
    assert _violations(AggiornamentoAnagrafica, doc) == [("email", "forms.required", "UP-6")]


def test_up6_phone_must_be_valid(example: Example) -> None:
    """UP-6: phone and fax are checked by the profile rules."""
    doc = example("aggiornamento_anagrafica")
    doc["fax"] = "12"
    assert [(p, c) for p, c, _ in _violations(AggiornamentoAnagrafica, doc)] == [
        ("fax", "profile.phone_invalid")
    ]


def test_eb3_delivery_mode_and_email_per_contract(example: Example) -> None:
    """EB-3: each contract has its delivery mode and its own e-mail (none: registration's)."""
    doc = example("modalita_invio_bolletta")
    del doc["email_invio"]
    assert load(ModalitaInvioBolletta, doc).email_invio is None
    doc["modalita"] = "pec"
    doc["email_invio"] = "bollette@"
    assert [(p, c) for p, c, _ in _violations(ModalitaInvioBolletta, doc)] == [
        ("modalita", "forms.invalid_choice"),
        ("email_invio", "profile.email_invalid"),
    ]
    assert _violations(ModalitaInvioBolletta, {})[0] == ("contratto", "forms.required", "EB-3")

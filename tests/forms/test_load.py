"""load: strict JSON types, normalisation, every fault at once with its dotted path."""

from collections.abc import Callable
from typing import Any

import pytest

from sportello import ValidationError
from sportello.forms import (
    AggiornamentoAnagrafica,
    DomandaConciliazione,
    FormError,
    RecuperoPassword,
    RegistrazioneAreaClienti,
    RegistrazioneSportello,
    dump,
    load,
)

Example = Callable[[str], dict[str, Any]]


def _faults(cls: type, data: object) -> list[tuple[str, str]]:
    with pytest.raises(ValidationError) as info:
        load(cls, data)
    return [(v.path, v.code) for v in info.value.violations]


@pytest.mark.parametrize("data", [None, [], "x", 3, 1.5, True, [{"codice_cliente": "005007"}]])
def test_non_object_is_a_violation_not_a_type_error(data: object) -> None:
    """A document that is not a JSON object is one forms.not_object violation."""
    assert _faults(RecuperoPassword, data) == [("", "forms.not_object")]


def test_unknown_keys_are_refused_with_their_paths(example: Example) -> None:
    """Unknown keys, at the top and nested, are forms.unknown_field each."""
    doc = example("domanda_conciliazione")
    doc["colore"] = "blu"
    doc["cliente"]["soprannome"] = "Mariolino"
    doc["allegati"][1]["peso"] = 3
    faults = _faults(DomandaConciliazione, doc)
    assert ("colore", "forms.unknown_field") in faults
    assert ("cliente.soprannome", "forms.unknown_field") in faults
    assert ("allegati[1].peso", "forms.unknown_field") in faults
    assert len(faults) == 3


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("username", 12345, "string"),
        ("username", ["mrossi"], "string"),
        ("email", {"a": 1}, "string"),
        ("data_nascita", 19851210, "string"),
    ],
)
def test_no_silent_coercion(field: str, value: object, expected: str, example: Example) -> None:
    """A number is not a string, a list not a string: forms.wrong_type names the JSON type."""
    doc = example("registrazione_sportello")
    doc[field] = value
    with pytest.raises(ValidationError) as info:
        load(RegistrazioneSportello, doc)
    (v,) = info.value.violations
    assert (v.path, v.code, v.params["expected"]) == (field, "forms.wrong_type", expected)


def test_booleans_and_integers_are_strict(example: Example) -> None:
    """ "true" is not a boolean, true is not an integer, 1.5 is not an integer."""
    doc = example("domanda_conciliazione")
    doc["dotazione"]["webcam"] = "true"
    doc["delegato"]["procura"]["potere_di_transigere"] = 1
    faults = _faults(DomandaConciliazione, doc)
    assert ("dotazione.webcam", "forms.wrong_type") in faults
    assert ("delegato.procura.potere_di_transigere", "forms.wrong_type") in faults
    lettura = {"punto": "PR1", "data": "2026-11-20", "lettura_contatore": True}
    from sportello.forms import Autolettura

    assert _faults(Autolettura, lettura) == [("lettura_contatore", "forms.wrong_type")]


def test_blank_and_null_are_missing(example: Example) -> None:
    """A blank string or null in a mandatory field is forms.required, like a missing key."""
    doc = example("registrazione_area_clienti")
    doc["codice_cliente"] = "   "
    doc["email"] = None
    del doc["codice_fiscale"]
    assert _faults(RegistrazioneAreaClienti, doc) == [
        ("codice_cliente", "forms.required"),
        ("codice_fiscale", "forms.required"),
        ("email", "forms.required"),
    ]


def test_blank_optional_fields_become_none(example: Example) -> None:
    """An optional field left blank loads as None and is left out by dump."""
    doc = example("registrazione_sportello")
    doc["telefono"] = "  "
    form = load(RegistrazioneSportello, doc)
    assert form.telefono is None
    assert "telefono" not in dump(form)


def test_values_are_normalised_as_the_portal_would(example: Example) -> None:
    """Strip; CF, POD upper-cased and compacted; e-mail domain lower-cased; phone in E.164."""
    doc = example("domanda_conciliazione")
    doc["cliente"]["codice_fiscale"] = " rss mra 85t10 a562s "
    doc["cliente"]["email"] = "mario.rossi@EXAMPLE.IT"
    doc["cliente"]["telefono"] = "06 1234 5678"
    doc["punto_fornitura"] = "it001e12345678"
    doc["controparte"]["partita_iva"] = "IT 00743110157"
    doc["richieste_cliente"] = "  Ricalcolo.  "
    form = load(DomandaConciliazione, doc)
    assert form.cliente.codice_fiscale == "RSSMRA85T10A562S"
    assert form.cliente.email == "mario.rossi@example.it"
    assert form.cliente.telefono == "+390612345678"
    assert form.punto_fornitura == "IT001E12345678"
    assert form.controparte.partita_iva == "00743110157"
    assert form.richieste_cliente == "Ricalcolo."


def test_dates_must_be_iso(example: Example) -> None:
    """A date in another format, or impossible, is forms.invalid_date at its path."""
    doc = example("domanda_conciliazione")
    doc["reclamo"]["data"] = "03/08/2026"
    doc["reclamo"]["data_risposta"] = "2026-02-30"
    assert _faults(DomandaConciliazione, doc) == [
        ("reclamo.data", "forms.invalid_date"),
        ("reclamo.data_risposta", "forms.invalid_date"),
    ]


def test_lists_must_be_arrays(example: Example) -> None:
    """A string where a list goes is forms.wrong_type, never iterated letter by letter."""
    doc = example("domanda_conciliazione")
    doc["disponibilita"] = "lunedi_mattina"
    assert _faults(DomandaConciliazione, doc) == [("disponibilita", "forms.wrong_type")]


def test_rule_violations_come_with_structural_faults(example: Example) -> None:
    """Cross-field rules still run on the fields that structured (CO-1 beside a bad e-mail)."""
    doc = example("domanda_conciliazione")
    doc["cliente"]["email"] = "non-una-mail"
    doc["delegato"]["procura"]["potere_di_transigere"] = False
    faults = _faults(DomandaConciliazione, doc)
    assert ("cliente.email", "profile.email_invalid") in faults
    assert ("delegato.procura.potere_di_transigere", "forms.procura_potere_di_transigere") in (
        faults
    )


def test_error_speaks_the_requested_language() -> None:
    """load(..., lang="en") raises a FormError whose str() is English; messages stay bilingual."""
    with pytest.raises(FormError) as info:
        load(RecuperoPassword, {}, lang="en")
    assert str(info.value) == "codice_cliente: This field is required."
    assert info.value.messages() == ["codice_cliente: Il campo è obbligatorio."]


def test_unknown_field_of_anagrafica_is_up6(example: Example) -> None:
    """UP-6: any key but telefono, fax, email is refused with profile.field_not_editable."""
    doc = example("aggiornamento_anagrafica")
    doc["indirizzo"] = "Via Roma 1"
    doc["nome"] = "Mario"
    with pytest.raises(ValidationError) as info:
        load(AggiornamentoAnagrafica, doc)
    found = [(v.path, v.code, v.rule) for v in info.value.violations]
    assert found == [
        ("indirizzo", "profile.field_not_editable", "UP-6"),
        ("nome", "profile.field_not_editable", "UP-6"),
    ]


def test_secrets_stay_out_of_reprs_and_errors(example: Example) -> None:
    """Passwords and codici fiscali never appear in a record's repr or an error's text."""
    doc = example("registrazione_sportello")
    form = load(RegistrazioneSportello, doc)
    assert doc["password"] not in repr(form)
    assert doc["codice_fiscale"] not in repr(form)
    doc["password"] = "mrossi85Aa!"
    doc["codice_fiscale"] = "RSSMRA85T10A562X"
    with pytest.raises(ValidationError) as info:
        load(RegistrazioneSportello, doc)
    text = str(info.value) + repr(info.value) + repr([v.to_dict() for v in info.value.violations])
    assert "mrossi85Aa!" not in text
    assert "RSSMRA85T10A562X" not in text

"""Every cross-field rule a schema states is needed: removing it from the schema fails here.

For each rule of :func:`sportello.forms._schema_rules.rules` (record, rule function), a
documented example changed so that only that rule refuses it: ``load`` refuses it with the
rule's code, the form's schema refuses it, and the same schema without that one rule accepts it.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker  # type: ignore[import-untyped]

from sportello import ValidationError
from sportello.forms import FORMS, json_schema, load
from sportello.forms import _schema_rules as schema_rules

from .conftest import read_example

Doc = dict[str, Any]
Change = Callable[[Doc], None]


def _delegato() -> Doc:
    """The documented conciliation request's delegate (a consumer association)."""
    found: Doc = read_example("domanda_conciliazione")["delegato"]
    return found


def _drop(*keys: str) -> Change:
    def change(doc: Doc) -> None:
        node = doc
        for key in keys[:-1]:
            node = node[key]
        del node[keys[-1]]

    return change


def _set(value: Any, *keys: str) -> Change:
    def change(doc: Doc) -> None:
        node = doc
        for key in keys[:-1]:
            node = node[key]
        node[keys[-1]] = copy.deepcopy(value)

    return change


def _all(*changes: Change) -> Change:
    def change(doc: Doc) -> None:
        for one in changes:
            one(doc)

    return change


def _without_allegato(tipo: str) -> Change:
    def change(doc: Doc) -> None:
        doc["allegati"] = [a for a in doc["allegati"] if a["tipo"] != tipo]

    return change


def _first_fascia_without_giorno(doc: Doc) -> None:
    del doc["fasce"][0]["giorno"]


def _clear(doc: Doc) -> None:
    doc.clear()


_DOMANDA = "domanda_conciliazione"
_IMPRESA = _all(
    _set("impresa", "tipo_richiedente"), _set("non_domestico", "cliente", "tipo_cliente")
)

#: (record, rule) -> (form, the change of its example, the code ``load`` reports).
WITNESSES: dict[tuple[str, str], tuple[str, Change, str]] = {
    ("Cliente", "_nome_or_ragione_sociale"): (
        "richiesta_informazioni",
        _drop("cliente", "cognome"),
        "forms.nome_or_ragione_sociale",
    ),
    ("ClienteConciliazione", "_nome_or_ragione_sociale"): (
        _DOMANDA,
        _all(_IMPRESA, _drop("cliente", "cognome")),
        "forms.nome_or_ragione_sociale",
    ),
    ("Delegato", "_nome_or_ragione_sociale"): (
        _DOMANDA,
        _drop("delegato", "cognome"),
        "forms.nome_or_ragione_sociale",
    ),
    ("RegistrazioneSportello", "_nome_or_ragione_sociale"): (
        "registrazione_sportello",
        _drop("cognome"),
        "forms.nome_or_ragione_sociale",
    ),
    ("SegnalazioneAnomalia", "_nome_or_ragione_sociale"): (
        "segnalazione_anomalia",
        _drop("cognome"),
        "forms.nome_or_ragione_sociale",
    ),
    ("DomandaConciliazione", "_modulo"): (
        _DOMANDA,
        _set("cliente", "modulo"),
        "forms.delegato_not_allowed",
    ),
    ("DomandaConciliazione", "allegati"): (
        _DOMANDA,
        _without_allegato("documento_identita"),
        "forms.allegato_required",
    ),
    ("DomandaConciliazione", "incontro"): (
        _DOMANDA,
        _set(False, "dotazione", "webcam"),
        "calendar.meeting_mode_needs_equipment",
    ),
    ("DomandaConciliazione", "_channels_conciliazione"): (
        _DOMANDA,
        _set("fax", "canale"),
        "channels.portal_only",
    ),
    ("DomandaConciliazione", "reclamo"): (
        _DOMANDA,
        _drop("reclamo"),
        "conciliazione.complaint_required",
    ),
    ("DomandaConciliazione", "fornitura"): (
        _DOMANDA,
        _drop("punto_fornitura"),
        "conciliazione.punto_or_indirizzo_required",
    ),
    ("DomandaConciliazione", "richiedente"): (
        _DOMANDA,
        _drop("cliente", "luogo_nascita"),
        "conciliazione.dato_persona_required",
    ),
    ("DomandaConciliazione", "dichiarazioni"): (
        _DOMANDA,
        _set(False, "dichiarazione_nessun_tentativo"),
        "conciliazione.dichiarazione_required",
    ),
    ("FasciaDisponibile", "giorno_o_data"): (
        "disponibilita_incontro",
        _first_fascia_without_giorno,
        "conciliazione.giorno_o_data",
    ),
    ("DisponibilitaIncontro", "fasce"): (
        "disponibilita_incontro",
        _set([], "fasce"),
        "conciliazione.disponibilita_vuota",
    ),
    ("RispostaIntegrazione", "integrazione"): (
        "risposta_integrazione",
        _clear,
        "conciliazione.integrazione_vuota",
    ),
    ("RitiroDomanda", "conferma"): (
        "ritiro_domanda",
        _set(False, "conferma"),
        "conciliazione.ritiro_non_confermato",
    ),
    ("RichiestaSmartHelp", "_smart_help_dates"): (
        "richiesta_smart_help",
        _set(True, "risposta_insoddisfacente"),
        "smart_help.answer_date_required",
    ),
    ("RichiestaSmartHelp", "_materia"): (
        "richiesta_smart_help",
        _all(_set("cmor_senza_requisiti", "materia"), _set("12345678901234", "punto_fornitura")),
        "smart_help.supply_not_covered",
    ),
    ("RichiestaSmartHelp", "_channels_smart_help"): (
        "richiesta_smart_help",
        _all(_set(_delegato(), "delegato"), _set("fax", "canale")),
        "channels.portal_only",
    ),
    ("RichiestaInformazioni", "_channels_informazioni_segnalazioni"): (
        "richiesta_informazioni",
        _all(_set(_delegato(), "delegato"), _set("email", "canale")),
        "channels.portal_only",
    ),
    ("Segnalazione", "_channels_informazioni_segnalazioni"): (
        "segnalazione",
        _all(_set(_delegato(), "delegato"), _set("email", "canale")),
        "channels.portal_only",
    ),
}


def _stated() -> set[tuple[str, str]]:
    return {(record, r.__name__) for record, found in schema_rules.rules().items() for r in found}


def test_every_stated_rule_has_a_witness() -> None:
    """Each rule a schema states has a witness here, and each witness names a stated rule."""
    assert _stated() == set(WITNESSES)


def _validator(cls: type) -> Draft202012Validator:
    return Draft202012Validator(json_schema(cls), format_checker=FormatChecker())


@pytest.mark.parametrize(("record", "rule"), sorted(WITNESSES))
def test_removing_a_rule_from_the_schema_is_caught(
    record: str, rule: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """AU-1, CO-1, CO-6, CO-7, CH-3, CP-1, CP-3, CP-4, CP-5, CP-8, SH-1, SH-3: each rule matters."""
    form, change, code = WITNESSES[record, rule]
    cls = FORMS[form]
    doc = read_example(form)
    assert _validator(cls).is_valid(doc)
    change(doc)
    with pytest.raises(ValidationError) as refused:
        load(cls, doc)
    assert code in [v.code for v in refused.value.violations]
    assert not _validator(cls).is_valid(doc), "the schema states the rule"
    full = schema_rules.rules()
    fewer = {**full, record: tuple(r for r in full[record] if r.__name__ != rule)}
    monkeypatch.setattr(schema_rules, "rules", lambda: fewer)
    assert _validator(cls).is_valid(doc), "only this rule refuses the witness"

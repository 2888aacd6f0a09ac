"""DomandaConciliazione: Modulo Cliente / Modulo Delegato and the CO rules, CH-3 (CP-4 beside)."""

from collections.abc import Callable
from typing import Any

import pytest

from sportello import ValidationError
from sportello.forms import DESCRIZIONE_MAX, DomandaConciliazione, Modulo, Oggetto, load

Example = Callable[[str], dict[str, Any]]


def _violations(doc: dict[str, Any]) -> list[tuple[str, str, str]]:
    with pytest.raises(ValidationError) as info:
        load(DomandaConciliazione, doc)
    return [(v.path, v.code, v.rule) for v in info.value.violations]


def _modulo_cliente(doc: dict[str, Any]) -> dict[str, Any]:
    doc["modulo"] = "cliente"
    del doc["delegato"]
    delegate_only = ("procura", "documento_identita_delegato")
    doc["allegati"] = [a for a in doc["allegati"] if a["tipo"] not in delegate_only]
    return doc


def test_modulo_cliente_loads(example: Example) -> None:
    """CO-1: the Modulo Cliente, without a delegate, is a valid request."""
    form = load(DomandaConciliazione, _modulo_cliente(example("domanda_conciliazione")))
    assert form.modulo is Modulo.CLIENTE
    assert form.delegato is None


def test_co1_modulo_delegato_needs_the_delegate(example: Example) -> None:
    """CO-1: the Modulo Delegato without a delegate is refused at `delegato`."""
    doc = example("domanda_conciliazione")
    del doc["delegato"]
    assert _violations(doc) == [("delegato", "forms.delegato_required", "CO-1")]


def test_co1_procura_must_give_the_power_to_settle(example: Example) -> None:
    """CO-1: the procura must give the delegate the "potere di transigere"."""
    doc = example("domanda_conciliazione")
    doc["delegato"]["procura"]["potere_di_transigere"] = False
    assert _violations(doc) == [
        (
            "delegato.procura.potere_di_transigere",
            "forms.procura_potere_di_transigere",
            "CO-1",
        )
    ]


def test_co1_modulo_cliente_takes_no_delegate(example: Example) -> None:
    """CO-1: with the Modulo Cliente the customer acts directly: a delegate is refused."""
    doc = example("domanda_conciliazione")
    doc["modulo"] = "cliente"
    assert _violations(doc) == [("delegato", "forms.delegato_not_allowed", "CO-1")]


def test_co2_every_missing_field_at_once() -> None:
    """CO-2: an empty request names every mandatory field at once (CP-1, CP-4 beside them)."""
    found = _violations({})
    assert found == [
        *(
            (name, "forms.required", "CO-2")
            for name in (
                "modulo",
                "tipo_richiedente",
                "cliente",
                "controparte",
                "oggetto",
                "valore_controversia",
                "descrizione",
                "richieste_cliente",
            )
        ),
        ("reclamo", "conciliazione.complaint_required", "CP-1"),
        ("punto_fornitura", "conciliazione.punto_or_indirizzo_required", "CP-4"),
        ("dichiarazione_nessun_tentativo", "conciliazione.dichiarazione_required", "CP-4"),
    ]


def test_co2_nested_missing_fields_have_dotted_paths(example: Example) -> None:
    """CO-2: missing fields inside records are reported with their dotted paths."""
    doc = example("domanda_conciliazione")
    doc["delegato"] = {"tipo": "professionista", "procura": {}}
    doc["cliente"] = {"nome": "Mario"}
    found = _violations(doc)
    assert ("cliente.tipo_cliente", "forms.required", "CO-2") in found
    assert ("cliente.codice_fiscale", "forms.required", "CO-2") in found
    assert ("cliente.cognome", "forms.nome_or_ragione_sociale", "CO-2") in found
    assert ("delegato.codice_fiscale", "forms.required", "CO-2") in found
    assert ("delegato.email", "forms.required", "CO-2") in found
    assert ("delegato.procura.potere_di_transigere", "forms.required", "CO-2") in found
    assert ("delegato.nome", "forms.nome_or_ragione_sociale", "CO-2") in found


def test_co3_oggetto_takes_exactly_one_value(example: Example) -> None:
    """CO-3: a list of subjects, or a subject not in the list, is forms.invalid_choice."""
    doc = example("domanda_conciliazione")
    doc["oggetto"] = ["fatturazione", "misura"]
    assert _violations(doc) == [("oggetto", "forms.invalid_choice", "")]
    doc["oggetto"] = "rimborsi"
    assert _violations(doc) == [("oggetto", "forms.invalid_choice", "")]


def test_co3_every_oggetto_has_an_italian_label() -> None:
    """CO-3: the library's list of subjects, each with its Italian label."""
    labels = [o.label for o in Oggetto]
    assert len(set(labels)) == len(Oggetto) >= 8
    assert Oggetto.FATTURAZIONE.label.startswith("Fatturazione")


def test_co4_descrizione_up_to_2500_characters(example: Example) -> None:
    """CO-4: 2,500 characters pass, 2,501 are refused with the attachment advice."""
    doc = example("domanda_conciliazione")
    doc["descrizione"] = "x" * DESCRIZIONE_MAX
    assert len(load(DomandaConciliazione, doc).descrizione) == 2500
    doc["descrizione"] = "é" * (DESCRIZIONE_MAX + 1)
    with pytest.raises(ValidationError) as info:
        load(DomandaConciliazione, doc)
    (v,) = info.value.violations
    assert (v.path, v.code, v.rule) == ("descrizione", "forms.descrizione_too_long", "CO-4")
    assert v.params == {"max_length": 2500, "length": 2501}
    assert "allegato" in v.message()


def test_co5_availability_only_preset_weekday_slots(example: Example) -> None:
    """CO-5: availability is chosen among the preset Monday-Friday slots."""
    doc = example("domanda_conciliazione")
    doc["disponibilita"] = ["venerdi_pomeriggio", "sabato_mattina", "lunedi_sera"]
    assert _violations(doc) == [
        ("disponibilita[1]", "forms.invalid_choice", ""),
        ("disponibilita[2]", "forms.invalid_choice", ""),
    ]


def test_co6_required_attachments_are_flagged(example: Example) -> None:
    """CO-6, CP-4: every document the procedure requires must be flagged for upload."""
    doc = example("domanda_conciliazione")
    doc["allegati"] = [{"tipo": "bolletta"}]
    found = _violations(doc)
    assert found == [("allegati", "forms.allegato_required", "CO-6")] * 6
    with pytest.raises(ValidationError) as info:
        load(DomandaConciliazione, doc)
    assert [v.params["allegato"] for v in info.value.violations] == [
        "documento d'identità",
        "copia del reclamo",
        "ricevuta di invio del reclamo",
        "risposta al reclamo",
        "procura con potere di transigere",
        "documento d'identità del delegato",
    ]


def test_co6_flagged_file_names_are_checked(example: Example) -> None:
    """CO-6 with AT-4: a flagged file name must be plain and of an accepted extension."""
    doc = example("domanda_conciliazione")
    doc["allegati"][0]["nome"] = "reclamo.exe"
    doc["allegati"][2]["nome"] = "../procura.pdf"
    found = _violations(doc)
    assert ("allegati[0].nome", "attachments.extension_not_allowed", "AT-4") in found
    assert ("allegati[2].nome", "attachments.name_separator", "") in [
        (p, c, "") for p, c, _ in found
    ]


def test_co7_meeting_mode_needs_the_equipment(example: Example) -> None:
    """CO-7: a video meeting without a webcam is refused (via meetings.check_modalita)."""
    doc = example("domanda_conciliazione")
    doc["dotazione"] = {"dispositivo": True, "webcam": False, "audio": True}
    (found,) = _violations(doc)
    assert found[0] == "modalita_incontro"
    assert found[1] == "calendar.meeting_mode_needs_equipment"


def test_co7_telephone_without_a_device_is_fine(example: Example) -> None:
    """CO-7: without the equipment the meeting is by telephone conference."""
    doc = example("domanda_conciliazione")
    doc["modalita_incontro"] = "telefono"
    doc["dotazione"] = {"dispositivo": False}
    found = load(DomandaConciliazione, doc)
    assert found.modalita_incontro is not None
    assert found.modalita_incontro.value == "telefono"
    assert found.dotazione is not None
    assert found.dotazione.dispositivo is False


def test_ch3_offline_only_for_a_customer_acting_directly(example: Example) -> None:
    """CH-3: a request by fax is refused with a delegate, accepted from the customer alone."""
    doc = example("domanda_conciliazione")
    doc["canale"] = "fax"
    doc["delegato"]["tipo"] = "non_professionista"
    found = _violations(doc)
    assert [(p, r) for p, _, r in found] == [("canale", "CH-3")]
    direct = _modulo_cliente(example("domanda_conciliazione"))
    direct["canale"] = "fax"
    assert load(DomandaConciliazione, direct).canale.value == "fax"


def test_many_faults_all_reported_with_their_paths(example: Example) -> None:
    """A document with many faults reports every one of them, each at its path (CO-2, CO-4)."""
    doc = example("domanda_conciliazione")
    doc["cliente"]["codice_fiscale"] = "RSSMRA85T10A562X"
    doc["cliente"]["email"] = "mario"
    doc["delegato"]["email"] = None
    doc["punto_fornitura"] = "IT001X12345678"
    doc["controparte"]["ruolo"] = "grossista"
    doc["reclamo"]["data"] = "ieri"
    doc["oggetto"] = None
    doc["descrizione"] = "x" * 2501
    doc["disponibilita"] = ["lunedi_mattina", 7]
    doc["allegati"][3] = {"nome": "x.pdf"}
    doc["extra"] = True
    assert _violations(doc) == [
        ("cliente.codice_fiscale", "codice_fiscale.invalid_checksum", ""),
        ("cliente.email", "profile.email_invalid", "UP-6"),
        ("delegato.email", "forms.required", "CO-2"),
        ("punto_fornitura", "pod.invalid_format", "UP-4"),
        ("controparte.ruolo", "forms.invalid_choice", ""),
        ("reclamo.data", "forms.invalid_date", ""),
        ("oggetto", "forms.required", "CO-2"),
        ("descrizione", "forms.descrizione_too_long", "CO-4"),
        ("disponibilita[1]", "forms.invalid_choice", ""),
        ("allegati[3].tipo", "forms.required", "CO-2"),
        ("extra", "forms.unknown_field", ""),
    ]


def test_answer_cannot_precede_the_complaint(example: Example) -> None:
    """CP-1: the seller's answer is dated on or after the complaint."""
    doc = example("domanda_conciliazione")
    doc["reclamo"]["data_risposta"] = "2026-08-01"
    assert _violations(doc) == [
        ("reclamo.data_risposta", "conciliazione.answer_before_complaint", "CP-1")
    ]


def test_ch3_missing_delegate_is_reported_once(example: Example) -> None:
    """CO-1 and CH-3: a Modulo Delegato by fax without a delegate is CO-1's violation only."""
    doc = example("domanda_conciliazione")
    doc["canale"] = "fax"
    del doc["delegato"]
    assert _violations(doc) == [("delegato", "forms.delegato_required", "CO-1")]

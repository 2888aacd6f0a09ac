"""Requests to the Sportello: SMART Help (SH-1, SH-3, CH-4), information requests, reports."""

from collections.abc import Callable
from typing import Any

import pytest

from sportello import ValidationError
from sportello.forms import RichiestaInformazioni, RichiestaSmartHelp, Segnalazione, load

Example = Callable[[str], dict[str, Any]]


def _violations(cls: type, doc: dict[str, Any]) -> list[tuple[str, str, str]]:
    with pytest.raises(ValidationError) as info:
        load(cls, doc)
    return [(v.path, v.code, v.rule) for v in info.value.violations]


def test_sh3_request_before_40_days_is_too_early(example: Example) -> None:
    """SH-3: a request sent before the seller's 40 days have elapsed is refused."""
    doc = example("richiesta_smart_help")
    doc["data_reclamo"] = "2026-09-01"
    doc["data_richiesta"] = "2026-09-20"
    assert _violations(RichiestaSmartHelp, doc) == [
        ("data_richiesta", "smart_help.too_early", "SH-3")
    ]


def test_sh3_complaint_required_except_for_bonus(example: Example) -> None:
    """SH-3: without a complaint only the bonus matters may be asked."""
    doc = example("richiesta_smart_help")
    del doc["data_reclamo"]
    assert _violations(RichiestaSmartHelp, doc) == [
        ("data_reclamo", "smart_help.complaint_required", "SH-3")
    ]
    doc["materia"] = "bonus_mancata_erogazione"
    assert load(RichiestaSmartHelp, doc).data_reclamo is None


def test_sh3_unsatisfactory_answer_needs_its_date(example: Example) -> None:
    """SH-3: an unsatisfactory answer lets one proceed early, but its date is needed."""
    doc = example("richiesta_smart_help")
    doc["risposta_insoddisfacente"] = True
    found = _violations(RichiestaSmartHelp, doc)
    assert ("data_risposta", "forms.risposta_date_required", "SH-3") in found


def test_sh1_matter_must_fit_the_customer(example: Example) -> None:
    """SH-1: the return to the previous supplier is for non-domestic customers only."""
    doc = example("richiesta_smart_help")
    doc["materia"] = "ritorno_precedente_fornitore"
    found = _violations(RichiestaSmartHelp, doc)
    assert [(p, r) for p, _, r in found] == [("cliente.tipo_cliente", "SH-1")]


def test_sh1_unknown_matter_is_an_invalid_choice(example: Example) -> None:
    """SH-1: the matter is one of the SMART Help matters."""
    doc = example("richiesta_smart_help")
    doc["materia"] = "bolletta_alta"
    assert _violations(RichiestaSmartHelp, doc) == [("materia", "forms.invalid_choice", "")]


def test_ch4_offline_smart_help_only_for_domestic_customers(example: Example) -> None:
    """CH-4: a non-domestic customer sends SMART Help requests through the portal only."""
    doc = example("richiesta_smart_help")
    doc["canale"] = "post"
    assert load(RichiestaSmartHelp, doc).canale.value == "post"
    doc["cliente"]["tipo_cliente"] = "non_domestico"
    assert [(p, r) for p, _, r in _violations(RichiestaSmartHelp, doc)] == [("canale", "CH-4")]


@pytest.mark.parametrize(
    ("cls", "name"),
    [(RichiestaInformazioni, "richiesta_informazioni"), (Segnalazione, "segnalazione")],
)
def test_ch1_professional_delegate_uses_the_portal_only(
    cls: type, name: str, example: Example
) -> None:
    """CH-1: a professional delegate cannot send information requests or reports by e-mail."""
    doc = example(name)
    doc["canale"] = "email"
    doc["delegato"] = {
        "tipo": "professionista",
        "ragione_sociale": "Studio Legale Verdi",
        "codice_fiscale": "00743110157",
        "email": "studio@example.org",
        "procura": {"potere_di_transigere": False},
    }
    assert [(p, r) for p, _, r in _violations(cls, doc)] == [("canale", "CH-1")]


def test_information_request_required_fields() -> None:
    """An information request needs the customer, the topic and the description."""
    assert [p for p, _, _ in _violations(RichiestaInformazioni, {})] == [
        "cliente",
        "argomento",
        "descrizione",
    ]


def test_sh2_counterpart_must_fit_the_matter(example: Example) -> None:
    """SH-2: a bonus not accepted is the distributor's doing: not against the seller."""
    doc = example("richiesta_smart_help")
    doc["materia"] = "bonus_mancata_accettazione"
    assert _violations(RichiestaSmartHelp, doc) == [
        ("controparte.ruolo", "smart_help.wrong_counterpart", "SH-2")
    ]


def test_sh2_request_through_a_delegate(example: Example) -> None:
    """SH-2: a SMART Help request may come through a delegate."""
    doc = example("richiesta_smart_help")
    doc["delegato"] = {
        "tipo": "associazione_consumatori",
        "ragione_sociale": "Associazione Consumatori Esempio",
        "codice_fiscale": "00743110157",
        "email": "sportello@example.org",
        "procura": {"potere_di_transigere": False},
    }
    delegato = load(RichiestaSmartHelp, doc).delegato
    assert delegato is not None
    assert (delegato.tipo.value, delegato.ragione_sociale, delegato.email) == (
        "associazione_consumatori",
        "Associazione Consumatori Esempio",
        "sportello@example.org",
    )
    assert delegato.procura.potere_di_transigere is False  # SMART Help needs no power to settle


def test_sh1_cmor_is_for_electricity_only(example: Example) -> None:
    """SH-1: CMOR exists for electricity only: a PDR (gas) supply point is refused."""
    doc = example("richiesta_smart_help")
    doc["materia"] = "cmor_senza_requisiti"
    doc["punto_fornitura"] = "00881234567890"
    assert _violations(RichiestaSmartHelp, doc) == [
        ("punto_fornitura", "smart_help.supply_not_covered", "SH-1")
    ]


def test_ch2_private_customer_may_write_by_email(example: Example) -> None:
    """CH-2: a private customer acting directly may send a report by e-mail."""
    form = load(Segnalazione, example("segnalazione"))
    assert form.canale.value == "email"
    assert form.delegato is None


def test_sh3_request_date_defaults_to_today(example: Example) -> None:
    """SH-3: without data_richiesta the request is dated today (the complaint is long past)."""
    doc = example("richiesta_smart_help")
    del doc["data_richiesta"]
    assert load(RichiestaSmartHelp, doc).data_richiesta is None

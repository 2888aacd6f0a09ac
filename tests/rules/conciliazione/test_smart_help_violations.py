"""SMART Help refusals name the matter and the party's choice at their paths (SH-1..SH-3)."""

import datetime as dt

from sportello.rules.smart_help import (
    Controparte,
    Fornitura,
    Materia,
    TipoCliente,
    check_eligibility,
    check_request,
)

D = dt.date
CMOR = Materia.CMOR_SENZA_REQUISITI
RITORNO = Materia.RITORNO_PRECEDENTE_FORNITORE


def test_sh1_sh2_every_refusal_at_its_field_with_matter_and_choice() -> None:
    """SH-1, SH-2: customer, supply and counterpart refusals, each at its field with its labels."""
    found = check_eligibility(
        RITORNO,
        tipo_cliente=TipoCliente.DOMESTICO,
        fornitura=Fornitura.GAS,
        controparte=Controparte.DISTRIBUTORE,
    )
    assert [(v.code, v.rule, v.path, v.params) for v in found] == [
        (
            "smart_help.customer_not_eligible",
            "SH-1",
            "tipo_cliente",
            {
                "materia": RITORNO.label,
                "materia_en": RITORNO.label_en,
                "tipo_cliente": "cliente domestico",
                "tipo_cliente_en": "domestic customer",
            },
        ),
        (
            "smart_help.wrong_counterpart",
            "SH-2",
            "controparte",
            {
                "materia": RITORNO.label,
                "materia_en": RITORNO.label_en,
                "controparte": "distributore",
                "controparte_en": "distributor",
                "ammesse": ["venditore"],
                "ammesse_en": ["seller"],
            },
        ),
    ]
    assert found[0].message() == (
        "La materia «Ritorno al precedente fornitore (contratto ritenuto non concluso "
        "correttamente)» non è prevista per il cliente domestico."
    )
    assert "is not available to a domestic customer" in found[0].message("en")
    assert "against the distributor (allowed counterpart: seller)" in found[1].message("en")


def test_sh1_gas_refused_for_cmor_names_the_matter_and_the_supply() -> None:
    """SH-1 (c): CMOR is electricity only: gas is refused at ``fornitura``, named in the text."""
    found = check_eligibility(
        CMOR,
        tipo_cliente=TipoCliente.DOMESTICO,
        fornitura=Fornitura.GAS,
        controparte=Controparte.DISTRIBUTORE,
    )
    assert [(v.code, v.rule, v.path, v.params) for v in found] == [
        (
            "smart_help.supply_not_covered",
            "SH-1",
            "fornitura",
            {
                "materia": CMOR.label,
                "materia_en": CMOR.label_en,
                "fornitura": "gas",
                "fornitura_en": "gas",
            },
        ),
        (
            "smart_help.wrong_counterpart",
            "SH-2",
            "controparte",
            {
                "materia": CMOR.label,
                "materia_en": CMOR.label_en,
                "controparte": "distributore",
                "controparte_en": "distributor",
                "ammesse": ["venditore"],
                "ammesse_en": ["seller"],
            },
        ),
    ]
    assert [v.message() for v in found] == [
        "La materia «Corrispettivo di morosità (CMOR) addebitato in assenza dei requisiti "
        "previsti dalla regolazione» non riguarda la fornitura di gas.",
        "Per la materia «Corrispettivo di morosità (CMOR) addebitato in assenza dei requisiti "
        "previsti dalla regolazione» la richiesta non può essere rivolta al distributore "
        "(controparte ammessa: venditore).",
    ]


def test_sh3_the_missing_complaint_names_the_matter() -> None:
    """SH-3: a request without the complaint's date says which matter needs it."""
    (v,) = check_request(
        Materia.DOPPIA_FATTURAZIONE,
        data_reclamo=None,
        data_richiesta=D(2026, 9, 1),
        oggi=D(2026, 9, 1),
    )
    assert (v.code, v.rule, v.path, v.params) == (
        "smart_help.complaint_required",
        "SH-3",
        "data_reclamo",
        {"materia": "Doppia fatturazione a seguito di cambio fornitore"},
    )
    assert v.message() == (
        "Per la materia «Doppia fatturazione a seguito di cambio fornitore» è necessario un "
        "preventivo reclamo scritto al venditore: indicare la data del reclamo."
    )

"""The contract's schemas of the conciliation procedure (CP-2..CP-11).

``Conciliazione`` (the case's procedure: state, deadlines, meeting), ``TerminiConciliazione``,
``IncontroConciliazione`` and the bodies of the operator's controls (``Operatore*``). The
enums come from the rules' own tables, so the contract cannot drift from them. Part of
:mod:`sportello.sandbox._openapi_schemas`.
"""

from __future__ import annotations

from typing import Any

from sportello.rules.conciliazione import (
    Esito,
    MotivoArchiviazione,
    MotivoInammissibilita,
    Parte,
    StatoConciliazione,
)
from sportello.rules.meetings import FasciaIncontro, ModalitaIncontro

__all__ = ["STATI_CONCILIAZIONE", "procedura_schemas"]

JSON = dict[str, Any]

#: The conciliation's states, as the case's ``stato`` shows them (beside SH-4's).
STATI_CONCILIAZIONE: list[str] = [s.value for s in StatoConciliazione]

_DATE = {"type": "string", "format": "date"}


def _ref(name: str) -> JSON:
    return {"$ref": f"#/components/schemas/{name}"}


def _null(schema: JSON) -> JSON:
    return {"anyOf": [schema, {"type": "null"}]}


def _enum(values: list[str], description: str = "") -> JSON:
    out: JSON = {"type": "string", "enum": values}
    if description:
        out["description"] = description
    return out


def _obj(required: list[str], **props: JSON) -> JSON:
    return {"type": "object", "required": required, "properties": props}


def _body(**props: JSON) -> JSON:
    return {"type": "object", "additionalProperties": False, "properties": props}


def procedura_schemas() -> JSON:
    """The procedure's component schemas."""
    s: JSON = {}
    fasce = [f.value for f in FasciaIncontro]
    modalita = [m.value for m in ModalitaIncontro]
    s["IncontroConciliazione"] = _obj(
        ["data", "fascia", "fascia_label", "inizio", "fine", "stanza", "modalita"],
        data={**_DATE, "description": "CP-5: a working day"},
        fascia=_enum(fasce, "CP-5: one of the six 90-minute slots, by its start"),
        fascia_label={"type": "string"},
        inizio={"type": "string", "description": "local time in Italy (YYYY-MM-DDTHH:MM)"},
        fine={"type": "string", "description": "local time in Italy (YYYY-MM-DDTHH:MM)"},
        stanza={"type": "string", "description": "CP-5: the virtual room"},
        modalita=_enum(modalita, "CP-6: video or chat; telefono only as an exception"),
        modalita_label={"type": "string"},
        motivo_telefono=_null({"type": "string"}),
    )
    s["TerminiConciliazione"] = _obj(
        ["integrazione_entro", "primo_incontro_entro", "conclusione_entro", "proroga_giorni"],
        integrazione_entro=_null({**_DATE, "description": "CP-3: documents due (7 days)"}),
        primo_incontro_entro=_null({**_DATE, "description": "CP-5: day 40"}),
        conclusione_entro=_null({**_DATE, "description": "CP-9: day 90 + the extension"}),
        conclusione_massima=_null({**_DATE, "description": "CP-9: day 120"}),
        ritiro_entro=_null({**_DATE, "description": "CP-8: 2 days before the meeting"}),
        proroga_giorni={"type": "integer", "minimum": 0, "maximum": 30},
    )
    s["Conciliazione"] = _obj(
        ["stato", "stato_label", "finale", "data_invio", "termini", "incontro"],
        stato=_enum(STATI_CONCILIAZIONE, "the procedure's state (its own, not SH-4's)"),
        stato_label={"type": "string"},
        finale={"type": "boolean", "description": "CP-10: an outcome or an archiving"},
        data_invio=_DATE,
        data_domanda_completa=_null({**_DATE, "description": "CP-3: day 0 of the terms"}),
        termini=_ref("TerminiConciliazione"),
        incontro=_null(_ref("IncontroConciliazione")),
        convocazioni={"type": "integer"},
        rinvii={"type": "integer", "description": "CP-7: postponements so far"},
        motivo_archiviazione=_null(_enum([m.value for m in MotivoArchiviazione])),
        motivo_archiviazione_label=_null({"type": "string"}),
        motivi_inammissibilita={
            "type": "array",
            "items": _enum([m.value for m in MotivoInammissibilita]),
            "description": "CP-2: the reasons of an inadmissible request",
        },
        verbale=_null(
            {"type": "string", "description": "CP-10: the verbale's document id (a PDF)"}
        ),
        chiusa_il=_null(_DATE),
        per_scadenza={"type": "boolean", "description": "ended by a term of the Servizio"},
        disponibilita={
            "type": "array",
            "items": {"type": "object"},
            "description": "CP-5: the (day, slot) pairs the customer declared last",
        },
    )
    s["OperatoreIntegrazione"] = _body(
        documenti={"type": "array", "items": {"type": "string"}, "description": "what is missing"}
    )
    s["OperatoreInammissibilita"] = _body(
        motivi={"type": "array", "items": _enum([m.value for m in MotivoInammissibilita])}
    )
    s["OperatoreConvocazione"] = _body(
        data={**_DATE, "description": "with fascia; without: the first declared slot"},
        fascia=_enum(fasce),
        stanza={"type": "string"},
        modalita=_enum(modalita),
        motivo_telefono={"type": "string", "description": "CP-6: why by telephone"},
    )
    s["OperatoreRinvio"] = _body(
        richiesto_da=_enum([Parte.CONTROPARTE.value, Parte.SERVIZIO.value, Parte.CLIENTE.value]),
        motivo={"type": "string"},
    )
    s["OperatoreProroga"] = _body(
        giorni={"type": "integer"},
        richiesta_da={"type": "array", "items": _enum([p.value for p in Parte])},
    )
    s["OperatoreEsito"] = _body(
        esito=_enum([e.value for e in Esito]),
        firmato={"type": "boolean", "description": "CP-10: an agreement's verbale is signed"},
    )
    return s

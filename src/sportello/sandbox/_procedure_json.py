"""A conciliation's :class:`~sportello.rules.conciliazione.Procedura` as stored and as shown.

The store keeps the rules' own record, serialised as JSON in ``pratiche.procedura``
(:func:`dump`, :func:`load`): the sandbox holds no state machine of its own, every change is
one of the rules' operations. :func:`procedura_json` is the case's ``conciliazione`` block
of the contract: the state, the deadlines (CP-3, CP-5, CP-8, CP-9), the meeting (CP-5, CP-6),
the reason of an archiving (CP-2, CP-10) and the declared availability (CP-5).

>>> import datetime as dt
>>> from sportello.rules.conciliazione import submit
>>> p = submit(oggi=dt.date(2026, 3, 2)).procedura
>>> load(dump(p)) == p
True
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sportello._messages import Lang
from sportello.rules.conciliazione import (
    Incontro,
    MotivoArchiviazione,
    MotivoInammissibilita,
    Parte,
    Procedura,
    Rinvio,
    StatoConciliazione,
)
from sportello.rules.meetings import FasciaIncontro, ModalitaIncontro

__all__ = ["dump", "incontro_json", "load", "procedura_json"]


def _d(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _date(value: Any) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


def _incontro(i: Incontro) -> dict[str, Any]:
    return {
        "data": i.data.isoformat(),
        "fascia": i.fascia.value,
        "stanza": i.stanza,
        "modalita": i.modalita.value,
        "motivo_telefono": i.motivo_telefono,
    }


def _incontro_of(d: dict[str, Any]) -> Incontro:
    return Incontro(
        data=dt.date.fromisoformat(d["data"]),
        fascia=FasciaIncontro(d["fascia"]),
        stanza=d["stanza"],
        modalita=ModalitaIncontro(d["modalita"]),
        motivo_telefono=d["motivo_telefono"],
    )


def dump(p: Procedura) -> str:
    """The record as JSON text (for ``pratiche.procedura``)."""
    data = {
        "stato": p.stato.value,
        "data_invio": p.data_invio.isoformat(),
        "aggiornata_il": p.aggiornata_il.isoformat(),
        "data_richiesta_integrazione": _d(p.data_richiesta_integrazione),
        "data_integrazione": _d(p.data_integrazione),
        "data_domanda_completa": _d(p.data_domanda_completa),
        "incontro": None if p.incontro is None else _incontro(p.incontro),
        "convocazioni": p.convocazioni,
        "rinvii": [
            {
                "data": r.data.isoformat(),
                "richiesto_da": r.richiesto_da.value,
                "motivo": r.motivo,
                "incontro": _incontro(r.incontro),
            }
            for r in p.rinvii
        ],
        "proroga_giorni": p.proroga_giorni,
        "motivo_archiviazione": None
        if p.motivo_archiviazione is None
        else p.motivo_archiviazione.value,
        "motivi_inammissibilita": [m.value for m in p.motivi_inammissibilita],
        "verbale": p.verbale,
        "chiusa_il": _d(p.chiusa_il),
        "per_scadenza": p.per_scadenza,
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def load(text: str) -> Procedura:
    """The record :func:`dump` wrote (checked again by its constructor)."""
    d = json.loads(text)
    motivo = d["motivo_archiviazione"]
    return Procedura(
        stato=StatoConciliazione(d["stato"]),
        data_invio=dt.date.fromisoformat(d["data_invio"]),
        aggiornata_il=dt.date.fromisoformat(d["aggiornata_il"]),
        data_richiesta_integrazione=_date(d["data_richiesta_integrazione"]),
        data_integrazione=_date(d["data_integrazione"]),
        data_domanda_completa=_date(d["data_domanda_completa"]),
        incontro=None if d["incontro"] is None else _incontro_of(d["incontro"]),
        convocazioni=d["convocazioni"],
        rinvii=tuple(
            Rinvio(
                data=dt.date.fromisoformat(r["data"]),
                richiesto_da=Parte(r["richiesto_da"]),
                motivo=r["motivo"],
                incontro=_incontro_of(r["incontro"]),
            )
            for r in d["rinvii"]
        ),
        proroga_giorni=d["proroga_giorni"],
        motivo_archiviazione=None if motivo is None else MotivoArchiviazione(motivo),
        motivi_inammissibilita=tuple(MotivoInammissibilita(m) for m in d["motivi_inammissibilita"]),
        verbale=d["verbale"],
        chiusa_il=_date(d["chiusa_il"]),
        per_scadenza=d["per_scadenza"],
    )


def incontro_json(i: Incontro, lang: Lang) -> dict[str, Any]:
    """CP-5, CP-6: the contract's ``Incontro``: day, slot, start and end (Rome time), room."""
    return {
        "data": i.data.isoformat(),
        "fascia": i.fascia.value,
        "fascia_label": i.fascia.label,
        "inizio": i.inizio.isoformat(timespec="minutes"),
        "fine": i.fine.isoformat(timespec="minutes"),
        "stanza": i.stanza,
        "modalita": i.modalita.value,
        "modalita_label": i.modalita.label if lang == "it" else i.modalita.label_en,
        "motivo_telefono": i.motivo_telefono,
    }


def procedura_json(p: Procedura, disponibilita: list[Any], lang: Lang) -> dict[str, Any]:
    """The contract's ``Conciliazione``: the procedure's state, deadlines and meeting."""
    s = p.scadenze
    motivo = p.motivo_archiviazione
    return {
        "stato": p.stato.value,
        "stato_label": p.stato.label if lang == "it" else p.stato.label_en,
        "finale": p.stato.is_final,
        "data_invio": p.data_invio.isoformat(),
        "data_domanda_completa": _d(p.data_domanda_completa),
        "termini": {
            "integrazione_entro": _d(p.integrazione_entro),
            "primo_incontro_entro": None if s is None else s.primo_incontro_entro.isoformat(),
            "conclusione_entro": None if s is None else s.conclusione_entro.isoformat(),
            "conclusione_massima": None if s is None else s.conclusione_massima.isoformat(),
            "ritiro_entro": None if s is None else _d(s.ritiro_entro),
            "proroga_giorni": p.proroga_giorni,
        },
        "incontro": None if p.incontro is None else incontro_json(p.incontro, lang),
        "convocazioni": p.convocazioni,
        "rinvii": len(p.rinvii),
        "motivo_archiviazione": None if motivo is None else motivo.value,
        "motivo_archiviazione_label": None
        if motivo is None
        else (motivo.label if lang == "it" else motivo.label_en),
        "motivi_inammissibilita": [m.value for m in p.motivi_inammissibilita],
        "verbale": p.verbale,
        "chiusa_il": _d(p.chiusa_il),
        "per_scadenza": p.per_scadenza,
        "disponibilita": disponibilita,
    }

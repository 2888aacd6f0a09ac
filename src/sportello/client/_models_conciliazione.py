"""The records of a conciliation's procedure on a case (CP-3, CP-5, CP-6, CP-8..CP-10).

``Pratica.conciliazione`` holds a :class:`Conciliazione`: the procedure's own state, its
deadlines (:class:`TerminiConciliazione`) and the fixed meeting (:class:`IncontroConciliazione`).
Field names are the contract's; fields it adds later are ignored.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

__all__ = ["Conciliazione", "IncontroConciliazione", "TerminiConciliazione"]


@attrs.frozen
class IncontroConciliazione:
    """CP-5, CP-6: the meeting: a working day, one of the six 90-minute slots, the room.

    ``inizio`` and ``fine`` are local times in Italy (naive: Europe/Rome).
    """

    data: dt.date
    fascia: str
    fascia_label: str
    inizio: dt.datetime
    fine: dt.datetime
    stanza: str
    modalita: str
    modalita_label: str = ""
    motivo_telefono: str | None = None


@attrs.frozen
class TerminiConciliazione:
    """The procedure's deadlines, each the last day included (``None`` when not running).

    Attributes:
        integrazione_entro: CP-3: the documents asked for are due (7 days).
        primo_incontro_entro: CP-5: day 40 of the complete request.
        conclusione_entro: CP-9: day 90, plus the extension granted.
        conclusione_massima: CP-9: day 120, the longest extension.
        ritiro_entro: CP-8: with a meeting fixed, the last day to withdraw.
        proroga_giorni: CP-9: the extension granted so far (0-30).
    """

    integrazione_entro: dt.date | None = None
    primo_incontro_entro: dt.date | None = None
    conclusione_entro: dt.date | None = None
    conclusione_massima: dt.date | None = None
    ritiro_entro: dt.date | None = None
    proroga_giorni: int = 0


@attrs.frozen
class Conciliazione:
    """A conciliation's procedure: its state (CP-10), deadlines and meeting.

    ``stato`` is one of :class:`sportello.rules.conciliazione.StatoConciliazione`'s values;
    ``verbale`` the id of the verbale's document once the outcome is recorded (download it
    with ``client.pratiche.download_documento``); ``motivo_archiviazione`` and
    ``motivi_inammissibilita`` say why an archived request was closed (CP-2, CP-10).
    """

    stato: str
    stato_label: str
    finale: bool
    data_invio: dt.date
    termini: TerminiConciliazione
    incontro: IncontroConciliazione | None = None
    data_domanda_completa: dt.date | None = None
    convocazioni: int = 0
    rinvii: int = 0
    motivo_archiviazione: str | None = None
    motivo_archiviazione_label: str | None = None
    motivi_inammissibilita: tuple[str, ...] = ()
    verbale: str | None = None
    chiusa_il: dt.date | None = None
    per_scadenza: bool = False
    disponibilita: tuple[dict[str, Any], ...] = attrs.field(default=(), hash=False)

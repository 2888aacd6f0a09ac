"""The Servizio's actions on a procedure (CP-2, CP-3, CP-5, CP-6, CP-7, CP-9, CP-10).

Each is a pure function: the procedure and the day in, a :class:`Passo` out (the new record and
its events), or :class:`~sportello.ValidationError` with every reason, each naming its rule.
Re-exported by :mod:`sportello.rules.conciliazione`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

import attrs

from sportello._violations import ValidationError, Violation
from sportello.rules.calendar import is_working_day
from sportello.rules.conciliazione._azioni import Azione
from sportello.rules.conciliazione._eventi import EventoProcedura, Passo, TipoEvento
from sportello.rules.conciliazione._orologio import guard
from sportello.rules.conciliazione._procedura import Incontro, Procedura
from sportello.rules.conciliazione._stati import (
    Esito,
    MotivoArchiviazione,
    MotivoInammissibilita,
    Parte,
    StatoConciliazione,
)
from sportello.rules.conciliazione._termini import PROROGA_MAX_GIORNI, integrazione_entro
from sportello.rules.meetings import check_modalita_convocazione

__all__ = [
    "admit",
    "archive_no_show",
    "convene",
    "declare_inadmissible",
    "extend",
    "record_outcome",
    "request_integration",
]

_S = StatoConciliazione


def _raise(found: list[Violation]) -> None:
    if found:
        raise ValidationError(found)


def request_integration(
    procedura: Procedura, *, oggi: dt.date, documenti: Sequence[str] = ()
) -> Passo:
    """CP-3: ask the customer for the documents that complete the request (7 days to send).

    ``documenti`` names what is missing (for the e-mail). The Servizio may ask again after an
    answer that is still incomplete; each request gives its own 7 days.

    Raises:
        ValidationError: ``conciliazione.azione_non_ammessa`` (CP-3) unless submitted.
    """
    _raise(guard(procedura, oggi, Azione.RICHIEDI_INTEGRAZIONE))
    new = attrs.evolve(
        procedura,
        stato=_S.IN_ATTESA_INTEGRAZIONE,
        data_richiesta_integrazione=oggi,
        aggiornata_il=oggi,
    )
    testo = ", ".join(d.strip() for d in documenti if d.strip()) or None
    evento = EventoProcedura(
        tipo=TipoEvento.INTEGRAZIONE_RICHIESTA,
        data=oggi,
        stato=new.stato,
        entro=integrazione_entro(oggi),
        documento=testo,
    )
    return Passo(new, (evento,))


def admit(procedura: Procedura, *, oggi: dt.date) -> Passo:
    """CP-3: admit the request, complete on ``oggi``: day 0 of the procedure's terms.

    The Servizio admits the request on the day it finds it complete (the submission, or the
    integration that completes it); that day starts the 40 days of the first meeting (CP-5) and
    the 90 of the procedure (CP-9).

    Raises:
        ValidationError: ``conciliazione.azione_non_ammessa`` (CP-3) unless submitted (or
            integrated).
    """
    _raise(guard(procedura, oggi, Azione.AMMETTI))
    new = attrs.evolve(procedura, stato=_S.AMMESSA, data_domanda_completa=oggi, aggiornata_il=oggi)
    s = new.scadenze
    evento = EventoProcedura(
        tipo=TipoEvento.DOMANDA_AMMESSA,
        data=oggi,
        stato=new.stato,
        entro=None if s is None else s.primo_incontro_entro,
    )
    return Passo(new, (evento,))


def declare_inadmissible(
    procedura: Procedura, *, oggi: dt.date, motivi: Iterable[MotivoInammissibilita]
) -> Passo:
    """CP-2: archive the request as inadmissible, for the reasons of ``check_ammissibilita``.

    Possible before the first meeting is convened (submitted, waiting for documents, admitted).

    Raises:
        ValidationError: ``conciliazione.azione_non_ammessa`` (CP-2);
            ``conciliazione.motivo_required`` (CP-2) without a reason.
    """
    _raise(guard(procedura, oggi, Azione.DICHIARA_INAMMISSIBILE))
    reasons = tuple(dict.fromkeys(motivi))
    _raise([] if reasons else [Violation.of("conciliazione.motivo_required", path="motivi")])
    new = attrs.evolve(
        procedura,
        stato=_S.ARCHIVIATA,
        motivo_archiviazione=MotivoArchiviazione.INAMMISSIBILE,
        motivi_inammissibilita=reasons,
        chiusa_il=oggi,
        aggiornata_il=oggi,
    )
    evento = EventoProcedura(
        tipo=TipoEvento.DOMANDA_INAMMISSIBILE,
        data=oggi,
        stato=new.stato,
        motivo_archiviazione=MotivoArchiviazione.INAMMISSIBILE,
        motivi_inammissibilita=reasons,
    )
    return Passo(new, (evento,))


def _check_incontro(p: Procedura, oggi: dt.date, incontro: Incontro) -> list[Violation]:
    """CP-5, CP-6, CP-9: what is wrong with convening ``incontro`` on ``oggi``."""
    found: list[Violation] = []
    if p.stato is _S.CONVOCATA and p.incontro is not None and oggi < p.incontro.data:
        found.append(
            Violation.of(
                "conciliazione.incontro_gia_fissato", path="incontro", data=p.incontro.data
            )
        )
    if incontro.data <= oggi:
        found.append(
            Violation.of("conciliazione.incontro_non_futuro", path="incontro.data", oggi=oggi)
        )
    if not is_working_day(incontro.data):
        found.append(
            Violation.of(
                "calendar.no_meetings_on_day",
                path="incontro.data",
                rule="CP-5",
                giorno=incontro.data,
            )
        )
    s = p.scadenze
    if s is not None and p.convocazioni == 0 and incontro.data > s.primo_incontro_entro:
        found.append(
            Violation.of(
                "conciliazione.primo_incontro_oltre_termine",
                path="incontro.data",
                entro=s.primo_incontro_entro,
            )
        )
    elif s is not None and incontro.data > s.conclusione_entro:
        found.append(
            Violation.of(
                "conciliazione.incontro_oltre_termine",
                path="incontro.data",
                entro=s.conclusione_entro,
            )
        )
    if not incontro.stanza.strip():
        found.append(Violation.of("conciliazione.stanza_required", path="incontro.stanza"))
    found += check_modalita_convocazione(
        incontro.modalita, motivo_telefono=incontro.motivo_telefono, path="incontro.modalita"
    )
    return found


def convene(procedura: Procedura, *, oggi: dt.date, incontro: Incontro) -> Passo:
    """CP-5, CP-6: convene the parties to ``incontro``: a future working day, a slot, a room.

    The first meeting falls within 40 days of the complete request (CP-5); every meeting
    within the procedure's term (CP-9). A further meeting may be convened after the current
    one's day (a meeting that needs a sequel); to move a meeting before it is held, postpone it
    (:func:`postpone`). The room is video or chat; a party joins by telephone only with the
    reason of the exception (CP-6).

    Raises:
        ValidationError: every problem at once: ``conciliazione.azione_non_ammessa``,
            ``conciliazione.incontro_gia_fissato``, ``conciliazione.incontro_non_futuro``,
            ``calendar.no_meetings_on_day`` (CP-5), ``conciliazione.primo_incontro_oltre_termine``
            (CP-5), ``conciliazione.incontro_oltre_termine`` (CP-9),
            ``conciliazione.stanza_required`` (CP-5), ``calendar.phone_not_only_mode`` and
            ``calendar.phone_reason_required`` (CP-6).
    """
    _raise(guard(procedura, oggi, Azione.CONVOCA))
    _raise(_check_incontro(procedura, oggi, incontro))
    new = attrs.evolve(
        procedura,
        stato=_S.CONVOCATA,
        incontro=incontro,
        convocazioni=procedura.convocazioni + 1,
        aggiornata_il=oggi,
    )
    s = new.scadenze
    evento = EventoProcedura(
        tipo=TipoEvento.INCONTRO_CONVOCATO,
        data=oggi,
        stato=new.stato,
        incontro=incontro,
        entro=None if s is None else s.ritiro_entro,
    )
    return Passo(new, (evento,))


def record_outcome(
    procedura: Procedura,
    *,
    oggi: dt.date,
    esito: Esito,
    verbale: str,
    firmato: bool = False,
) -> Passo:
    """CP-10: close the procedure with the meeting's outcome, recorded in ``verbale``.

    On or after the meeting's day. An agreement's verbale is signed with a digital or
    qualified electronic signature (``firmato``): it is then an enforceable title, kept in the
    case file. A verbale of no agreement fulfils the mandatory attempt.

    Raises:
        ValidationError: ``conciliazione.azione_non_ammessa`` (CP-10),
            ``conciliazione.esito_prima_dell_incontro``, ``conciliazione.verbale_required``,
            ``conciliazione.verbale_non_firmato`` (CP-10).
    """
    _raise(guard(procedura, oggi, Azione.REGISTRA_ESITO))
    found: list[Violation] = []
    if procedura.incontro is not None and oggi < procedura.incontro.data:
        found.append(
            Violation.of(
                "conciliazione.esito_prima_dell_incontro", path="oggi", data=procedura.incontro.data
            )
        )
    if not verbale.strip():
        found.append(Violation.of("conciliazione.verbale_required", path="verbale"))
    if esito is Esito.ACCORDO and not firmato:
        found.append(Violation.of("conciliazione.verbale_non_firmato", path="firmato"))
    _raise(found)
    new = attrs.evolve(
        procedura, stato=esito.stato, verbale=verbale.strip(), chiusa_il=oggi, aggiornata_il=oggi
    )
    tipo = TipoEvento.ACCORDO if esito is Esito.ACCORDO else TipoEvento.MANCATO_ACCORDO
    evento = EventoProcedura(
        tipo=tipo, data=oggi, stato=new.stato, incontro=new.incontro, documento=new.verbale
    )
    return Passo(new, (evento,))


def archive_no_show(procedura: Procedura, *, oggi: dt.date) -> Passo:
    """CP-7: the customer did not appear at the meeting: the request is archived.

    On or after the meeting's day. CP-2 then bars a new request on the same dispute (CP-8).

    Raises:
        ValidationError: ``conciliazione.azione_non_ammessa`` (CP-7),
            ``conciliazione.comparizione_prima_dell_incontro`` (CP-7).
    """
    _raise(guard(procedura, oggi, Azione.ARCHIVIA_MANCATA_COMPARIZIONE))
    if procedura.incontro is not None and oggi < procedura.incontro.data:
        _raise(
            [
                Violation.of(
                    "conciliazione.comparizione_prima_dell_incontro",
                    path="oggi",
                    data=procedura.incontro.data,
                )
            ]
        )
    motivo = MotivoArchiviazione.MANCATA_COMPARIZIONE
    new = attrs.evolve(
        procedura,
        stato=_S.ARCHIVIATA,
        motivo_archiviazione=motivo,
        chiusa_il=oggi,
        aggiornata_il=oggi,
    )
    evento = EventoProcedura(
        tipo=TipoEvento.MANCATA_COMPARIZIONE,
        data=oggi,
        stato=new.stato,
        incontro=new.incontro,
        motivo_archiviazione=motivo,
    )
    return Passo(new, (evento,))


def extend(
    procedura: Procedura, *, oggi: dt.date, giorni: int, richiesta_da: Iterable[Parte]
) -> Passo:
    """CP-9: extend the procedure's end by ``giorni`` (up to 30 days in all).

    At the Servizio's request (``richiesta_da`` holds ``Parte.SERVIZIO``) or on the parties'
    joint request (both ``CLIENTE`` and ``CONTROPARTE``); one party alone may not.

    Raises:
        ValidationError: ``conciliazione.azione_non_ammessa`` (CP-9), and at once:
            ``conciliazione.proroga_non_valida`` (less than a day),
            ``conciliazione.proroga_oltre_limite`` (past 30 days in all),
            ``conciliazione.proroga_richiesta_congiunta`` (CP-9).
    """
    _raise(guard(procedura, oggi, Azione.PROROGA))
    chi = set(richiesta_da)
    residui = PROROGA_MAX_GIORNI - procedura.proroga_giorni
    found: list[Violation] = []
    if giorni < 1:
        found.append(Violation.of("conciliazione.proroga_non_valida", path="giorni", giorni=giorni))
    elif giorni > residui:
        found.append(
            Violation.of(
                "conciliazione.proroga_oltre_limite",
                path="giorni",
                giorni=giorni,
                max=PROROGA_MAX_GIORNI,
                residui=residui,
            )
        )
    if Parte.SERVIZIO not in chi and not {Parte.CLIENTE, Parte.CONTROPARTE} <= chi:
        found.append(
            Violation.of(
                "conciliazione.proroga_richiesta_congiunta",
                path="richiesta_da",
                parti=sorted(p.label for p in chi) or ["-"],
                parti_en=sorted(p.label_en for p in chi) or ["-"],
            )
        )
    _raise(found)
    new = attrs.evolve(
        procedura, proroga_giorni=procedura.proroga_giorni + giorni, aggiornata_il=oggi
    )
    s = new.scadenze
    evento = EventoProcedura(
        tipo=TipoEvento.TERMINE_PROROGATO,
        data=oggi,
        stato=new.stato,
        entro=None if s is None else s.conclusione_entro,
        giorni=giorni,
    )
    return Passo(new, (evento,))

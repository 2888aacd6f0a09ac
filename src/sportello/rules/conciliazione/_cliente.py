"""The customer's actions on a procedure, and a party's postponement (CP-3, CP-7, CP-8, CP-11).

Pure functions like the Servizio's: the procedure and the day in, a :class:`Passo` out, or
:class:`~sportello.ValidationError` naming the rule. Re-exported by
:mod:`sportello.rules.conciliazione`.
"""

from __future__ import annotations

import datetime as dt

import attrs

from sportello._violations import ValidationError, Violation
from sportello.rules.conciliazione._azioni import Azione
from sportello.rules.conciliazione._eventi import EventoProcedura, Passo, TipoEvento
from sportello.rules.conciliazione._orologio import guard
from sportello.rules.conciliazione._procedura import Procedura, Rinvio
from sportello.rules.conciliazione._stati import MotivoArchiviazione, Parte, StatoConciliazione
from sportello.rules.conciliazione._termini import ritiro_entro

__all__ = ["integrate", "postpone", "submit", "withdraw"]

_S = StatoConciliazione


def submit(*, oggi: dt.date) -> Passo:
    """CP-11: a conciliation request submitted on ``oggi``: its case number comes at once.

    The request's content is the form's business (:class:`sportello.forms.DomandaConciliazione`,
    CP-1, CP-4); the procedure starts ``INVIATA``. Its event sends the receipt with the case
    number (CP-11: no SPCEN code for a conciliation; see :func:`identificativo`).

    >>> step = submit(oggi=dt.date(2026, 12, 1))
    >>> step.procedura.stato.value, [e.tipo.value for e in step.eventi]
    ('inviata', ['domanda_inviata'])
    """
    new = Procedura(stato=_S.INVIATA, data_invio=oggi, aggiornata_il=oggi)
    return Passo(
        new, (EventoProcedura(tipo=TipoEvento.DOMANDA_INVIATA, data=oggi, stato=new.stato),)
    )


def integrate(procedura: Procedura, *, oggi: dt.date) -> Passo:
    """CP-3: the customer sends the documents asked for, within 7 days of the request.

    The request goes back to the Servizio (``INVIATA``), which admits it or asks again.

    Raises:
        ValidationError: ``conciliazione.azione_non_ammessa`` (CP-3) when no documents are
            awaited; ``conciliazione.termine_scaduto`` (CP-3) after the 7th day.
    """
    _raise(guard(procedura, oggi, Azione.INTEGRA))
    new = attrs.evolve(procedura, stato=_S.INVIATA, data_integrazione=oggi, aggiornata_il=oggi)
    return Passo(
        new, (EventoProcedura(tipo=TipoEvento.DOMANDA_INTEGRATA, data=oggi, stato=new.stato),)
    )


def withdraw(procedura: Procedura, *, oggi: dt.date) -> Passo:
    """CP-8: the customer withdraws the request, at the latest 2 days before the meeting.

    Possible in every open state; with a meeting fixed, until the meeting's day minus 2
    (included). After a withdrawal CP-2 bars a new request on the same dispute
    (:func:`check_ammissibilita`).

    Raises:
        ValidationError: ``conciliazione.azione_non_ammessa`` (CP-8) when the procedure is
            over; ``conciliazione.ritiro_tardivo`` (CP-8) too close to the meeting.
    """
    _raise(guard(procedura, oggi, Azione.RITIRA))
    incontro = procedura.incontro
    if procedura.stato is _S.CONVOCATA and incontro is not None:
        entro = ritiro_entro(incontro.data)
        if oggi > entro:
            _raise(
                [
                    Violation.of(
                        "conciliazione.ritiro_tardivo",
                        path="oggi",
                        entro=entro,
                        data=incontro.data,
                    )
                ]
            )
    motivo = MotivoArchiviazione.RITIRATA
    new = attrs.evolve(
        procedura,
        stato=_S.ARCHIVIATA,
        motivo_archiviazione=motivo,
        chiusa_il=oggi,
        aggiornata_il=oggi,
    )
    evento = EventoProcedura(
        tipo=TipoEvento.DOMANDA_RITIRATA,
        data=oggi,
        stato=new.stato,
        incontro=new.incontro,
        motivo_archiviazione=motivo,
    )
    return Passo(new, (evento,))


def postpone(procedura: Procedura, *, oggi: dt.date, richiesto_da: Parte, motivo: str) -> Passo:
    """CP-7: a party (or the Servizio) postpones the fixed meeting, before its day.

    The request states its reason; it is granted (the sources name no ground of refusal) and
    the Servizio convenes the new meeting (:func:`convene`), within the procedure's term.

    Raises:
        ValidationError: ``conciliazione.azione_non_ammessa`` (CP-7) without a fixed meeting;
            ``conciliazione.rinvio_tardivo`` (CP-7) on or after the meeting's day;
            ``conciliazione.motivo_rinvio_required`` (CP-7) without a reason.
    """
    _raise(guard(procedura, oggi, Azione.RINVIA))
    incontro = procedura.incontro
    found: list[Violation] = []
    if incontro is not None and oggi >= incontro.data:
        found.append(Violation.of("conciliazione.rinvio_tardivo", path="oggi", data=incontro.data))
    if not motivo.strip():
        found.append(Violation.of("conciliazione.motivo_rinvio_required", path="motivo"))
    _raise(found)
    if incontro is None:  # pragma: no cover - a CONVOCATA record always has its meeting
        return Passo(procedura)
    rinvio = Rinvio(data=oggi, richiesto_da=richiesto_da, motivo=motivo.strip(), incontro=incontro)
    new = attrs.evolve(
        procedura,
        stato=_S.RINVIATA,
        incontro=None,
        rinvii=(*procedura.rinvii, rinvio),
        aggiornata_il=oggi,
    )
    evento = EventoProcedura(
        tipo=TipoEvento.INCONTRO_RINVIATO,
        data=oggi,
        stato=new.stato,
        incontro=incontro,
        motivo=rinvio.motivo,
    )
    return Passo(new, (evento,))


def _raise(found: list[Violation]) -> None:
    if found:
        raise ValidationError(found)

"""The frozen record of one conciliation procedure and its meetings (CP-3, CP-5..CP-10).

A :class:`Procedura` is always consistent: its constructor refuses, with
``conciliazione.procedura_incoerente``, a state without the data it needs (a meeting for
``CONVOCATA``, a reason for ``ARCHIVIATA``, ...). The operations of
:mod:`sportello.rules.conciliazione` build new records, never change one. Re-exported there.
"""

from __future__ import annotations

import datetime as dt

import attrs

from sportello._messages import labels
from sportello._violations import ValidationError, Violation
from sportello.rules.conciliazione._stati import (
    MotivoArchiviazione,
    MotivoInammissibilita,
    Parte,
    Precedente,
    StatoConciliazione,
)
from sportello.rules.conciliazione._termini import (
    PROROGA_MAX_GIORNI,
    Scadenze,
    integrazione_entro,
    scadenze,
)
from sportello.rules.meetings import FasciaIncontro, ModalitaIncontro

__all__ = ["Incontro", "Procedura", "Rinvio"]

_S = StatoConciliazione
_AMMESSI = frozenset({_S.AMMESSA, _S.CONVOCATA, _S.RINVIATA})


@attrs.frozen(kw_only=True)
class Incontro:
    """CP-5, CP-6: a convened meeting: the day, the slot, the virtual room and its mode.

    Attributes:
        data: the meeting's day (a working day, CP-5).
        fascia: one of the six 90-minute slots (CP-5).
        stanza: the virtual room (its name or link), told to the parties (CP-5).
        modalita: the room's mode, video or chat (CP-6: never the telephone alone).
        motivo_telefono: why a party joins by telephone conference, the exception of CP-6;
            ``None`` when nobody does.

    >>> i = Incontro(data=dt.date(2026, 12, 2), fascia=FasciaIncontro.ORE_10_30, stanza="S-1")
    >>> i.inizio, i.fine
    (datetime.datetime(2026, 12, 2, 10, 30), datetime.datetime(2026, 12, 2, 12, 0))
    """

    data: dt.date
    fascia: FasciaIncontro
    stanza: str
    modalita: ModalitaIncontro = ModalitaIncontro.VIDEO
    motivo_telefono: str | None = None

    @property
    def inizio(self) -> dt.datetime:
        """The start, Europe/Rome local time (naive)."""
        return dt.datetime.combine(self.data, self.fascia.inizio)

    @property
    def fine(self) -> dt.datetime:
        """The end, Europe/Rome local time (naive)."""
        return dt.datetime.combine(self.data, self.fascia.fine)


@attrs.frozen(kw_only=True)
class Rinvio:
    """CP-7: a postponement: when it was asked, by whom, why, and the meeting it moved.

    Attributes:
        data: the day it was asked (before the meeting's day).
        richiesto_da: the customer, the counterpart or the Servizio.
        motivo: the stated reason.
        incontro: the meeting postponed.
    """

    data: dt.date
    richiesto_da: Parte
    motivo: str
    incontro: Incontro


def _incoerente(campo: str, stato: StatoConciliazione) -> Violation:
    return Violation.of(
        "conciliazione.procedura_incoerente", path=campo, campo=campo, **labels(stato=stato)
    )


@attrs.frozen(kw_only=True)
class Procedura:
    """One conciliation procedure at one moment (CP-3, CP-5, CP-7, CP-9, CP-10).

    Attributes:
        stato: the state.
        data_invio: the day the request was submitted.
        aggiornata_il: the last day the record was updated, by an operation or the clock (the
            clock's reminders and deadlines fire for the days after it).
        data_richiesta_integrazione: the day the Servizio last asked for documents (CP-3).
        data_integrazione: the day the customer last sent them (CP-3).
        data_domanda_completa: day 0 of every later term, fixed on admission (CP-3).
        incontro: the meeting fixed now (``CONVOCATA``), or the last one held once the
            procedure is over; ``None`` before the first convocation and while postponed.
        convocazioni: how many meetings have been convened (the first one is CP-5's).
        rinvii: the postponements so far (CP-7).
        proroga_giorni: the extension of the end granted so far, 0 to 30 (CP-9).
        motivo_archiviazione: why it was archived (only for ``ARCHIVIATA``, CP-10).
        motivi_inammissibilita: the CP-2 reasons of an inadmissible request.
        verbale: the verbale of the outcome in the case file (``ACCORDO``,
            ``MANCATO_ACCORDO`` after a meeting; CP-10).
        chiusa_il: the day the procedure ended (final states only).
        per_scadenza: ended by the clock at a term of the Servizio that passed (CP-5, CP-9).
    """

    stato: StatoConciliazione
    data_invio: dt.date
    aggiornata_il: dt.date
    data_richiesta_integrazione: dt.date | None = None
    data_integrazione: dt.date | None = None
    data_domanda_completa: dt.date | None = None
    incontro: Incontro | None = None
    convocazioni: int = 0
    rinvii: tuple[Rinvio, ...] = ()
    proroga_giorni: int = 0
    motivo_archiviazione: MotivoArchiviazione | None = None
    motivi_inammissibilita: tuple[MotivoInammissibilita, ...] = ()
    verbale: str | None = None
    chiusa_il: dt.date | None = None
    per_scadenza: bool = False

    def __attrs_post_init__(self) -> None:
        found = _problems(self)
        if found:
            raise ValidationError(found)

    @property
    def integrazione_entro(self) -> dt.date | None:
        """CP-3: while waiting for documents, the last day to send them."""
        if self.stato is not _S.IN_ATTESA_INTEGRAZIONE or self.data_richiesta_integrazione is None:
            return None
        return integrazione_entro(self.data_richiesta_integrazione)

    @property
    def scadenze(self) -> Scadenze | None:
        """CP-5, CP-8, CP-9: the deadlines from the complete request (``None`` before it)."""
        if self.data_domanda_completa is None:
            return None
        fissato = self.incontro if self.stato is _S.CONVOCATA else None
        return scadenze(
            self.data_domanda_completa,
            proroga_giorni=self.proroga_giorni,
            data_incontro=None if fissato is None else fissato.data,
        )

    @property
    def precedente(self) -> Precedente:
        """CP-2: this procedure as an earlier request on the same dispute."""
        return Precedente(self.stato, self.motivo_archiviazione)


def _problems(p: Procedura) -> list[Violation]:
    """What makes ``p`` inconsistent (``[]`` for a record the operations could build)."""
    stato = p.stato
    finale = stato.is_final
    checks = {
        "aggiornata_il": p.aggiornata_il >= p.data_invio,
        "proroga_giorni": 0 <= p.proroga_giorni <= PROROGA_MAX_GIORNI,
        "convocazioni": p.convocazioni >= 0
        and (p.convocazioni == 0) == (p.incontro is None and not p.rinvii),
        "data_richiesta_integrazione": stato is not _S.IN_ATTESA_INTEGRAZIONE
        or p.data_richiesta_integrazione is not None,
        "data_domanda_completa": (
            (stato in _AMMESSI) == (p.data_domanda_completa is not None)
            if not finale
            else p.data_domanda_completa is not None or not (p.convocazioni or p.per_scadenza)
        ),
        "incontro": finale or (stato is _S.CONVOCATA) == (p.incontro is not None),
        "motivo_archiviazione": (stato is _S.ARCHIVIATA) == (p.motivo_archiviazione is not None),
        "motivi_inammissibilita": (p.motivo_archiviazione is MotivoArchiviazione.INAMMISSIBILE)
        == bool(p.motivi_inammissibilita),
        "chiusa_il": finale == (p.chiusa_il is not None),
        "per_scadenza": not p.per_scadenza or stato is _S.MANCATO_ACCORDO,
        "verbale": (
            p.verbale is not None
            if stato is _S.ACCORDO
            else (p.verbale is not None) != p.per_scadenza
            if stato is _S.MANCATO_ACCORDO
            else p.verbale is None
        ),
    }
    return [_incoerente(campo, stato) for campo, ok in checks.items() if not ok]

"""What happened on a procedure: its events, and the e-mail each one sends (CP-10, CP-11, NT-2).

Every operation and every move of the clock returns a :class:`Passo`: the new
:class:`~sportello.rules.conciliazione.Procedura` and the :class:`EventoProcedura` records of
what happened, in order, each with its day, rule and details. The case's timeline is the list
of its events; :func:`notifica` builds the e-mail an event sends (NT-1, NT-2 refined by CP-10),
so nothing is derived twice. Re-exported by :mod:`sportello.rules.conciliazione`.
"""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from sportello._messages import DEFAULT_LANG, Lang
from sportello.rules.conciliazione._procedura import Incontro, Procedura
from sportello.rules.conciliazione._stati import (
    MotivoArchiviazione,
    MotivoInammissibilita,
    StatoConciliazione,
)
from sportello.rules.notifications import Evento, Notifica, notification_for

__all__ = ["EventoProcedura", "Passo", "TipoEvento", "notifica"]


@attrs.frozen
class _Riga:
    it: str
    en: str
    regola: str
    evento: Evento | None


class TipoEvento(enum.StrEnum):
    """Every kind of event on a procedure, with its rule and the e-mail it sends (if any).

    >>> TipoEvento.INCONTRO_CONVOCATO.regola, TipoEvento.INCONTRO_CONVOCATO.notifica
    ('CP-5', <Evento.INCONTRO_FISSATO: 'incontro_fissato'>)
    >>> TipoEvento.DOMANDA_AMMESSA.notifica is None
    True
    """

    DOMANDA_INVIATA = "domanda_inviata"
    INTEGRAZIONE_RICHIESTA = "integrazione_richiesta"
    DOMANDA_INTEGRATA = "domanda_integrata"
    DOMANDA_AMMESSA = "domanda_ammessa"
    DOMANDA_INAMMISSIBILE = "domanda_inammissibile"
    INCONTRO_CONVOCATO = "incontro_convocato"
    INCONTRO_RINVIATO = "incontro_rinviato"
    TERMINE_PROROGATO = "termine_prorogato"
    DOMANDA_RITIRATA = "domanda_ritirata"
    ACCORDO = "accordo"
    MANCATO_ACCORDO = "mancato_accordo"
    MANCATA_COMPARIZIONE = "mancata_comparizione"
    INTEGRAZIONE_SCADUTA = "integrazione_scaduta"
    PRIMO_INCONTRO_SCADUTO = "primo_incontro_scaduto"
    DURATA_SCADUTA = "durata_scaduta"
    PROMEMORIA_INTEGRAZIONE = "promemoria_integrazione"
    PROMEMORIA_INCONTRO = "promemoria_incontro"

    @property
    def label(self) -> str:
        """The Italian label."""
        return _EVENTI[self].it

    @property
    def label_en(self) -> str:
        """The English label."""
        return _EVENTI[self].en

    @property
    def regola(self) -> str:
        """The rule that makes it happen."""
        return _EVENTI[self].regola

    @property
    def notifica(self) -> Evento | None:
        """The e-mail alert it sends (NT-2, CP-10), ``None`` when it sends none."""
        return _EVENTI[self].evento


_T = TipoEvento
_EVENTI: dict[TipoEvento, _Riga] = {
    _T.DOMANDA_INVIATA: _Riga(
        "domanda inviata: numero di pratica",
        "request submitted: case number",
        "CP-11",
        Evento.DOMANDA_RICEVUTA,
    ),
    _T.INTEGRAZIONE_RICHIESTA: _Riga(
        "richiesta di integrazione", "request for documents", "CP-3", Evento.RICHIESTA_INTEGRAZIONE
    ),
    _T.DOMANDA_INTEGRATA: _Riga("domanda integrata", "documents sent", "CP-3", None),
    _T.DOMANDA_AMMESSA: _Riga("domanda ammessa", "request admitted", "CP-3", None),
    _T.DOMANDA_INAMMISSIBILE: _Riga(
        "domanda inammissibile", "request inadmissible", "CP-2", Evento.ARCHIVIAZIONE
    ),
    _T.INCONTRO_CONVOCATO: _Riga(
        "incontro convocato", "meeting convened", "CP-5", Evento.INCONTRO_FISSATO
    ),
    _T.INCONTRO_RINVIATO: _Riga(
        "incontro rinviato", "meeting postponed", "CP-7", Evento.INCONTRO_RINVIATO
    ),
    _T.TERMINE_PROROGATO: _Riga(
        "termine prorogato", "term extended", "CP-9", Evento.TERMINE_PROROGATO
    ),
    _T.DOMANDA_RITIRATA: _Riga(
        "domanda ritirata", "request withdrawn", "CP-8", Evento.ARCHIVIAZIONE
    ),
    _T.ACCORDO: _Riga("accordo", "agreement", "CP-10", Evento.ESITO_ACCORDO),
    _T.MANCATO_ACCORDO: _Riga(
        "mancato accordo", "no agreement", "CP-10", Evento.ESITO_MANCATO_ACCORDO
    ),
    _T.MANCATA_COMPARIZIONE: _Riga("mancata comparizione", "no-show", "CP-7", Evento.ARCHIVIAZIONE),
    _T.INTEGRAZIONE_SCADUTA: _Riga(
        "integrazione non pervenuta nei termini",
        "documents not sent in time",
        "CP-3",
        Evento.ARCHIVIAZIONE,
    ),
    _T.PRIMO_INCONTRO_SCADUTO: _Riga(
        "primo incontro non tenuto entro 40 giorni",
        "no first meeting within 40 days",
        "CP-5",
        Evento.TERMINE_SCADUTO,
    ),
    _T.DURATA_SCADUTA: _Riga(
        "procedura non conclusa entro il termine",
        "procedure not concluded within its term",
        "CP-9",
        Evento.TERMINE_SCADUTO,
    ),
    _T.PROMEMORIA_INTEGRAZIONE: _Riga(
        "promemoria: integrazione in scadenza",
        "reminder: documents due",
        "CP-3",
        Evento.PROMEMORIA_INTEGRAZIONE,
    ),
    _T.PROMEMORIA_INCONTRO: _Riga(
        "promemoria: incontro e ultimo giorno per il ritiro",
        "reminder: meeting and last day to withdraw",
        "CP-8",
        Evento.PROMEMORIA_INCONTRO,
    ),
}


@attrs.frozen(kw_only=True)
class EventoProcedura:
    """One thing that happened on a procedure, on one day, and the state it left.

    Attributes:
        tipo: what happened.
        data: the day it happened (for the clock's events, the day after the term).
        stato: the state after it.
        incontro: the meeting it concerns (convened, postponed, reminded, held).
        entro: the deadline it states: the integration due (CP-3), the last day to withdraw
            (CP-8), the new end (CP-9), the term that passed (CP-5, CP-9).
        motivo: a stated reason (a postponement's, CP-7).
        motivo_archiviazione: for an archiving, why (CP-10).
        motivi_inammissibilita: for an inadmissible request, the CP-2 reasons.
        documento: a document of the case file it brings (the verbale, the documents asked).
        giorni: the days of an extension (CP-9).
    """

    tipo: TipoEvento
    data: dt.date
    stato: StatoConciliazione
    incontro: Incontro | None = None
    entro: dt.date | None = None
    motivo: str | None = None
    motivo_archiviazione: MotivoArchiviazione | None = None
    motivi_inammissibilita: tuple[MotivoInammissibilita, ...] = ()
    documento: str | None = None
    giorni: int | None = None

    @property
    def regola(self) -> str:
        """The rule that makes it happen."""
        return self.tipo.regola


@attrs.frozen
class Passo:
    """What an operation or the clock returns: the new record and the events, in order.

    Attributes:
        procedura: the procedure after the step.
        eventi: what happened, oldest first (empty when the clock had nothing to do).
    """

    procedura: Procedura
    eventi: tuple[EventoProcedura, ...] = ()


def _motivo(evento: EventoProcedura, lang: Lang) -> str | None:
    """The reason an e-mail states, in ``lang``."""
    if evento.tipo in (_T.PRIMO_INCONTRO_SCADUTO, _T.DURATA_SCADUTA):
        return evento.tipo.label if lang == "it" else evento.tipo.label_en
    if evento.motivo_archiviazione is not None:
        m = evento.motivo_archiviazione
        text = m.label if lang == "it" else m.label_en
        details = [r.label if lang == "it" else r.label_en for r in evento.motivi_inammissibilita]
        return f"{text} ({'; '.join(details)})" if details else text
    return evento.motivo


def notifica(
    evento: EventoProcedura,
    *,
    pratica: str,
    email_registrazione: str,
    email_delegato: str | None = None,
    lang: Lang = DEFAULT_LANG,
) -> Notifica | None:
    """NT-1, NT-2, CP-10, CP-11: the e-mail ``evento`` sends on case ``pratica``, or ``None``.

    The recipient is NT-1's (the delegate only, when there is one); subject and body come from
    the catalog (:func:`sportello.rules.notifications.notification_for`), filled from the
    event: the meeting's day, time and room, the deadline, the reason, the document.

    >>> e = EventoProcedura(tipo=TipoEvento.INTEGRAZIONE_RICHIESTA, data=dt.date(2026, 12, 1),
    ...     stato=StatoConciliazione.IN_ATTESA_INTEGRAZIONE, entro=dt.date(2026, 12, 8),
    ...     documento="copia della bolletta")
    >>> notifica(e, pratica="C-1", email_registrazione="mario@example.it").testo
    "Per la pratica C-1 è richiesta un'integrazione della documentazione: copia della bolletta. Va inviata entro il 08/12/2026. Acceda al Portale per i dettagli."
    """  # noqa: E501
    kind = evento.tipo.notifica
    if kind is None:
        return None
    incontro = evento.incontro
    return notification_for(
        kind,
        pratica=pratica,
        email_registrazione=email_registrazione,
        email_delegato=email_delegato,
        documento=evento.documento,
        quando=None if incontro is None else incontro.inizio,
        entro=evento.entro,
        stanza=None if incontro is None else incontro.stanza,
        motivo=_motivo(evento, lang),
        lang=lang,
    )

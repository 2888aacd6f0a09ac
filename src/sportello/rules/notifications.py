"""Who receives a case's e-mails, and which events send one (NT-1, NT-2, CP-10, CP-11).

Every communication on a case goes by e-mail to the address given at registration; when a
delegate handles the case, to the delegate's address only (NT-1). Alerts are sent for new
documents on the case (for example a request to complete it) and for the scheduling of the
virtual meeting (NT-2); the Sportello also e-mails the SPCEN code that identifies a new case
(AT-6). The conciliation refines NT-2 (CP-10): the customer is told of each convocation,
postponement, new document and outcome, and reminded of the deadlines (the integration due,
the meeting and the last day to withdraw); its request is acknowledged at once with the case
number (CP-11). The events of the procedure come from :mod:`sportello.rules.conciliazione`.

>>> recipient(email_registrazione="mario@example.it", email_delegato="caf@example.it")
'caf@example.it'
>>> n = notification_for(Evento.RICHIESTA_INTEGRAZIONE, pratica="SPCEN-123",
...     email_registrazione="mario@example.it")
>>> n.destinatario, n.oggetto
('mario@example.it', 'Pratica SPCEN-123: richiesta di integrazione')
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

import attrs

from sportello._messages import DEFAULT_LANG, Lang, render
from sportello.rules.calendar import rome_time as _rome_time

__all__ = ["Evento", "Notifica", "notification_for", "recipient", "should_notify"]


def recipient(*, email_registrazione: str, email_delegato: str | None = None) -> str:
    """NT-1: the address that receives every e-mail on a case.

    The delegate's address only, when a delegate handles the case (a blank address counts as
    none); else the address given at registration.

    >>> recipient(email_registrazione="mario@example.it")
    'mario@example.it'
    >>> recipient(email_registrazione="mario@example.it", email_delegato="  ")
    'mario@example.it'
    """
    if email_delegato is not None and email_delegato.strip():
        return email_delegato.strip()
    return email_registrazione.strip()


class Evento(enum.StrEnum):
    """NT-2, CP-10, CP-11: the events on a case that may send an e-mail alert."""

    NUOVO_DOCUMENTO = "nuovo_documento"
    RICHIESTA_INTEGRAZIONE = "richiesta_integrazione"
    INCONTRO_FISSATO = "incontro_fissato"
    CODICE_SPCEN = "codice_spcen"
    CAMBIO_STATO = "cambio_stato"
    DOMANDA_RICEVUTA = "domanda_ricevuta"
    INCONTRO_RINVIATO = "incontro_rinviato"
    TERMINE_PROROGATO = "termine_prorogato"
    ESITO_ACCORDO = "esito_accordo"
    ESITO_MANCATO_ACCORDO = "esito_mancato_accordo"
    ARCHIVIAZIONE = "archiviazione"
    TERMINE_SCADUTO = "termine_scaduto"
    PROMEMORIA_INTEGRAZIONE = "promemoria_integrazione"
    PROMEMORIA_INCONTRO = "promemoria_incontro"

    @property
    def label(self) -> str:
        """The Italian label."""
        return _EVENTI[self][0]

    @property
    def label_en(self) -> str:
        """The English label."""
        return _EVENTI[self][1]


_EVENTI: dict[Evento, tuple[str, str]] = {
    Evento.NUOVO_DOCUMENTO: ("Nuovo documento", "New document"),
    Evento.RICHIESTA_INTEGRAZIONE: ("Richiesta di integrazione", "Request to complete the case"),
    Evento.INCONTRO_FISSATO: ("Incontro virtuale fissato", "Virtual meeting scheduled"),
    Evento.CODICE_SPCEN: ("Codice SPCEN assegnato", "SPCEN code assigned"),
    Evento.CAMBIO_STATO: ("Cambio di stato", "State change"),
    Evento.DOMANDA_RICEVUTA: ("Domanda ricevuta", "Request received"),
    Evento.INCONTRO_RINVIATO: ("Incontro rinviato", "Meeting postponed"),
    Evento.TERMINE_PROROGATO: ("Termine prorogato", "Term extended"),
    Evento.ESITO_ACCORDO: ("Esito: accordo", "Outcome: agreement"),
    Evento.ESITO_MANCATO_ACCORDO: ("Esito: mancato accordo", "Outcome: no agreement"),
    Evento.ARCHIVIAZIONE: ("Archiviazione", "Dismissal"),
    Evento.TERMINE_SCADUTO: ("Termine scaduto", "Term expired"),
    Evento.PROMEMORIA_INTEGRAZIONE: ("Promemoria: integrazione", "Reminder: documents due"),
    Evento.PROMEMORIA_INCONTRO: ("Promemoria: incontro", "Reminder: meeting"),
}

_NOTIFIED = frozenset(Evento) - {Evento.CAMBIO_STATO}


def should_notify(evento: Evento) -> bool:
    """NT-2, CP-10: whether ``evento`` sends an e-mail alert.

    New documents (a request to complete the case is one), the scheduling of the virtual meeting
    and the SPCEN code of a new case (AT-6) do; so do the conciliation's receipt (CP-11),
    postponement, extension, outcome, archiving, expired term and reminders (CP-10). A bare
    state change does not: the portal shows it (SH-4).

    >>> should_notify(Evento.INCONTRO_FISSATO), should_notify(Evento.CAMBIO_STATO)
    (True, False)
    """
    return evento in _NOTIFIED


@attrs.frozen
class Notifica:
    """NT-1, NT-2: one e-mail to send on a case.

    Attributes:
        evento: what happened.
        destinatario: the one address that receives it (NT-1).
        oggetto: the subject.
        testo: the body.
        lang: the language of ``oggetto`` and ``testo``.
    """

    evento: Evento
    destinatario: str
    oggetto: str
    testo: str
    lang: Lang = DEFAULT_LANG


def notification_for(
    evento: Evento,
    *,
    pratica: str,
    email_registrazione: str,
    email_delegato: str | None = None,
    documento: str | None = None,
    quando: dt.datetime | None = None,
    entro: dt.date | None = None,
    stanza: str | None = None,
    motivo: str | None = None,
    lang: Lang = DEFAULT_LANG,
) -> Notifica | None:
    """NT-1, NT-2, CP-10: the e-mail that ``evento`` sends on case ``pratica``, or ``None``.

    Subject and body come from the message catalog (``notifications.<evento>_oggetto`` and
    ``notifications.<evento>_testo``), in Italian unless ``lang="en"``. ``documento`` names the new
    document; ``quando`` is the meeting's date and time, shown in Europe/Rome time; ``entro`` the
    deadline the e-mail states (integration due, last day to withdraw, the procedure's end);
    ``stanza`` the virtual room; ``motivo`` the reason (of an archiving, a postponement, an
    expired term), already in ``lang``. :func:`sportello.rules.conciliazione.notifica` fills
    them from an event of the procedure.

    >>> import datetime as dt
    >>> n = notification_for(Evento.INCONTRO_FISSATO, pratica="123",
    ...     email_registrazione="mario@example.it",
    ...     quando=dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC), stanza="Stanza 4", lang="en")
    >>> n.testo
    'The virtual meeting of case 123 has been scheduled for 2026-12-01 10:00 (Europe/Rome time) in the virtual room Stanza 4. Check the details in the case file on the portal.'
    >>> notification_for(Evento.CAMBIO_STATO, pratica="123", email_registrazione="m@e.it") is None
    True
    """  # noqa: E501
    if not should_notify(evento):
        return None
    if documento is None:
        documento = "consultare il fascicolo" if lang == "it" else "see the case file"
    see = "indicata nel fascicolo" if lang == "it" else "given in the case file"
    params: dict[str, Any] = {
        "pratica": pratica,
        "documento": documento,
        "stanza": stanza.strip() if stanza and stanza.strip() else see,
        "motivo": motivo.strip() if motivo and motivo.strip() else "-",
    }
    if quando is not None:
        params["quando"] = _rome_time(quando).replace(tzinfo=None)
    if entro is not None:
        params["entro"] = entro
    params["scadenza"] = render("notifications.scadenza", params, lang) if entro else ""
    return Notifica(
        evento=evento,
        destinatario=recipient(
            email_registrazione=email_registrazione, email_delegato=email_delegato
        ),
        oggetto=render(f"notifications.{evento.value}_oggetto", params, lang),
        testo=render(f"notifications.{evento.value}_testo", params, lang),
        lang=lang,
    )


def __dir__() -> list[str]:
    """Only the public names (``__all__``), not the imports."""
    return list(__all__)  # pragma: no mutate (not a rule: tests/test_public_api.py)

"""Who receives a case's e-mails, and which events send one (NT-1, NT-2).

Every communication on a case goes by e-mail to the address given at registration; when a
delegate handles the case, to the delegate's address only (NT-1). Alerts are sent for new
documents on the case (for example a request to complete it) and for the scheduling of the
virtual meeting (NT-2); the Sportello also e-mails the SPCEN code that identifies a new case
(AT-6).

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
    """NT-2: the events on a case that may send an e-mail alert."""

    NUOVO_DOCUMENTO = "nuovo_documento"
    RICHIESTA_INTEGRAZIONE = "richiesta_integrazione"
    INCONTRO_FISSATO = "incontro_fissato"
    CODICE_SPCEN = "codice_spcen"
    CAMBIO_STATO = "cambio_stato"

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
}

_NOTIFIED = frozenset(
    {
        Evento.NUOVO_DOCUMENTO,
        Evento.RICHIESTA_INTEGRAZIONE,
        Evento.INCONTRO_FISSATO,
        Evento.CODICE_SPCEN,
    }
)


def should_notify(evento: Evento) -> bool:
    """NT-2: whether ``evento`` sends an e-mail alert.

    New documents (a request to complete the case is one), the scheduling of the virtual meeting
    and the SPCEN code of a new case (AT-6) do; a state change does not: the portal shows it
    (SH-4).

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
    lang: Lang = DEFAULT_LANG,
) -> Notifica | None:
    """NT-1, NT-2: the e-mail that ``evento`` sends on case ``pratica``, ``None`` if it sends none.

    Subject and body come from the message catalog (``notifications.<evento>_oggetto`` and
    ``notifications.<evento>_testo``), in Italian unless ``lang="en"``. ``documento`` names the new
    document; ``quando`` is the meeting's date and time, shown in Europe/Rome time.

    >>> import datetime as dt
    >>> n = notification_for(Evento.INCONTRO_FISSATO, pratica="123",
    ...     email_registrazione="mario@example.it",
    ...     quando=dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC), lang="en")
    >>> n.testo
    'The virtual meeting of case 123 has been scheduled for 2026-12-01 10:00 (Europe/Rome time). Check the details in the case file on the portal.'
    >>> notification_for(Evento.CAMBIO_STATO, pratica="123", email_registrazione="m@e.it") is None
    True
    """  # noqa: E501
    if not should_notify(evento):
        return None
    if documento is None:
        documento = "consultare il fascicolo" if lang == "it" else "see the case file"
    params: dict[str, Any] = {"pratica": pratica, "documento": documento}
    if quando is not None:
        params["quando"] = _rome_time(quando).replace(tzinfo=None)
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
    return list(__all__)

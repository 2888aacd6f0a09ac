"""The records the API answers with: frozen attrs classes, structured by cattrs.

Field names are the contract's (``src/sportello/openapi.json``); dates and times become
``datetime.date`` / timezone-aware ``datetime.datetime``, decimals ``decimal.Decimal``, arrays
tuples. Fields the contract adds later are ignored, so an older client keeps working.
Personal codes and the submitted form are kept out of every repr.

>>> p = structure(
...     {"codice": "PR002874", "fornitura": "gas", "pod": None, "pdr": "03340009749021",
...      "indirizzo": "VIA DEI POGGI 5 - 57014 COLLESALVETTI (LI)", "correttore": True},
...     PuntoFornitura,
... )
>>> p.pdr, p.correttore
('03340009749021', True)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Generic, TypeVar

import attrs
import cattrs

from sportello.client._models_conciliazione import (
    Conciliazione,
    IncontroConciliazione,
    TerminiConciliazione,
)

__all__ = [
    "Account",
    "Allegato",
    "Anagrafica",
    "AutoletturaRegistrata",
    "Autoletture",
    "Conciliazione",
    "Contratto",
    "Documento",
    "DocumentoCliente",
    "Evento",
    "Fattura",
    "FinestraAutolettura",
    "IncontroConciliazione",
    "Misura",
    "Misure",
    "ModalitaInvio",
    "Notifica",
    "Page",
    "PaginaEventi",
    "Pratica",
    "Prelievi",
    "Prelievo",
    "PuntoFornitura",
    "RiepilogoCliente",
    "SchedaDati",
    "TerminiConciliazione",
    "Ticket",
    "Token",
    "structure",
]

T = TypeVar("T")


@attrs.frozen
class Token:
    """A bearer token from a login (the value never appears in a repr)."""

    access_token: str = attrs.field(repr=False)
    token_type: str = "Bearer"  # noqa: S105 - the scheme name
    expires_in: int = 0


@attrs.frozen
class Account:
    """A consumer-desk account (AU-2: one account serves every service it lists).

    ``azioni_richieste`` lists what a pre-06/10/2017 account must still do (AU-3).
    """

    username: str
    email: str
    nome: str
    cognome: str
    registrata_il: dt.date
    servizi: tuple[str, ...] = ()
    azioni_richieste: tuple[str, ...] = ()


@attrs.frozen
class Pratica:
    """A case: its number, kind, processing state (SH-4) and the submitted form.

    A conciliation (``numero`` ``CONC`` + 12 digits, at once: CP-11) carries its procedure
    in ``conciliazione`` (state, deadlines, meeting); a Sportello case its SPCEN code once
    e-mailed (``codice_spcen``, ``None`` until then) and the day it is due (AT-6).
    """

    numero: str
    tipo: str
    stato: str
    stato_label: str
    creata_il: dt.datetime
    aggiornata_il: dt.datetime
    modulo: Mapping[str, Any] = attrs.field(factory=dict, repr=False, hash=False)
    conciliazione: Conciliazione | None = None
    codice_spcen: str | None = None
    codice_spcen_entro: dt.date | None = None


@attrs.frozen
class Page(Generic[T]):
    """One page of a list; ``next_cursor`` fetches the next (``None`` on the last page)."""

    items: tuple[T, ...]
    next_cursor: str | None = None


@attrs.frozen
class Allegato:
    """An uploaded attachment (CO-6: ``obbligatorio`` flags one the procedure requires)."""

    id: str
    nome: str
    dimensione: int
    obbligatorio: bool
    sha256: str
    caricato_il: dt.datetime


@attrs.frozen
class Documento:
    """A document exchanged on a case (SH-4), e.g. a request to complete it.

    The file itself: ``client.pratiche.download_documento(numero, documento.id, dest)``.
    """

    id: str
    titolo: str
    tipo: str
    creato_il: dt.datetime
    nome: str = ""
    media_type: str = "application/pdf"
    dimensione: int = 0


@attrs.frozen
class Evento:
    """One entry of a case's timeline (SH-4): what happened, when, and its data.

    ``tipo`` is one of the contract's kinds (``pratica_inviata``, ``stato_cambiato``,
    ``allegato_caricato``, ``documento_aggiunto``, ``notifica_inviata``, ...; the list only
    grows), ``label`` its name in the client's language.
    """

    id: str
    numero: str
    tipo: str
    label: str
    quando: dt.datetime
    dati: Mapping[str, Any] = attrs.field(factory=dict, hash=False)


@attrs.frozen
class PaginaEventi:
    """One page of the account's change feed (``client.pratiche.changes``).

    ``next_cursor`` is where to resume, after this page's last event (also on an empty page):
    store it with what you did with ``items``. ``has_more``: more events are waiting now.
    """

    items: tuple[Evento, ...]
    next_cursor: str
    has_more: bool = False


@attrs.frozen
class Notifica:
    """An e-mail sent about a case (NT-1: to the delegate when one handles it; NT-2 events).

    ``corpo`` is the e-mail's text as sent (empty from a server that does not show it).
    """

    id: str
    evento: str
    destinatario: str
    oggetto: str
    inviata_il: dt.datetime
    corpo: str = attrs.field(default="", repr=False)


@attrs.frozen
class RiepilogoCliente:
    """UP-1: the summary shown when a customer code and CF/P.IVA match."""

    codice_cliente: str
    denominazione: str
    indirizzo: str
    email: str


@attrs.frozen
class PuntoFornitura:
    """UP-4: a supply point with its POD (electricity) or PDR (gas) and address.

    ``correttore`` says whether a reading needs the volume-corrector value too (RD-2).
    """

    codice: str
    fornitura: str
    pod: str | None
    pdr: str | None
    indirizzo: str
    correttore: bool = False


@attrs.frozen
class FinestraAutolettura:
    """RD-1: a window inside which readings may be entered."""

    dal: dt.datetime
    al: dt.datetime


@attrs.frozen
class AutoletturaRegistrata:
    """An entered meter reading; ``stato`` is ``da_acquisire`` (deletable, RD-4) or
    ``acquisita`` (RD-5)."""

    id: str
    punto_fornitura: str
    data: dt.date
    lettura_contatore: Decimal
    lettura_correttore: Decimal | None
    stato: str
    inserita_il: dt.datetime | None = None
    acquisita_il: dt.datetime | None = None

    @property
    def cancellabile(self) -> bool:
        """Whether the customer may still delete it (RD-4, RD-5)."""
        return self.stato == "da_acquisire"


@attrs.frozen
class Autoletture:
    """A supply point's readings and its entry windows (RD-1)."""

    items: tuple[AutoletturaRegistrata, ...]
    finestre: tuple[FinestraAutolettura, ...] = ()


@attrs.frozen
class Fattura:
    """UP-5: an invoice; only those with ``pdf`` can be downloaded."""

    numero: str
    data_emissione: dt.date
    scadenza: dt.date
    importo: Decimal
    punto_fornitura: str
    pdf: bool


@attrs.frozen
class Anagrafica:
    """UP-6: the customer's personal data (only telefono, fax and email can be changed)."""

    codice_cliente: str
    denominazione: str
    indirizzo: str
    email: str
    telefono: str | None = None
    fax: str | None = None
    codice_fiscale: str | None = attrs.field(default=None, repr=False)
    partita_iva: str | None = attrs.field(default=None, repr=False)


@attrs.frozen
class Contratto:
    """A supply contract (EB-1: the e-bill needs ``domiciliazione_bancaria``)."""

    codice: str
    punto_fornitura: str
    offerta: str
    data_inizio: dt.date
    domiciliazione_bancaria: bool


@attrs.frozen
class ModalitaInvio:
    """EB-3: a contract's bill delivery mode (``elettronica``/``cartacea``) and e-mail."""

    contratto: str
    modalita: str
    email: str


@attrs.frozen
class Prelievo:
    """UP-7: billed energy and power of one month."""

    mese: int
    energia_kwh: Decimal
    potenza_kw: Decimal


@attrs.frozen
class Prelievi:
    """UP-7: a year's billed withdrawals of a supply point."""

    anno: int
    punto_fornitura: str
    items: tuple[Prelievo, ...]


@attrs.frozen
class Misura:
    """UP-8: one electricity measurement."""

    inizio: dt.datetime
    energia_kwh: Decimal


@attrs.frozen
class Misure:
    """UP-8: a supply point's measurements in an interval."""

    punto_fornitura: str
    items: tuple[Misura, ...]


@attrs.frozen
class SchedaDati:
    """UP-9: read-only technical or contract data of a supply point."""

    punto_fornitura: str
    dati: Mapping[str, str] = attrs.field(factory=dict, hash=False)


@attrs.frozen
class DocumentoCliente:
    """UP-9: a document the company made available to the customer."""

    id: str
    titolo: str
    data: dt.date


@attrs.frozen
class Ticket:
    """UP-9: a customer ticket."""

    id: str
    oggetto: str
    stato: str
    aperto_il: dt.datetime


def _converter() -> cattrs.Converter:
    conv = cattrs.Converter()
    conv.register_structure_hook(dt.datetime, lambda v, _: dt.datetime.fromisoformat(v))
    conv.register_structure_hook(dt.date, lambda v, _: dt.date.fromisoformat(v))
    conv.register_structure_hook(Decimal, lambda v, _: Decimal(str(v)))
    conv.register_structure_hook_func(
        lambda t: getattr(t, "__origin__", None) is Mapping, lambda v, _: dict(v)
    )
    return conv


_CONVERTER = _converter()


def structure(data: Any, cls: type[T]) -> T:
    """``data`` (decoded JSON) as a ``cls`` record.

    Raises:
        cattrs.errors.BaseValidationError: the data does not fit the record.
    """
    return _CONVERTER.structure(data, cls)

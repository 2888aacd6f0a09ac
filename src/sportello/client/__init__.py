"""A typed HTTP client of the Sportello API: :class:`Client` and :class:`AsyncClient`.

>>> from sportello.client import Client
>>> with Client(base_url="http://127.0.0.1:9") as client:
...     client.with_options(lang="en").options.lang
'en'

See ``docs/client.md`` for options, retries, deadlines and errors.
"""

from sportello.client._async import AsyncClient
from sportello.client._base import ClientOptions
from sportello.client._errors import (
    ApiError,
    BadRequest,
    Conflict,
    DeadlineExceeded,
    Forbidden,
    LegacyAccountError,
    NotFound,
    PayloadTooLarge,
    RateLimited,
    RedirectRefused,
    ServerError,
    TransportError,
    Unauthorized,
    UnprocessableError,
    UnsupportedMediaType,
)
from sportello.client._models import (
    Account,
    Allegato,
    Anagrafica,
    AutoletturaRegistrata,
    Autoletture,
    Conciliazione,
    Contratto,
    Documento,
    DocumentoCliente,
    Evento,
    Fattura,
    FinestraAutolettura,
    IncontroConciliazione,
    Misura,
    Misure,
    ModalitaInvio,
    Notifica,
    Page,
    PaginaEventi,
    Pratica,
    Prelievi,
    Prelievo,
    PuntoFornitura,
    RiepilogoCliente,
    SchedaDati,
    TerminiConciliazione,
    Ticket,
    Token,
)
from sportello.client._retry import RetryPolicy
from sportello.client._sync import Client
from sportello.client._upload import upload_key

__all__ = [
    "Account",
    "Allegato",
    "Anagrafica",
    "ApiError",
    "AsyncClient",
    "AutoletturaRegistrata",
    "Autoletture",
    "BadRequest",
    "Client",
    "ClientOptions",
    "Conciliazione",
    "Conflict",
    "Contratto",
    "DeadlineExceeded",
    "Documento",
    "DocumentoCliente",
    "Evento",
    "Fattura",
    "FinestraAutolettura",
    "Forbidden",
    "IncontroConciliazione",
    "LegacyAccountError",
    "Misura",
    "Misure",
    "ModalitaInvio",
    "NotFound",
    "Notifica",
    "Page",
    "PaginaEventi",
    "PayloadTooLarge",
    "Pratica",
    "Prelievi",
    "Prelievo",
    "PuntoFornitura",
    "RateLimited",
    "RedirectRefused",
    "RetryPolicy",
    "RiepilogoCliente",
    "SchedaDati",
    "ServerError",
    "TerminiConciliazione",
    "Ticket",
    "Token",
    "TransportError",
    "Unauthorized",
    "UnprocessableError",
    "UnsupportedMediaType",
    "upload_key",
]


def __dir__() -> list[str]:
    """Only the public names (``__all__``), not the imports."""
    return list(__all__)

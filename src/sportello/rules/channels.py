"""Who may send which request through which channel (CH-1..CH-5).

Associations and professionals delegated by the customer use the portals only (CH-1); private
individuals may also write by e-mail, post or fax, though a conciliation is then handled online
(CH-2); a conciliation request goes offline only from a customer acting directly (CH-3) who is a
domestic customer, a "privato" (CH-5: a non-domestic customer files online); a SMART Help request
goes offline only for a domestic customer, directly or through a delegate who is not a
professional (CH-4).

>>> sorted(c.value for c in allowed_channels(Procedura.SMART_HELP, Richiedente(
...     TipoCliente.DOMESTICO, Delegato.NON_PROFESSIONISTA)))
['email', 'fax', 'portal', 'post']
>>> allowed_channels(Procedura.CONCILIAZIONE, Richiedente(TipoCliente.DOMESTICO,
...     Delegato.NON_PROFESSIONISTA))
frozenset({<Channel.PORTAL: 'portal'>})
"""

from __future__ import annotations

import enum

import attrs

from sportello._messages import labels
from sportello._violations import Violation
from sportello.rules.smart_help import TipoCliente

__all__ = [
    "Channel",
    "Delegato",
    "Procedura",
    "Richiedente",
    "TipoCliente",
    "allowed_channels",
    "check_channel",
    "handled_online_only",
    "portale",
]


class Channel(enum.StrEnum):
    """A way of sending a request to the Sportello."""

    PORTAL = "portal"
    EMAIL = "email"
    POST = "post"
    FAX = "fax"

    @property
    def label(self) -> str:
        """The Italian label."""
        return _CHANNELS[self][0]

    @property
    def label_en(self) -> str:
        """The English label."""
        return _CHANNELS[self][1]


_CHANNELS: dict[Channel, tuple[str, str]] = {
    Channel.PORTAL: ("portale", "portal"),
    Channel.EMAIL: ("e-mail", "e-mail"),
    Channel.POST: ("posta", "post"),
    Channel.FAX: ("fax", "fax"),
}

_OFFLINE = frozenset({Channel.EMAIL, Channel.POST, Channel.FAX})
_PORTAL_ONLY = frozenset({Channel.PORTAL})
_EVERY = frozenset(Channel)


class Procedura(enum.StrEnum):
    """The Sportello service a request is for."""

    CONCILIAZIONE = "conciliazione"
    SMART_HELP = "smart_help"
    SMART_INFO = "smart_info"
    INFORMAZIONI_SEGNALAZIONI = "informazioni_segnalazioni"

    @property
    def label(self) -> str:
        """The Italian label."""
        return _PROCEDURE[self][0]

    @property
    def label_en(self) -> str:
        """The English label."""
        return _PROCEDURE[self][1]


_PROCEDURE: dict[Procedura, tuple[str, str]] = {
    Procedura.CONCILIAZIONE: ("Servizio Conciliazione", "Conciliation service"),
    Procedura.SMART_HELP: ("SMART Help", "SMART Help"),
    Procedura.SMART_INFO: ("SMART Info", "SMART Info"),
    Procedura.INFORMAZIONI_SEGNALAZIONI: (
        "Richieste di informazioni e segnalazioni",
        "Information requests and reports",
    ),
}


class Delegato(enum.StrEnum):
    """Who acts for the customer (CH-1, CH-4)."""

    ASSOCIAZIONE_CONSUMATORI = "associazione_consumatori"
    ASSOCIAZIONE_NON_DOMESTICI = "associazione_non_domestici"
    PROFESSIONISTA = "professionista"
    NON_PROFESSIONISTA = "non_professionista"

    @property
    def portal_only(self) -> bool:
        """CH-1: associations and professionals submit only through the portals."""
        return self is not Delegato.NON_PROFESSIONISTA

    @property
    def label(self) -> str:
        """The Italian label."""
        return _DELEGATI[self][0]

    @property
    def label_en(self) -> str:
        """The English label."""
        return _DELEGATI[self][1]


_DELEGATI: dict[Delegato, tuple[str, str]] = {
    Delegato.ASSOCIAZIONE_CONSUMATORI: ("associazione dei consumatori", "consumer association"),
    Delegato.ASSOCIAZIONE_NON_DOMESTICI: (
        "associazione dei clienti non domestici",
        "association of non-domestic customers",
    ),
    Delegato.PROFESSIONISTA: ("professionista delegato", "delegated professional"),
    Delegato.NON_PROFESSIONISTA: ("delegato non professionista", "non-professional delegate"),
}


@attrs.frozen
class Richiedente:
    """Who sends a request: the customer's kind, and who acts for them (``None``: themselves).

    Attributes:
        tipo_cliente: the final customer's kind.
        delegato: the kind of delegate handling the case, ``None`` when the customer acts
            directly.
    """

    tipo_cliente: TipoCliente
    delegato: Delegato | None = None

    @property
    def is_privato(self) -> bool:
        """CH-2: a private individual (the customer, or a delegate who is not a professional)."""
        return self.delegato is None or not self.delegato.portal_only


def allowed_channels(procedura: Procedura, richiedente: Richiedente) -> frozenset[Channel]:
    """CH-1..CH-5: the channels ``richiedente`` may use for a request of ``procedura``.

    The portal is always allowed. E-mail, post and fax are allowed to private individuals only
    (CH-1, CH-2), and further restricted: a conciliation request only from a domestic customer
    (CH-5) acting directly (CH-3); a SMART Help request only for a domestic customer (CH-4).

    >>> allowed_channels(Procedura.CONCILIAZIONE, Richiedente(TipoCliente.NON_DOMESTICO))
    frozenset({<Channel.PORTAL: 'portal'>})

    >>> allowed_channels(Procedura.SMART_INFO, Richiedente(TipoCliente.NON_DOMESTICO,
    ...     Delegato.ASSOCIAZIONE_NON_DOMESTICI))
    frozenset({<Channel.PORTAL: 'portal'>})
    """
    if not richiedente.is_privato:
        return _PORTAL_ONLY
    if procedura is Procedura.CONCILIAZIONE and (
        richiedente.delegato is not None or richiedente.tipo_cliente is not TipoCliente.DOMESTICO
    ):
        return _PORTAL_ONLY
    if procedura is Procedura.SMART_HELP and richiedente.tipo_cliente is not TipoCliente.DOMESTICO:
        return _PORTAL_ONLY
    return _EVERY


def check_channel(
    procedura: Procedura, richiedente: Richiedente, canale: Channel, *, path: str = "canale"
) -> list[Violation]:
    """CH-1..CH-5: ``[]`` when ``canale`` is allowed, else one violation naming the rule.

    A delegate who is an association or a professional is CH-1; a conciliation request through
    any other delegate is CH-3; from a non-domestic customer acting directly, CH-5; a SMART Help
    request of a non-domestic customer, CH-4.

    >>> v = check_channel(Procedura.CONCILIAZIONE, Richiedente(TipoCliente.DOMESTICO,
    ...     Delegato.NON_PROFESSIONISTA), Channel.FAX)
    >>> v[0].rule, v[0].code
    ('CH-3', 'channels.conciliation_offline_direct_only')
    """
    if canale in allowed_channels(procedura, richiedente):
        return []
    if not richiedente.is_privato:
        code = "channels.portal_only"
    elif procedura is Procedura.CONCILIAZIONE and richiedente.delegato is not None:
        code = "channels.conciliation_offline_direct_only"
    elif procedura is Procedura.CONCILIAZIONE:
        code = "channels.conciliation_offline_domestic_only"
    else:
        code = "channels.smart_help_offline_domestic_only"
    return [
        Violation.of(
            code,
            path=path,
            **labels(canale=canale, procedura=procedura),
            portale=portale(procedura),
        )
    ]


def portale(procedura: Procedura) -> str:
    """CH-1: the portal that takes requests of ``procedura``.

    >>> portale(Procedura.CONCILIAZIONE)
    'Portale Servizio Conciliazione'
    >>> portale(Procedura.SMART_HELP)
    'Portale Clienti Sportello'
    """
    if procedura is Procedura.CONCILIAZIONE:
        return "Portale Servizio Conciliazione"
    return "Portale Clienti Sportello"


def handled_online_only(procedura: Procedura) -> bool:
    """CH-2: whether the procedure is handled online even when the request came offline.

    A conciliation request may arrive by e-mail, post or fax (CH-3), but the procedure itself
    (documents, meetings) runs on the portal only.

    >>> handled_online_only(Procedura.CONCILIAZIONE), handled_online_only(Procedura.SMART_INFO)
    (True, False)
    """
    return procedura is Procedura.CONCILIAZIONE


def __dir__() -> list[str]:
    """Only the public names (``__all__``), not the imports."""
    return list(__all__)  # pragma: no mutate (not a rule: tests/test_public_api.py)

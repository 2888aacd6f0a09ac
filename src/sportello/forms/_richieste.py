"""Requests to the Sportello: SMART Help, information requests and reports.

Rules: SH-1 (the matter), SH-2 (counterpart and customer kind), SH-3 (the prior complaint and
the 40 days, via :func:`sportello.rules.smart_help.check_request`), CH-1/CH-2/CH-4 (channels,
via :func:`sportello.rules.channels.check_channel`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import attrs

from sportello._violations import Violation
from sportello.forms._common import Cliente, Controparte, Delegato, fornitura_of
from sportello.forms._fields import CodicePunto, Descrizione
from sportello.forms._registry import check, form, info
from sportello.forms._today import today
from sportello.rules.channels import Channel, Procedura
from sportello.rules.smart_help import Materia

__all__ = ["RichiestaInformazioni", "RichiestaSmartHelp", "Segnalazione"]

_ELIGIBILITY_PATHS = {
    "tipo_cliente": "cliente.tipo_cliente",
    "fornitura": "punto_fornitura",
    "controparte": "controparte.ruolo",
}


def _check_channel(f: Any, procedura: Procedura) -> Iterator[Violation]:
    if f.canale is Channel.PORTAL:
        return
    from sportello.rules.channels import Richiedente, check_channel

    tipo = f.delegato.tipo if f.delegato is not None else None
    yield from check_channel(
        procedura, Richiedente(f.cliente.tipo_cliente, tipo), f.canale, path="canale"
    )


@form(
    "richiesta_smart_help",
    title="Richiesta SMART Help",
    description=(
        "Procedura speciale risolutiva su una materia SMART Help (SH-1), dopo il reclamo e 40 "
        "giorni di attesa salvo il bonus (SH-3)."
    ),
)
@attrs.frozen(kw_only=True)
class RichiestaSmartHelp:
    """A SMART Help request on one matter (SH-1, SH-2, SH-3, CH-4).

    SH-1: ``materia`` is one of the matters SMART Help resolves. SH-2: any final customer,
    directly or through a delegate, against a seller or a distributor (the matter decides
    which). SH-3: except for bonus matters, a written complaint to the seller (``data_reclamo``)
    and 40 days of waiting, or an unsatisfactory answer received earlier. CH-4: e-mail, fax or
    post only for domestic customers. ``data_richiesta`` defaults to today (Europe/Rome, or
    ``load``'s ``today``).
    """

    materia: Materia = attrs.field(metadata=info("Materia", "Una delle materie SMART Help (SH-1)."))
    canale: Channel = attrs.field(default=Channel.PORTAL, metadata=info("Canale di invio"))
    cliente: Cliente = attrs.field(metadata=info("Cliente finale"))
    delegato: Delegato | None = attrs.field(default=None, metadata=info("Delegato"))
    punto_fornitura: CodicePunto = attrs.field(
        metadata=info("Punto di fornitura", "POD (energia elettrica) o PDR (gas).")
    )
    controparte: Controparte = attrs.field(metadata=info("Controparte"))
    data_reclamo: dt.date | None = attrs.field(
        default=None,
        metadata=info("Data del reclamo", "Obbligatoria salvo per il bonus luce e gas (SH-3)."),
    )
    data_risposta: dt.date | None = attrs.field(
        default=None, metadata=info("Data della risposta al reclamo")
    )
    risposta_insoddisfacente: bool = attrs.field(
        default=False, metadata=info("Risposta ritenuta insoddisfacente")
    )
    data_richiesta: dt.date | None = attrs.field(
        default=None, metadata=info("Data della richiesta", "Se assente, oggi.")
    )
    descrizione: Descrizione = attrs.field(metadata=info("Descrizione"))


@check(RichiestaSmartHelp)
def check_quaranta_giorni(f: Any) -> Iterator[Violation]:
    """SH-3: the prior written complaint and the 40 days (via ``smart_help.check_request``)."""
    from sportello.rules.smart_help import check_request

    if f.risposta_insoddisfacente and f.data_risposta is None:
        yield Violation.of("forms.risposta_date_required", path="data_risposta")
    yield from check_request(
        f.materia,
        data_reclamo=f.data_reclamo,
        data_richiesta=f.data_richiesta or today(),
        data_risposta=f.data_risposta,
        risposta_insoddisfacente=f.risposta_insoddisfacente,
        oggi=today(),
    )


@check(RichiestaSmartHelp)
def check_materia(f: Any) -> Iterator[Violation]:
    """SH-1, SH-2: the matter fits the customer, the supply and the counterpart."""
    from sportello.rules.smart_help import check_eligibility

    for v in check_eligibility(
        f.materia,
        tipo_cliente=f.cliente.tipo_cliente,
        fornitura=fornitura_of(f.punto_fornitura),
        controparte=f.controparte.ruolo,
    ):
        yield attrs.evolve(v, path=_ELIGIBILITY_PATHS.get(v.path, v.path))


@check(RichiestaSmartHelp)
def check_canale_smart_help(f: Any) -> Iterator[Violation]:
    """CH-4: offline channels for SMART Help only for domestic customers."""
    yield from _check_channel(f, Procedura.SMART_HELP)


@attrs.frozen(kw_only=True)
class _RichiestaSportello:
    """The fields that an information request and a report share."""

    canale: Channel = attrs.field(default=Channel.PORTAL, metadata=info("Canale di invio"))
    cliente: Cliente = attrs.field(metadata=info("Cliente finale"))
    delegato: Delegato | None = attrs.field(default=None, metadata=info("Delegato"))
    punto_fornitura: CodicePunto | None = attrs.field(
        default=None, metadata=info("Punto di fornitura")
    )
    controparte: Controparte | None = attrs.field(default=None, metadata=info("Controparte"))
    argomento: str = attrs.field(metadata=info("Argomento"))
    descrizione: Descrizione = attrs.field(metadata=info("Descrizione"))


@form(
    "richiesta_informazioni",
    title="Richiesta di informazioni",
    description="Richiesta di informazioni allo Sportello.",
)
@attrs.frozen(kw_only=True)
class RichiestaInformazioni(_RichiestaSportello):
    """A request for information to the Sportello (CH-1, CH-2 for its channel)."""


@form(
    "segnalazione",
    title="Segnalazione",
    description="Segnalazione di una situazione rilevante allo Sportello.",
)
@attrs.frozen(kw_only=True)
class Segnalazione(_RichiestaSportello):
    """A report of a relevant situation to the Sportello (CH-1, CH-2 for its channel)."""


@check(RichiestaInformazioni)
@check(Segnalazione)
def check_canale_informazioni(f: Any) -> Iterator[Violation]:
    """CH-1, CH-2: e-mail, post or fax only for private individuals."""
    yield from _check_channel(f, Procedura.INFORMAZIONI_SEGNALAZIONI)

"""The conciliation request: ``DomandaConciliazione`` as Modulo Cliente or Modulo Delegato.

Rules: CO-1 (two modules; the delegate with the power to settle), CO-2 (every mandatory field,
all reported at once), CO-3 (one subject), CO-4 (description of at most 2,500 characters),
CO-5 (meeting availability), CO-6 (attachments flagged, uploaded after the case number),
CO-7 and CP-6 (meeting mode; the telephone only as an exception), CH-3 and CH-5 (offline
channels only for a domestic customer acting directly), CP-1 (the prior complaint and its 40
days, against :func:`~sportello.forms.today`), CP-4 (the value of the dispute, the supply, the
applicant, a person's data, the declarations and the required documents).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from typing import Any

import attrs

from sportello._messages import labels
from sportello._violations import Violation
from sportello.forms._common import Controparte, Delegato, TipoCliente
from sportello.forms._conciliazione_records import (
    AllegatoDichiarato,
    ClienteConciliazione,
    Dotazione,
    Modulo,
    Oggetto,
    Reclamo,
    TipoAllegato,
    TipoRichiedente,
)
from sportello.forms._fields import CodicePunto, Descrizione, Importo, Indirizzo, TestoBreve
from sportello.forms._incontro import meeting_rules, modalita_verdict
from sportello.forms._registry import check, form, info
from sportello.forms._today import today
from sportello.rules.channels import Channel
from sportello.rules.meetings import ModalitaIncontro, SceltaPreimpostata

__all__ = ["DATI_PERSONA", "DICHIARAZIONI", "DomandaConciliazione", "required_attachments"]

#: CP-4: the two declarations the applicant makes on the form (field -> its Italian text).
DICHIARAZIONI: dict[str, str] = {
    "dichiarazione_nessun_tentativo": (
        "che sulla stessa controversia non è pendente né concluso un tentativo di conciliazione"
    ),
    "dichiarazione_data_reclamo": "che il reclamo è stato inviato nella data indicata",
}


@form(
    "domanda_conciliazione",
    title="Domanda di attivazione del Servizio Conciliazione",
    description=(
        "Modulo Cliente o Modulo Delegato (CO-1); i campi obbligatori vanno compilati tutti (CO-2)."
    ),
    required_rule="CO-2",
)
@attrs.frozen(kw_only=True)
class DomandaConciliazione:
    """The conciliation request (CO-1..CO-7, CH-3, CH-5, CP-1, CP-4, CP-6).

    CO-1: ``modulo`` chooses the Modulo Cliente (the customer acts and attends) or the Modulo
    Delegato (the delegate acts and attends, with a procura giving the power to settle).
    CO-3: ``oggetto`` is one value. CO-4: ``descrizione`` is at most 2,500 characters. CO-5:
    ``disponibilita`` lists the preset days and slots, ``note`` the alternatives. CO-6 and
    CP-4: ``allegati`` flags the documents to upload after the case number arrives
    (:func:`required_attachments`). CO-7, CP-6: ``modalita_incontro`` with ``dotazione``; the
    telephone needs a reason (``motivo_telefono``) unless the party has no device. CH-3, CH-5:
    a ``canale`` other than the portal only for a domestic customer acting directly. CP-1:
    ``reclamo`` (unless the court referred the parties, ``demandata_dal_giudice``) and its 40
    days or its unsatisfactory answer, counted to :func:`~sportello.forms.today`. CP-4: the
    value of the dispute, the supply point or else the address, the applicant's kind, the heirs
    flag, a person's birth data and mobile phone, and the two declarations.
    """

    modulo: Modulo = attrs.field(
        metadata=info("Modulo", "Modulo Cliente o Modulo Delegato (CO-1).")
    )
    canale: Channel = attrs.field(
        default=Channel.PORTAL,
        metadata=info("Canale di invio", "Portale, e-mail, posta o fax (CH-3, CH-5)."),
    )
    tipo_richiedente: TipoRichiedente = attrs.field(
        metadata=info(
            "Tipo di richiedente",
            "Persona fisica, impresa, studio professionale o ditta individuale (CP-4).",
        )
    )
    eredi: bool = attrs.field(
        default=False,
        metadata=info("Domanda degli eredi", "Presentata dagli eredi o per loro conto (CP-4)."),
    )
    cliente: ClienteConciliazione = attrs.field(metadata=info("Cliente finale"))
    delegato: Delegato | None = attrs.field(
        default=None, metadata=info("Delegato", "Solo con il Modulo Delegato (CO-1).")
    )
    punto_fornitura: CodicePunto | None = attrs.field(
        default=None,
        metadata=info(
            "Punto di fornitura",
            "POD (energia elettrica) o PDR (gas); se non disponibile, l'indirizzo (CP-4).",
        ),
    )
    indirizzo_fornitura: Indirizzo | None = attrs.field(
        default=None,
        metadata=info("Indirizzo di fornitura", "Solo se POD o PDR non sono disponibili (CP-4)."),
    )
    controparte: Controparte = attrs.field(metadata=info("Controparte"))
    demandata_dal_giudice: bool = attrs.field(
        default=False,
        metadata=info(
            "Conciliazione demandata dal giudice",
            "Il giudice ha rinviato le parti alla conciliazione: il reclamo non occorre (CP-1).",
        ),
    )
    reclamo: Reclamo | None = attrs.field(
        default=None,
        metadata=info("Reclamo", "Obbligatorio salvo rinvio del giudice (CP-1)."),
    )
    oggetto: Oggetto = attrs.field(
        metadata=info(
            "Oggetto", "Una sola voce: in caso di più problemi, quella prevalente (CO-3)."
        )
    )
    valore_controversia: Importo = attrs.field(
        metadata=info("Valore della controversia", "In euro, con al massimo due decimali (CP-4).")
    )
    descrizione: Descrizione = attrs.field(
        metadata=info("Descrizione", "Massimo 2.500 caratteri; il resto in allegato (CO-4).")
    )
    richieste_cliente: str = attrs.field(metadata=info("Richieste del Cliente"))
    disponibilita: tuple[SceltaPreimpostata, ...] = attrs.field(
        default=(),
        metadata=info(
            "Disponibilità per l'incontro virtuale", "Giorni e fasce preimpostati (CO-5)."
        ),
    )
    note: str | None = attrs.field(
        default=None, metadata=info("Note", "Disponibilità alternative e altre indicazioni (CO-5).")
    )
    modalita_incontro: ModalitaIncontro | None = attrs.field(
        default=None,
        metadata=info("Modalità dell'incontro", "Video, chat o telefono (CO-7, CP-6)."),
    )
    motivo_telefono: TestoBreve | None = attrs.field(
        default=None,
        metadata=info(
            "Motivo del collegamento telefonico",
            "Il telefono è un'eccezione: il motivo, se si dispone di un dispositivo (CP-6).",
        ),
    )
    dotazione: Dotazione | None = attrs.field(
        default=None, metadata=info("Dotazione", "Strumenti per l'incontro virtuale (CO-7).")
    )
    dichiarazione_nessun_tentativo: bool = attrs.field(
        default=False,
        metadata=info(
            "Dichiarazione: nessun tentativo pendente o concluso",
            "Dichiaro " + DICHIARAZIONI["dichiarazione_nessun_tentativo"] + " (CP-4).",
        ),
    )
    dichiarazione_data_reclamo: bool = attrs.field(
        default=False,
        metadata=info(
            "Dichiarazione: data di invio del reclamo",
            "Dichiaro " + DICHIARAZIONI["dichiarazione_data_reclamo"] + " (CP-4).",
        ),
    )
    allegati: tuple[AllegatoDichiarato, ...] = attrs.field(
        default=(),
        metadata=info(
            "Allegati da segnalare", "Si caricano dopo l'invio, con il numero di pratica (CO-6)."
        ),
    )

    @property
    def chiave_controversia(self) -> str:
        """CP-2: the key that tells the same dispute (see ``rules.conciliazione``)."""
        from sportello.rules.conciliazione import chiave_controversia

        return chiave_controversia(
            codice_fiscale=self.cliente.codice_fiscale,
            controparte=self.controparte.ragione_sociale,
            controparte_partita_iva=self.controparte.partita_iva,
            oggetto=self.oggetto.value,
            punto_fornitura=self.punto_fornitura,
            indirizzo_fornitura=self.indirizzo_fornitura,
        )


@check(DomandaConciliazione)
def check_modulo(f: Any) -> list[Violation]:
    """CO-1: the Modulo Delegato needs the delegate and a procura with the power to settle.

    The Modulo Cliente carries no delegate (the customer acts directly).
    """
    if f.modulo is Modulo.DELEGATO:
        if f.delegato is None:
            return [Violation.of("forms.delegato_required", path="delegato")]
        if not f.delegato.procura.potere_di_transigere:
            return [
                Violation.of(
                    "forms.procura_potere_di_transigere",
                    path="delegato.procura.potere_di_transigere",
                )
            ]
    elif f.delegato is not None:
        return [Violation.of("forms.delegato_not_allowed", path="delegato")]
    return []


@check(DomandaConciliazione)
def check_canale(f: Any) -> list[Violation]:
    """CH-3, CH-5: e-mail, post or fax only for a domestic customer acting directly."""
    if f.canale is Channel.PORTAL:
        return []
    from sportello.rules.channels import Procedura, Richiedente, check_channel

    tipo = f.delegato.tipo if f.delegato is not None else None
    if f.modulo is Modulo.DELEGATO and tipo is None:
        return []  # the missing delegate is CO-1's violation
    return list(
        check_channel(
            Procedura.CONCILIAZIONE,
            Richiedente(f.cliente.tipo_cliente, tipo),
            f.canale,
            path="canale",
        )
    )


@check(DomandaConciliazione)
def check_reclamo(f: Any) -> list[Violation]:
    """CP-1: the prior complaint, and its 40 days or its unsatisfactory answer, as of today.

    Via :func:`sportello.rules.conciliazione.check_reclamo` (the rule SMART Help's SH-3
    shares); today is :func:`~sportello.forms.today`. A request the court referred to
    conciliation (``demandata_dal_giudice``) needs no complaint.
    """
    if f.demandata_dal_giudice:
        return []
    rule = _reclamo_rule()
    r = f.reclamo
    if r is None:
        return rule(data_reclamo=None, oggi=today())
    return rule(
        data_reclamo=r.data,
        data_risposta=r.data_risposta,
        risposta_insoddisfacente=r.risposta_insoddisfacente,
        oggi=today(),
    )


@functools.cache
def _reclamo_rule() -> Callable[..., list[Violation]]:
    """:func:`sportello.rules.conciliazione.check_reclamo`, imported once."""
    from sportello.rules.conciliazione import check_reclamo

    return check_reclamo


@check(DomandaConciliazione)
def check_fornitura(f: Any) -> list[Violation]:
    """CP-4: the supply point (POD/PDR) or, where unavailable, the supply address: exactly one."""
    if f.punto_fornitura is None and f.indirizzo_fornitura is None:
        return [Violation.of("conciliazione.punto_or_indirizzo_required", path="punto_fornitura")]
    if f.punto_fornitura is not None and f.indirizzo_fornitura is not None:
        return [Violation.of("conciliazione.punto_and_indirizzo", path="indirizzo_fornitura")]
    return []


#: CP-4: the data a person (``persona_fisica``) gives besides the codice fiscale.
DATI_PERSONA = ("nome", "cognome", "data_nascita", "sesso", "luogo_nascita", "cellulare")


@check(DomandaConciliazione)
def check_richiedente(f: Any) -> Iterator[Violation]:
    """CP-4: a person's name, birth date, sex, birthplace and mobile; a firm is non-domestic.

    A person (``persona_fisica``) needs each of those data (``conciliazione.dato_persona_required``
    at ``cliente.<field>``) and a personal codice fiscale; a company, professional firm or sole
    trader is a non-domestic customer.
    """
    cliente = f.cliente
    if f.tipo_richiedente is TipoRichiedente.PERSONA_FISICA:
        for name in DATI_PERSONA:
            if getattr(cliente, name) is None:
                yield Violation.of(
                    "conciliazione.dato_persona_required", path=f"cliente.{name}", campo=name
                )
        if len(cliente.codice_fiscale) != 16:
            yield Violation.of(
                "conciliazione.codice_fiscale_persona", path="cliente.codice_fiscale"
            )
    elif cliente.tipo_cliente is not TipoCliente.NON_DOMESTICO:
        yield Violation.of("conciliazione.richiedente_non_domestico", path="cliente.tipo_cliente")


@check(DomandaConciliazione)
def check_dichiarazioni(f: Any) -> Iterator[Violation]:
    """CP-4: the applicant declares no attempt on the same dispute and the complaint's date.

    The second only when there is a complaint (not for a referral by the court without one).
    """
    if not f.dichiarazione_nessun_tentativo:
        yield _dichiarazione("dichiarazione_nessun_tentativo")
    if f.reclamo is not None and not f.dichiarazione_data_reclamo:
        yield _dichiarazione("dichiarazione_data_reclamo")


def _dichiarazione(name: str) -> Violation:
    return Violation.of(
        "conciliazione.dichiarazione_required", path=name, dichiarazione=DICHIARAZIONI[name]
    )


@check(DomandaConciliazione)
def check_incontro(f: Any) -> Iterator[Violation]:
    """CO-5, CO-7, CP-6: the availability windows and the meeting mode (the meetings rules)."""
    check_availability, check_modalita, accepted = meeting_rules()
    if not all(map(accepted.__contains__, f.disponibilita)):
        yield from check_availability(f.disponibilita, path="disponibilita")
    modalita, motivo = f.modalita_incontro, f.motivo_telefono
    if modalita is None:
        return
    if f.dotazione is not None:
        d = f.dotazione
        if motivo is None:
            yield from modalita_verdict(modalita, d.dispositivo, d.webcam, d.audio)
        else:
            yield from check_modalita(
                modalita,
                dispositivo=d.dispositivo,
                webcam=d.webcam,
                audio=d.audio,
                motivo_telefono=motivo,
                path="modalita_incontro",
            )
    elif modalita is ModalitaIncontro.TELEFONO and motivo is None:
        yield Violation.of("calendar.phone_reason_required", path="motivo_telefono")


def required_attachments(f: Any) -> tuple[TipoAllegato, ...]:
    """CO-6, CP-4: the documents the procedure requires this request to flag.

    The party's identity document, always; the complaint, or the court's order referring the
    parties to conciliation; the complaint's receipt when there is one (``reclamo.ricevuta``);
    the seller's answer when one came (``reclamo.data_risposta``); with the Modulo Delegato,
    the procura with the power to settle and the delegate's identity document. The two
    declarations of CP-4 are fields of the form, not documents.
    """
    found = [TipoAllegato.DOCUMENTO_IDENTITA]
    reclamo = f.reclamo
    if f.demandata_dal_giudice:
        found.append(TipoAllegato.PROVVEDIMENTO_GIUDICE)
    elif reclamo is not None:
        found.append(TipoAllegato.RECLAMO)
    if reclamo is not None and reclamo.ricevuta:
        found.append(TipoAllegato.RICEVUTA_RECLAMO)
    if reclamo is not None and reclamo.data_risposta is not None:
        found.append(TipoAllegato.RISPOSTA_RECLAMO)
    if f.modulo is Modulo.DELEGATO:
        found += [TipoAllegato.PROCURA, TipoAllegato.DOCUMENTO_IDENTITA_DELEGATO]
    return tuple(found)


@check(DomandaConciliazione)
def check_allegati(f: Any) -> list[Violation]:
    """CO-6, CP-4: every attachment the procedure requires is flagged in ``allegati``."""
    flagged = [a.tipo for a in f.allegati]  # a few members: compared by identity, not hashed
    return [
        Violation.of("forms.allegato_required", path="allegati", **labels(allegato=tipo))
        for tipo in required_attachments(f)
        if tipo not in flagged
    ]

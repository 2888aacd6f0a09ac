"""The conciliation request: ``DomandaConciliazione`` as Modulo Cliente or Modulo Delegato.

Rules: CO-1 (two modules; the delegate with the power to settle), CO-2 (every mandatory field,
all reported at once), CO-3 (one subject), CO-4 (description of at most 2,500 characters),
CO-5 (meeting availability), CO-6 (attachments flagged, uploaded after the case number),
CO-7 (meeting mode), CH-3 (offline channels only for a customer acting directly).
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Callable, Iterator
from typing import Any

import attrs

from sportello._violations import Violation
from sportello.forms._common import Cliente, Controparte, Delegato
from sportello.forms._fields import CodicePunto, Descrizione
from sportello.forms._registry import check, form, info, record
from sportello.rules.channels import Channel
from sportello.rules.meetings import ModalitaIncontro, SceltaPreimpostata

__all__ = [
    "AllegatoDichiarato",
    "DomandaConciliazione",
    "Dotazione",
    "Modulo",
    "Oggetto",
    "Reclamo",
    "TipoAllegato",
]


class Modulo(enum.StrEnum):
    """CO-1: the two forms of a conciliation request."""

    CLIENTE = "cliente"
    DELEGATO = "delegato"

    @property
    def label(self) -> str:
        """The Italian label (``"Modulo Cliente"``)."""
        return f"Modulo {self.value.capitalize()}"


class Oggetto(enum.StrEnum):
    """CO-3: the subject of the dispute, exactly one (the prevailing one).

    The seed names no list: these are THIS LIBRARY'S subjects, after the areas ARERA regulates
    (contracts, arrears, market, billing, metering, connections, technical quality, social
    bonus, indemnities). A portal with another list replaces the enum.

    >>> Oggetto.MOROSITA_SOSPENSIONE.label
    'Morosità e sospensione della fornitura'
    """

    CONTRATTI = "contratti"
    MOROSITA_SOSPENSIONE = "morosita_sospensione"
    MERCATO = "mercato"
    FATTURAZIONE = "fatturazione"
    MISURA = "misura"
    CONNESSIONI_LAVORI = "connessioni_lavori"
    QUALITA_TECNICA = "qualita_tecnica"
    BONUS_SOCIALE = "bonus_sociale"
    INDENNIZZI = "indennizzi"
    ALTRO = "altro"

    @property
    def label(self) -> str:
        """The Italian label, as the form's list shows it."""
        return _OGGETTI[self]


_OGGETTI: dict[Oggetto, str] = {
    Oggetto.CONTRATTI: "Contratti (conclusione, modifiche, recesso)",
    Oggetto.MOROSITA_SOSPENSIONE: "Morosità e sospensione della fornitura",
    Oggetto.MERCATO: "Mercato (cambio fornitore, contratti non richiesti)",
    Oggetto.FATTURAZIONE: "Fatturazione (importi, conguagli, rateizzazioni)",
    Oggetto.MISURA: "Misura (letture, consumi, contatore)",
    Oggetto.CONNESSIONI_LAVORI: "Connessioni, lavori e prestazioni del distributore",
    Oggetto.QUALITA_TECNICA: "Qualità tecnica (interruzioni, tensione, pressione)",
    Oggetto.BONUS_SOCIALE: "Bonus sociale",
    Oggetto.INDENNIZZI: "Indennizzi automatici",
    Oggetto.ALTRO: "Altro",
}


class TipoAllegato(enum.StrEnum):
    """CO-6: the documents a conciliation case file may hold (this library's list)."""

    RECLAMO = "reclamo"
    RISPOSTA_RECLAMO = "risposta_reclamo"
    PROCURA = "procura"
    DOCUMENTO_IDENTITA = "documento_identita"
    BOLLETTA = "bolletta"
    CONTRATTO = "contratto"
    DESCRIZIONE_ESTESA = "descrizione_estesa"
    ALTRO = "altro"

    @property
    def label(self) -> str:
        """The Italian label."""
        return _ALLEGATI[self]


_ALLEGATI: dict[TipoAllegato, str] = {
    TipoAllegato.RECLAMO: "copia del reclamo",
    TipoAllegato.RISPOSTA_RECLAMO: "risposta al reclamo",
    TipoAllegato.PROCURA: "procura con potere di transigere",
    TipoAllegato.DOCUMENTO_IDENTITA: "documento d'identità",
    TipoAllegato.BOLLETTA: "bolletta",
    TipoAllegato.CONTRATTO: "contratto",
    TipoAllegato.DESCRIZIONE_ESTESA: "descrizione estesa della controversia",
    TipoAllegato.ALTRO: "altro documento",
}


@record(
    "Reclamo", description="Il reclamo scritto che ha preceduto la domanda e la risposta ricevuta."
)
@attrs.frozen(kw_only=True)
class Reclamo:
    """The written complaint that preceded the request, and the operator's answer.

    Attributes:
        data: the day the complaint was sent.
        data_risposta: the day the answer came, if any.
        risposta: a summary of the answer.
    """

    data: dt.date = attrs.field(metadata=info("Data del reclamo"))
    data_risposta: dt.date | None = attrs.field(default=None, metadata=info("Data della risposta"))
    risposta: str | None = attrs.field(default=None, metadata=info("Sintesi della risposta"))


@check(Reclamo)
def _risposta_after_reclamo(r: Any) -> list[Violation]:
    """The answer cannot come before the complaint."""
    if r.data_risposta is not None and r.data_risposta < r.data:
        return [
            Violation.of("forms.risposta_before_reclamo", path="data_risposta", data_reclamo=r.data)
        ]
    return []


@record(
    "Dotazione per l'incontro virtuale",
    description="Dispositivo connesso a internet, webcam e audio (CO-7).",
)
@attrs.frozen(kw_only=True)
class Dotazione:
    """CO-7: the party's equipment for the virtual meeting.

    Attributes:
        dispositivo: a device connected to the internet.
        webcam: a webcam.
        audio: microphone and headphones or speakers.
    """

    dispositivo: bool = attrs.field(metadata=info("Dispositivo connesso a internet"))
    webcam: bool = attrs.field(default=False, metadata=info("Webcam"))
    audio: bool = attrs.field(default=False, metadata=info("Microfono e cuffie o altoparlanti"))


@record(
    "Allegato da segnalare",
    description=(
        "Documento da inserire nel fascicolo dopo l'invio, ricevuto il numero di pratica (CO-6)."
    ),
)
@attrs.frozen(kw_only=True)
class AllegatoDichiarato:
    """CO-6: a document flagged on the form, to be uploaded once the case number exists.

    Attributes:
        tipo: what the document is.
        nome: the file name, when already known (checked as a file name and, for its
            extension, against the conciliation list, AT-4).
    """

    tipo: TipoAllegato = attrs.field(metadata=info("Tipo di documento"))
    nome: str | None = attrs.field(default=None, metadata=info("Nome del file"))


@functools.cache
def _attachment_rules() -> tuple[Callable[..., list[Violation]], Callable[[str], str], Any]:
    """``check_name``, ``extension_of`` and the conciliation's policy, imported once."""
    from sportello.rules.attachments import Service, check_name, extension_of

    return check_name, extension_of, Service.CONCILIAZIONE.policy


@check(AllegatoDichiarato)
def _nome_file(r: Any) -> list[Violation]:
    """AT-4: a flagged file name is a plain name with an extension the conciliation accepts."""
    nome = r.nome
    if nome is None:
        return []
    check_name, extension_of, policy = _attachment_rules()
    problems = check_name(nome, path="nome")
    if problems or policy.accepts_extension(nome):
        return problems
    ext = extension_of(nome)
    return [
        Violation.of(
            "attachments.missing_extension" if not ext else "attachments.extension_not_allowed",
            path="nome",
            rule=policy.extension_rule,
            estensione=ext,
            consentite=list(policy.extensions),
        )
    ]


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
    """The conciliation request (CO-1..CO-7, CH-3); missing mandatory fields are CO-2.

    CO-1: ``modulo`` chooses the Modulo Cliente (the customer acts and attends) or the Modulo
    Delegato (the delegate acts and attends, with a procura giving the power to settle).
    CO-3: ``oggetto`` is one value. CO-4: ``descrizione`` is at most 2,500 characters. CO-5:
    ``disponibilita`` lists the preset days and slots, ``note`` the alternatives. CO-6:
    ``allegati`` flags the documents to upload after the case number arrives (the copy of the
    complaint always; the answer when one came; the procura with the Modulo Delegato). CO-7:
    ``modalita_incontro`` with ``dotazione``. CH-3: ``canale`` other than the portal only for a
    customer acting directly.
    """

    modulo: Modulo = attrs.field(
        metadata=info("Modulo", "Modulo Cliente o Modulo Delegato (CO-1).")
    )
    canale: Channel = attrs.field(
        default=Channel.PORTAL,
        metadata=info("Canale di invio", "Portale, e-mail, posta o fax (CH-3)."),
    )
    cliente: Cliente = attrs.field(metadata=info("Cliente finale"))
    delegato: Delegato | None = attrs.field(
        default=None, metadata=info("Delegato", "Solo con il Modulo Delegato (CO-1).")
    )
    punto_fornitura: CodicePunto = attrs.field(
        metadata=info("Punto di fornitura", "POD (energia elettrica) o PDR (gas).")
    )
    controparte: Controparte = attrs.field(metadata=info("Controparte"))
    reclamo: Reclamo = attrs.field(metadata=info("Reclamo"))
    oggetto: Oggetto = attrs.field(
        metadata=info(
            "Oggetto", "Una sola voce: in caso di più problemi, quella prevalente (CO-3)."
        )
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
        default=None, metadata=info("Modalità dell'incontro", "Video, chat o telefono (CO-7).")
    )
    dotazione: Dotazione | None = attrs.field(
        default=None, metadata=info("Dotazione", "Strumenti per l'incontro virtuale (CO-7).")
    )
    allegati: tuple[AllegatoDichiarato, ...] = attrs.field(
        default=(),
        metadata=info(
            "Allegati da segnalare", "Si caricano dopo l'invio, con il numero di pratica (CO-6)."
        ),
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
    """CH-3: e-mail, post or fax only for a customer acting directly (via the channel rules)."""
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


@functools.cache
def _meeting_rules() -> tuple[
    Callable[..., list[Violation]], Callable[..., list[Violation]], tuple[SceltaPreimpostata, ...]
]:
    """``check_availability``, ``check_modalita`` and the presets CO-5's rule accepts.

    The rule is asked once per preset choice: a preset names a weekday and a form slot, so its
    verdict never changes. A request made only of accepted presets has nothing for
    :func:`~sportello.rules.meetings.check_availability` to report; the rule runs on every
    request holding anything else.
    """
    from sportello.rules.meetings import check_availability, check_modalita

    accepted = tuple(s for s in SceltaPreimpostata if not check_availability([s]))
    return check_availability, check_modalita, accepted


@check(DomandaConciliazione)
def check_incontro(f: Any) -> Iterator[Violation]:
    """CO-5, CO-7: the availability windows and the meeting mode (via the meetings rules)."""
    check_availability, _, accepted = _meeting_rules()
    if not all(map(accepted.__contains__, f.disponibilita)):
        yield from check_availability(f.disponibilita, path="disponibilita")
    if f.modalita_incontro is not None and f.dotazione is not None:
        d = f.dotazione
        yield from _modalita(f.modalita_incontro, d.dispositivo, d.webcam, d.audio)


@functools.cache
def _modalita(
    modalita: ModalitaIncontro, dispositivo: bool, webcam: bool, audio: bool
) -> tuple[Violation, ...]:
    """CO-7's verdict on a meeting mode and the equipment (a mode and three yes/no answers).

    Asked of :func:`~sportello.rules.meetings.check_modalita` once per combination (there are
    24), like the presets in :func:`_meeting_rules`.
    """
    check_modalita = _meeting_rules()[1]
    return tuple(
        check_modalita(
            modalita, dispositivo=dispositivo, webcam=webcam, audio=audio, path="modalita_incontro"
        )
    )


def required_attachments(f: Any) -> tuple[TipoAllegato, ...]:
    """CO-6: the documents the procedure requires this request to flag.

    The copy of the complaint always; the answer to it when ``reclamo.data_risposta`` is given;
    the procura with the Modulo Delegato.
    """
    found = [TipoAllegato.RECLAMO]
    if f.reclamo.data_risposta is not None:
        found.append(TipoAllegato.RISPOSTA_RECLAMO)
    if f.modulo is Modulo.DELEGATO:
        found.append(TipoAllegato.PROCURA)
    return tuple(found)


@check(DomandaConciliazione)
def check_allegati(f: Any) -> list[Violation]:
    """CO-6: every attachment the procedure requires is flagged in ``allegati``."""
    flagged = [a.tipo for a in f.allegati]  # a few members: compared by identity, not hashed
    return [
        Violation.of("forms.allegato_required", path="allegati", allegato=tipo.label)
        for tipo in required_attachments(f)
        if tipo not in flagged
    ]

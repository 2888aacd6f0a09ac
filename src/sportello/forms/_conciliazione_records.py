"""The conciliation request's records and choices (CO-1, CO-3, CO-6, CO-7, CP-4).

Re-exported by :mod:`sportello.forms`.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Callable
from typing import Any

import attrs

from sportello._violations import Violation
from sportello.forms._common import (
    Cliente,
    check_codice_fiscale_matches,
    check_nome_or_ragione_sociale,
)
from sportello.forms._fields import Cellulare, LuogoNascita
from sportello.forms._registry import check, info, record

__all__ = [
    "AllegatoDichiarato",
    "ClienteConciliazione",
    "Dotazione",
    "Modulo",
    "Oggetto",
    "Reclamo",
    "TipoAllegato",
    "TipoRichiedente",
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


class TipoRichiedente(enum.StrEnum):
    """CP-4: who the applicant is: a person, a company, a professional firm or sole trader."""

    PERSONA_FISICA = "persona_fisica"
    IMPRESA = "impresa"
    STUDIO_PROFESSIONALE = "studio_professionale"

    @property
    def label(self) -> str:
        """The Italian label."""
        return _RICHIEDENTI[self][0]

    @property
    def label_en(self) -> str:
        """The English label."""
        return _RICHIEDENTI[self][1]


_RICHIEDENTI: dict[TipoRichiedente, tuple[str, str]] = {
    TipoRichiedente.PERSONA_FISICA: ("Persona fisica", "Person"),
    TipoRichiedente.IMPRESA: ("Impresa", "Company"),
    TipoRichiedente.STUDIO_PROFESSIONALE: (
        "Studio professionale o ditta individuale",
        "Professional firm or sole trader",
    ),
}


class TipoAllegato(enum.StrEnum):
    """CO-6, CP-4: the documents a conciliation case file may hold (the required ones first).

    >>> TipoAllegato.RICEVUTA_RECLAMO.label
    'ricevuta di invio del reclamo'
    """

    DOCUMENTO_IDENTITA = "documento_identita"
    RECLAMO = "reclamo"
    PROVVEDIMENTO_GIUDICE = "provvedimento_giudice"
    RICEVUTA_RECLAMO = "ricevuta_reclamo"
    RISPOSTA_RECLAMO = "risposta_reclamo"
    PROCURA = "procura"
    DOCUMENTO_IDENTITA_DELEGATO = "documento_identita_delegato"
    BOLLETTA = "bolletta"
    CONTRATTO = "contratto"
    DESCRIZIONE_ESTESA = "descrizione_estesa"
    ALTRO = "altro"

    @property
    def label(self) -> str:
        """The Italian label."""
        return _ALLEGATI[self][0]

    @property
    def label_en(self) -> str:
        """The English label."""
        return _ALLEGATI[self][1]


_ALLEGATI: dict[TipoAllegato, tuple[str, str]] = {
    TipoAllegato.DOCUMENTO_IDENTITA: ("documento d'identità", "identity document"),
    TipoAllegato.RECLAMO: ("copia del reclamo", "copy of the complaint"),
    TipoAllegato.PROVVEDIMENTO_GIUDICE: (
        "provvedimento del giudice che rinvia alla conciliazione",
        "the court's order referring the parties to conciliation",
    ),
    TipoAllegato.RICEVUTA_RECLAMO: ("ricevuta di invio del reclamo", "receipt of the complaint"),
    TipoAllegato.RISPOSTA_RECLAMO: ("risposta al reclamo", "answer to the complaint"),
    TipoAllegato.PROCURA: (
        "procura con potere di transigere",
        "power of attorney with the power to settle",
    ),
    TipoAllegato.DOCUMENTO_IDENTITA_DELEGATO: (
        "documento d'identità del delegato",
        "the delegate's identity document",
    ),
    TipoAllegato.BOLLETTA: ("bolletta", "bill"),
    TipoAllegato.CONTRATTO: ("contratto", "contract"),
    TipoAllegato.DESCRIZIONE_ESTESA: (
        "descrizione estesa della controversia",
        "extended description of the dispute",
    ),
    TipoAllegato.ALTRO: ("altro documento", "other document"),
}


@record(
    "Reclamo",
    description=(
        "Il reclamo scritto al venditore che precede la domanda e la risposta ricevuta (CP-1)."
    ),
)
@attrs.frozen(kw_only=True)
class Reclamo:
    """CP-1: the written complaint that preceded the request, and the seller's answer.

    Attributes:
        data: the day the complaint was sent.
        data_risposta: the day the written answer came, if any.
        risposta: a summary of the answer.
        risposta_insoddisfacente: the customer judges the answer unsatisfactory: the request
            may then go from the answer's day, before the 40 days (CP-1).
        ricevuta: a receipt of the sending exists (it is then a required document, CP-4).
    """

    data: dt.date = attrs.field(metadata=info("Data di invio del reclamo"))
    data_risposta: dt.date | None = attrs.field(default=None, metadata=info("Data della risposta"))
    risposta: str | None = attrs.field(default=None, metadata=info("Sintesi della risposta"))
    risposta_insoddisfacente: bool = attrs.field(
        default=False,
        metadata=info(
            "Risposta ritenuta insoddisfacente",
            "La domanda può essere inviata dalla data della risposta (CP-1).",
        ),
    )
    ricevuta: bool = attrs.field(
        default=False,
        metadata=info("Ricevuta di invio disponibile", "Se sì, la ricevuta va allegata (CP-4)."),
    )


@record(
    "Cliente finale",
    description=(
        "Il cliente finale: nome e cognome o ragione sociale, codice fiscale, recapiti e, per"
        " una persona fisica, luogo e data di nascita, sesso e cellulare (CP-4)."
    ),
)
@attrs.frozen(kw_only=True)
class ClienteConciliazione(Cliente):
    """CP-4: the final customer of a conciliation request: a :class:`Cliente` and a person's data.

    For a person (``TipoRichiedente.PERSONA_FISICA``) the request also needs the birth date,
    the sex, the birthplace and a mobile phone (checked by the request).

    Attributes:
        luogo_nascita: the birthplace: an Italian comune or a foreign state (free text, at most
            100 characters; checked against a registry by a later release).
        cellulare: a mobile phone number (E.164 after loading).
    """

    luogo_nascita: LuogoNascita | None = attrs.field(
        default=None,
        repr=False,
        metadata=info("Luogo di nascita", "Comune italiano o Stato estero (CP-4)."),
    )
    cellulare: Cellulare | None = attrs.field(
        default=None, repr=False, metadata=info("Cellulare", "Numero di telefono mobile (CP-4).")
    )


check(ClienteConciliazione)(check_nome_or_ragione_sociale)
check(ClienteConciliazione)(check_codice_fiscale_matches)


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
def _attachment_rules() -> tuple[
    Callable[..., list[Violation]], Callable[[str], str], Any, frozenset[str]
]:
    """``check_name``, ``extension_of``, the conciliation's policy and its extensions, once.

    ``extension_of(nome) in`` the extensions is the policy's ``accepts_extension(nome)``.
    """
    from sportello.rules.attachments import Service, check_name, extension_of

    policy = Service.CONCILIAZIONE.policy
    return check_name, extension_of, policy, frozenset(policy.extensions)


@check(AllegatoDichiarato)
def _nome_file(r: Any) -> list[Violation]:
    """AT-4, AT-7: a flagged file name is a plain name with an extension the conciliation takes."""
    nome = r.nome
    if nome is None:
        return []
    check_name, extension_of, policy, accepted = _attachment_rules()
    problems = check_name(nome, path="nome")
    ext = extension_of(nome)
    if problems or ext in accepted:
        return problems
    return [
        Violation.of(
            "attachments.missing_extension" if not ext else "attachments.extension_not_allowed",
            path="nome",
            rule=policy.extension_rule,
            estensione=ext,
            consentite=list(policy.extensions),
        )
    ]

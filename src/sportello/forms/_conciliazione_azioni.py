"""The customer's actions on a conciliation case: documents, availability, postponing, withdrawing.

Each form carries what the customer writes; the case it acts on is in the request's URL, and the
procedure's rules (:mod:`sportello.rules.conciliazione`) decide whether the action may happen
now. Rules: CP-3 (:class:`RispostaIntegrazione`), CP-5 (:class:`DisponibilitaIncontro`), CP-7
(:class:`RichiestaRinvio`), CP-8 (:class:`RitiroDomanda`).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator
from typing import Any

import attrs

from sportello._violations import Violation
from sportello.forms._conciliazione_records import AllegatoDichiarato
from sportello.forms._fields import TestoBreve
from sportello.forms._registry import check, form, info, record
from sportello.forms._today import today
from sportello.rules.meetings import DisponibilitaFascia, FasciaIncontro, Giorno

__all__ = [
    "DisponibilitaIncontro",
    "FasciaDisponibile",
    "GiornoFeriale",
    "RichiestaRinvio",
    "RispostaIntegrazione",
    "RitiroDomanda",
]


class GiornoFeriale(enum.StrEnum):
    """CP-5: a weekday on which meetings run (Monday to Friday)."""

    LUNEDI = "lunedi"
    MARTEDI = "martedi"
    MERCOLEDI = "mercoledi"
    GIOVEDI = "giovedi"
    VENERDI = "venerdi"

    @property
    def giorno(self) -> Giorno:
        """The same day as :class:`~sportello.rules.meetings.Giorno`."""
        return Giorno[self.name]

    @property
    def label(self) -> str:
        """The Italian name (``"lunedì"``)."""
        return self.giorno.label


@record(
    "Giorno e fascia disponibili",
    description=(
        "Un giorno della settimana oppure una data, e una delle sei fasce di 90 minuti (CP-5)."
    ),
)
@attrs.frozen(kw_only=True)
class FasciaDisponibile:
    """CP-5: a (day, slot) pair the party can attend: a weekday or a date, one of six slots.

    Attributes:
        giorno: a weekday (every such day), or ``None`` with ``data``.
        data: a calendar date (a working day, not past), or ``None`` with ``giorno``.
        fascia: the 90-minute slot, by its start (``"10:30"``).
    """

    giorno: GiornoFeriale | None = attrs.field(default=None, metadata=info("Giorno feriale"))
    data: dt.date | None = attrs.field(default=None, metadata=info("Data"))
    fascia: FasciaIncontro = attrs.field(
        metadata=info("Fascia oraria", "Una delle sei fasce di 90 minuti (CP-5).")
    )

    @property
    def disponibilita(self) -> DisponibilitaFascia:
        """The pair as :class:`~sportello.rules.meetings.DisponibilitaFascia` (the rules' record).

        A pair without a day (refused on load) reads as its date, else Monday.
        """
        day: Giorno | dt.date = (
            self.giorno.giorno if self.giorno is not None else self.data or Giorno.LUNEDI
        )
        return DisponibilitaFascia(day, self.fascia)


@check(FasciaDisponibile)
def _giorno_o_data(r: Any) -> list[Violation]:
    """CP-5: a weekday or a date, one of them; a date must be a working day not yet past."""
    if (r.giorno is None) == (r.data is None):
        return [Violation.of("conciliazione.giorno_o_data", path="giorno")]
    if r.data is None:
        return []
    from sportello.rules.meetings import check_disponibilita_fasce

    found = check_disponibilita_fasce([DisponibilitaFascia(r.data, r.fascia)], dal=today())
    return [attrs.evolve(v, path="data") for v in found]


@form(
    "risposta_integrazione",
    title="Risposta alla richiesta di integrazione",
    description="I documenti (e una nota) che completano la domanda, entro 7 giorni (CP-3).",
    required_rule="CP-3",
)
@attrs.frozen(kw_only=True)
class RispostaIntegrazione:
    """CP-3: the customer's answer to a request for integration: the documents, and a note.

    The documents are flagged here and uploaded to the case file (CO-6); at least one
    document or a note. Whether it comes within the 7 days is the procedure's rule
    (:func:`sportello.rules.conciliazione.integrate`).
    """

    note: TestoBreve | None = attrs.field(default=None, metadata=info("Note"))
    allegati: tuple[AllegatoDichiarato, ...] = attrs.field(
        default=(), metadata=info("Documenti inviati", "Si caricano nel fascicolo (CO-6).")
    )


@check(RispostaIntegrazione)
def check_integrazione(f: Any) -> list[Violation]:
    """CP-3: an answer holds at least one document or a note."""
    if not f.allegati and f.note is None:
        return [Violation.of("conciliazione.integrazione_vuota", path="allegati")]
    return []


@form(
    "disponibilita_incontro",
    title="Disponibilità per l'incontro",
    description="I giorni e le fasce di 90 minuti in cui si può partecipare all'incontro (CP-5).",
    required_rule="CP-5",
)
@attrs.frozen(kw_only=True)
class DisponibilitaIncontro:
    """CP-5: when the customer can attend: (weekday or date, slot) pairs, at least one.

    ``disponibilita`` gives them as the rules' records, for
    :func:`sportello.rules.meetings.first_available`.
    """

    fasce: tuple[FasciaDisponibile, ...] = attrs.field(
        metadata=info("Giorni e fasce", "Almeno un giorno (o una data) e una fascia (CP-5).")
    )
    note: TestoBreve | None = attrs.field(default=None, metadata=info("Note"))

    @property
    def disponibilita(self) -> tuple[DisponibilitaFascia, ...]:
        """CP-5: the pairs as the rules' records."""
        return tuple(f.disponibilita for f in self.fasce)


@check(DisponibilitaIncontro)
def check_disponibilita(f: Any) -> list[Violation]:
    """CP-5: at least one (day, slot) pair."""
    if not f.fasce:
        return [Violation.of("conciliazione.disponibilita_vuota", path="fasce")]
    return []


@form(
    "richiesta_rinvio",
    title="Richiesta di rinvio dell'incontro",
    description="Il motivo del rinvio e, se si vuole, le nuove disponibilità (CP-7).",
    required_rule="CP-7",
)
@attrs.frozen(kw_only=True)
class RichiestaRinvio:
    """CP-7: the customer asks to postpone the meeting, with the reason and new availability.

    Whether it comes before the meeting's day is the procedure's rule
    (:func:`sportello.rules.conciliazione.postpone`).
    """

    motivo: TestoBreve = attrs.field(metadata=info("Motivo del rinvio"))
    fasce: tuple[FasciaDisponibile, ...] = attrs.field(
        default=(), metadata=info("Nuove disponibilità", "Giorni e fasce (CP-5).")
    )

    @property
    def disponibilita(self) -> tuple[DisponibilitaFascia, ...]:
        """CP-5: the new availability as the rules' records."""
        return tuple(f.disponibilita for f in self.fasce)


@form(
    "ritiro_domanda",
    title="Ritiro della domanda di conciliazione",
    description=(
        "Il ritiro, fino a 2 giorni prima dell'incontro; poi non si può presentare una nuova"
        " domanda sulla stessa controversia (CP-8)."
    ),
    required_rule="CP-8",
)
@attrs.frozen(kw_only=True)
class RitiroDomanda:
    """CP-8: the customer withdraws the request, confirming it knows the consequence.

    After a withdrawal no new request on the same dispute is admissible (CP-2): ``conferma``
    must be true. Whether it comes at least 2 days before the meeting is the procedure's rule
    (:func:`sportello.rules.conciliazione.withdraw`).
    """

    conferma: bool = attrs.field(
        metadata=info(
            "Conferma del ritiro",
            "Dopo il ritiro non si potrà presentare una nuova domanda sulla stessa controversia.",
        )
    )
    motivo: TestoBreve | None = attrs.field(default=None, metadata=info("Motivo"))


@check(RitiroDomanda)
def check_conferma(f: Any) -> Iterator[Violation]:
    """CP-8: the withdrawal is confirmed."""
    if not f.conferma:
        yield Violation.of("conciliazione.ritiro_non_confermato", path="conferma")

"""The procedure's terms in days, pure functions of their first day (CP-1, CP-3, CP-5, CP-8, CP-9).

Counting, everywhere: calendar days; the starting day is not counted and the last day is
(art. 2963 c.c., art. 155 c.p.c.): "within N days of D" means on or before D + N, and the term
has passed on D + N + 1. A term whose last day is a Sunday or a public holiday does not move:
the procedure runs online, the portal takes a document or a withdrawal on any day, and the
Servizio's meetings are on working days anyway (CP-5), so its 40 days end, in practice, on the
last working day up to day 40. "Up to 2 days before the meeting" counts back from the meeting's
day: a meeting on D may be withdrawn from until D - 2 included.

>>> import datetime as dt
>>> s = scadenze(dt.date(2026, 3, 2))  # the complete request, day 0
>>> s.primo_incontro_entro, s.conclusione_entro, s.conclusione_massima
(datetime.date(2026, 4, 11), datetime.date(2026, 5, 31), datetime.date(2026, 6, 30))
>>> integrazione_entro(dt.date(2026, 3, 2)), ritiro_entro(dt.date(2026, 3, 20))
(datetime.date(2026, 3, 9), datetime.date(2026, 3, 18))

Re-exported by :mod:`sportello.rules.conciliazione`.
"""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from sportello._violations import ValidationError, Violation
from sportello.rules._reclamo import ATTESA_RISPOSTA_GIORNI

__all__ = [
    "DURATA_GIORNI",
    "INTEGRAZIONE_GIORNI",
    "PRIMO_INCONTRO_GIORNI",
    "PROMEMORIA_GIORNI_PRIMA",
    "PROROGA_MAX_GIORNI",
    "RITIRO_GIORNI_PRIMA",
    "Scadenze",
    "Termine",
    "giorno",
    "integrazione_entro",
    "ritiro_entro",
    "scadenze",
]

#: CP-3: the days the customer has to complete the request, from the request for integration.
INTEGRAZIONE_GIORNI = 7

#: CP-5: the first meeting falls within these days of the complete request.
PRIMO_INCONTRO_GIORNI = 40

#: CP-9: the procedure ends within these days of the complete request.
DURATA_GIORNI = 90

#: CP-9: the most days the end may be extended by, in all.
PROROGA_MAX_GIORNI = 30

#: CP-8: the customer may withdraw until these days before the meeting.
RITIRO_GIORNI_PRIMA = 2

#: The reminders go this many days before what they remind of (the integration due, the
#: meeting): for the meeting, the last day the customer may still withdraw (CP-8).
PROMEMORIA_GIORNI_PRIMA = 2


@attrs.frozen
class _Riga:
    giorni: int
    regola: str
    it: str
    en: str
    da_it: str
    da_en: str
    prima: bool = False


class Termine(enum.StrEnum):
    """The terms of the procedure, each with its days, rule and starting point.

    >>> [(t.value, t.giorni, t.regola) for t in Termine]  # doctest: +NORMALIZE_WHITESPACE
    [('attesa_reclamo', 40, 'CP-1'), ('integrazione', 7, 'CP-3'), ('primo_incontro', 40, 'CP-5'),
     ('durata', 90, 'CP-9'), ('proroga', 30, 'CP-9'), ('ritiro', 2, 'CP-8')]
    """

    ATTESA_RECLAMO = "attesa_reclamo"
    INTEGRAZIONE = "integrazione"
    PRIMO_INCONTRO = "primo_incontro"
    DURATA = "durata"
    PROROGA = "proroga"
    RITIRO = "ritiro"

    @property
    def giorni(self) -> int:
        """The term's days."""
        return _TERMINI[self].giorni

    @property
    def regola(self) -> str:
        """The rule that sets it."""
        return _TERMINI[self].regola

    @property
    def label(self) -> str:
        """The Italian label."""
        return _TERMINI[self].it

    @property
    def label_en(self) -> str:
        """The English label."""
        return _TERMINI[self].en

    @property
    def decorrenza(self) -> str:
        """What it counts from (Italian)."""
        return _TERMINI[self].da_it

    @property
    def decorrenza_en(self) -> str:
        """What it counts from (English)."""
        return _TERMINI[self].da_en

    @property
    def prima(self) -> bool:
        """Whether it counts back (days *before* its starting point)."""
        return _TERMINI[self].prima


_TERMINI: dict[Termine, _Riga] = {
    Termine.ATTESA_RECLAMO: _Riga(
        ATTESA_RISPOSTA_GIORNI,
        "CP-1",
        "attesa della risposta al reclamo",
        "wait for the complaint's answer",
        "dall'invio del reclamo",
        "from the complaint sent",
    ),
    Termine.INTEGRAZIONE: _Riga(
        INTEGRAZIONE_GIORNI,
        "CP-3",
        "integrazione della domanda",
        "documents to complete the request",
        "dalla richiesta di integrazione",
        "from the request for documents",
    ),
    Termine.PRIMO_INCONTRO: _Riga(
        PRIMO_INCONTRO_GIORNI,
        "CP-5",
        "primo incontro",
        "first meeting",
        "dalla domanda completa",
        "from the complete request",
    ),
    Termine.DURATA: _Riga(
        DURATA_GIORNI,
        "CP-9",
        "conclusione della procedura",
        "end of the procedure",
        "dalla domanda completa",
        "from the complete request",
    ),
    Termine.PROROGA: _Riga(
        PROROGA_MAX_GIORNI,
        "CP-9",
        "proroga massima",
        "longest extension",
        "oltre i 90 giorni",
        "beyond the 90 days",
    ),
    Termine.RITIRO: _Riga(
        RITIRO_GIORNI_PRIMA,
        "CP-8",
        "ritiro della domanda",
        "withdrawal of the request",
        "prima dell'incontro",
        "before the meeting",
        prima=True,
    ),
}


def giorno(d: dt.date, giorni: int, *, path: str = "") -> dt.date:
    """``d`` moved by ``giorni`` calendar days, refused past :mod:`datetime`'s calendar.

    >>> giorno(dt.date(2026, 2, 27), 2)
    datetime.date(2026, 3, 1)

    Raises:
        ValidationError: ``calendar.date_out_of_range`` at ``path``.
    """
    try:
        return d + dt.timedelta(days=giorni)
    except OverflowError:
        raise ValidationError(
            [Violation.of("calendar.date_out_of_range", path=path, data=d.isoformat())]
        ) from None


@attrs.frozen(kw_only=True)
class Scadenze:
    """The procedure's deadlines from the complete request (CP-5, CP-8, CP-9), inclusive.

    Attributes:
        data_domanda_completa: day 0, the complete request (CP-3).
        primo_incontro_entro: the last day of the first meeting: day 40 (CP-5).
        conclusione_entro: the last day of the procedure: day 90 plus the extension (CP-9).
        conclusione_massima: the latest the end may ever be extended to: day 120 (CP-9).
        proroga_giorni: the extension granted so far (0 to 30).
        ritiro_entro: with a meeting fixed, the last day to withdraw: 2 days before (CP-8).
    """

    data_domanda_completa: dt.date
    primo_incontro_entro: dt.date
    conclusione_entro: dt.date
    conclusione_massima: dt.date
    proroga_giorni: int
    ritiro_entro: dt.date | None = None


def scadenze(
    data_domanda_completa: dt.date,
    *,
    proroga_giorni: int = 0,
    data_incontro: dt.date | None = None,
) -> Scadenze:
    """CP-5, CP-8, CP-9: the deadlines of a procedure whose request was complete on day 0.

    The first meeting by day 40, the end by day 90 (``+ proroga_giorni``, at most 30: day
    120), and, with ``data_incontro``, the last day to withdraw (2 days before the meeting).

    >>> s = scadenze(dt.date(2026, 3, 2), proroga_giorni=30, data_incontro=dt.date(2026, 4, 1))
    >>> s.conclusione_entro == s.conclusione_massima, s.ritiro_entro
    (True, datetime.date(2026, 3, 30))

    Raises:
        ValidationError: ``conciliazione.proroga_oltre_limite`` (CP-9) for an extension
            outside 0 to 30 days; ``calendar.date_out_of_range`` past year 9999.
    """
    if not 0 <= proroga_giorni <= PROROGA_MAX_GIORNI:
        raise ValidationError(
            [
                Violation.of(
                    "conciliazione.proroga_oltre_limite",
                    path="proroga_giorni",
                    giorni=proroga_giorni,
                    max=PROROGA_MAX_GIORNI,
                    residui=PROROGA_MAX_GIORNI,
                )
            ]
        )
    d0 = data_domanda_completa
    return Scadenze(
        data_domanda_completa=d0,
        primo_incontro_entro=giorno(d0, PRIMO_INCONTRO_GIORNI, path="data_domanda_completa"),
        conclusione_entro=giorno(d0, DURATA_GIORNI + proroga_giorni, path="data_domanda_completa"),
        conclusione_massima=giorno(
            d0, DURATA_GIORNI + PROROGA_MAX_GIORNI, path="data_domanda_completa"
        ),
        proroga_giorni=proroga_giorni,
        ritiro_entro=None if data_incontro is None else ritiro_entro(data_incontro),
    )


def integrazione_entro(data_richiesta_integrazione: dt.date) -> dt.date:
    """CP-3: the last day to complete the request: 7 days after the request for integration.

    >>> integrazione_entro(dt.date(2026, 12, 18))  # Christmas inside: it does not move
    datetime.date(2026, 12, 25)
    """
    return giorno(data_richiesta_integrazione, INTEGRAZIONE_GIORNI, path="data_richiesta")


def ritiro_entro(data_incontro: dt.date) -> dt.date:
    """CP-8: the last day the customer may withdraw: 2 days before the meeting.

    >>> ritiro_entro(dt.date(2026, 12, 2))
    datetime.date(2026, 11, 30)
    """
    return giorno(data_incontro, -RITIRO_GIORNI_PRIMA, path="data_incontro")

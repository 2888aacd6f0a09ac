"""The six fixed 90-minute meeting slots and a party's availability over them (CP-5).

Meetings of the conciliation are set on working days (CAL-3) in one of six fixed slots,
9:00-10:30, 10:30-12:00, 12:00-13:30, 14:00-15:30, 15:30-17:00, 17:00-18:30 (CP-5: inside the
two windows of CO-5). A party declares its availability as (day, slot) pairs, the day being a
weekday (every such day) or a calendar date, and is checked against the slots, not free
windows. Re-exported by :mod:`sportello.rules.meetings`; import from there.

>>> import datetime as dt
>>> FasciaIncontro.ORE_10_30.label, FasciaIncontro.ORE_10_30.fine
('10:30-12:00', datetime.time(12, 0))
>>> len(fasce_incontro(dt.date(2026, 12, 2))), fasce_incontro(dt.date(2026, 12, 8))
(6, ())
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable

import attrs

from sportello._messages import labels
from sportello._violations import Violation
from sportello.rules.calendar import is_working_day as _is_working_day

__all__ = [
    "DURATA_FASCIA",
    "DisponibilitaFascia",
    "FasciaIncontro",
    "Giorno",
    "OrarioIncontro",
    "check_disponibilita_fasce",
    "fasce_incontro",
    "first_available",
    "is_available",
]

#: CP-5: how long each meeting slot lasts.
DURATA_FASCIA = dt.timedelta(minutes=90)


class Giorno(enum.IntEnum):
    """A day of the week, numbered as :meth:`datetime.date.weekday` (Monday is 0)."""

    LUNEDI = 0
    MARTEDI = 1
    MERCOLEDI = 2
    GIOVEDI = 3
    VENERDI = 4
    SABATO = 5
    DOMENICA = 6

    @property
    def label(self) -> str:
        """The Italian name (``"lunedì"``)."""
        return _GIORNI[self][0]

    @property
    def label_en(self) -> str:
        """The English name (``"Monday"``)."""
        return _GIORNI[self][1]

    @property
    def is_meeting_day(self) -> bool:
        """CO-5: whether meetings run on this day of the week (Monday to Friday)."""
        return self <= Giorno.VENERDI


_GIORNI: dict[Giorno, tuple[str, str]] = {
    Giorno.LUNEDI: ("lunedì", "Monday"),
    Giorno.MARTEDI: ("martedì", "Tuesday"),
    Giorno.MERCOLEDI: ("mercoledì", "Wednesday"),
    Giorno.GIOVEDI: ("giovedì", "Thursday"),
    Giorno.VENERDI: ("venerdì", "Friday"),
    Giorno.SABATO: ("sabato", "Saturday"),
    Giorno.DOMENICA: ("domenica", "Sunday"),
}


class FasciaIncontro(enum.StrEnum):
    """CP-5: one of the six fixed 90-minute meeting slots, by its start (``"10:30"``).

    >>> [f.label for f in FasciaIncontro]
    ['9:00-10:30', '10:30-12:00', '12:00-13:30', '14:00-15:30', '15:30-17:00', '17:00-18:30']
    >>> FasciaIncontro("15:30").mattina
    False
    """

    ORE_09_00 = "09:00"
    ORE_10_30 = "10:30"
    ORE_12_00 = "12:00"
    ORE_14_00 = "14:00"
    ORE_15_30 = "15:30"
    ORE_17_00 = "17:00"

    @property
    def inizio(self) -> dt.time:
        """The slot's start."""
        return dt.time.fromisoformat(self.value)

    @property
    def fine(self) -> dt.time:
        """The slot's end (90 minutes after the start)."""
        return (dt.datetime.combine(dt.date(2000, 1, 1), self.inizio) + DURATA_FASCIA).time()

    @property
    def mattina(self) -> bool:
        """Whether the slot is in CO-5's morning window (9:00-13:30)."""
        return self.inizio < dt.time(13, 30)

    @property
    def label(self) -> str:
        """The Italian label (``"9:00-10:30"``)."""
        return f"{_hm(self.inizio)}-{_hm(self.fine)}"

    @property
    def label_en(self) -> str:
        """The English label (the same times)."""
        return self.label


def _hm(t: dt.time) -> str:
    return f"{t.hour}:{t.minute:02d}"


@attrs.frozen
class DisponibilitaFascia:
    """CP-5: a party can attend a meeting in ``fascia`` on ``giorno``.

    Attributes:
        giorno: a day of the week (every such day) or a calendar date.
        fascia: one of the six slots.
    """

    giorno: Giorno | dt.date
    fascia: FasciaIncontro


@attrs.frozen
class OrarioIncontro:
    """CP-5: a meeting's day and slot (what :func:`first_available` finds).

    Attributes:
        data: the day (a working day).
        fascia: the slot.

    >>> OrarioIncontro(dt.date(2026, 12, 2), FasciaIncontro.ORE_14_00).inizio
    datetime.datetime(2026, 12, 2, 14, 0)
    """

    data: dt.date
    fascia: FasciaIncontro

    @property
    def inizio(self) -> dt.datetime:
        """The start, Europe/Rome local time (naive)."""
        return dt.datetime.combine(self.data, self.fascia.inizio)


def fasce_incontro(d: dt.date) -> tuple[FasciaIncontro, ...]:
    """CP-5: the slots of ``d``: all six on a working day (CAL-3), none otherwise.

    >>> fasce_incontro(dt.date(2026, 12, 5))  # a Saturday
    ()
    """
    return tuple(FasciaIncontro) if _is_working_day(d) else ()


def check_disponibilita_fasce(
    items: Iterable[DisponibilitaFascia],
    *,
    dal: dt.date | None = None,
    path: str = "disponibilita",
) -> list[Violation]:
    """CP-5: every problem of a party's declared (day, slot) pairs, each at ``path[i].giorno``.

    A weekday must be Monday to Friday and a date a working day (CAL-3): else
    ``calendar.no_meetings_on_day`` (reported under CP-5). With ``dal``, a date before it is
    ``calendar.date_before`` (a day already past). The slot itself is always one of the six
    (the type says so).

    >>> found = check_disponibilita_fasce([DisponibilitaFascia(Giorno.SABATO,
    ...     FasciaIncontro.ORE_09_00), DisponibilitaFascia(dt.date(2026, 12, 25),
    ...     FasciaIncontro.ORE_14_00)])
    >>> [(v.path, v.rule) for v in found]
    [('disponibilita[0].giorno', 'CP-5'), ('disponibilita[1].giorno', 'CP-5')]
    """
    found: list[Violation] = []
    for i, item in enumerate(items):
        where = f"{path}[{i}].giorno"
        giorno = item.giorno
        if isinstance(giorno, Giorno):
            if not giorno.is_meeting_day:
                found.append(
                    Violation.of(
                        "calendar.no_meetings_on_day",
                        path=where,
                        rule="CP-5",
                        **labels(giorno=giorno),
                    )
                )
            continue
        if not _is_working_day(giorno):
            found.append(
                Violation.of("calendar.no_meetings_on_day", path=where, rule="CP-5", giorno=giorno)
            )
        elif dal is not None and giorno < dal:
            found.append(Violation.of("calendar.date_before", path=where, data=giorno, dal=dal))
    return found


def is_available(
    disponibilita: Iterable[DisponibilitaFascia], data: dt.date, fascia: FasciaIncontro
) -> bool:
    """CP-5: whether the declared availability covers a meeting on ``data`` in ``fascia``.

    An item covers it when its slot is ``fascia`` and its day is ``data`` itself or its weekday.

    >>> is_available([DisponibilitaFascia(Giorno.MERCOLEDI, FasciaIncontro.ORE_14_00)],
    ...     dt.date(2026, 12, 2), FasciaIncontro.ORE_14_00)
    True
    """
    for item in disponibilita:
        if item.fascia is not fascia:
            continue
        giorno = item.giorno
        if giorno == (data.weekday() if isinstance(giorno, Giorno) else data):
            return True
    return False


def first_available(
    disponibilita: Iterable[DisponibilitaFascia], *, dal: dt.date, entro: dt.date
) -> OrarioIncontro | None:
    """CP-5: the earliest working day and slot, from ``dal`` to ``entro``, the party can attend.

    ``None`` when no declared pair falls in the range on a working day. Ties on the day go to
    the earlier slot.

    >>> first_available([DisponibilitaFascia(Giorno.LUNEDI, FasciaIncontro.ORE_17_00)],
    ...     dal=dt.date(2026, 12, 2), entro=dt.date(2026, 12, 31))
    OrarioIncontro(data=datetime.date(2026, 12, 7), fascia=<FasciaIncontro.ORE_17_00: '17:00'>)
    """
    order = {f: i for i, f in enumerate(FasciaIncontro)}
    best: tuple[dt.date, int] | None = None
    for item in disponibilita:
        day = _first_day(item.giorno, dal, entro)
        if day is None:
            continue
        key = (day, order[item.fascia])
        if best is None or key < best:
            best = key
    if best is None:
        return None
    return OrarioIncontro(best[0], tuple(FasciaIncontro)[best[1]])


def _first_day(giorno: Giorno | dt.date, dal: dt.date, entro: dt.date) -> dt.date | None:
    """The first working day in ``[dal, entro]`` that ``giorno`` names, or ``None``."""
    if not isinstance(giorno, Giorno):
        return giorno if dal <= giorno <= entro and _is_working_day(giorno) else None
    if not giorno.is_meeting_day:
        return None
    try:
        day = dal + dt.timedelta(days=(giorno - dal.weekday()) % 7)
        while day <= entro:
            if _is_working_day(day):
                return day
            day += dt.timedelta(days=7)  # the same weekday a week later (a holiday skipped)
    except OverflowError:  # past 31 December 9999: nothing there
        return None
    return None

"""Meter self-readings ("autolettura"): entry windows, one a day, delete until acquired.

A self-reading is entered by the customer for the supply point chosen in the customer area,
inside one of the utility's entry windows (RD-1). It is the meter value, plus the volume
corrector ("correttore") value when the meter has one (RD-2); at most one per day per supply
point (RD-3). It starts "Da acquisire" and may be deleted, after a confirmation, until the
utility's system acquires it (RD-4); acquired readings stay (RD-5).

Everything here is a pure function over frozen records; the caller keeps the state.

>>> import datetime as dt
>>> from sportello.rules.supply import Fornitura
>>> windows = [FinestraLettura(dt.datetime(2010, 2, 11, 8), dt.datetime(2099, 2, 14, 22))]
>>> meter = Contatore(Fornitura.GAS, has_correttore=True)
>>> now = dt.datetime(2015, 2, 15, 10, 30)
>>> r = Autolettura("PR002874", dt.date(2015, 2, 15), parse_lettura("45.000"), 1)
>>> check_new(r, existing=(), windows=windows, meter=meter, now=now)
[]
>>> readings = add((), r, windows=windows, meter=meter, now=now)
>>> readings[0].stato.value, can_delete(readings[0])
('Da acquisire', True)
>>> readings = acquire(readings, now=now + dt.timedelta(minutes=30))
>>> readings[0].stato.value, can_delete(readings[0])
('Acquisita', False)
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Sequence
from zoneinfo import ZoneInfo

import attrs

from sportello._violations import ValidationError, Violation
from sportello.rules._letture_input import GROUP_SEPARATORS, MAX_CIFRE, MIN_CIFRE, parse_lettura
from sportello.rules.supply import Fornitura

__all__ = [
    "ACQUISITION_INTERVAL",
    "GROUP_SEPARATORS",
    "MAX_CIFRE",
    "MIN_CIFRE",
    "Autolettura",
    "Contatore",
    "FinestraLettura",
    "MotivoLettura",
    "StatoAutolettura",
    "acquire",
    "acquisition_due",
    "add",
    "can_delete",
    "check_new",
    "delete",
    "parse_lettura",
]

#: How often the portal of seed 003 acquires pending readings ("indicativamente ogni
#: mezz'ora", RD-5). A server passes its own interval to :func:`acquisition_due`.
ACQUISITION_INTERVAL = dt.timedelta(minutes=30)

_ROME = ZoneInfo("Europe/Rome")


def _is_whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


class StatoAutolettura(enum.StrEnum):
    """The state shown in the "Lettura Acquisita" column (RD-4, RD-5)."""

    DA_ACQUISIRE = "Da acquisire"
    ACQUISITA = "Acquisita"


class MotivoLettura(enum.StrEnum):
    """Why a reading may be lower than the last acquired one."""

    GIRO_CONTATORE = "giro_contatore"
    """The meter went past its highest value and restarted from zero (roll-over)."""
    SOSTITUZIONE = "sostituzione"
    """The meter was replaced; the new one starts from its own value."""


def _local(moment: dt.datetime) -> dt.datetime:
    """Naive Italian wall-clock time: aware datetimes are converted to Europe/Rome.

    An aware moment whose Italian time falls outside :mod:`datetime`'s range (such as
    ``0001-01-01 00:00+14:00``, still year 0 in Rome) is clamped to ``datetime.min`` or
    ``datetime.max`` (:meth:`FinestraLettura.contains` still answers ``False`` for it).
    """
    local = _in_range(moment)
    if local is not None:
        return local
    return dt.datetime.min if moment.year == dt.MINYEAR else dt.datetime.max  # noqa: DTZ901


def _in_range(moment: dt.datetime) -> dt.datetime | None:
    """:func:`_local`, or ``None`` when the Italian time falls outside ``datetime``'s range."""
    if moment.tzinfo is None:
        return moment
    try:
        return moment.astimezone(_ROME).replace(tzinfo=None)
    except OverflowError:
        return None


def _check_window(instance: FinestraLettura, _attr: object, al: dt.datetime) -> None:
    if _local(al) < _local(instance.dal):
        raise ValidationError(
            [Violation.of("readings.window_reversed", path="al", dal=instance.dal, al=al)]
        )


@attrs.frozen
class FinestraLettura:
    """An entry window: "Dal / A partire dalle ore / Al / Fino alle ore" (RD-1).

    Both bounds are inclusive: a reading saved at exactly ``dal`` or exactly ``al`` is inside.
    Naive datetimes are Italian wall-clock time; aware ones are converted to Europe/Rome.

    >>> w = FinestraLettura(dt.datetime(2010, 2, 11, 8, 0), dt.datetime(2099, 2, 14, 22, 0))
    >>> w.contains(dt.datetime(2099, 2, 14, 22, 0)), w.contains(dt.datetime(2010, 2, 11, 7, 59))
    (True, False)
    """

    dal: dt.datetime
    al: dt.datetime = attrs.field(validator=_check_window)

    def contains(self, moment: dt.datetime) -> bool:
        """Whether ``moment`` falls inside the window, bounds included (RD-1).

        A moment outside ``datetime``'s range in Italian time is inside no window.
        """
        local = _in_range(moment)
        return local is not None and _local(self.dal) <= local <= _local(self.al)


def _check_cifre(_instance: object, _attr: object, cifre: int) -> None:
    if not _is_whole(cifre) or not MIN_CIFRE <= cifre <= MAX_CIFRE:
        raise ValidationError(
            [
                Violation.of(
                    "readings.meter_digits_out_of_range",
                    path="cifre",
                    min=MIN_CIFRE,
                    max=MAX_CIFRE,
                )
            ]
        )


@attrs.frozen
class Contatore:
    """The meter of a supply point: its commodity, corrector and number of digits (RD-2).

    Attributes:
        fornitura: gas or electricity.
        has_correttore: whether the gas meter has a volume corrector, so that a reading needs
            the corrector value too (RD-2). Always ``False`` for electricity.
        cifre: the digits the meter shows, :data:`MIN_CIFRE` to :data:`MAX_CIFRE`; it rolls
            over to zero after ``10**cifre - 1``. Any other value (or a non-``int``) is
            refused at construction with ``readings.meter_digits_out_of_range``.

    >>> Contatore(Fornitura.GAS, cifre=4_000_000)
    Traceback (most recent call last):
    ...
    sportello._violations.ValidationError: cifre: Il contatore deve avere da 1 a 15 cifre.
    """

    fornitura: Fornitura
    has_correttore: bool = False
    cifre: int = attrs.field(default=8, validator=_check_cifre)

    @property
    def capacita(self) -> int:
        """The first value the meter cannot show: it rolls over to 0 there."""
        return int(10**self.cifre)


@attrs.frozen
class Autolettura:
    """One self-reading, as a row of "Elenco Autoletture".

    Attributes:
        punto: the supply point's code (``PR002874``).
        data: the day of the reading ("Data Lettura").
        lettura_contatore: the meter value, a whole number (m³ for gas, kWh for electricity).
        lettura_correttore: the corrector value, only for meters with one (RD-2).
        stato: "Da acquisire" until the system acquires it (RD-4, RD-5).
        motivo: declared when the value is lower than the last acquired one.
        id: assigned by :func:`add` (1, 2, ...); 0 for a reading not yet added.
        inserita_il: when it was saved; set by :func:`add`.
        acquisita_il: when the system acquired it; set by :func:`acquire`.
    """

    punto: str
    data: dt.date
    lettura_contatore: int
    lettura_correttore: int | None = None
    stato: StatoAutolettura = StatoAutolettura.DA_ACQUISIRE
    motivo: MotivoLettura | None = None
    id: int = 0
    inserita_il: dt.datetime | None = None
    acquisita_il: dt.datetime | None = None


def _check_value(value: object, path: str, meter: Contatore) -> list[Violation]:
    if not _is_whole(value):
        return [Violation.of("readings.not_whole", path=path, value=value)]
    assert isinstance(value, int)  # noqa: S101 (narrowing for mypy, checked just above)
    if value < 0:
        return [Violation.of("readings.negative", path=path, value=value)]
    if value >= meter.capacita:
        return [Violation.of("readings.too_many_digits", path=path, cifre=meter.cifre)]
    return []


def _last_acquired(reading: Autolettura, existing: Iterable[Autolettura]) -> Autolettura | None:
    earlier = [
        r
        for r in existing
        if r.punto == reading.punto
        and r.stato is StatoAutolettura.ACQUISITA
        and r.data < reading.data
    ]
    return max(earlier, key=lambda r: (r.data, r.id), default=None)


def check_new(
    reading: Autolettura,
    *,
    existing: Iterable[Autolettura],
    windows: Iterable[FinestraLettura],
    meter: Contatore,
    now: dt.datetime,
) -> list[Violation]:
    """Every reason why ``reading`` cannot be saved now; ``[]`` when it can (RD-1, RD-2, RD-3).

    Checks, each with its own code and path:

    - RD-1: ``now`` lies inside one of ``windows`` (bounds inclusive), ``readings.outside_window``;
    - the reading's date is not after today's date (Italian time), ``readings.future_date``;
    - RD-2: the corrector value is present exactly when the meter has a corrector
      (``readings.corrector_missing`` / ``readings.corrector_not_expected``);
    - values are whole, not negative and fit the meter's digits;
    - RD-3: no other reading of the same supply point on the same day (``readings.one_per_day``);
    - the meter value is not lower than the last acquired reading of an earlier day, unless
      ``reading.motivo`` declares a roll-over or a replacement (``readings.below_previous``;
      the same for the corrector value).

    Args:
        reading: the new reading.
        existing: the readings already saved (any supply point, any state).
        windows: the entry windows configured by the utility.
        meter: the meter of the reading's supply point.
        now: the moment of saving.

    Returns:
        The violations, in the order above.
    """
    existing = tuple(existing)
    problems: list[Violation] = []
    if not any(w.contains(now) for w in windows):
        problems.append(Violation.of("readings.outside_window", path="", moment=_local(now)))
    today = _local(now).date()
    if reading.data > today:
        problems.append(
            Violation.of("readings.future_date", path="data", data=reading.data, today=today)
        )
    problems += _check_value(reading.lettura_contatore, "lettura_contatore", meter)
    if meter.has_correttore and reading.lettura_correttore is None:
        problems.append(Violation.of("readings.corrector_missing", path="lettura_correttore"))
    elif not meter.has_correttore and reading.lettura_correttore is not None:
        problems.append(Violation.of("readings.corrector_not_expected", path="lettura_correttore"))
    elif reading.lettura_correttore is not None:
        problems += _check_value(reading.lettura_correttore, "lettura_correttore", meter)
    if any(r.punto == reading.punto and r.data == reading.data for r in existing):
        problems.append(Violation.of("readings.one_per_day", path="data", data=reading.data))
    last = _last_acquired(reading, existing)
    if last is not None and reading.motivo is None:
        for field in ("lettura_contatore", "lettura_correttore"):
            new, old = getattr(reading, field), getattr(last, field)
            if _is_whole(new) and _is_whole(old) and new < old:
                problems.append(
                    Violation.of(
                        "readings.below_previous", path=field, previous=old, data=last.data
                    )
                )
    return problems


def add(
    readings: Sequence[Autolettura],
    reading: Autolettura,
    *,
    windows: Iterable[FinestraLettura],
    meter: Contatore,
    now: dt.datetime,
) -> tuple[Autolettura, ...]:
    """``readings`` with ``reading`` saved as "Da acquisire" (RD-1..RD-4), or raise.

    The saved copy gets the next ``id``, ``inserita_il=now`` and the state "Da acquisire"
    whatever the argument said.

    Raises:
        ValidationError: with every violation :func:`check_new` finds.
    """
    problems = check_new(reading, existing=readings, windows=windows, meter=meter, now=now)
    if problems:
        raise ValidationError(problems)
    saved = attrs.evolve(
        reading,
        id=max((r.id for r in readings), default=0) + 1,
        inserita_il=now,
        stato=StatoAutolettura.DA_ACQUISIRE,
        acquisita_il=None,
    )
    return (*readings, saved)


def can_delete(reading: Autolettura) -> bool:
    """Whether the customer may still delete ``reading``: only while "Da acquisire" (RD-4, RD-5).

    This is the red symbol in the "Cancella" column.
    """
    return reading.stato is StatoAutolettura.DA_ACQUISIRE


def delete(
    readings: Sequence[Autolettura], reading_id: int, *, confirmed: bool
) -> tuple[Autolettura, ...]:
    """``readings`` without the one whose id is ``reading_id`` (RD-4, RD-5), or raise.

    The portal asks "Confermi la cancellazione della lettura del ...?": ``confirmed`` is the
    answer. An acquired reading is never deleted.

    Raises:
        ValidationError: ``readings.not_found``; otherwise every one of
            ``readings.already_acquired`` (RD-5) and ``readings.confirmation_required`` (RD-4)
            that applies.
    """
    target = next((r for r in readings if r.id == reading_id), None)
    if target is None:
        raise ValidationError([Violation.of("readings.not_found", path="id", id=reading_id)])
    problems: list[Violation] = []
    if not can_delete(target):
        problems.append(Violation.of("readings.already_acquired", path="id", data=target.data))
    if not confirmed:
        problems.append(Violation.of("readings.confirmation_required", path="id", data=target.data))
    if problems:
        raise ValidationError(problems)
    return tuple(r for r in readings if r.id != reading_id)


def acquire(readings: Sequence[Autolettura], now: dt.datetime) -> tuple[Autolettura, ...]:
    """The system's periodic run: every pending reading becomes "Acquisita" at ``now`` (RD-5).

    Readings already acquired are returned unchanged; order is kept.
    """
    return tuple(
        attrs.evolve(r, stato=StatoAutolettura.ACQUISITA, acquisita_il=now)
        if r.stato is StatoAutolettura.DA_ACQUISIRE
        else r
        for r in readings
    )


def acquisition_due(
    last_run: dt.datetime | None, now: dt.datetime, *, every: dt.timedelta = ACQUISITION_INTERVAL
) -> bool:
    """Whether the next acquisition run is due: ``every`` has passed since ``last_run`` (RD-5).

    >>> t = dt.datetime(2015, 2, 15, 10, 0)
    >>> acquisition_due(t, t + dt.timedelta(minutes=29)), acquisition_due(None, t)
    (False, True)
    """
    return last_run is None or _local(now) - _local(last_run) >= every


def __dir__() -> list[str]:
    """Only the public names (``__all__``), not the imports."""
    return list(__all__)  # pragma: no mutate (not a rule: tests/test_public_api.py)

"""Consumption data of the customer area: withdrawals per year (UP-7), measurements (UP-8).

"Prelievi fatturati": energy and power per year, as a chart or a table. "Misure elettriche":
every available measurement, filtered by a time interval and downloadable for one's own
processing. Nothing here touches files: the export is rows and a CSV string.

>>> months = [PrelievoMensile(2014, m, Decimal("250"), Decimal("2.8")) for m in (1, 2)]
>>> yearly_withdrawals(months)
(PrelievoAnnuo(anno=2014, energia_kwh=Decimal('500'), potenza_kw=Decimal('2.8'), mesi=2),)
>>> withdrawals_table(yearly_withdrawals(months))
[('Anno', 'Energia (kWh)', 'Potenza (kW)'), ('2014', '500', '2,8')]
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from decimal import Decimal

import attrs

from sportello._violations import ValidationError, Violation

__all__ = [
    "Misura",
    "PrelievoAnnuo",
    "PrelievoMensile",
    "filter_measurements",
    "measurement_rows",
    "measurements_csv",
    "withdrawals_table",
    "yearly_withdrawals",
]

#: Characters the CSV export never uses as delimiter: the quote and line breaks break rows.
_FORBIDDEN_DELIMITERS = frozenset('"\r\n\x00')


@attrs.frozen
class PrelievoMensile:
    """One month of billed withdrawals: energy in kWh and the maximum power in kW (UP-7)."""

    anno: int
    mese: int
    energia_kwh: Decimal
    potenza_kw: Decimal


@attrs.frozen
class PrelievoAnnuo:
    """One year of billed withdrawals, a row of the table or a point of the chart (UP-7).

    Attributes:
        anno: the year.
        energia_kwh: the energy of the year, the sum of its months.
        potenza_kw: the power of the year, the highest of its months.
        mesi: how many months the year's figures come from (12 for a whole year).
    """

    anno: int
    energia_kwh: Decimal
    potenza_kw: Decimal
    mesi: int


def yearly_withdrawals(items: Iterable[PrelievoMensile]) -> tuple[PrelievoAnnuo, ...]:
    """Energy and power per year, oldest year first (UP-7).

    Energy adds up over the months; power is a peak, so the year's power is the highest
    monthly value. Two entries for the same month are both counted (an invoice and its
    adjustment, "conguaglio"); ``mesi`` counts distinct months.

    Raises:
        ValidationError: ``profile.amount_not_finite`` for every amount that is NaN or
            infinite (path ``[i].energia_kwh`` / ``[i].potenza_kw``), and
            ``profile.amount_out_of_range`` when a year's sum leaves :mod:`decimal`'s range.

    >>> bad = PrelievoMensile(2014, 1, Decimal("NaN"), Decimal("2.8"))
    >>> [v.path for v in _amount_problems([bad])]
    ['[0].energia_kwh']
    """
    items = tuple(items)
    problems = _amount_problems(items)
    if problems:
        raise ValidationError(problems)
    energy: dict[int, Decimal] = {}
    power: dict[int, Decimal] = {}
    months: dict[int, set[int]] = {}
    for item in items:
        try:
            energy[item.anno] = energy.get(item.anno, Decimal(0)) + item.energia_kwh
        except ArithmeticError:  # decimal.Overflow: a sum past 1E+999999
            raise ValidationError(
                [Violation.of("profile.amount_out_of_range", path="", anno=item.anno)]
            ) from None
        power[item.anno] = max(power.get(item.anno, item.potenza_kw), item.potenza_kw)
        months.setdefault(item.anno, set()).add(item.mese)
    return tuple(
        PrelievoAnnuo(year, energy[year], power[year], len(months[year])) for year in sorted(energy)
    )


def _amount_problems(items: Iterable[PrelievoMensile]) -> list[Violation]:
    """``profile.amount_not_finite`` for every NaN or infinite amount of ``items``."""
    return [
        Violation.of("profile.amount_not_finite", path=f"[{i}].{field}", value=str(value))
        for i, item in enumerate(items)
        for field in ("energia_kwh", "potenza_kw")
        if not (value := getattr(item, field)).is_finite()
    ]


def _number(value: Decimal | None) -> str:
    """Italian decimal comma, no thousands separator (what spreadsheets read back)."""
    return "" if value is None else format(value, "f").replace(".", ",")


def withdrawals_table(series: Iterable[PrelievoAnnuo]) -> list[tuple[str, str, str]]:
    """The table of "Prelievi fatturati": a header row, then one row per year (UP-7)."""
    rows = [("Anno", "Energia (kWh)", "Potenza (kW)")]
    rows += [(str(y.anno), _number(y.energia_kwh), _number(y.potenza_kw)) for y in series]
    return rows


@attrs.frozen
class Misura:
    """One electricity measurement (UP-8).

    Attributes:
        istante: the start of the measured period (Italian wall-clock time).
        energia_kwh: the energy measured.
        potenza_kw: the power measured, when the meter gives it.
    """

    istante: dt.datetime
    energia_kwh: Decimal
    potenza_kw: Decimal | None = None


def filter_measurements(items: Iterable[Misura], dal: dt.date, al: dt.date) -> tuple[Misura, ...]:
    """The measurements whose day lies from ``dal`` to ``al``, both days included (UP-8).

    A measurement belongs to the day of its ``istante``, so ``al`` includes 23:45 of that day.
    The result is in time order. A naive ``istante`` is Italian wall-clock time (Europe/Rome);
    an aware one is converted to Europe/Rome first, for its day and its order, so naive and
    aware measurements can be mixed. An aware instant whose Italian time falls outside
    :mod:`datetime`'s range (``0001-01-01 00:00+14:00``) lies outside every interval.

    Raises:
        ValidationError: ``profile.interval_reversed`` when ``al`` is before ``dal``.

    >>> ms = [Misura(dt.datetime(2014, 6, d, 12), Decimal("1.5")) for d in (1, 2, 3)]
    >>> [m.istante.day for m in filter_measurements(ms, dt.date(2014, 6, 2), dt.date(2014, 6, 3))]
    [2, 3]
    """
    if al < dal:
        raise ValidationError(
            [Violation.of("profile.interval_reversed", path="al", dal=dal, al=al)]
        )
    chosen = [
        (local, m)
        for m in items
        if (local := _rome_local(m.istante)) is not None and dal <= local.date() <= al
    ]
    chosen.sort(key=lambda pair: pair[0])
    return tuple(m for _, m in chosen)


def _rome_local(moment: dt.datetime) -> dt.datetime | None:
    """Naive Europe/Rome wall-clock time of ``moment``; ``None`` past ``datetime``'s range."""
    from sportello.rules.calendar import rome_time

    try:
        return rome_time(moment).replace(tzinfo=None)
    except ValidationError:  # calendar.date_out_of_range
        return None


def measurement_rows(items: Iterable[Misura]) -> list[tuple[str, str, str]]:
    """The export for one's own processing: a header row, then one row per measurement (UP-8).

    Dates as ``dd/mm/yyyy hh:mm``, numbers with the decimal comma, missing power empty.
    """
    rows = [("Data e ora", "Energia (kWh)", "Potenza (kW)")]
    rows += [
        (m.istante.strftime("%d/%m/%Y %H:%M"), _number(m.energia_kwh), _number(m.potenza_kw))
        for m in items
    ]
    return rows


def measurements_csv(items: Iterable[Misura], *, delimiter: str = ";") -> str:
    r"""The export as CSV text (``;`` between fields, as Italian spreadsheets expect) (UP-8).

    >>> measurements_csv([Misura(dt.datetime(2014, 6, 1, 0, 15), Decimal("0.25"))])
    'Data e ora;Energia (kWh);Potenza (kW)\r\n01/06/2014 00:15;0,25;\r\n'

    Raises:
        ValidationError: ``profile.csv_delimiter_invalid`` at ``delimiter`` unless it is one
            character other than the quote ``"``, a line break (CR, LF) or NUL.
    """
    raw: object = delimiter  # callers without type checks may pass anything
    if not isinstance(raw, str) or len(raw) != 1 or raw in _FORBIDDEN_DELIMITERS:
        raise ValidationError(
            [Violation.of("profile.csv_delimiter_invalid", path="delimiter", value=repr(delimiter))]
        )
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(measurement_rows(items))
    return out.getvalue()

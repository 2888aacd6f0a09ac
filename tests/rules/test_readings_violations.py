"""Self-readings' violations in full: code, path and params of each, exact limits on both sides.

The other reading tests mostly check codes; these pin the whole violation (RD-1..RD-5), so that
a wrong path or a lost parameter (the message shows it) fails a test.
"""

import datetime as dt

import attrs
import pytest

from sportello import ValidationError, Violation
from sportello.rules.readings import (
    MAX_CIFRE,
    Autolettura,
    Contatore,
    FinestraLettura,
    StatoAutolettura,
    acquisition_due,
    add,
    check_new,
    delete,
    parse_lettura,
)
from sportello.rules.supply import Fornitura

WINDOW = FinestraLettura(dt.datetime(2010, 2, 11, 8, 0), dt.datetime(2099, 2, 14, 22, 0))
GAS = Contatore(Fornitura.GAS)
GAS_CORRETTORE = Contatore(Fornitura.GAS, has_correttore=True)
NOW = dt.datetime(2015, 2, 15, 10, 30)
DAY = dt.date(2015, 2, 15)
PUNTO = "PR002874"


def full(found: list[Violation]) -> list[tuple[str, str, dict[str, object]]]:
    """Code, path and params of each violation."""
    return [(v.code, v.path, v.params) for v in found]


def refused(call: object) -> list[tuple[str, str, dict[str, object]]]:
    """Code, path and params of the violations ``call()`` raises."""
    assert callable(call)
    with pytest.raises(ValidationError) as caught:
        call()
    return full(list(caught.value.violations))


def new(
    value: object = 45000, corr: object = None, day: dt.date = DAY, **kw: object
) -> Autolettura:
    """A reading of the supply point on ``day``."""
    return Autolettura(PUNTO, day, value, corr, **kw)  # type: ignore[arg-type]


def check(reading: Autolettura, **kw: object) -> list[tuple[str, str, dict[str, object]]]:
    """check_new with the seed's window, the plain gas meter and NOW, unless given."""
    args: dict[str, object] = {"existing": (), "windows": [WINDOW], "meter": GAS, "now": NOW}
    args.update(kw)
    return full(check_new(reading, **args))  # type: ignore[arg-type]


# --- the meter's digits: 1 to 15 --------------------------------------------------------------


@pytest.mark.parametrize("cifre", [1, 15])
def test_meter_digits_at_the_limits_are_accepted(cifre: int) -> None:
    """RD-2: a meter of exactly 1 or exactly 15 digits exists."""
    assert Contatore(Fornitura.GAS, cifre=cifre).capacita == 10**cifre


@pytest.mark.parametrize("cifre", [0, 16, True, 8.0])
def test_meter_digits_past_the_limits_are_refused_in_full(cifre: object) -> None:
    """RD-2: 0 or 16 digits (or a non-int) is refused at ``cifre``, with the limits as params."""
    assert refused(lambda: Contatore(Fornitura.GAS, cifre=cifre)) == [  # type: ignore[arg-type]
        ("readings.meter_digits_out_of_range", "cifre", {"min": 1, "max": 15})
    ]


# --- the values ---------------------------------------------------------------------------


def test_a_value_at_the_meters_capacity_is_refused_one_below_it_is_not() -> None:
    """RD-2: a 4-digit meter shows 9999 at most: 10000 is too many digits, at the field's path."""
    meter = Contatore(Fornitura.GAS, cifre=4)
    assert check(new(9999), meter=meter) == []
    assert check(new(10000), meter=meter) == [
        ("readings.too_many_digits", "lettura_contatore", {"cifre": 4})
    ]


def test_negative_and_fractional_values_name_the_value() -> None:
    """RD-2: a negative or non-whole value is refused at its own field, the value as param."""
    assert check(new(-1)) == [("readings.negative", "lettura_contatore", {"value": -1})]
    assert check(new(0)) == []
    assert check(new(1.5)) == [("readings.not_whole", "lettura_contatore", {"value": 1.5})]
    assert check(new(1, corr=-2), meter=GAS_CORRETTORE) == [
        ("readings.negative", "lettura_correttore", {"value": -2})
    ]


def test_corrector_value_only_with_a_corrector() -> None:
    """RD-2: a corrector value for a meter without one is refused at lettura_correttore."""
    assert check(new(1, corr=5)) == [("readings.corrector_not_expected", "lettura_correttore", {})]
    assert check(new(1), meter=GAS_CORRETTORE) == [
        ("readings.corrector_missing", "lettura_correttore", {})
    ]


# --- window, date, one a day, below the previous -------------------------------------------


def test_outside_the_window_has_no_path_and_names_the_moment() -> None:
    """RD-1: outside every window: no path (the whole reading), the Italian moment as param."""
    early = dt.datetime(2010, 2, 11, 7, 59)
    assert check(new(day=early.date()), now=early) == [
        ("readings.outside_window", "", {"moment": early})
    ]
    assert check(new(day=dt.date(2010, 2, 11)), now=dt.datetime(2010, 2, 11, 8, 0)) == []


def test_a_moment_past_the_calendar_is_clamped_to_datetime_max() -> None:
    """RD-1: 31 Dec 9999 23:30 UTC is already year 10000 in Rome: clamped to datetime.max."""
    late = dt.datetime(9999, 12, 31, 23, 30, tzinfo=dt.UTC)
    found = check(new(day=dt.date(9999, 12, 31)), now=late)
    assert found[0] == ("readings.outside_window", "", {"moment": dt.datetime.max})
    early = dt.datetime(1, 1, 1, 0, 30, tzinfo=dt.timezone(dt.timedelta(hours=14)))
    found = check(new(day=dt.date(1, 1, 1)), now=early)
    assert found[0] == ("readings.outside_window", "", {"moment": dt.datetime.min})


def test_a_future_date_names_the_date_and_today() -> None:
    """A reading dated tomorrow (Italian time) is refused at ``data`` with both dates."""
    tomorrow = DAY + dt.timedelta(days=1)
    assert check(new(day=tomorrow)) == [
        ("readings.future_date", "data", {"data": tomorrow, "today": DAY})
    ]
    assert check(new(day=DAY)) == []


def test_one_per_day_names_the_day() -> None:
    """RD-3: a second reading on the same day is refused at ``data``, with the day."""
    first = new(40000, id=1)
    assert check(new(), existing=[first]) == [("readings.one_per_day", "data", {"data": DAY})]


def test_below_previous_names_the_previous_value_and_its_day() -> None:
    """A value lower than the last acquired one of an earlier day names that value and day."""
    before = new(50000, day=DAY - dt.timedelta(days=3), stato=StatoAutolettura.ACQUISITA, id=1)
    assert check(new(49999), existing=[before]) == [
        ("readings.below_previous", "lettura_contatore", {"previous": 50000, "data": before.data})
    ]
    assert check(new(50000), existing=[before]) == []


def test_an_acquired_reading_of_the_same_day_is_not_the_previous_one() -> None:
    """RD-3: the same day's acquired reading only makes one_per_day, never below_previous."""
    same_day = new(50000, stato=StatoAutolettura.ACQUISITA, id=1)
    assert check(new(1), existing=[same_day]) == [("readings.one_per_day", "data", {"data": DAY})]


def test_a_reversed_window_is_refused_at_al_with_both_bounds() -> None:
    """RD-1: a window ending before it starts is refused at ``al``; a zero-length one is fine."""
    dal, al = dt.datetime(2026, 3, 2, 8, 0), dt.datetime(2026, 3, 2, 7, 59)
    assert refused(lambda: FinestraLettura(dal, al)) == [
        ("readings.window_reversed", "al", {"dal": dal, "al": al})
    ]
    assert FinestraLettura(dal, dal).contains(dal)


def test_add_saves_a_pending_copy_whatever_the_argument_said() -> None:
    """RD-4: the saved reading is "Da acquisire", not acquired, with the next id and now."""
    stale = new(45000, stato=StatoAutolettura.ACQUISITA, acquisita_il=NOW, id=7)
    (saved,) = add((), stale, windows=[WINDOW], meter=GAS, now=NOW)
    assert saved == attrs.evolve(
        stale, stato=StatoAutolettura.DA_ACQUISIRE, acquisita_il=None, id=1, inserita_il=NOW
    )


# --- delete -----------------------------------------------------------------------------------


def test_delete_violations_in_full() -> None:
    """RD-4, RD-5: each refusal of delete is at ``id``, with the id or the reading's day."""
    pending = new(id=1)
    acquired = new(id=2, day=DAY - dt.timedelta(days=1), stato=StatoAutolettura.ACQUISITA)
    readings = (pending, acquired)
    assert refused(lambda: delete(readings, 9, confirmed=True)) == [
        ("readings.not_found", "id", {"id": 9})
    ]
    assert refused(lambda: delete(readings, 1, confirmed=False)) == [
        ("readings.confirmation_required", "id", {"data": DAY})
    ]
    assert refused(lambda: delete(readings, 2, confirmed=False)) == [
        ("readings.already_acquired", "id", {"data": acquired.data}),
        ("readings.confirmation_required", "id", {"data": acquired.data}),
    ]
    assert delete(readings, 1, confirmed=True) == (acquired,)


def test_acquisition_is_due_after_exactly_the_interval() -> None:
    """RD-5: due at exactly 30 minutes after the last run, not a second before."""
    t = dt.datetime(2015, 2, 15, 10, 0)
    assert acquisition_due(t, t + dt.timedelta(minutes=30))
    assert not acquisition_due(t, t + dt.timedelta(minutes=30) - dt.timedelta(microseconds=1))


# --- typed input (parse_lettura) -------------------------------------------------------------


def test_parse_lettura_default_path_is_lettura() -> None:
    """RD-2: without ``path`` the violations are at ``lettura``."""
    assert refused(lambda: parse_lettura("abc")) == [
        ("readings.not_a_number", "lettura", {"value": "abc"})
    ]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("45,5", "readings.decimal_not_allowed"),
        ("-45", "readings.negative"),
        ("45.00", "readings.ambiguous"),
        ("4x5", "readings.not_a_number"),
    ],
)
def test_parse_lettura_names_the_stripped_text(text: str, code: str) -> None:
    """RD-2: each refusal of typed text carries the text, stripped, at the given path."""
    assert refused(lambda: parse_lettura(f"  {text} ", path="x")) == [(code, "x", {"value": text})]


def test_parse_lettura_takes_exactly_fifteen_digits() -> None:
    """RD-2: 15 digits are a reading, 16 are refused before conversion, with the limit."""
    assert parse_lettura("9" * MAX_CIFRE) == 10**MAX_CIFRE - 1
    assert parse_lettura("999.999.999.999.999") == 10**MAX_CIFRE - 1
    assert refused(lambda: parse_lettura("9" * (MAX_CIFRE + 1), path="x")) == [
        ("readings.input_too_long", "x", {"max": MAX_CIFRE})
    ]


def test_parse_lettura_of_a_non_string_names_its_type() -> None:
    """RD-2: a value that is not text is refused at the path, with its type's name."""
    assert refused(lambda: parse_lettura(45000, path="x")) == [  # type: ignore[arg-type]
        ("readings.not_text", "x", {"type": "int"})
    ]
    assert refused(lambda: parse_lettura(None)) == [  # type: ignore[arg-type]
        ("readings.not_text", "lettura", {"type": "NoneType"})
    ]

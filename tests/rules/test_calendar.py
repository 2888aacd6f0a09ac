"""Working days and helpline hours: CAL-1, CAL-2, CAL-3."""

import datetime as dt
import subprocess
import sys
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sportello.rules.calendar import (
    add_working_days,
    helpline_hours,
    holiday_name,
    is_helpline_open,
    is_public_holiday,
    is_working_day,
    next_helpline_opening,
    next_working_day,
    rome_time,
    working_days_between,
)

ROME = ZoneInfo("Europe/Rome")
UTC = dt.UTC

HOLIDAYS = [
    dt.date(2026, 1, 1),
    dt.date(2026, 1, 6),
    dt.date(2026, 4, 6),  # Easter Monday
    dt.date(2026, 4, 25),
    dt.date(2026, 5, 1),
    dt.date(2026, 6, 2),
    dt.date(2026, 8, 15),
    dt.date(2026, 10, 4),  # San Francesco, a Sunday in 2026
    dt.date(2026, 11, 1),
    dt.date(2026, 12, 8),
    dt.date(2026, 12, 25),
    dt.date(2026, 12, 26),
    dt.date(2027, 3, 29),  # Easter Monday
    dt.date(2027, 10, 4),  # San Francesco, a Monday in 2027
]


@pytest.mark.parametrize("day", HOLIDAYS, ids=str)
def test_national_holidays_are_not_working_days(day: dt.date) -> None:
    """CAL-3: each Italian national holiday is a public holiday and not a working day."""
    assert is_public_holiday(day)
    assert not is_working_day(day)


def test_san_francesco_is_national_holiday_again_from_2026() -> None:
    """CAL-3: 4 October is a holiday from 2026 (a Monday in 2027), not in 2025."""
    assert dt.date(2027, 10, 4).weekday() == 0
    assert holiday_name(dt.date(2027, 10, 4)) == "Saint Francis of Assisi, Patron Saint of Italy"
    assert not is_public_holiday(dt.date(2025, 10, 4))
    assert is_working_day(dt.date(2027, 10, 5))


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2026, 11, 25), True),  # Wednesday
        (dt.date(2026, 11, 28), False),  # Saturday
        (dt.date(2026, 11, 29), False),  # Sunday
        (dt.date(2026, 6, 29), True),  # Rome's patron saints: a working day nationally
        (dt.date(2026, 11, 2), True),
        (dt.date(2026, 12, 24), True),
        (dt.date(2026, 12, 31), True),
        (dt.date(2026, 4, 5), False),  # Easter Sunday
    ],
    ids=str,
)
def test_working_day_table(day: dt.date, expected: bool) -> None:
    """CAL-3: Saturdays, Sundays and holidays are not working days; 29 June is one."""
    assert is_working_day(day) is expected


def test_datetime_is_taken_for_its_date() -> None:
    """CAL-3: a datetime asks about its own date."""
    assert not is_working_day(dt.datetime(2026, 12, 25, 10, 0))
    assert add_working_days(dt.datetime(2026, 12, 24, 23, 0), 1) == dt.date(2026, 12, 28)


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (dt.date(2026, 11, 27), 1, dt.date(2026, 11, 30)),  # Friday + 1 -> Monday
        (dt.date(2026, 11, 25), 3, dt.date(2026, 11, 30)),  # AT-6 three working days
        (dt.date(2026, 12, 23), 3, dt.date(2026, 12, 29)),  # over Christmas
        (dt.date(2026, 12, 31), 1, dt.date(2027, 1, 4)),  # over New Year and a weekend
        (dt.date(2027, 1, 5), 1, dt.date(2027, 1, 7)),  # over the Epiphany
        (dt.date(2027, 10, 1), 1, dt.date(2027, 10, 5)),  # over San Francesco 2027
        (dt.date(2026, 11, 28), 0, dt.date(2026, 11, 28)),  # n = 0 keeps d
        (dt.date(2026, 11, 30), -1, dt.date(2026, 11, 27)),  # backwards
        (dt.date(2026, 12, 28), -2, dt.date(2026, 12, 23)),
    ],
    ids=str,
)
def test_add_working_days_table(start: dt.date, n: int, expected: dt.date) -> None:
    """CAL-3: add_working_days counts from the day after, skipping weekends and holidays."""
    assert add_working_days(start, n) == expected
    assert working_days_between(start, expected) == n


def test_next_working_day() -> None:
    """CAL-3: next_working_day keeps a working day and skips to the next one otherwise."""
    assert next_working_day(dt.date(2026, 11, 25)) == dt.date(2026, 11, 25)
    assert next_working_day(dt.date(2027, 10, 2)) == dt.date(2027, 10, 5)


dates = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2035, 12, 31))


@given(day=dates, n=st.integers(min_value=-60, max_value=60).filter(lambda k: k != 0))
def test_add_working_days_lands_on_working_day(day: dt.date, n: int) -> None:
    """CAL-3: for n != 0, add_working_days always lands on a working day."""
    assert is_working_day(add_working_days(day, n))


@given(day=dates, n=st.integers(min_value=-60, max_value=60))
def test_working_days_between_inverts_add(day: dt.date, n: int) -> None:
    """CAL-3: working_days_between(a, add_working_days(a, n)) == n, for negative n too."""
    assert working_days_between(day, add_working_days(day, n)) == n


@given(a=dates, b=dates)
def test_working_days_between_matches_counting(a: dt.date, b: dt.date) -> None:
    """CAL-3: working_days_between counts (a, b] forwards and minus [b, a) backwards."""
    lo, hi = min(a, b), max(a, b)
    span = [lo + dt.timedelta(days=i) for i in range((hi - lo).days + 1)]
    if b >= a:
        assert working_days_between(a, b) == sum(1 for d in span[1:] if is_working_day(d))
    else:
        assert working_days_between(a, b) == -sum(1 for d in span[:-1] if is_working_day(d))


def test_working_days_between_edges() -> None:
    """CAL-3: the start is excluded and the end included, in both directions."""
    fri, sat, mon = dt.date(2026, 11, 27), dt.date(2026, 11, 28), dt.date(2026, 11, 30)
    assert working_days_between(fri, mon) == 1
    assert working_days_between(sat, mon) == 1
    assert working_days_between(mon, fri) == -1
    assert working_days_between(mon, sat) == 0
    assert working_days_between(fri, fri) == 0


HELPLINE = [
    # (Europe/Rome local time, open?)
    (dt.datetime(2026, 11, 25, 7, 59), False),
    (dt.datetime(2026, 11, 25, 8, 0), True),
    (dt.datetime(2026, 11, 25, 17, 59), True),
    (dt.datetime(2026, 11, 25, 17, 59, 59), True),
    (dt.datetime(2026, 11, 25, 18, 0), False),
    (dt.datetime(2026, 11, 28, 10, 0), False),  # Saturday
    (dt.datetime(2026, 12, 8, 10, 0), False),  # Immacolata, a Tuesday
    (dt.datetime(2026, 12, 24, 11, 59), True),
    (dt.datetime(2026, 12, 24, 12, 0), False),
    (dt.datetime(2026, 12, 31, 8, 0), True),
    (dt.datetime(2026, 12, 31, 12, 0), False),
    (dt.datetime(2026, 11, 2, 11, 0), True),
    (dt.datetime(2026, 11, 2, 15, 0), False),
    (dt.datetime(2026, 6, 29, 10, 0), False),  # Rome's patron saints, a Monday
    (dt.datetime(2027, 6, 29, 10, 0), False),
    (dt.datetime(2026, 6, 30, 10, 0), True),
    (dt.datetime(2027, 10, 4, 10, 0), False),  # San Francesco
]


@pytest.mark.parametrize(("moment", "expected"), HELPLINE, ids=str)
def test_helpline_boundaries(moment: dt.datetime, expected: bool) -> None:
    """CAL-1, CAL-2: the helpline opens at 8:00, closes at 18:00 (12:00 on short days)."""
    assert is_helpline_open(moment) is expected
    assert is_helpline_open(moment.replace(tzinfo=ROME)) is expected


@pytest.mark.parametrize(
    ("utc", "expected"),
    [
        (dt.datetime(2026, 3, 27, 6, 59, tzinfo=UTC), False),  # Friday, CET: 7:59
        (dt.datetime(2026, 3, 27, 7, 0, tzinfo=UTC), True),  # 8:00
        (dt.datetime(2026, 3, 30, 5, 59, tzinfo=UTC), False),  # Monday after DST, CEST: 7:59
        (dt.datetime(2026, 3, 30, 6, 0, tzinfo=UTC), True),  # 8:00
        (dt.datetime(2026, 3, 30, 15, 59, tzinfo=UTC), True),  # 17:59
        (dt.datetime(2026, 3, 30, 16, 0, tzinfo=UTC), False),  # 18:00
        (dt.datetime(2026, 10, 26, 6, 59, tzinfo=UTC), False),  # Monday after DST end: 7:59
        (dt.datetime(2026, 10, 26, 7, 0, tzinfo=UTC), True),  # 8:00
        (dt.datetime(2026, 3, 29, 10, 0, tzinfo=UTC), False),  # the DST Sunday itself
        (dt.datetime(2026, 11, 24, 23, 30, tzinfo=UTC), False),  # 0:30 on the 25th
    ],
    ids=str,
)
def test_helpline_converts_aware_times_across_dst(utc: dt.datetime, expected: bool) -> None:
    """CAL-1: an aware (UTC) time is converted to Europe/Rome, DST included."""
    assert is_helpline_open(utc) is expected


def test_helpline_hours_table() -> None:
    """CAL-1, CAL-2: ordinary, short and closed days."""
    assert helpline_hours(dt.date(2026, 11, 25)) == (dt.time(8), dt.time(18))
    assert helpline_hours(dt.date(2026, 12, 24)) == (dt.time(8), dt.time(12))
    assert helpline_hours(dt.date(2027, 11, 2)) == (dt.time(8), dt.time(12))
    assert helpline_hours(dt.date(2026, 6, 29)) is None
    assert helpline_hours(dt.date(2026, 12, 25)) is None
    assert helpline_hours(dt.date(2027, 12, 31)) == (dt.time(8), dt.time(12))  # a Friday


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (dt.datetime(2026, 11, 25, 9, 0), dt.datetime(2026, 11, 25, 9, 0, tzinfo=ROME)),
        (dt.datetime(2026, 11, 25, 7, 0), dt.datetime(2026, 11, 25, 8, 0, tzinfo=ROME)),
        (dt.datetime(2026, 11, 27, 18, 0), dt.datetime(2026, 11, 30, 8, 0, tzinfo=ROME)),
        (dt.datetime(2026, 12, 24, 12, 0), dt.datetime(2026, 12, 28, 8, 0, tzinfo=ROME)),
        (dt.datetime(2026, 6, 28, 20, 0), dt.datetime(2026, 6, 30, 8, 0, tzinfo=ROME)),
        (
            dt.datetime(2026, 3, 28, 12, 0, tzinfo=UTC),
            dt.datetime(2026, 3, 30, 8, 0, tzinfo=ROME),
        ),
    ],
    ids=str,
)
def test_next_helpline_opening(moment: dt.datetime, expected: dt.datetime) -> None:
    """CAL-1, CAL-2: the next opening skips closed hours, weekends, holidays and 29 June."""
    found = next_helpline_opening(moment)
    assert found == expected
    assert found.utcoffset() == expected.utcoffset()
    assert is_helpline_open(found)


def test_naive_time_is_rome_local_time() -> None:
    """CAL-1: a naive datetime is Europe/Rome local time, an aware one is converted."""
    assert rome_time(dt.datetime(2026, 7, 1, 8, 0)).utcoffset() == dt.timedelta(hours=2)
    assert rome_time(dt.datetime(2026, 7, 1, 6, 0, tzinfo=UTC)).hour == 8


def test_holidays_package_is_imported_lazily() -> None:
    """CAL-3: importing the calendar does not import the holidays package."""
    code = (
        "import sys, sportello.rules.calendar as c, datetime as d; "
        "a = 'holidays' in sys.modules; c.is_working_day(d.date(2026, 1, 1)); "
        "print(a, 'holidays' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == ["False", "True"]


@pytest.mark.parametrize(
    ("start", "n"),
    [
        (dt.date(10, 1, 1), -2_350),
        (dt.date(9999, 12, 30), 5),
        (dt.date(2026, 11, 25), 10**18),
        (dt.date(2026, 11, 25), -(10**18)),
    ],
)
def test_add_working_days_off_the_calendar_is_refused(start: dt.date, n: int) -> None:
    """A count leaving years 1-9999 gives calendar.date_out_of_range at ``n`` (rule: CAL-3)."""
    from sportello import ValidationError

    with pytest.raises(ValidationError) as caught:
        add_working_days(start, n)
    assert [(v.code, v.path, v.rule) for v in caught.value.violations] == [
        ("calendar.date_out_of_range", "n", "CAL-3")
    ]


@given(st.dates(), st.integers(-20, 20))
def test_add_working_days_answers_or_refuses_on_the_whole_calendar(d: dt.date, n: int) -> None:
    """On any date of 1-9999, add_working_days is a date or calendar.date_out_of_range (CAL-3)."""
    from sportello import ValidationError

    found: dt.date | None
    try:
        found, codes = add_working_days(d, n), set()
    except ValidationError as err:
        found, codes = None, {v.code for v in err.violations}
    if found is None:  # refused only near the edge it walks towards (a week holds 5 days)
        edge = dt.date.max if n >= 0 else dt.date.min
        assert codes == {"calendar.date_out_of_range"}
        assert abs((edge - d).days) < 2 * abs(n) + 7
    else:
        assert working_days_between(d, found) == n


def test_rome_time_before_year_one_is_refused() -> None:
    """0001-01-01 00:00+14:00 is still year 0 in Rome: calendar.date_out_of_range (CAL-1)."""
    from sportello import ValidationError

    with pytest.raises(ValidationError) as caught:
        rome_time(dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=14))))
    assert [v.code for v in caught.value.violations] == ["calendar.date_out_of_range"]


def test_add_working_days_refuses_a_far_count_without_walking(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """CAL-3: a count past the calendar's edge is refused before looking at a single day."""
    from sportello import ValidationError
    from sportello.rules import calendar

    looked: list[dt.date] = []
    monkeypatch.setattr(calendar, "is_working_day", lambda d: looked.append(d) or True)
    for n in (10**18, -(10**18), 3_000_000):
        with pytest.raises(ValidationError) as caught:
            add_working_days(dt.date(2026, 11, 25), n)
        assert caught.value.violations[0].params == {"data": "2026-11-25"}
    # near one edge, a count past it (but not past the other edge) is refused at once too
    for start, n in ((dt.date(9999, 12, 1), 100), (dt.date(1, 1, 31), -100)):
        with pytest.raises(ValidationError) as caught:
            add_working_days(start, n)
        assert caught.value.violations[0].params == {"data": start.isoformat()}
    assert looked == []


def test_add_working_days_reaches_the_last_day_of_the_calendar() -> None:
    """CAL-3: exactly as many days as are left to 31 December 9999 (a Friday) is still allowed."""
    assert add_working_days(dt.date(9999, 12, 30), 1) == dt.date(9999, 12, 31)
    assert add_working_days(dt.date(1, 1, 2), -1) == dt.date(1, 1, 1)  # year 1 has no holidays
    assert add_working_days(dt.date(9999, 12, 31), 0) == dt.date(9999, 12, 31)


def test_out_of_range_names_the_origin_and_its_path() -> None:
    """CAL-3: the refusal carries the day counted from and the argument's path."""
    from sportello import ValidationError

    with pytest.raises(ValidationError) as caught:
        add_working_days(dt.date(9999, 12, 30), 5)
    [v] = caught.value.violations
    assert (v.code, v.path, v.params) == ("calendar.date_out_of_range", "n", {"data": "9999-12-30"})


def test_working_days_between_at_the_first_day_of_the_calendar() -> None:
    """CAL-3: counting back to 1 January of year 1 (a Monday, no holidays) does not overflow."""
    # [0001-01-01, 0001-01-10) holds Mon 1 .. Fri 5 and Mon 8, Tue 9: 7 working days
    assert working_days_between(dt.date(1, 1, 10), dt.date.min) == -7
    assert working_days_between(dt.date(1, 1, 2), dt.date.min) == -1
    assert working_days_between(dt.date.min, dt.date.min) == 0
    assert working_days_between(dt.date.min, dt.date(1, 1, 10)) == 7
    assert working_days_between(dt.date(1, 1, 3), dt.date(1, 12, 31)) == 258  # counted day by day
    assert working_days_between(dt.date(9999, 12, 31), dt.date(9999, 12, 31)) == 0


def test_working_days_between_backwards_is_minus_the_forward_count() -> None:
    """CAL-3: b < a counts [b, a) negatively; the days just before a holiday are exact."""
    # Wed 24 Dec 2026 back to Mon 21 Dec: 21, 22, 23 are working days
    assert working_days_between(dt.date(2026, 12, 24), dt.date(2026, 12, 21)) == -3
    assert working_days_between(dt.date(2026, 12, 21), dt.date(2026, 12, 24)) == 3
    assert working_days_between(dt.date(2026, 12, 28), dt.date(2026, 12, 24)) == -1


def test_next_helpline_opening_after_closing_is_the_next_morning() -> None:
    """CAL-1: after 18:00 on a Wednesday the next opening is Thursday 8:00, one day later."""
    found = next_helpline_opening(dt.datetime(2026, 11, 25, 18, 0))
    assert found == dt.datetime(2026, 11, 26, 8, 0, tzinfo=ROME)
    found = next_helpline_opening(dt.datetime(2026, 11, 25, 23, 59))
    assert found == dt.datetime(2026, 11, 26, 8, 0, tzinfo=ROME)


def test_next_helpline_opening_past_the_calendar_is_refused_at_moment() -> None:
    """CAL-1: after closing on 31 December 9999 there is no next day: refused at ``moment``."""
    from sportello import ValidationError

    with pytest.raises(ValidationError) as caught:
        next_helpline_opening(dt.datetime(9999, 12, 31, 13, 0))
    [v] = caught.value.violations
    assert (v.code, v.path, v.params) == (
        "calendar.date_out_of_range",
        "moment",
        {"data": "9999-12-31"},
    )


def test_rome_time_refusal_is_at_moment() -> None:
    """CAL-1: a moment before year 1 in Rome is refused at the path ``moment``."""
    from sportello import ValidationError

    with pytest.raises(ValidationError) as caught:
        rome_time(dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=14))))
    [v] = caught.value.violations
    assert (v.path, v.params) == ("moment", {"data": "0001-01-01"})


class _NoOffset(dt.tzinfo):
    """A time zone that does not know its offset: the datetime is naive for Python."""

    def utcoffset(self, _dt: dt.datetime | None) -> dt.timedelta | None:
        return None

    def dst(self, _dt: dt.datetime | None) -> dt.timedelta | None:
        return None

    def tzname(self, _dt: dt.datetime | None) -> str | None:
        return None


def test_rome_time_takes_a_zone_without_offset_as_rome_local_time() -> None:
    """CAL-1: a tzinfo whose utcoffset() is None is local time, like a naive datetime."""
    found = rome_time(dt.datetime(2026, 7, 1, 8, 0, tzinfo=_NoOffset()))
    assert found == dt.datetime(2026, 7, 1, 8, 0, tzinfo=ROME)
    assert found.tzinfo == ROME

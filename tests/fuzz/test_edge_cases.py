"""What the fuzz targets found: each failing input, pinned as a regression test once fixed.

Every test here started as a strict ``xfail`` holding the exact input the fuzzer shrank to;
each fix turned it into an ordinary test that checks the documented answer (a result, or
``ValidationError`` with its code), so the bug cannot come back unnoticed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from sportello import ValidationError
from sportello.forms import FORMS, FormError, load
from sportello.rules import area_clienti, attachments, calendar, profile, readings
from sportello.rules.supply import Fornitura

from .conftest import outcome

_PLUS_14 = dt.timezone(dt.timedelta(hours=14))


def _codes(error: object) -> list[str]:
    """The violation codes of a ValidationError returned by :func:`outcome`."""
    assert isinstance(error, ValidationError)
    return [v.code for v in error.violations]


@pytest.mark.parametrize(
    ("start", "n"),
    [(dt.date(10, 1, 1), -2_350), (dt.date(9999, 12, 30), 5), (dt.date(5000, 1, 1), 10**18)],
)
def test_add_working_days_off_the_calendar(start: dt.date, n: int) -> None:
    """add_working_days past year 1 or 9999 refuses with calendar.date_out_of_range (CAL-3)."""
    status, error = outcome(lambda: calendar.add_working_days(start, n))
    assert status == "invalid"
    assert _codes(error) == ["calendar.date_out_of_range"]


def test_add_working_days_up_to_the_first_day_of_the_calendar() -> None:
    """add_working_days may land on 0001-01-02, just inside the calendar (CAL-3)."""
    assert calendar.add_working_days(dt.date(1, 1, 3), -1) == dt.date(1, 1, 2)


def test_working_days_between_from_the_first_day_of_the_calendar() -> None:
    """working_days_between to dt.date.min inverts the count from it (CAL-3)."""
    forward = calendar.working_days_between(dt.date.min, dt.date(1, 1, 10))
    assert calendar.working_days_between(dt.date(1, 1, 10), dt.date.min) == -forward


def test_next_helpline_opening_after_the_last_day_of_the_calendar() -> None:
    """next_helpline_opening on the evening of 9999-12-31 refuses, not OverflowError (CAL-1)."""
    status, error = outcome(
        lambda: calendar.next_helpline_opening(dt.datetime(9999, 12, 31, 20, 0))
    )
    assert status == "invalid"
    assert _codes(error) == ["calendar.date_out_of_range"]


def test_check_new_with_now_at_the_start_of_time() -> None:
    """check_new with an aware ``now`` on 0001-01-01 answers violations (RD-1)."""
    reading = readings.Autolettura(punto="PR002874", data=dt.date(2000, 1, 1), lettura_contatore=0)
    status, found = outcome(
        lambda: readings.check_new(
            reading,
            existing=[],
            windows=[],
            meter=readings.Contatore(fornitura=Fornitura.ELETTRICITA),
            now=dt.datetime(1, 1, 1, tzinfo=_PLUS_14),
        )
    )
    assert status == "ok"
    assert [v.code for v in found] == ["readings.outside_window", "readings.future_date"]


@pytest.mark.parametrize("cifre", [4_000_000, 0, -5, readings.MAX_CIFRE + 1])
def test_a_meter_with_an_impossible_number_of_digits(cifre: int) -> None:
    """A Contatore with ``cifre`` outside 1..15 is refused at construction (RD-2)."""
    status, error = outcome(
        lambda: readings.Contatore(fornitura=Fornitura.GAS, cifre=cifre), seconds=1
    )
    assert status == "invalid"
    assert _codes(error) == ["readings.meter_digits_out_of_range"]


def test_a_meter_with_the_most_digits() -> None:
    """A Contatore with MAX_CIFRE digits checks a reading at once (RD-2)."""
    meter = readings.Contatore(fornitura=Fornitura.GAS, cifre=readings.MAX_CIFRE)
    reading = readings.Autolettura(punto="PR002874", data=dt.date(2026, 1, 1), lettura_contatore=1)
    found = readings.check_new(
        reading, existing=[], windows=[], meter=meter, now=dt.datetime(2026, 1, 2, 12, 0)
    )
    assert [v.code for v in found] == ["readings.outside_window"]


def test_filter_measurements_with_naive_and_aware_instants() -> None:
    """filter_measurements orders naive (Rome) and aware instants together, in Rome time (UP-8)."""
    rome_noon = area_clienti.Misura(istante=dt.datetime(2000, 1, 1, 12), energia_kwh=Decimal(1))
    utc_ten = area_clienti.Misura(  # 11:00 in Rome (CET, UTC+1)
        istante=dt.datetime(2000, 1, 1, 10, tzinfo=dt.UTC), energia_kwh=Decimal(2)
    )
    utc_late = area_clienti.Misura(  # 00:30 on 2 January in Rome: another day
        istante=dt.datetime(2000, 1, 1, 23, 30, tzinfo=dt.UTC), energia_kwh=Decimal(3)
    )
    status, found = outcome(
        lambda: area_clienti.filter_measurements(
            [rome_noon, utc_late, utc_ten], dt.date(2000, 1, 1), dt.date(2000, 1, 1)
        )
    )
    assert status == "ok"
    assert found == (utc_ten, rome_noon)


def test_filter_measurements_with_an_instant_before_the_calendar() -> None:
    """An aware instant still in year 0 in Rome lies outside every interval (UP-8)."""
    early = area_clienti.Misura(
        istante=dt.datetime(1, 1, 1, tzinfo=_PLUS_14), energia_kwh=Decimal(1)
    )
    assert area_clienti.filter_measurements([early], dt.date.min, dt.date(1, 1, 2)) == ()


@pytest.mark.parametrize("delimiter", ["", ";;", '"', "\n", "\r", "\x00"])
def test_measurements_csv_with_a_bad_delimiter(delimiter: str) -> None:
    """measurements_csv refuses a delimiter that is not one usable character (UP-8)."""
    status, error = outcome(lambda: area_clienti.measurements_csv([], delimiter=delimiter))
    assert status == "invalid"
    assert _codes(error) == ["profile.csv_delimiter_invalid"]


@pytest.mark.parametrize("amount", ["sNaN", "NaN", "Infinity", "-Infinity"])
def test_yearly_withdrawals_with_a_non_finite_amount(amount: str) -> None:
    """yearly_withdrawals refuses a NaN or infinite amount with its path (UP-7)."""
    item = area_clienti.PrelievoMensile(
        anno=2026, mese=1, energia_kwh=Decimal(amount), potenza_kw=Decimal(3)
    )
    status, error = outcome(lambda: area_clienti.yearly_withdrawals([item]))
    assert status == "invalid"
    assert isinstance(error, ValidationError)
    assert [(v.code, v.path) for v in error.violations] == [
        ("profile.amount_not_finite", "[0].energia_kwh")
    ]


def test_yearly_withdrawals_past_the_largest_decimal() -> None:
    """yearly_withdrawals whose sum overflows decimal refuses with amount_out_of_range (UP-7)."""
    huge = area_clienti.PrelievoMensile(
        anno=2026, mese=1, energia_kwh=Decimal("9E+999999"), potenza_kw=Decimal(3)
    )
    status, error = outcome(lambda: area_clienti.yearly_withdrawals([huge, huge]))
    assert status == "invalid"
    assert _codes(error) == ["profile.amount_out_of_range"]


@pytest.mark.parametrize(
    "text", ["9" * 4_301, "9" * 16, "999.999.999.999.999.999"], ids=["4301", "16", "grouped-18"]
)
def test_parse_lettura_with_more_digits_than_a_meter(text: str) -> None:
    """parse_lettura refuses more than 15 digits before int() (RD-2)."""
    status, error = outcome(lambda: readings.parse_lettura(text))
    assert status == "invalid"
    assert _codes(error) == ["readings.input_too_long"]


def test_parse_lettura_with_the_most_digits() -> None:
    """parse_lettura accepts a reading of exactly 15 digits, grouped or not (RD-2)."""
    assert readings.parse_lettura("9" * 15) == 10**15 - 1
    assert readings.parse_lettura("999.999.999.999.999") == 10**15 - 1


@pytest.mark.parametrize("lettura", ["9" * 5_000, 10**5_000], ids=["text", "int"])
def test_autolettura_form_with_thousands_of_digits(lettura: object) -> None:
    """forms.load of an Autolettura with a 5,000-digit reading raises FormError (RD-2)."""
    document = {"punto": "PR002874", "data": "2026-11-20", "lettura_contatore": lettura}
    status, error = outcome(lambda: load(FORMS["autolettura"], document))
    assert status == "invalid"
    assert isinstance(error, FormError)
    assert _codes(error) == ["readings.input_too_long"]


#: Validators declared ``str`` that meet raw text: each answers a wrong type with its family's
#: ``*.not_text`` (``is_valid_spcen`` answers ``False``, like the identifiers' ``is_valid``).
TEXT_VALIDATORS: dict[str, tuple[Callable[[Any], object], str]] = {
    "profile.normalize_phone": (profile.normalize_phone, "profile.not_text"),
    "profile.normalize_email": (profile.normalize_email, "profile.not_text"),
    "readings.parse_lettura": (readings.parse_lettura, "readings.not_text"),
    "attachments.check_name": (attachments.check_name, "attachments.not_text"),
    "attachments.compact_spcen": (attachments.compact_spcen, "attachments.not_text"),
    "area_clienti.check_registration": (
        lambda v: area_clienti.check_registration(v, v, anagrafica=None),
        "profile.not_text",
    ),
    "area_clienti.check_section_update": (area_clienti.check_section_update, "profile.not_text"),
}


@pytest.mark.parametrize("wrong", [[], None, 42, b"bytes"], ids=repr)
@pytest.mark.parametrize("key", sorted(TEXT_VALIDATORS))
def test_text_validator_with_a_wrong_type(key: str, wrong: object) -> None:
    """A text validator given a non-str answers its family's not_text violation."""
    validator, code = TEXT_VALIDATORS[key]
    status, value = outcome(lambda: validator(wrong))
    codes = [v.code for v in value] if status == "ok" else _codes(value)
    assert codes
    assert set(codes) == {code}


@pytest.mark.parametrize("wrong", [[], None, 42, b"SPCEN1"], ids=repr)
def test_is_valid_spcen_with_a_wrong_type(wrong: object) -> None:
    """is_valid_spcen answers False for a non-str, never raises (AT-6)."""
    assert attachments.is_valid_spcen(wrong) is False  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("call", "code"),
    [
        (lambda: profile.normalize_email("é" * 1_000_000), "profile.email_too_long"),
        (lambda: profile.normalize_email("a" * 243 + "@example.com"), "profile.email_too_long"),
        (lambda: profile.normalize_phone("3" * 65), "profile.phone_too_long"),
    ],
    ids=["megabyte-email", "255-char-email", "65-char-phone"],
)
def test_over_long_contact_refused_before_parsing(call: Callable[[], object], code: str) -> None:
    """An e-mail over 254 or a phone over 64 characters is refused by length (UP-6)."""
    status, error = outcome(call)
    assert status == "invalid"
    assert _codes(error) == [code]


def test_longest_email_still_parsed() -> None:
    """An e-mail of exactly 254 characters passes the length rule and is accepted (UP-6)."""
    address = "a" * 64 + "@" + ".".join(["b" * 60] * 3) + "." + "c" * 6
    assert len(address) == profile.MAX_EMAIL_LENGTH
    assert profile.normalize_email(address) == address

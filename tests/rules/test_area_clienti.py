"""Customer area: registration, recovery, invoices, withdrawals, measurements, documents."""

import csv
import datetime as dt
import io
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sportello import ValidationError
from sportello.rules.area_clienti import (
    LISTED_FROM,
    READ_ONLY_SECTIONS,
    Anagrafica,
    Documento,
    Fattura,
    Misura,
    PrelievoAnnuo,
    PrelievoMensile,
    Riepilogo,
    check_download,
    check_registration,
    check_section_update,
    confirm_registration,
    documents_for,
    downloadable,
    filter_measurements,
    invoice_list,
    listable,
    measurement_rows,
    measurements_csv,
    password_recovery_recipient,
    summary,
    withdrawals_table,
    yearly_withdrawals,
)

# The seed's test company ("PROVA S.P.A.", code 000002) with a real-shaped partita IVA.
PROVA = Anagrafica(
    "000002",
    "PROVA S.P.A.",
    "VIA DI PROVA 35 - 59100 PRATO (PO)",
    codice_fiscale="00743110157",
    partita_iva="00743110157",
)
ROSSI = Anagrafica(
    "005007",
    "MARIO ROSSI",
    "VIA PROVA 5 - 48124 RAVENNA (RA)",
    codice_fiscale="RSSMRA85T10A562S",
    email="mario.rossi@example.com",
)


# --- registration (UP-1, UP-2) ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("codice", "tax", "record"),
    [
        ("000002", "00743110157", PROVA),
        (" 000 002 ", " 007 4311 0157 ", PROVA),
        ("000002", "IT00743110157", PROVA),
        ("000002", "00743110157", attrs.evolve(PROVA, partita_iva="IT 00743110157")),
        ("005007", "RSSMRA85T10A562S", ROSSI),
        ("005007", "rssmra85t10a562s", ROSSI),
    ],
)
def test_matching_codes_register(codice: str, tax: str, record: Anagrafica) -> None:
    """Customer code plus codice fiscale or partita IVA that match pass (rules: UP-1, UP-2)."""
    assert check_registration(codice, tax, anagrafica=record) == []


@pytest.mark.parametrize(
    ("codice", "tax", "record"),
    [
        ("000003", "00743110157", PROVA),  # wrong customer code
        ("000002", "RSSMRA85T10A562S", PROVA),  # someone else's codice fiscale
        ("005007", "00743110157", ROSSI),
        ("000002", "00743110157", None),  # no customer with that code
    ],
)
def test_mismatch_does_not_reveal_which_code_was_wrong(
    codice: str, tax: str, record: Anagrafica | None
) -> None:
    """A failed match is one violation without a path, the same in every case (rule: UP-1)."""
    found = check_registration(codice, tax, anagrafica=record)
    assert [(v.code, v.path, v.rule, dict(v.params)) for v in found] == [
        ("profile.registration_mismatch", "", "UP-1", {})
    ]


def test_malformed_codes_are_reported_with_paths() -> None:
    """A customer code that is not six digits is refused before any match (rule: UP-2)."""
    found = check_registration("2", "123", anagrafica=PROVA)
    assert [(v.code, v.path) for v in found] == [
        ("codice_cliente.invalid_length", "codice_cliente"),
        ("profile.tax_code_invalid", "codice_fiscale_o_piva"),
    ]
    bad_checksum = check_registration("000002", "00743110158", anagrafica=PROVA)
    assert [(v.code, v.path) for v in bad_checksum] == [
        ("partita_iva.invalid_checksum", "codice_fiscale_o_piva")
    ]


def test_other_code_lengths_are_configurable() -> None:
    """A utility with eight-digit codes passes digits=8 (rule: UP-2)."""
    record = Anagrafica("12345678", "X", "Y", partita_iva="00743110157")
    assert check_registration("12345678", "00743110157", anagrafica=record, digits=8) == []


def test_summary_and_registration_email() -> None:
    """After a match the summary shows code, name, address; the e-mail is then set (rule: UP-1)."""
    assert summary(PROVA) == Riepilogo(
        "000002", "PROVA S.P.A.", "VIA DI PROVA 35 - 59100 PRATO (PO)"
    )
    done = confirm_registration(PROVA, " Amministrazione@PROVA.example.com ")
    assert done.email == "Amministrazione@prova.example.com"
    with pytest.raises(ValidationError) as err:
        confirm_registration(PROVA, "")
    assert err.value.codes == ("profile.registration_email_missing",)


def test_tax_codes_never_appear_in_reprs() -> None:
    """Codici fiscali, partite IVA and e-mails are kept out of the record's repr (rule: UP-1)."""
    shown = repr(ROSSI)
    assert "RSSMRA85T10A562S" not in shown
    assert "example.com" not in shown
    assert "005007" in shown


# --- password recovery (UP-3) -----------------------------------------------------------------


def test_password_recovery_needs_only_the_customer_code() -> None:
    """The new password goes to the e-mail given at registration (rule: UP-3)."""
    book = {"005007": ROSSI, "000002": PROVA}
    assert password_recovery_recipient("005007", anagrafiche=book) == "mario.rossi@example.com"
    assert password_recovery_recipient("000002", anagrafiche=book) is None  # not registered
    assert password_recovery_recipient("999999", anagrafiche=book) is None  # unknown
    with pytest.raises(ValidationError) as err:
        password_recovery_recipient("5007", anagrafiche=book)
    assert err.value.violations[0].path == "codice_cliente"


# --- invoices (UP-5) --------------------------------------------------------------------------

INVOICES = [
    Fattura("2013/900", dt.date(2013, 12, 31), Decimal("120.00"), pdf=True),
    Fattura("2014/001", dt.date(2014, 1, 1), Decimal("98.10"), pdf=True),
    Fattura("2014/137", dt.date(2014, 7, 15), Decimal("82.40")),
    Fattura("2015/020", dt.date(2015, 2, 15), Decimal("64.00"), pdf=True),
]


def test_invoices_are_listed_from_2014_newest_first() -> None:
    """Invoices "dal 2014" are listed, newest first (rule: UP-5)."""
    assert dt.date(2014, 1, 1) == LISTED_FROM
    assert [f.numero for f in invoice_list(INVOICES)] == ["2015/020", "2014/137", "2014/001"]
    assert not listable(INVOICES[0])
    assert [f.numero for f in invoice_list(INVOICES, dal=dt.date(2015, 1, 1))] == ["2015/020"]


def test_only_invoices_with_a_pdf_are_downloadable() -> None:
    """Only rows with the PDF symbol in the "Doc" column can be downloaded (rule: UP-5)."""
    assert [downloadable(f) for f in INVOICES] == [False, True, False, True]
    assert [v.code for v in check_download(INVOICES[2])] == ["profile.invoice_pdf_missing"]
    assert [v.code for v in check_download(INVOICES[0])] == ["profile.invoice_not_listed"]
    assert check_download(INVOICES[3]) == []


# --- withdrawals per year (UP-7) --------------------------------------------------------------


def test_yearly_withdrawals_sum_energy_and_take_peak_power() -> None:
    """Energy adds up by year, power is the year's peak (rule: UP-7)."""
    months = [
        PrelievoMensile(2015, 1, Decimal("300"), Decimal("3.0")),
        PrelievoMensile(2014, 6, Decimal("2969"), Decimal("4.5")),  # the seed's invoice figure
        PrelievoMensile(2014, 7, Decimal("250.5"), Decimal("3.2")),
        PrelievoMensile(2014, 7, Decimal("-20.5"), Decimal("3.2")),  # adjustment, same month
    ]
    assert yearly_withdrawals(months) == (
        PrelievoAnnuo(2014, Decimal("3199.0"), Decimal("4.5"), 2),
        PrelievoAnnuo(2015, Decimal("300"), Decimal("3.0"), 1),
    )
    assert withdrawals_table(yearly_withdrawals(months)) == [
        ("Anno", "Energia (kWh)", "Potenza (kW)"),
        ("2014", "3199,0", "4,5"),
        ("2015", "300", "3,0"),
    ]
    assert yearly_withdrawals([]) == ()


@given(
    st.lists(
        st.builds(
            PrelievoMensile,
            st.integers(2014, 2020),
            st.integers(1, 12),
            st.decimals(0, 10_000, places=1),
            st.decimals(0, 100, places=1),
        ),
        max_size=30,
    )
)
def test_yearly_totals_preserve_the_overall_energy(months: list[PrelievoMensile]) -> None:
    """The years' energy adds up to the months' energy; each year's power is a month's (UP-7)."""
    years = yearly_withdrawals(months)
    assert sum((y.energia_kwh for y in years), Decimal(0)) == sum(
        (m.energia_kwh for m in months), Decimal(0)
    )
    for y in years:
        assert y.potenza_kw == max(m.potenza_kw for m in months if m.anno == y.anno)
    assert [y.anno for y in years] == sorted({m.anno for m in months})


# --- measurements (UP-8) ----------------------------------------------------------------------

MEASURES = [
    Misura(dt.datetime(2014, 6, 30, 23, 45), Decimal("0.30"), Decimal("1.2")),
    Misura(dt.datetime(2014, 6, 1, 0, 0), Decimal("0.25")),
    Misura(dt.datetime(2014, 5, 31, 23, 45), Decimal("0.20")),
    Misura(dt.datetime(2014, 7, 1, 0, 0), Decimal("0.40")),
]


def test_filter_includes_both_days_whole() -> None:
    """From the first day's 00:00 to the last day's 23:45, in time order (rule: UP-8)."""
    chosen = filter_measurements(MEASURES, dt.date(2014, 6, 1), dt.date(2014, 6, 30))
    assert [m.istante for m in chosen] == [
        dt.datetime(2014, 6, 1, 0, 0),
        dt.datetime(2014, 6, 30, 23, 45),
    ]
    one_day = filter_measurements(MEASURES, dt.date(2014, 7, 1), dt.date(2014, 7, 1))
    assert len(one_day) == 1


def test_reversed_interval_is_refused() -> None:
    """An end date before the start date is profile.interval_reversed (rule: UP-8)."""
    with pytest.raises(ValidationError) as err:
        filter_measurements(MEASURES, dt.date(2014, 7, 1), dt.date(2014, 6, 1))
    assert err.value.codes == ("profile.interval_reversed",)
    assert err.value.violations[0].rule == "UP-8"


def test_export_rows_and_csv_read_back() -> None:
    """The download for one's own processing is ; separated with decimal commas (rule: UP-8)."""
    chosen = filter_measurements(MEASURES, dt.date(2014, 6, 1), dt.date(2014, 6, 30))
    rows = measurement_rows(chosen)
    assert rows == [
        ("Data e ora", "Energia (kWh)", "Potenza (kW)"),
        ("01/06/2014 00:00", "0,25", ""),
        ("30/06/2014 23:45", "0,30", "1,2"),
    ]
    text = measurements_csv(chosen)
    assert [tuple(r) for r in csv.reader(io.StringIO(text), delimiter=";")] == rows
    assert measurements_csv(chosen, delimiter=",").splitlines()[1] == '01/06/2014 00:00,"0,25",'


# --- read-only data, documents and tickets (UP-9) ---------------------------------------------


@pytest.mark.parametrize(
    ("section", "refused"),
    [("dati_tecnici", True), ("dati_contrattuali", True), ("anagrafica", False)],
)
def test_technical_and_contract_data_are_read_only(section: str, refused: bool) -> None:
    """Technical and contract data are "in sola consultazione" (rule: UP-9)."""
    found = check_section_update(section)
    assert [(v.code, v.rule, v.path) for v in found] == (
        [("profile.read_only", "UP-9", section)] if refused else []
    )
    assert section in READ_ONLY_SECTIONS or not refused


def test_documents_and_tickets_are_listed_per_customer() -> None:
    """Each customer sees only their own documents and tickets, newest first (rule: UP-9)."""
    items = [
        Documento("005007", "Condizioni contrattuali", dt.date(2014, 3, 1)),
        Documento("005007", "Comunicazione tariffe", dt.date(2015, 1, 10)),
        Documento("000002", "Documento di PROVA S.P.A.", dt.date(2015, 2, 1)),
        Documento("005007", "Ticket 1: lettura errata", dt.date(2015, 2, 2), ticket=True),
    ]
    assert [d.titolo for d in documents_for(items, "005007")] == [
        "Comunicazione tariffe",
        "Condizioni contrattuali",
    ]
    assert [d.titolo for d in documents_for(items, "005007", ticket=True)] == [
        "Ticket 1: lettura errata"
    ]
    assert documents_for(items, "999999") == ()


def test_filter_measurements_mixes_naive_rome_and_aware_instants() -> None:
    """Naive instants are Rome time, aware ones are converted to Rome (rule: UP-8)."""
    naive = Misura(dt.datetime(2014, 6, 1, 12, 0), Decimal(1))
    aware = Misura(dt.datetime(2014, 6, 1, 9, 0, tzinfo=dt.UTC), Decimal(2))  # 11:00 CEST
    next_day = Misura(dt.datetime(2014, 6, 1, 22, 30, tzinfo=dt.UTC), Decimal(3))  # 00:30
    found = filter_measurements([naive, next_day, aware], dt.date(2014, 6, 1), dt.date(2014, 6, 1))
    assert found == (aware, naive)


@pytest.mark.parametrize("delimiter", ["", ";;", '"', "\n", "\r", "\x00"])
def test_measurements_csv_refuses_a_bad_delimiter(delimiter: str) -> None:
    """The CSV delimiter is one character, not a quote or line break (rule: UP-8)."""
    with pytest.raises(ValidationError) as caught:
        measurements_csv([], delimiter=delimiter)
    assert [(v.code, v.path) for v in caught.value.violations] == [
        ("profile.csv_delimiter_invalid", "delimiter")
    ]


def test_yearly_withdrawals_refuses_non_finite_amounts() -> None:
    """NaN and infinite amounts are profile.amount_not_finite, each at its path (rule: UP-7)."""
    items = [
        PrelievoMensile(2014, 1, Decimal("250"), Decimal("2.8")),
        PrelievoMensile(2014, 2, Decimal("sNaN"), Decimal("Infinity")),
    ]
    with pytest.raises(ValidationError) as caught:
        yearly_withdrawals(items)
    assert [(v.code, v.path) for v in caught.value.violations] == [
        ("profile.amount_not_finite", "[1].energia_kwh"),
        ("profile.amount_not_finite", "[1].potenza_kw"),
    ]


@pytest.mark.parametrize("wrong", [None, [], 123456], ids=repr)
def test_registration_and_section_refuse_what_is_not_text(wrong: object) -> None:
    """A non-str code or section is profile.not_text, not TypeError (rule: UP-2, UP-9)."""
    found = check_registration(wrong, "RSSMRA85T10A562S", anagrafica=None)  # type: ignore[arg-type]
    assert [(v.code, v.path) for v in found] == [("profile.not_text", "codice_cliente")]
    assert [v.code for v in check_section_update(wrong)] == ["profile.not_text"]  # type: ignore[arg-type]


# --- UP-7, UP-8: every violation in full, the tie and the number formats -----------------------


def _full(err: pytest.ExceptionInfo[ValidationError]) -> list[tuple[str, str, dict[str, object]]]:
    return [(v.code, v.path, v.params) for v in err.value.violations]


def test_up7_not_finite_amounts_are_named_with_their_path_and_value() -> None:
    """UP-7: each NaN or infinite amount is refused at ``[i].<field>`` with its text."""
    items = [
        PrelievoMensile(2014, 1, Decimal("1"), Decimal("2")),
        PrelievoMensile(2014, 2, Decimal("NaN"), Decimal("-Infinity")),
    ]
    with pytest.raises(ValidationError) as caught:
        yearly_withdrawals(items)
    assert _full(caught) == [
        ("profile.amount_not_finite", "[1].energia_kwh", {"value": "NaN"}),
        ("profile.amount_not_finite", "[1].potenza_kw", {"value": "-Infinity"}),
    ]


def test_up7_a_sum_past_decimals_range_names_the_year() -> None:
    """UP-7: two amounts whose sum overflows decimal are refused, no path, with the year."""
    huge = PrelievoMensile(2015, 1, Decimal("9E+999999"), Decimal("1"))
    with pytest.raises(ValidationError) as caught:
        yearly_withdrawals([huge, attrs.evolve(huge, mese=2)])
    assert _full(caught) == [("profile.amount_out_of_range", "", {"anno": 2015})]
    assert caught.value.violations[0].rule == "UP-7"


def test_up7_up8_numbers_are_plain_with_the_decimal_comma() -> None:
    """UP-7, UP-8: an exponent is written out (1E+2 is 100), the decimal point is a comma."""
    (_, row) = withdrawals_table([PrelievoAnnuo(2014, Decimal("1E+2"), Decimal("2.50"), 1)])
    assert row == ("2014", "100", "2,50")
    (_, row) = measurement_rows(
        [Misura(dt.datetime(2014, 6, 1, 0, 15), Decimal("Infinity"), Decimal("0.5"))]
    )
    assert row == ("01/06/2014 00:15", "Infinity", "0,5")


def test_up8_reversed_interval_names_both_days_at_al() -> None:
    """UP-8: ``al`` before ``dal`` is refused at ``al`` with both days."""
    dal, al = dt.date(2014, 6, 2), dt.date(2014, 6, 1)
    with pytest.raises(ValidationError) as caught:
        filter_measurements([], dal, al)
    assert _full(caught) == [("profile.interval_reversed", "al", {"dal": dal, "al": al})]


def test_up8_measurements_at_the_same_instant_keep_their_order() -> None:
    """UP-8: two measurements of the same instant (not comparable records) keep their order."""
    t = dt.datetime(2014, 6, 1, 12, 0)
    first, second = Misura(t, Decimal("1")), Misura(t, Decimal("2"))
    day = t.date()
    assert filter_measurements([second, first], day, day) == (second, first)


def test_up8_a_bad_delimiter_is_named_by_its_repr() -> None:
    """UP-8: a delimiter that is not one safe character is refused at ``delimiter``."""
    with pytest.raises(ValidationError) as caught:
        measurements_csv([], delimiter="ab")
    assert _full(caught) == [("profile.csv_delimiter_invalid", "delimiter", {"value": "'ab'"})]


# --- UP-1, UP-5, UP-9: registration, invoices and sections, every violation in full -----------

SPA = Anagrafica(
    "000002", "PROVA S.P.A.", "VIA DI PROVA 35", partita_iva="00743110157", email="a@prova.it"
)


def test_up1_a_thirteen_character_code_needs_the_it_prefix() -> None:
    """UP-1: only ``IT`` + 11 digits drops its prefix; other 13 characters are not a code."""
    assert check_registration("000002", "IT00743110157", anagrafica=SPA) == []
    found = check_registration("000002", "AB00743110157", anagrafica=SPA)
    assert [(v.code, v.path, v.params) for v in found] == [
        ("profile.tax_code_invalid", "codice_fiscale_o_piva", {})
    ]


def test_up1_codes_that_are_not_text_are_named_at_their_path() -> None:
    """UP-1: each code that is not a ``str`` is refused at its own path with its type."""
    found = check_registration(None, 5, anagrafica=SPA)  # type: ignore[arg-type]
    assert [(v.code, v.path, v.params) for v in found] == [
        ("profile.not_text", "codice_cliente", {"type": "NoneType"}),
        ("profile.not_text", "codice_fiscale_o_piva", {"type": "int"}),
    ]


def test_up1_confirmation_needs_an_email_at_email(monkeypatch: pytest.MonkeyPatch) -> None:
    """UP-1: no e-mail is refused at ``email``; check_deliverability reaches email-validator."""
    with pytest.raises(ValidationError) as caught:
        confirm_registration(SPA, "  ")
    assert [(v.code, v.path) for v in caught.value.violations] == [
        ("profile.registration_email_missing", "email")
    ]
    import email_validator

    def fake(text: str, *, check_deliverability: bool) -> object:
        raise (
            email_validator.EmailUndeliverableError("no MX")
            if check_deliverability
            else email_validator.EmailSyntaxError("fake")
        )

    monkeypatch.setattr(email_validator, "validate_email", fake)
    with pytest.raises(ValidationError) as caught:
        confirm_registration(SPA, "a@b.it", check_deliverability=True)
    assert caught.value.codes == ("profile.email_undeliverable",)


def test_up5_download_refusals_in_full_with_the_given_start() -> None:
    """UP-5: before ``dal`` at ``data`` (number, date, start), no PDF at ``pdf`` (number)."""
    dal = dt.date(2015, 1, 1)
    old = Fattura("F-7", dt.date(2014, 6, 30), Decimal("10.00"))
    assert [(v.code, v.path, v.params) for v in check_download(old, dal=dal)] == [
        ("profile.invoice_not_listed", "data", {"numero": "F-7", "data": old.data, "dal": dal}),
        ("profile.invoice_pdf_missing", "pdf", {"numero": "F-7"}),
    ]
    with_pdf = attrs.evolve(old, pdf=True)
    assert check_download(with_pdf) == []  # listed from 2014 by default
    assert downloadable(with_pdf)
    assert not downloadable(with_pdf, dal=dal)


def test_up9_section_refusals_in_full() -> None:
    """UP-9: a read-only section is refused at its name; a non-str section names its type."""
    assert [(v.code, v.path, v.params) for v in check_section_update("dati_tecnici")] == [
        ("profile.read_only", "dati_tecnici", {"section": "dati_tecnici"})
    ]
    found = check_section_update(3)  # type: ignore[arg-type]
    assert [(v.code, v.path, v.params) for v in found] == [
        ("profile.not_text", "", {"type": "int"})
    ]

"""E-bill and delivery mode per contract (EB-1..EB-5)."""

import datetime as dt

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sportello import ValidationError
from sportello.rules.billing import (
    BILLING_DAY,
    Account,
    Contratto,
    ModalitaInvio,
    add_contract,
    check_account_update,
    check_add_contract,
    check_ebill_eligibility,
    delete_and_register_again,
    delivery_email,
    effective_billing_run,
    update_delivery,
)

IBAN = "IT60X0542811101000000123456"
PIVA = "00743110157"
CF = "RSSMRA85T10A562S"
DEBIT = Contratto("C-1", PIVA, domiciliazione=True, iban=IBAN)
BOLLETTINO = Contratto("C-2", PIVA)
ACCOUNT = Account("fatture@prova.example.com", PIVA, (DEBIT, BOLLETTINO))


# --- EB-1 -------------------------------------------------------------------------------------


def test_ebill_needs_direct_debit_with_a_valid_iban() -> None:
    """The e-bill is for "domiciliazione bancaria" customers with a valid IBAN (rule: EB-1)."""
    assert check_ebill_eligibility(domiciliazione=True, iban=IBAN) == []
    assert (
        check_ebill_eligibility(domiciliazione=True, iban="it60 x054 2811 1010 0000 0123 456") == []
    )
    no_debit = check_ebill_eligibility(domiciliazione=False, iban=IBAN)
    assert [(v.code, v.rule) for v in no_debit] == [("billing.direct_debit_required", "EB-1")]
    assert [v.code for v in check_ebill_eligibility(domiciliazione=True, iban=None)] == [
        "billing.iban_missing"
    ]
    bad = check_ebill_eligibility(domiciliazione=True, iban="IT60X0542811101000000123457")
    assert bad
    assert {v.path for v in bad} == {"iban"}
    assert all(v.code.startswith("iban.") for v in bad)


def test_switching_to_ebill_checks_eligibility_per_contract() -> None:
    """Only a contract paid by direct debit may switch to the e-bill (rule: EB-1)."""
    done = update_delivery(ACCOUNT, "C-1", modalita=ModalitaInvio.ELETTRONICA)
    assert done.contratti[0].modalita is ModalitaInvio.ELETTRONICA
    assert done.contratti[1] == BOLLETTINO
    with pytest.raises(ValidationError) as err:
        update_delivery(ACCOUNT, "C-2", modalita=ModalitaInvio.ELETTRONICA)
    assert [(v.code, v.path) for v in err.value.violations] == [
        ("billing.direct_debit_required", "contratti[1].domiciliazione")
    ]
    back = update_delivery(done, "C-1", modalita=ModalitaInvio.CARTACEA)
    assert back.contratti[0].modalita is ModalitaInvio.CARTACEA


# --- EB-2 -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "run"),
    [
        (dt.date(2024, 3, 1), dt.date(2024, 3, 15)),
        (dt.date(2024, 3, 14), dt.date(2024, 3, 15)),  # the day before the run: this month
        (dt.date(2024, 3, 15), dt.date(2024, 4, 15)),  # on the run's day: the next one
        (dt.date(2024, 3, 16), dt.date(2024, 4, 15)),  # "nei giorni immediatamente successivi"
        (dt.date(2024, 12, 15), dt.date(2025, 1, 15)),  # December rolls to January
        (dt.date(2024, 12, 31), dt.date(2025, 1, 15)),
    ],
)
def test_change_applies_from_the_next_billing_run(change: dt.date, run: dt.date) -> None:
    """A change before mid-month applies to that month's bill, else to the next (rule: EB-2)."""
    assert BILLING_DAY == 15
    assert effective_billing_run(change) == run


@pytest.mark.parametrize(
    ("change", "day", "run"),
    [
        (dt.date(2023, 2, 27), 30, dt.date(2023, 2, 28)),  # clamped to February's end
        (dt.date(2023, 2, 28), 30, dt.date(2023, 3, 30)),
        (dt.date(2024, 2, 28), 31, dt.date(2024, 2, 29)),  # leap year
        (dt.date(2024, 1, 31), 31, dt.date(2024, 2, 29)),
        (dt.date(2024, 4, 30), 31, dt.date(2024, 5, 31)),
        (dt.date(2024, 5, 1), 1, dt.date(2024, 6, 1)),
    ],
)
def test_billing_day_is_clamped_in_short_months(change: dt.date, day: int, run: dt.date) -> None:
    """A billing day past a month's end runs on its last day (rule: EB-2)."""
    assert effective_billing_run(change, billing_day=day) == run


@pytest.mark.parametrize("day", [0, 32, -1])
def test_billing_day_outside_the_month_is_refused(day: int) -> None:
    """billing_day must be 1..31 (rule: EB-2)."""
    with pytest.raises(ValidationError) as err:
        effective_billing_run(dt.date(2024, 3, 1), billing_day=day)
    assert err.value.codes == ("billing.billing_day_invalid",)


@given(st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)), st.integers(1, 31))
def test_effective_run_is_after_the_change_and_within_two_months(change: dt.date, day: int) -> None:
    """The first run using a change is later than it, at most about two months on (EB-2)."""
    run = effective_billing_run(change, billing_day=day)
    assert change < run
    assert (run - change).days <= 62
    months_ahead = (run.year - change.year) * 12 + run.month - change.month
    assert months_ahead in (0, 1)


# --- EB-3 -------------------------------------------------------------------------------------


def test_each_contract_has_its_own_delivery_email() -> None:
    """The registration e-mail is the default; a contract may have its own (rule: EB-3)."""
    assert delivery_email(ACCOUNT, "C-2") == "fatture@prova.example.com"
    own = update_delivery(ACCOUNT, "C-2", email_invio="Ufficio.Acquisti@PROVA.example.com")
    assert delivery_email(own, "C-2") == "Ufficio.Acquisti@prova.example.com"
    assert delivery_email(own, "C-1") == "fatture@prova.example.com"
    reset = update_delivery(own, "C-2", email_invio=None)
    assert delivery_email(reset, "C-2") == "fatture@prova.example.com"


def test_delivery_update_reports_bad_email_and_unknown_contract() -> None:
    """A bad delivery e-mail and an unknown contract are refused (rule: EB-3)."""
    with pytest.raises(ValidationError) as bad:
        update_delivery(ACCOUNT, "C-1", email_invio="not-an-email")
    assert [(v.code, v.path) for v in bad.value.violations] == [
        ("profile.email_invalid", "contratti[0].email_invio")
    ]
    with pytest.raises(ValidationError) as unknown:
        delivery_email(ACCOUNT, "C-9")
    assert unknown.value.codes == ("billing.contract_unknown",)


# --- EB-4 -------------------------------------------------------------------------------------


def test_registration_email_cannot_change() -> None:
    """Changing the registration e-mail is refused: delete and register again (rule: EB-4)."""
    found = check_account_update({"email": "nuova@example.com"})
    assert [(v.code, v.path, v.rule) for v in found] == [
        ("billing.registration_email_immutable", "email", "EB-4")
    ]
    assert "nuova registrazione" in found[0].message()
    assert check_account_update({"telefono": "+393471234567"}) == []


def test_deleting_the_account_resets_contracts_and_choices() -> None:
    """A new registration keeps only the first contract, on paper, no own e-mail (rule: EB-4)."""
    busy = update_delivery(
        ACCOUNT, "C-1", modalita=ModalitaInvio.ELETTRONICA, email_invio="c1@example.com"
    )
    fresh = delete_and_register_again(busy, email="Nuova@Example.com")
    assert fresh.email == "Nuova@example.com"
    assert fresh.contratti == (DEBIT,)
    assert fresh.contratti[0].modalita is ModalitaInvio.CARTACEA
    assert delivery_email(fresh, "C-1") == "Nuova@example.com"


# --- EB-5 -------------------------------------------------------------------------------------


def test_account_groups_contracts_of_one_holder_only() -> None:
    """A contract of another codice fiscale / partita IVA is refused (rule: EB-5)."""
    same = Contratto("C-3", "IT 007 4311 0157")
    assert check_add_contract(ACCOUNT, same) == []
    assert add_contract(ACCOUNT, same).contratti[-1] == same
    other = Contratto("C-4", CF)
    found = check_add_contract(ACCOUNT, other)
    assert [(v.code, v.rule) for v in found] == [("billing.other_holder", "EB-5")]
    assert "un'altra e-mail" in found[0].message()
    with pytest.raises(ValidationError) as err:
        add_contract(ACCOUNT, Contratto("C-1", CF))
    assert err.value.codes == ("billing.other_holder", "billing.contract_present")


def test_holder_and_iban_stay_out_of_reprs() -> None:
    """Tax codes and IBANs are never shown in a contract's or account's repr (rules: EB-1, EB-5)."""
    shown = repr(ACCOUNT)
    assert PIVA not in shown
    assert IBAN not in shown
    assert "C-1" in shown


# --- EB-1..EB-5: every violation in full, what an update keeps, the holder's prefix -----------


def _full(found: object) -> list[tuple[str, str, dict[str, object]]]:
    return [(v.code, v.path, v.params) for v in found]  # type: ignore[attr-defined]


def _raised(call: object) -> list[tuple[str, str, dict[str, object]]]:
    assert callable(call)
    with pytest.raises(ValidationError) as caught:
        call()
    return _full(caught.value.violations)


def test_eb3_unknown_contract_is_named_at_codice_contratto() -> None:
    """EB-3: a contract the account does not hold is refused with its code."""
    assert _raised(lambda: delivery_email(ACCOUNT, "C-9")) == [
        ("billing.contract_unknown", "codice_contratto", {"codice": "C-9"})
    ]


def test_eb1_missing_iban_is_at_iban() -> None:
    """EB-1: direct debit without an IBAN: ``billing.iban_missing`` at ``iban``."""
    assert _full(check_ebill_eligibility(domiciliazione=True, iban=" ")) == [
        ("billing.iban_missing", "iban", {})
    ]


def test_eb2_invalid_billing_day_is_named() -> None:
    """EB-2: a billing day outside 1..31 is refused at ``billing_day`` with the value."""
    assert _raised(lambda: effective_billing_run(dt.date(2024, 3, 1), billing_day=32)) == [
        ("billing.billing_day_invalid", "billing_day", {"value": 32})
    ]


def test_eb5_holder_and_presence_violations_in_full() -> None:
    """EB-5: another holder at ``titolare``, a contract already there at ``codice``."""
    other = Contratto("C-1", CF)
    assert _full(check_add_contract(ACCOUNT, other)) == [
        ("billing.other_holder", "titolare", {}),
        ("billing.contract_present", "codice", {"codice": "C-1"}),
    ]


@pytest.mark.parametrize("titolare", ["ITX0743110157", "XY00743110157", "IT0074311015X"])
def test_eb5_only_it_and_eleven_digits_is_a_prefixed_partita_iva(titolare: str) -> None:
    """EB-5: the ``IT`` prefix is dropped only from IT + 11 digits; other 13 characters stay."""
    account = Account("a@example.it", titolare[2:])
    assert _full(check_add_contract(account, Contratto("C-3", titolare))) == [
        ("billing.other_holder", "titolare", {})
    ]
    assert check_add_contract(Account("a@example.it", PIVA), Contratto("C-3", "IT" + PIVA)) == []


def test_eb3_an_update_keeps_what_it_is_not_asked_to_change() -> None:
    """EB-3: changing only the e-mail keeps the mode; changing only the mode keeps the e-mail."""
    own = Contratto("C-1", PIVA, email_invio="ufficio@prova.it", domiciliazione=True, iban=IBAN)
    account = Account("fatture@prova.example.com", PIVA, (own,))
    by_mode = update_delivery(account, "C-1", modalita=ModalitaInvio.ELETTRONICA)
    assert by_mode.contratti[0] == attrs.evolve(own, modalita=ModalitaInvio.ELETTRONICA)
    by_mail = update_delivery(account, "C-1", email_invio="Altro@Prova.IT")
    assert by_mail.contratti[0] == attrs.evolve(own, email_invio="Altro@prova.it")
    back = update_delivery(account, "C-1", email_invio=None)
    assert back.contratti[0] == attrs.evolve(own, email_invio=None)
    assert back.contratti[0].email_invio is None


def test_eb1_eb3_an_update_reports_the_mode_and_the_email_together() -> None:
    """EB-1, EB-3: an ineligible e-bill and a bad e-mail are both reported, under contratti[i]."""
    assert _raised(
        lambda: update_delivery(
            ACCOUNT, "C-2", modalita=ModalitaInvio.ELETTRONICA, email_invio="non-una-email"
        )
    ) == [
        ("billing.direct_debit_required", "contratti[1].domiciliazione", {}),
        ("profile.email_invalid", "contratti[1].email_invio", {"value": "non-una-email"}),
    ]


def test_eb4_register_again_keeps_the_holder() -> None:
    """EB-4: registering again keeps the holder and only the first contract, reset to paper."""
    again = delete_and_register_again(ACCOUNT, email="Nuova@Prova.it")
    assert again == Account("Nuova@prova.it", PIVA, (DEBIT,))


def test_eb3_eb4_deliverability_goes_through(monkeypatch: pytest.MonkeyPatch) -> None:
    """EB-3, EB-4: check_deliverability reaches email-validator (no DNS here: faked)."""
    import email_validator

    def fake(text: str, *, check_deliverability: bool) -> object:
        raise (
            email_validator.EmailUndeliverableError("no MX")
            if check_deliverability
            else email_validator.EmailSyntaxError("fake")
        )

    monkeypatch.setattr(email_validator, "validate_email", fake)
    assert [
        c
        for c, _, _ in _raised(
            lambda: delete_and_register_again(ACCOUNT, email="a@b.it", check_deliverability=True)
        )
    ] == ["profile.email_undeliverable"]
    assert [
        c
        for c, _, _ in _raised(
            lambda: update_delivery(ACCOUNT, "C-1", email_invio="a@b.it", check_deliverability=True)
        )
    ] == ["profile.email_undeliverable"]

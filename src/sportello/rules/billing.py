"""E-bill and delivery mode per contract (EB-1..EB-5).

The electronic bill is for customers who pay by bank direct debit (EB-1). Each contract has its
own delivery e-mail, the registration e-mail by default, and its own mode (EB-3); a change of
mode applies to the first billing run after it (EB-2). The registration e-mail cannot change:
the account is deleted and registered again, which resets every added contract and delivery
choice (EB-4). An account groups the contracts of one codice fiscale / partita IVA only (EB-5).

>>> import datetime as dt
>>> effective_billing_run(dt.date(2024, 3, 10)), effective_billing_run(dt.date(2024, 3, 15))
(datetime.date(2024, 3, 15), datetime.date(2024, 4, 15))
>>> c = Contratto("C-1", "00743110157", domiciliazione=True, iban="IT60X0542811101000000123456")
>>> account = Account("fatture@example.com", "00743110157", (c,))
>>> account = update_delivery(account, "C-1", modalita=ModalitaInvio.ELETTRONICA)
>>> account.contratti[0].modalita.value, delivery_email(account, "C-1")
('elettronica', 'fatture@example.com')
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
from collections.abc import Iterable, Mapping

import attrs

from sportello._violations import ValidationError, Violation
from sportello.rules.profile import normalize_email

__all__ = [
    "BILLING_DAY",
    "Account",
    "Contratto",
    "ModalitaInvio",
    "add_contract",
    "check_account_update",
    "check_add_contract",
    "check_ebill_eligibility",
    "delete_and_register_again",
    "delivery_email",
    "effective_billing_run",
    "update_delivery",
]

#: The usual day of the monthly billing run ("intorno alla metà del mese", EB-2).
BILLING_DAY = 15


class ModalitaInvio(enum.StrEnum):
    """How a contract's bills are delivered (EB-2, EB-3)."""

    ELETTRONICA = "elettronica"
    CARTACEA = "cartacea"


def _holder(value: str) -> str:
    compact = "".join(value.split()).upper()
    if len(compact) == 13 and compact.startswith("IT") and compact[2:].isdigit():
        return compact[2:]  # a partita IVA with its country prefix
    return compact


@attrs.frozen
class Contratto:
    """One supply contract of an account and its delivery choice (EB-1, EB-3).

    Attributes:
        codice: the contract's code.
        titolare: the holder's codice fiscale or partita IVA (never shown in a repr).
        modalita: the delivery mode; paper until the customer chooses the e-bill.
        email_invio: the contract's own delivery e-mail; ``None`` uses the registration e-mail.
        domiciliazione: whether the bills are paid by bank direct debit.
        iban: the direct-debit account (never shown in a repr).
    """

    codice: str
    titolare: str = attrs.field(repr=False)
    modalita: ModalitaInvio = ModalitaInvio.CARTACEA
    email_invio: str | None = None
    domiciliazione: bool = False
    iban: str | None = attrs.field(default=None, repr=False)


def _contracts(items: Iterable[Contratto]) -> tuple[Contratto, ...]:
    return tuple(items)


@attrs.frozen
class Account:
    """A customer-portal account: its registration e-mail, holder and contracts (EB-3..EB-5).

    The first contract is the one the account was registered with; the others were added.
    """

    email: str
    titolare: str = attrs.field(repr=False)
    contratti: tuple[Contratto, ...] = attrs.field(default=(), converter=_contracts)


def check_ebill_eligibility(*, domiciliazione: bool, iban: str | None) -> list[Violation]:
    """Why the e-bill cannot be chosen; ``[]`` when it can (EB-1).

    The e-bill needs an active bank direct debit ("domiciliazione bancaria") on a valid IBAN
    (checked with :mod:`sportello.rules.identifiers.iban`; its violations come under ``iban``).
    """
    from sportello.rules.identifiers import iban as iban_module

    if not domiciliazione:
        return [Violation.of("billing.direct_debit_required", path="domiciliazione")]
    if iban is None or not iban.strip():
        return [Violation.of("billing.iban_missing", path="iban")]
    try:
        iban_module.validate(iban)
    except ValidationError as err:
        return [v.at("iban") for v in err.violations]
    return []


def _run_of(year: int, month: int, billing_day: int) -> dt.date:
    return dt.date(year, month, min(billing_day, calendar.monthrange(year, month)[1]))


def effective_billing_run(change_date: dt.date, billing_day: int = BILLING_DAY) -> dt.date:
    """The first billing run that uses a delivery mode changed on ``change_date`` (EB-2).

    The run of a month is on ``billing_day``, or on the month's last day when the month is
    shorter (``billing_day=31`` runs on 28 or 29 February). A change made BEFORE the run's day
    applies to that month's run; a change made on the run's day or after it applies to the next
    month's run (on the day itself the bill may already be out, so the seed's "nei giorni
    immediatamente successivi" is read as "from the run's day on"). December rolls to January.

    Raises:
        ValidationError: ``billing.billing_day_invalid`` when ``billing_day`` is not 1..31.

    >>> effective_billing_run(dt.date(2024, 12, 20))
    datetime.date(2025, 1, 15)
    >>> effective_billing_run(dt.date(2023, 2, 27), billing_day=30)
    datetime.date(2023, 2, 28)
    """
    if isinstance(billing_day, bool) or not 1 <= billing_day <= 31:
        raise ValidationError(
            [Violation.of("billing.billing_day_invalid", path="billing_day", value=billing_day)]
        )
    this_month = _run_of(change_date.year, change_date.month, billing_day)
    if change_date < this_month:
        return this_month
    year, month = divmod(change_date.year * 12 + change_date.month, 12)
    return _run_of(year, month + 1, billing_day)


def _find(account: Account, codice: str) -> tuple[int, Contratto]:
    for index, contratto in enumerate(account.contratti):
        if contratto.codice == codice:
            return index, contratto
    raise ValidationError(
        [Violation.of("billing.contract_unknown", path="codice_contratto", codice=codice)]
    )


def delivery_email(account: Account, codice: str) -> str:
    """Where the bills of contract ``codice`` go: its own e-mail, or the registration one (EB-3).

    Raises:
        ValidationError: ``billing.contract_unknown``.
    """
    return _find(account, codice)[1].email_invio or account.email


_UNSET: object = object()


def update_delivery(
    account: Account,
    codice: str,
    *,
    modalita: ModalitaInvio | None = None,
    email_invio: str | object | None = _UNSET,
    check_deliverability: bool = False,
) -> Account:
    """The account with contract ``codice``'s delivery mode and/or e-mail changed (EB-1, EB-3).

    ``modalita=None`` keeps the mode; choosing :attr:`ModalitaInvio.ELETTRONICA` needs the
    contract to pass :func:`check_ebill_eligibility` (EB-1). ``email_invio`` not given keeps the
    e-mail; ``None`` goes back to the registration e-mail; a string is validated and normalised.
    Paths are under ``contratti[i]``. The change applies from :func:`effective_billing_run` (EB-2).

    Raises:
        ValidationError: ``billing.contract_unknown``, EB-1 violations, e-mail violations.
    """
    index, contratto = _find(account, codice)
    problems: list[Violation] = []
    new_mode = contratto.modalita if modalita is None else modalita
    if modalita is ModalitaInvio.ELETTRONICA:
        problems += check_ebill_eligibility(
            domiciliazione=contratto.domiciliazione, iban=contratto.iban
        )
    new_email = contratto.email_invio
    if email_invio is None:
        new_email = None
    elif isinstance(email_invio, str):
        try:
            new_email = normalize_email(
                email_invio, path="email_invio", check_deliverability=check_deliverability
            )
        except ValidationError as err:
            problems += err.violations
    if problems:
        raise ValidationError([v.at(f"contratti[{index}]") for v in problems])
    contratti = list(account.contratti)
    contratti[index] = attrs.evolve(contratto, modalita=new_mode, email_invio=new_email)
    return attrs.evolve(account, contratti=tuple(contratti))


def check_account_update(changes: Mapping[str, object]) -> list[Violation]:
    """Why an update of the account's profile is refused; ``[]`` when it may go (EB-4).

    The registration e-mail never changes: a change of ``email`` is refused with the advice to
    delete the account and register again (:func:`delete_and_register_again`).
    """
    if "email" in changes:
        return [Violation.of("billing.registration_email_immutable", path="email")]
    return []


def delete_and_register_again(
    account: Account, *, email: str, check_deliverability: bool = False
) -> Account:
    """The state after deleting the account and registering again with ``email`` (EB-4).

    "Tutto si azzererà": only the contract the account was registered with remains, back to
    paper delivery to the (new) registration e-mail; every added contract and every delivery
    choice is gone. Payment data belong to the contract and stay.

    Raises:
        ValidationError: the e-mail's violations at ``email``.
    """
    clean = normalize_email(email, check_deliverability=check_deliverability)
    kept = account.contratti[:1]
    reset = tuple(attrs.evolve(c, modalita=ModalitaInvio.CARTACEA, email_invio=None) for c in kept)
    return Account(clean, account.titolare, reset)


def check_add_contract(account: Account, contratto: Contratto) -> list[Violation]:
    """Why ``contratto`` cannot join ``account``; ``[]`` when it can (EB-5).

    The contract's holder must be the account's (codice fiscale / partita IVA compared without
    spaces, case or an ``IT`` prefix): ``billing.other_holder``, whose message says to register
    again with another e-mail. A contract already in the account is ``billing.contract_present``.
    """
    problems: list[Violation] = []
    if _holder(contratto.titolare) != _holder(account.titolare):
        problems.append(Violation.of("billing.other_holder", path="titolare"))
    if any(c.codice == contratto.codice for c in account.contratti):
        problems.append(
            Violation.of("billing.contract_present", path="codice", codice=contratto.codice)
        )
    return problems


def add_contract(account: Account, contratto: Contratto) -> Account:
    """The account with ``contratto`` added (EB-5), or raise with every violation."""
    problems = check_add_contract(account, contratto)
    if problems:
        raise ValidationError(problems)
    return attrs.evolve(account, contratti=(*account.contratti, contratto))


def __dir__() -> list[str]:
    """Only the public names (``__all__``), not the imports."""
    return list(__all__)  # pragma: no mutate (not a rule: tests/test_public_api.py)

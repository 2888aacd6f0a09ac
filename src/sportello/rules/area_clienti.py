"""The customer area of a utility: registration, password recovery and invoices (UP-1..UP-5).

Registration asks for the customer code printed on every invoice and the codice fiscale or
partita IVA; if they match a customer, the portal shows a summary and asks for the e-mail that
receives the first-access password (UP-1). The customer code is the login user, and recovering
the password needs only that code (UP-3). Invoices are listed from 2014 and only those with a
PDF can be downloaded (UP-5). Technical and contract data are read-only, and documents are
listed per customer (UP-9). Withdrawals per year (UP-7) and measurements (UP-8) live in
:mod:`sportello.rules._consumi` and are re-exported here.

>>> prova = Anagrafica("000002", "PROVA S.P.A.", "VIA DI PROVA 35 - 59100 PRATO (PO)",
...                    partita_iva="00743110157")
>>> check_registration("000002", "00743110157", anagrafica=prova)
[]
>>> [v.code for v in check_registration("000003", "00743110157", anagrafica=prova)]
['profile.registration_mismatch']
>>> summary(prova)
Riepilogo(codice_cliente='000002', denominazione='PROVA S.P.A.', residenza='VIA DI PROVA 35 - 59100 PRATO (PO)')
"""  # noqa: E501

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal

import attrs

from sportello._violations import ValidationError, Violation
from sportello.rules._consumi import (
    Misura,
    PrelievoAnnuo,
    PrelievoMensile,
    filter_measurements,
    measurement_rows,
    measurements_csv,
    withdrawals_table,
    yearly_withdrawals,
)
from sportello.rules.profile import normalize_email

__all__ = [
    "LISTED_FROM",
    "READ_ONLY_SECTIONS",
    "Anagrafica",
    "Documento",
    "Fattura",
    "Misura",
    "PrelievoAnnuo",
    "PrelievoMensile",
    "Riepilogo",
    "check_download",
    "check_registration",
    "check_section_update",
    "confirm_registration",
    "documents_for",
    "downloadable",
    "filter_measurements",
    "invoice_list",
    "listable",
    "measurement_rows",
    "measurements_csv",
    "password_recovery_recipient",
    "summary",
    "withdrawals_table",
    "yearly_withdrawals",
]

#: The first invoice date the "Elenco fatture" lists ("le fatture cliente dal 2014", UP-5).
LISTED_FROM = dt.date(2014, 1, 1)

#: The sections shown "in sola consultazione": technical and contract data (UP-9).
READ_ONLY_SECTIONS = frozenset({"dati_tecnici", "dati_contrattuali"})


@attrs.frozen
class Anagrafica:
    """The customer record the utility holds (UP-1, UP-2).

    Attributes:
        codice_cliente: six digits, unique per customer, printed on every invoice (UP-2).
        denominazione: name or company name.
        residenza: residence or registered office as printed.
        codice_fiscale: the holder's codice fiscale, if any (never shown in a repr).
        partita_iva: the holder's partita IVA, if any (never shown in a repr).
        email: the e-mail given at registration; ``None`` until the customer registers.
    """

    codice_cliente: str
    denominazione: str
    residenza: str
    codice_fiscale: str | None = attrs.field(default=None, repr=False)
    partita_iva: str | None = attrs.field(default=None, repr=False)
    email: str | None = attrs.field(default=None, repr=False)


@attrs.frozen
class Riepilogo:
    """The summary shown after a successful match: "Conferma registrazione" (UP-1)."""

    codice_cliente: str
    denominazione: str
    residenza: str


def _customer_code(value: str, path: str, digits: int) -> tuple[str, list[Violation]]:
    from sportello.rules.identifiers import codice_cliente

    try:
        return codice_cliente.validate(value, digits=digits), []
    except ValidationError as err:
        return "", [v.at(path) for v in err.violations]


def _compact_tax(value: str) -> str:
    compact = "".join(value.split()).upper()
    if len(compact) == 13 and compact.startswith("IT"):  # a partita IVA with its country prefix
        return compact[2:]
    return compact


def _tax_code(value: str, path: str) -> tuple[str, list[Violation]]:
    from sportello.rules.identifiers import codice_fiscale, partita_iva

    compact = _compact_tax(value)
    module = partita_iva if compact.isascii() and compact.isdigit() else codice_fiscale
    if not compact or len(compact) not in (11, 16):
        return "", [Violation.of("profile.tax_code_invalid", path=path)]
    try:
        return module.validate(compact), []
    except ValidationError as err:
        return "", [v.at(path) for v in err.violations]


def check_registration(
    codice_cliente: str,
    codice_fiscale_o_piva: str,
    *,
    anagrafica: Anagrafica | None,
    digits: int = 6,
) -> list[Violation]:
    """Whether the two codes typed at registration match ``anagrafica`` (UP-1, UP-2).

    First each code must be well formed: the customer code has six digits (UP-2), the other is
    a codice fiscale (16 characters) or a partita IVA (11 digits); those problems come back
    with the paths ``codice_cliente`` and ``codice_fiscale_o_piva``. Then both must match the
    record: ``anagrafica`` is the customer found by the code (``None`` when none was found) and
    the second value must equal its codice fiscale or its partita IVA. A failed match is ONE
    violation, ``profile.registration_mismatch``, without a path, so the answer never tells
    which of the two codes was wrong. ``digits`` is the length of the utility's customer codes.
    A code that is not a ``str`` at all gives ``profile.not_text`` at its path (and nothing
    else is checked).
    """
    typed: tuple[tuple[str, object], ...] = (  # callers without type checks may pass anything
        ("codice_cliente", codice_cliente),
        ("codice_fiscale_o_piva", codice_fiscale_o_piva),
    )
    wrong = [
        Violation.of("profile.not_text", path=path, type=type(value).__name__)
        for path, value in typed
        if not isinstance(value, str)
    ]
    if wrong:
        return wrong
    code, problems = _customer_code(codice_cliente, "codice_cliente", digits)
    tax, tax_problems = _tax_code(codice_fiscale_o_piva, "codice_fiscale_o_piva")
    problems += tax_problems
    if problems:
        return problems
    known = {
        _compact_tax(v)
        for v in (
            (anagrafica.codice_fiscale, anagrafica.partita_iva) if anagrafica is not None else ()
        )
        if v
    }
    if anagrafica is None or anagrafica.codice_cliente != code or tax not in known:
        return [Violation.of("profile.registration_mismatch")]
    return []


def summary(anagrafica: Anagrafica) -> Riepilogo:
    """The summary shown once the codes match: code, name, residence or office (UP-1)."""
    return Riepilogo(anagrafica.codice_cliente, anagrafica.denominazione, anagrafica.residenza)


def confirm_registration(
    anagrafica: Anagrafica, email: str | None, *, check_deliverability: bool = False
) -> Anagrafica:
    """The record with the registration e-mail set: the first-access password goes there (UP-1).

    Raises:
        ValidationError: ``profile.registration_email_missing`` or the e-mail's violations,
            at the path ``email``.
    """
    if email is None or not email.strip():
        raise ValidationError([Violation.of("profile.registration_email_missing", path="email")])
    clean = normalize_email(email, check_deliverability=check_deliverability)
    return attrs.evolve(anagrafica, email=clean)


def password_recovery_recipient(
    codice_cliente: str, *, anagrafiche: Mapping[str, Anagrafica], digits: int = 6
) -> str | None:
    """Where "Hai dimenticato la password?" sends the new password: the registered e-mail (UP-3).

    Only the customer code is needed. ``None`` means nothing is sent (no such customer, or a
    customer not registered yet); the portal should show the same answer in every case, so the
    page does not reveal which codes exist.

    Raises:
        ValidationError: the customer code is not well formed (path ``codice_cliente``).

    >>> c = Anagrafica("005007", "MARIO ROSSI", "VIA PROVA 5", email="mario@example.com")
    >>> password_recovery_recipient("005007", anagrafiche={"005007": c})
    'mario@example.com'
    """
    code, problems = _customer_code(codice_cliente, "codice_cliente", digits)
    if problems:
        raise ValidationError(problems)
    found = anagrafiche.get(code)
    return found.email if found is not None and found.email else None


@attrs.frozen
class Fattura:
    """One invoice of "Elenco fatture" (UP-5).

    Attributes:
        numero: the invoice number.
        data: the document date.
        importo: the amount in euro.
        pdf: whether the PDF is available (the symbol in the last column, "Doc").
    """

    numero: str
    data: dt.date
    importo: Decimal
    pdf: bool = False


def listable(fattura: Fattura, *, dal: dt.date = LISTED_FROM) -> bool:
    """Whether the invoice appears in "Elenco fatture": dated on or after ``dal`` (UP-5)."""
    return fattura.data >= dal


def downloadable(fattura: Fattura, *, dal: dt.date = LISTED_FROM) -> bool:
    """Whether the invoice can be downloaded: listed and with a PDF (UP-5)."""
    return listable(fattura, dal=dal) and fattura.pdf


def check_download(fattura: Fattura, *, dal: dt.date = LISTED_FROM) -> list[Violation]:
    """Why the invoice cannot be downloaded, ``[]`` when it can (UP-5)."""
    problems: list[Violation] = []
    if not listable(fattura, dal=dal):
        problems.append(
            Violation.of(
                "profile.invoice_not_listed",
                path="data",
                numero=fattura.numero,
                data=fattura.data,
                dal=dal,
            )
        )
    if not fattura.pdf:
        problems.append(
            Violation.of("profile.invoice_pdf_missing", path="pdf", numero=fattura.numero)
        )
    return problems


def invoice_list(fatture: Iterable[Fattura], *, dal: dt.date = LISTED_FROM) -> tuple[Fattura, ...]:
    """The listed invoices, newest first (then by number) (UP-5).

    >>> old = Fattura("1", dt.date(2013, 12, 31), Decimal("10.00"), pdf=True)
    >>> new = Fattura("2", dt.date(2014, 7, 15), Decimal("82.40"))
    >>> [f.numero for f in invoice_list([old, new])], downloadable(new)
    (['2'], False)
    """
    chosen = [f for f in fatture if listable(f, dal=dal)]
    return tuple(sorted(chosen, key=lambda f: (f.data, f.numero), reverse=True))


def check_section_update(section: str) -> list[Violation]:
    """Why a change to ``section`` is refused: technical and contract data are read-only (UP-9).

    >>> [v.code for v in check_section_update("dati_tecnici")], check_section_update("anagrafica")
    (['profile.read_only'], [])

    A ``section`` that is not a ``str`` gives ``profile.not_text``.
    """
    raw: object = section  # callers without type checks may pass anything
    if not isinstance(raw, str):
        return [Violation.of("profile.not_text", path="", type=type(section).__name__)]
    if section in READ_ONLY_SECTIONS:
        return [Violation.of("profile.read_only", path=section, section=section)]
    return []


@attrs.frozen
class Documento:
    """A document the company makes available to one customer, or one of their tickets (UP-9).

    Attributes:
        codice_cliente: the customer it belongs to.
        titolo: what the list shows.
        data: the document's (or ticket's opening) date.
        ticket: ``True`` for a ticket, ``False`` for a document ("I miei documenti").
    """

    codice_cliente: str
    titolo: str
    data: dt.date
    ticket: bool = False


def documents_for(
    documenti: Iterable[Documento], codice_cliente: str, *, ticket: bool = False
) -> tuple[Documento, ...]:
    """The documents (or, with ``ticket=True``, the tickets) of one customer, newest first (UP-9).

    Another customer's items are never listed.
    """
    mine = [d for d in documenti if d.codice_cliente == codice_cliente and d.ticket is ticket]
    return tuple(sorted(mine, key=lambda d: (d.data, d.titolo), reverse=True))


def __dir__() -> list[str]:
    """Only the public names (``__all__``), not the imports."""
    return list(__all__)  # pragma: no mutate (not a rule: tests/test_public_api.py)

"""The rules' public API as a type checker sees it (mypy --strict and pyright check this file)."""

import datetime as dt
from typing import assert_type

from sportello import ValidationError, Violation
from sportello.rules import attachments, calendar, password, readings, smart_help
from sportello.rules.identifiers import codice_cliente, codice_fiscale, iban, partita_iva, pdr, pod


def test_identifier_verbs_are_typed() -> None:
    """Every identifier module's four verbs have precise types."""
    assert_type(codice_fiscale.is_valid("x"), bool)
    assert_type(partita_iva.is_valid("x"), bool)
    assert_type(pod.is_valid("x"), bool)
    assert_type(pdr.is_valid("x"), bool)
    assert_type(codice_cliente.is_valid("x"), bool)
    assert_type(iban.is_valid("x"), bool)
    assert_type(codice_fiscale.compact(" rss "), str)
    assert_type(codice_fiscale.validate("RSSMRA85T10A562S"), str)
    assert_type(codice_fiscale.format("RSSMRA85T10A562S"), str)
    info = codice_fiscale.parse("RSSMRA85T10A562S")
    assert_type(info.data_nascita, dt.date)
    found = codice_fiscale.matches("RSSMRA85T10A562S", nome="Mario", cognome="Rossi")
    assert_type(found, list[Violation])
    assert not found


def test_checks_return_violation_lists() -> None:
    """Checks return list[Violation]; validate raises ValidationError."""
    problems = password.check("x", username="mrossi")
    assert_type(problems, list[Violation])
    assert {v.rule for v in problems} >= {"PW-1", "PW-2"}
    try:
        password.validate("x")
    except ValidationError as err:
        assert_type(err.violations, tuple[Violation, ...])
    sent = attachments.Attachment.from_bytes("a.pdf", b"%PDF-1.7\n")
    assert_type(attachments.check(attachments.Service.SMART_HELP, [sent]), list[Violation])
    assert_type(calendar.add_working_days(dt.date(2026, 12, 23), 3), dt.date)
    assert_type(readings.parse_lettura("45.000"), int)
    when = smart_help.earliest_request_date(smart_help.Materia.DOPPIA_FATTURAZIONE, dt.date.today())
    assert_type(when, dt.date | None)

"""The rules that the forms' JSON Schemas leave to ``load``, by rule ID, and why.

:data:`UNSTATED` lists what only :func:`~sportello.forms.load` checks: ``docs/forms/api.md``
shows it (:func:`unstated_markdown`) and ``tests/interop/test_differential.py`` accepts a
disagreement between ``load`` and a JSON Schema validator only when every violation ``load``
reports is one of these codes. Everything else the forms check is stated by the schemas
(:mod:`sportello.forms._schema_rules`).
"""

from __future__ import annotations

import attrs

__all__ = ["UNSTATED", "Unstated", "unstated_codes", "unstated_markdown"]


@attrs.frozen(kw_only=True)
class Unstated:
    """A rule that the JSON Schemas leave to :func:`~sportello.forms.load`, and why.

    Attributes:
        rule: the rule ID (``""`` for a check of the forms that names no rule).
        codes: the violation codes ``load`` reports for it.
        what: what is checked, in English.
        why: why JSON Schema does not say it.
    """

    rule: str
    codes: tuple[str, ...]
    what: str
    why: str


_DIGITS = "check digits and calendars are arithmetic on the characters"
_NAMES = "compares a field with others through a computation"
_TODAY = "depends on the day of the request"
_HISTORY = "needs the server's data"

#: What only ``load`` checks, by rule ID (the docs' table is generated from it).
UNSTATED: tuple[Unstated, ...] = (
    Unstated(
        rule="AU-4",
        codes=(
            "username.too_short",
            "username.too_long",
            "username.invalid_character",
            "username.invalid_edge",
        ),
        what="a username, once folded (NFKC, case folded), is 3 to 40 of a-z 0-9 . _ - and "
        "starts and ends with a letter or digit (the output schema states it)",
        why="the raw text is folded first: fullwidth letters and ligatures become other "
        "characters and change the length, which a pattern over the raw text cannot follow",
    ),
    Unstated(
        rule="AU-1",
        codes=(
            "codice_fiscale.invalid_checksum",
            "codice_fiscale.invalid_date",
            "codice_fiscale.invalid_office",
            "codice_fiscale.invalid_format",
        ),
        what="the codice fiscale's check character and birth date; for 11 digits, the office "
        "code, the Luhn digit and a body not all zeros",
        why=_DIGITS,
    ),
    Unstated(
        rule="AU-1",
        codes=(
            "codice_fiscale.nome_mismatch",
            "codice_fiscale.cognome_mismatch",
            "codice_fiscale.data_nascita_mismatch",
            "codice_fiscale.sesso_mismatch",
        ),
        what="a personal codice fiscale matches nome, cognome, birth date and sex",
        why=_NAMES,
    ),
    Unstated(
        rule="",
        codes=(
            "partita_iva.invalid_checksum",
            "partita_iva.invalid_office",
            "partita_iva.invalid_format",
        ),
        what="the partita IVA's Luhn digit, office code and a body not all zeros",
        why=_DIGITS,
    ),
    Unstated(
        rule="",
        codes=("profile.email_invalid",),
        what="an e-mail address as email-validator reads it (domain syntax, dots, lengths)",
        why="the schema states only local@domain and the length; the full grammar is RFC 5321",
    ),
    Unstated(
        rule="",
        codes=("profile.phone_invalid",),
        what="a phone or fax number valid for its country (phonenumbers' metadata)",
        why="needs every country's numbering plan",
    ),
    Unstated(
        rule="PW-1",
        codes=("password.too_short",),
        what="at least 8 characters, counted after Unicode normalisation (NFC)",
        why="minLength counts the characters as sent, before normalisation",
    ),
    Unstated(
        rule="PW-2",
        codes=(
            "password.missing_uppercase",
            "password.missing_lowercase",
            "password.missing_digit",
            "password.missing_special",
            "password.invalid_character",
        ),
        what="an upper-case and a lower-case letter, a digit and a special character; no "
        "control character",
        why="letter classes are Unicode categories, which Python's re cannot name (no \\p{Lu})",
    ),
    Unstated(
        rule="PW-3",
        codes=(
            "password.contains_username",
            "password.contains_nome",
            "password.contains_cognome",
        ),
        what="the password contains neither the username nor the names",
        why=_NAMES,
    ),
    Unstated(
        rule="PW-4",
        codes=("forms.password_unchanged",),
        what="the new password differs from the current one",
        why="JSON Schema cannot compare two fields",
    ),
    Unstated(
        rule="",
        codes=("forms.password_confirmation_mismatch",),
        what="the confirmation repeats the new password",
        why="JSON Schema cannot compare two fields",
    ),
    Unstated(
        rule="",
        codes=("forms.risposta_before_reclamo",),
        what="the answer to a complaint is not dated before the complaint",
        why="JSON Schema cannot compare two dates",
    ),
    Unstated(
        rule="SH-3",
        codes=(
            "smart_help.future_date",
            "smart_help.answer_before_complaint",
            "smart_help.too_early",
        ),
        what="no date in the future; the answer after the complaint; the 40 days of waiting",
        why=_TODAY,
    ),
    Unstated(
        rule="CP-1",
        codes=(
            "conciliazione.future_date",
            "conciliazione.answer_before_complaint",
            "conciliazione.too_early",
            "calendar.date_out_of_range",
        ),
        what="no date in the future; the answer not dated before the complaint; the 40 days "
        "since the complaint (or the unsatisfactory answer) have passed",
        why=_TODAY + "; JSON Schema cannot compare two dates",
    ),
    Unstated(
        rule="CP-5",
        codes=("calendar.no_meetings_on_day", "calendar.date_before"),
        what="a date offered for the meeting is a working day (no weekend, no public holiday) "
        "and not already past",
        why="the holidays are a calendar (Easter Monday moves); " + _TODAY,
    ),
    Unstated(
        rule="AT-4",
        codes=(
            "attachments.extension_not_allowed",
            "attachments.missing_extension",
            "attachments.executable",
            "attachments.name_separator",
            "attachments.name_traversal",
            "attachments.name_too_long",
            "attachments.name_control",
            "attachments.name_empty",
        ),
        what="a flagged file name and its extension (conciliation's list)",
        why="the name rules fold case and Unicode and look at reserved names",
    ),
    Unstated(
        rule="",
        codes=("forms.wrong_type",),
        what="a reading or another integer sent as 1.0",
        why="JSON Schema's integer is any number with no fraction; load wants a JSON integer",
    ),
)


def unstated_codes() -> frozenset[str]:
    """Every violation code of :data:`UNSTATED`."""
    return frozenset(code for u in UNSTATED for code in u.codes)


def unstated_markdown() -> str:
    """The table of :data:`UNSTATED` as ``docs/forms/api.md`` shows it (a test compares)."""
    lines = ["| Rule | Codes | What `load` checks | Why the schema does not |", "|---|---|---|---|"]
    for u in UNSTATED:
        codes = ", ".join(f"`{c}`" for c in u.codes)
        lines.append(f"| {u.rule or '—'} | {codes} | {u.what} | {u.why} |")
    return "\n".join(lines) + "\n"

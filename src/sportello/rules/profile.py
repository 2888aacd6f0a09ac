"""Personal data the customer may change alone: phone, fax and e-mail (UP-6).

"In autonomia è possibile modificare Telefono, FAX ed E-Mail; per il resto dei dati occorre
contattare la società." Every other field of the customer record is refused with a message
pointing to a request to the company.

>>> normalize_update({"telefono": "055 123 4567", "email": "Mario.Rossi@Example.COM"})
{'telefono': '+390551234567', 'email': 'Mario.Rossi@example.com'}
>>> [v.code for v in check_update({"indirizzo": "VIA NUOVA 1"})]
['profile.field_not_editable']
"""

from __future__ import annotations

import functools
import types
from collections.abc import Mapping

from sportello._violations import ValidationError, Violation

__all__ = [
    "DEFAULT_REGION",
    "EDITABLE_FIELDS",
    "MAX_EMAIL_LENGTH",
    "MAX_PHONE_LENGTH",
    "check_update",
    "normalize_email",
    "normalize_mobile",
    "normalize_phone",
    "normalize_update",
]

#: The fields a customer may change alone (UP-6).
EDITABLE_FIELDS = frozenset({"telefono", "fax", "email"})

#: Numbers without a ``+`` prefix are read as Italian numbers.
DEFAULT_REGION = "IT"

#: The longest e-mail address (RFC 5321's path limit, less the angle brackets).
MAX_EMAIL_LENGTH = 254

#: The longest phone or fax text accepted: E.164 has at most 15 digits, this leaves room for
#: spaces, dashes, brackets and an extension.
MAX_PHONE_LENGTH = 64


@functools.cache
def _phonenumbers() -> types.ModuleType:
    """``phonenumbers``, imported on first use (a heavy import), then kept."""
    import phonenumbers

    return phonenumbers


@functools.cache
def _email_validator() -> types.ModuleType:
    """``email_validator``, imported on first use, then kept."""
    import email_validator

    return email_validator


def _text(value: object, path: str, limit: int, too_long: str) -> str:
    """``value`` stripped, or raise: ``profile.not_text``, or ``too_long`` past ``limit``."""
    if not isinstance(value, str):
        raise ValidationError(
            [Violation.of("profile.not_text", path=path, type=type(value).__name__)]
        )
    text = value.strip()
    if len(text) > limit:
        raise ValidationError([Violation.of(too_long, path=path, max=limit)])
    return text


def normalize_phone(value: str, *, path: str = "telefono", region: str = DEFAULT_REGION) -> str:
    """A phone or fax number in E.164 form (``+390551234567``), or raise.

    National numbers are read in ``region`` (Italy); international ones start with ``+`` or
    ``00`` (``+44 20 7946 0958``). The number must be a valid one for its country, as
    ``phonenumbers`` knows it.

    Text longer than :data:`MAX_PHONE_LENGTH` (blanks around excluded) is refused before
    ``phonenumbers`` reads it.

    Raises:
        ValidationError: ``profile.not_text`` (not a ``str``), ``profile.phone_too_long`` or
            ``profile.phone_invalid``, at ``path``.

    >>> normalize_phone("+44 20 7946 0958")
    '+442079460958'
    """
    text = _text(value, path, MAX_PHONE_LENGTH, "profile.phone_too_long")
    phonenumbers = _phonenumbers()
    if text.startswith("00"):
        text = "+" + text[2:]
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValidationError([Violation.of("profile.phone_invalid", path=path, value=value)])
    found: str = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return found


def normalize_mobile(value: str, *, path: str = "cellulare", region: str = DEFAULT_REGION) -> str:
    """CP-4: a mobile phone number in E.164 form, or raise (the conciliation's "cellulare").

    As :func:`normalize_phone`, and the number must be a mobile one (or one ``phonenumbers``
    cannot tell from a landline, as in some countries).

    Raises:
        ValidationError: the violations of :func:`normalize_phone`, or
            ``profile.phone_not_mobile`` (CP-4) for a landline, at ``path``.

    >>> normalize_mobile("333 123 4567")
    '+393331234567'
    >>> normalize_mobile("06 1234 5678")
    Traceback (most recent call last):
    ...
    sportello._violations.ValidationError: cellulare: Indicare un numero di telefono cellulare.
    """
    found = normalize_phone(value, path=path, region=region)
    phonenumbers = _phonenumbers()
    kind = phonenumbers.number_type(phonenumbers.parse(found))
    mobile = (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    )
    if kind not in mobile:
        raise ValidationError([Violation.of("profile.phone_not_mobile", path=path)])
    return found


def normalize_email(value: str, *, path: str = "email", check_deliverability: bool = False) -> str:
    """An e-mail address in normalised form (domain lower-cased, IDNA), or raise.

    By default nothing goes on the network; ``check_deliverability=True`` also asks DNS
    whether the domain accepts mail.

    An address longer than :data:`MAX_EMAIL_LENGTH` (blanks around excluded) is refused
    before ``email-validator`` reads it.

    Raises:
        ValidationError: ``profile.not_text`` (not a ``str``), ``profile.email_too_long``,
            ``profile.email_invalid`` or ``profile.email_undeliverable``, at ``path``.

    >>> normalize_email("x" * 250 + "@example.com")
    Traceback (most recent call last):
    ...
    sportello._violations.ValidationError: email: L'indirizzo e-mail è troppo lungo (al ...
    """
    text = _text(value, path, MAX_EMAIL_LENGTH, "profile.email_too_long")
    email_validator = _email_validator()
    try:
        result = email_validator.validate_email(text, check_deliverability=check_deliverability)
    except email_validator.EmailUndeliverableError:
        code = "profile.email_undeliverable"
    except email_validator.EmailNotValidError:
        code = "profile.email_invalid"
    else:
        return str(result.normalized)
    raise ValidationError([Violation.of(code, path=path, value=value)])


def _normalize(
    changes: Mapping[str, object], *, check_deliverability: bool
) -> tuple[dict[str, str], list[Violation]]:
    clean: dict[str, str] = {}
    problems: list[Violation] = []
    for field, value in changes.items():
        if field not in EDITABLE_FIELDS:
            problems.append(Violation.of("profile.field_not_editable", path=field, field=field))
            continue
        if not isinstance(value, str) or not value.strip():
            if field == "email":
                problems.append(Violation.of("profile.email_required", path=field))
            elif value is None or isinstance(value, str):
                clean[field] = ""
            else:
                problems.append(Violation.of("profile.phone_invalid", path=field, value=value))
            continue
        try:
            clean[field] = (
                normalize_email(value, path=field, check_deliverability=check_deliverability)
                if field == "email"
                else normalize_phone(value, path=field)
            )
        except ValidationError as err:
            problems += err.violations
    return clean, problems


def check_update(
    changes: Mapping[str, object], *, check_deliverability: bool = False
) -> list[Violation]:
    """Every problem of a change to the customer's personal data; ``[]`` when it may go (UP-6).

    Only :data:`EDITABLE_FIELDS` may change (``profile.field_not_editable`` for any other
    field, whose message says a request to the company is needed). Phone and fax must be valid
    numbers (Italian by default, ``+`` for others); an empty value or ``None`` clears them.
    The e-mail must be a valid address and cannot be cleared.

    Args:
        changes: field name -> new value.
        check_deliverability: also check on DNS that the e-mail's domain takes mail.
    """
    return _normalize(changes, check_deliverability=check_deliverability)[1]


def normalize_update(
    changes: Mapping[str, object], *, check_deliverability: bool = False
) -> dict[str, str]:
    """The accepted change with normalised values (E.164 numbers, normalised e-mail) (UP-6).

    Raises:
        ValidationError: with every violation :func:`check_update` finds.
    """
    clean, problems = _normalize(changes, check_deliverability=check_deliverability)
    if problems:
        raise ValidationError(problems)
    return clean


def __dir__() -> list[str]:
    """Only the public names (``__all__``), not the imports."""
    return list(__all__)  # pragma: no mutate (not a rule: tests/test_public_api.py)

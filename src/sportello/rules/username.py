"""The username policy: one canonical form, a restricted alphabet, a maximum length (AU-4).

AU-4 says login is by the "username [...] scelto in fase di registrazione"; the seeds say
nothing of what a username may hold. This portal's decision (docs/rules/accounts.md,
"Usernames"): a username is compared and stored in its canonical form, :func:`fold`
(Unicode NFKC, then case folding, surrounding blanks dropped), and that form must be
:data:`MIN_LENGTH` to :data:`MAX_LENGTH` characters of :data:`ALPHABET` (ASCII letters and
digits, ``.``, ``_``, ``-``), starting and ending with a letter or a digit.

So a lookalike either folds to the same account or is refused:

- fullwidth letters (``ｍａｒｉｏ``), ligatures (``ﬁ``), the Kelvin sign, ``ß`` and upper case
  fold to their plain form: one account, whichever way it was typed;
- Cyrillic or Greek letters that look Latin (``mаrio`` with U+0430), zero-width characters,
  control characters, spaces and every other symbol are refused with
  ``username.invalid_character``, naming the code point (never the text as typed).

:func:`fold` alone is the lookup key: the sandbox folds every username it looks up (login,
recovery, registration, the password change) with it, so no spelling gets a second account
or a second count of failed logins.

>>> fold(" Mario.Rossi "), fold("ｍａｒｉｏ"), fold("STRAßE")
('mario.rossi', 'mario', 'strasse')
>>> validate("Giulia_B-90")
'giulia_b-90'
>>> [v.code for v in check("mаrio")]  # the second letter is Cyrillic
['username.invalid_character']
>>> [v.params["carattere"] for v in check("mario\\u200brossi")]
['U+200B']
>>> is_valid("a" * MAX_LENGTH), is_valid("a" * (MAX_LENGTH + 1)), is_valid(".mario")
(True, False, False)
"""

from __future__ import annotations

import string
import unicodedata

from sportello._violations import ValidationError, Violation

__all__ = ["ALPHABET", "MAX_LENGTH", "MIN_LENGTH", "check", "fold", "is_valid", "validate"]

#: The shortest username, in characters of its canonical form.
MIN_LENGTH = 3
#: The longest username, in characters of its canonical form.
MAX_LENGTH = 40
#: The characters of a canonical username (after :func:`fold`).
ALPHABET = frozenset(string.ascii_lowercase + string.digits + "._-")
_EDGES = frozenset(string.ascii_lowercase + string.digits)
#: Text longer than this is refused before any Unicode work (a bound on hostile input).
_SCAN_LIMIT = 4 * MAX_LENGTH


def fold(value: str) -> str:
    """The canonical form of a username: NFKC, case folded, NFKC again, blanks stripped (AU-4).

    Case folding can undo NFKC (``"ǰ".casefold()`` is not in NFKC), hence the second pass.
    Nothing is refused here: :func:`check` says whether the result is a valid username.

    >>> fold("ＫＥＬＶＩＮ"), fold("\\u212a"), fold("ﬁlippo")
    ('kelvin', 'k', 'filippo')
    """
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", value).casefold())
    return folded.strip()


def _code_point(char: str) -> str:
    return f"U+{ord(char):04X}"


def check(value: object, *, path: str = "username") -> list[Violation]:
    """Every violation of the username policy (AU-4), all at once; ``[]`` when valid.

    Codes: ``username.not_text`` (not a ``str``), ``username.too_short`` and
    ``username.too_long`` (params ``length``, ``min_length``/``max_length``),
    ``username.invalid_character`` (param ``carattere``, the first offending code point as
    ``U+XXXX``), ``username.invalid_edge`` (a separator first or last). Lengths count the
    canonical form.
    """
    if not isinstance(value, str):
        return [Violation.of("username.not_text", path=path, type=type(value).__name__)]
    if len(value) > _SCAN_LIMIT:
        return [
            Violation.of("username.too_long", path=path, length=len(value), max_length=MAX_LENGTH)
        ]
    folded = fold(value)
    found: list[Violation] = []
    if len(folded) < MIN_LENGTH:
        found.append(
            Violation.of("username.too_short", path=path, length=len(folded), min_length=MIN_LENGTH)
        )
    if len(folded) > MAX_LENGTH:
        found.append(
            Violation.of("username.too_long", path=path, length=len(folded), max_length=MAX_LENGTH)
        )
    wrong = next((c for c in folded if c not in ALPHABET), None)
    if wrong is not None:
        found.append(
            Violation.of("username.invalid_character", path=path, carattere=_code_point(wrong))
        )
    elif folded and (folded[0] not in _EDGES or folded[-1] not in _EDGES):
        found.append(Violation.of("username.invalid_edge", path=path))
    return found


def validate(value: object) -> str:
    """The canonical username (AU-4), or raise :class:`~sportello.ValidationError`.

    Raises:
        ValidationError: every violation :func:`check` finds, at path ``username``.
    """
    found = check(value)
    if found:
        raise ValidationError(found)
    assert isinstance(value, str)  # noqa: S101 - check() refused any other type
    return fold(value)


def is_valid(value: object) -> bool:
    """Whether ``value`` is a valid username (AU-4); never raises."""
    return not check(value)


def __dir__() -> list[str]:
    """Only the public names (``__all__``), not the imports."""
    return list(__all__)  # pragma: no mutate (not a rule: tests/test_public_api.py)

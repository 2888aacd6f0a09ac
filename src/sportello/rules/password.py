"""The portal's password policy (PW-1..PW-4, seed 000) and the history of past passwords.

Seed 000 says the password "deve essere composta da almeno 8 caratteri e contenere almeno una
lettera maiuscola, una lettera minuscola, un numero ed un carattere speciale. La password non
deve inoltre contenere username, nome, cognome, ed in caso di aggiornamento deve essere diversa
dalle ultime tre password inserite."

- PW-1: at least 8 characters (``password.too_short``) and, our ceiling where the seed is
  silent, at most :data:`PASSWORD_MAX_LENGTH` (``password.too_long``), checked first: a 1 MB
  password is refused at once, without normalising, scanning or hashing it.
- PW-2: an uppercase and a lowercase letter, a digit, a special character
  (``password.missing_uppercase``, ``missing_lowercase``, ``missing_digit``,
  ``missing_special``).
- PW-3: not the username, first name or last name, ignoring case and accents
  (``password.contains_username``, ``contains_nome``, ``contains_cognome``).
- PW-4: on a change, none of the last three passwords (``password.reused``), checked against a
  :class:`PasswordHistory` of salted, slow hashes.

These composition rules are *this portal's* rule, reproduced because the portal enforces them.
They are not NIST SP 800-63B advice: NIST discourages composition rules and recommends a length
minimum plus screening against lists of breached passwords. That screening needs data or a
network call, so it is not done here (rules do no I/O): the embedding app adds it next to
:func:`check`, e.g. by refusing a password found by the Have I Been Pwned range API, which is
sent only the first five hex digits of the password's SHA-1 (docs page, "Not NIST").

:func:`check` returns every violation at once; nothing returned, raised or shown ever holds the
password, and :class:`PasswordHistory` holds hashes only.

>>> [v.code for v in check("Niccolo2026!", nome="Niccolò")]
['password.contains_nome']
>>> [(v.rule, v.code) for v in check("abc")]  # doctest: +NORMALIZE_WHITESPACE
[('PW-1', 'password.too_short'), ('PW-2', 'password.missing_uppercase'),
 ('PW-2', 'password.missing_digit'), ('PW-2', 'password.missing_special')]
>>> check("Bollette-2026")
[]
>>> history = PasswordHistory(hasher=ScryptHasher.low_cost())
>>> history.add("Bollette-2026")
>>> [v.message() for v in check("Bollette-2026", history=history)]
['La password deve essere diversa dalle ultime 3 password inserite.']
"""

from __future__ import annotations

import unicodedata
from typing import TypeGuard

import attrs

from sportello._messages import DEFAULT_LANG, Lang, render
from sportello._violations import ValidationError, Violation
from sportello.rules._hashers import PasswordHasher, PasswordHistory, ScryptHasher

__all__ = [
    "DEFAULT_POLICY",
    "PASSWORD_MAX_LENGTH",
    "PasswordHasher",
    "PasswordHistory",
    "PasswordPolicy",
    "ScryptHasher",
    "check",
    "fold",
    "validate",
]

#: PW-1's ceiling (our decision, the seed gives none): the most characters a password may have,
#: counted as received (before normalisation), so the check costs O(1) whatever the size.
PASSWORD_MAX_LENGTH = 1024

_PATH = "password"
_UPPER = frozenset({"Lu", "Lt"})
_NOT_SPECIAL = frozenset({"Ll", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Zs", "Zl", "Zp", "Cf"})
_INVALID = frozenset({"Cc", "Cs"})


def fold(text: str) -> str:
    """``text`` without case and accents: NFKD, combining marks dropped, casefolded (PW-3).

    >>> fold("Niccolò D'Amico"), fold("STRAßE"), fold("ﬁlo")
    ("niccolo d'amico", 'strasse', 'filo')
    """
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    refolded = unicodedata.normalize("NFKD", bare.casefold())
    return "".join(c for c in refolded if not unicodedata.combining(c))


def _runs(text: str) -> list[str]:
    """Maximal runs of alphanumeric characters: the parts of a name (``de luca`` -> 2)."""
    runs: list[str] = []
    current: list[str] = []
    for c in text:
        if c.isalnum():
            current.append(c)
        elif current:
            runs.append("".join(current))
            current = []
    if current:
        runs.append("".join(current))
    return runs


def _tokens(folded: str) -> set[str]:
    """The password's whole words: runs of letters, runs of digits and alphanumeric runs."""
    found: set[str] = set(_runs(folded))
    kind = ""
    start = 0
    for i, c in enumerate(folded + " "):
        now = "a" if c.isalpha() else "0" if c.isdigit() else ""
        if now != kind:
            if kind:
                found.add(folded[start:i])
            kind, start = now, i
    return found


def _name_in(folded_password: str, tokens: set[str], name: str, min_part: int) -> bool:
    """Whether ``name`` is found in the password (PW-3), by the rules on the docs page.

    Each part of the name (split at spaces, apostrophes, hyphens, dots) and, for a name of
    several parts, the parts joined, is searched: as a substring when it has at least
    ``min_part`` characters, as a whole word of the password when shorter, and not at all when
    it is a single character.
    """
    parts = _runs(fold(name))
    candidates = [*parts, "".join(parts)] if len(parts) > 1 else parts
    for part in candidates:
        if len(part) >= min_part:
            if part in folded_password:
                return True
        elif len(part) >= 2 and part in tokens:
            return True
    return False


def _not_text(value: object, path: str) -> Violation | None:
    if value is None or isinstance(value, str):
        return None
    return Violation.of("password.not_text", path=path, type=type(value).__name__)


def _is_count(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _non_negative(_: object, attribute: attrs.Attribute[int], value: object) -> None:
    if not _is_count(value):
        raise ValueError(f"{attribute.name} must be a non-negative integer")


def _ceiling(instance: PasswordPolicy, attribute: attrs.Attribute[int], value: object) -> None:
    if not (_is_count(value) and value >= max(instance.min_length, 1)):
        raise ValueError(f"{attribute.name} must be an integer of at least 1 and min_length")


@attrs.frozen(kw_only=True)
class PasswordPolicy:
    """The password policy of seed 000 (PW-1, PW-2, PW-3, PW-4), every part configurable.

    The defaults are the seed's: 8 characters, one of each class, no username/nome/cognome,
    different from the last 3 passwords. A portal with another rule changes the option, e.g.
    ``PasswordPolicy(min_length=12, require_special=False)``; ``history_depth=0`` turns PW-4 off.

    Attributes:
        min_length: PW-1, the fewest characters (Unicode code points after NFC).
        max_length: PW-1, the most characters (code points as received, checked first); at
            least 1 and at least ``min_length``.
        require_uppercase: PW-2, a letter of category Lu or Lt ("É" counts).
        require_lowercase: PW-2, a letter of category Ll.
        require_digit: PW-2, a decimal digit of any script (category Nd).
        require_special: PW-2, a character that is not a letter, digit, space or mark.
        forbid_username: PW-3 for the username.
        forbid_nome: PW-3 for the first name.
        forbid_cognome: PW-3 for the last name.
        min_name_part: PW-3, a name part this long or longer is searched as a substring; a
            shorter one (e.g. "Al") only as a whole word; a single letter is ignored.
        history_depth: PW-4, how many past passwords the new one must differ from.
    """

    min_length: int = attrs.field(default=8, validator=_non_negative)
    max_length: int = attrs.field(default=PASSWORD_MAX_LENGTH, validator=_ceiling)
    require_uppercase: bool = True
    require_lowercase: bool = True
    require_digit: bool = True
    require_special: bool = True
    forbid_username: bool = True
    forbid_nome: bool = True
    forbid_cognome: bool = True
    min_name_part: int = attrs.field(default=3, validator=_non_negative)
    history_depth: int = attrs.field(default=3, validator=_non_negative)

    def check(
        self,
        password: object,
        *,
        username: str | None = None,
        nome: str | None = None,
        cognome: str | None = None,
        history: PasswordHistory | None = None,
    ) -> list[Violation]:
        """Every violation of PW-1, PW-2, PW-3 and PW-4 by ``password``, all at once.

        Args:
            password: the candidate password; anything but a ``str`` gives one
                ``password.not_text`` violation.
            username: the account's username (PW-3), if known.
            nome: the first name (PW-3), if known.
            cognome: the last name (PW-3), if known.
            history: on a change, the account's past passwords (PW-4).

        Returns:
            The violations, path ``"password"`` (``"username"``, ``"nome"``, ``"cognome"`` for
            a name that is not text), in rule order; empty when the password is accepted. A
            password over ``max_length`` (PW-1) gives that one violation and nothing else is
            looked at: neither normalised, nor scanned, nor hashed against the history.

        >>> policy = PasswordPolicy(min_length=12, require_special=False)
        >>> [v.code for v in policy.check("Rossi2026abc", cognome="Rossi")]
        ['password.contains_cognome']
        >>> [(v.code, dict(v.params)) for v in policy.check("x" * 1_000_000, cognome="Rossi")]
        [('password.too_long', {'max_length': 1024, 'length': 1000000})]
        """
        if not isinstance(password, str):
            return [Violation.of("password.not_text", path=_PATH, type=type(password).__name__)]
        if len(password) > self.max_length:
            return [
                Violation.of(
                    "password.too_long",
                    path=_PATH,
                    max_length=self.max_length,
                    length=len(password),
                )
            ]
        found = self._composition(unicodedata.normalize("NFC", password))
        found += self._names(password, username=username, nome=nome, cognome=cognome)
        depth = self.history_depth
        if history is not None and depth > 0 and history.contains(password, last=depth):
            found.append(Violation.of("password.reused", path=_PATH, depth=self.history_depth))
        return found

    def validate(
        self,
        password: object,
        *,
        username: str | None = None,
        nome: str | None = None,
        cognome: str | None = None,
        history: PasswordHistory | None = None,
    ) -> None:
        """Like :meth:`check` (PW-1..PW-4), but raise when the password is refused.

        Raises:
            ValidationError: carrying every violation that :meth:`check` returns.
        """
        found = self.check(password, username=username, nome=nome, cognome=cognome, history=history)
        if found:
            raise ValidationError(found)

    def hints(self, lang: Lang = DEFAULT_LANG) -> list[str]:
        """The policy told to the user, one sentence per part (PW-1..PW-4), from the catalog.

        Written from the options, so a hint never promises what the policy does not check:
        a part that is turned off is left out, and an empty list means no rule at all.

        >>> PasswordPolicy(require_special=False, forbid_username=False).hints("en")
        ... # doctest: +NORMALIZE_WHITESPACE
        ['The password must contain at least 8 characters, an uppercase letter,
          a lowercase letter and a digit.',
         'The password must not contain the first name or the last name.',
         'The password must differ from the last 3 passwords.']
        """
        parts = [render("password.hint_min_length", {"min_length": self.min_length}, lang)]
        parts = parts if self.min_length > 1 else []
        for wanted, code in (
            (self.require_uppercase, "password.hint_uppercase"),
            (self.require_lowercase, "password.hint_lowercase"),
            (self.require_digit, "password.hint_digit"),
            (self.require_special, "password.hint_special"),
        ):
            if wanted:
                parts.append(render(code, {}, lang))
        names = [
            render(f"password.hint_{field}", {}, lang)
            for field, wanted in (
                ("username", self.forbid_username),
                ("nome", self.forbid_nome),
                ("cognome", self.forbid_cognome),
            )
            if wanted
        ]
        found: list[str] = []
        if parts:
            requirements = _listed(parts, render("password.hint_and", {}, lang))
            found.append(render("password.hint_composition", {"requirements": requirements}, lang))
        if names:
            listed = _listed(names, render("password.hint_or", {}, lang))
            found.append(render("password.hint_names", {"names": listed}, lang))
        if self.history_depth == 1:
            found.append(render("password.hint_history_one", {}, lang))
        elif self.history_depth > 1:
            found.append(render("password.hint_history", {"depth": self.history_depth}, lang))
        return found

    def help_text(self, lang: Lang = DEFAULT_LANG) -> str:
        """The :meth:`hints` as one paragraph: the form's hint and Django's help text (PW-1..PW-4).

        >>> print(DEFAULT_POLICY.help_text())  # doctest: +NORMALIZE_WHITESPACE
        La password deve contenere almeno 8 caratteri, una lettera maiuscola, una lettera
        minuscola, un numero e un carattere speciale (ad esempio ! ? # @ _ -). La password non
        deve contenere lo username, il nome o il cognome. La password deve essere diversa dalle
        ultime 3 password inserite.
        """
        return " ".join(self.hints(lang))

    def _composition(self, text: str) -> list[Violation]:
        """PW-1 and PW-2 on the NFC text, in one pass."""
        upper = lower = digit = special = invalid = False
        for c in text:
            category = unicodedata.category(c)
            if category in _UPPER:
                upper = True
            elif category == "Ll":
                lower = True
            elif category == "Nd":
                digit = True
            elif category in _INVALID:
                invalid = True
            elif category not in _NOT_SPECIAL:
                special = True
        found: list[Violation] = []
        if invalid:
            found.append(Violation.of("password.invalid_character", path=_PATH))
        if len(text) < self.min_length:
            found.append(
                Violation.of(
                    "password.too_short", path=_PATH, min_length=self.min_length, length=len(text)
                )
            )
        for wanted, present, code in (
            (self.require_uppercase, upper, "password.missing_uppercase"),
            (self.require_lowercase, lower, "password.missing_lowercase"),
            (self.require_digit, digit, "password.missing_digit"),
            (self.require_special, special, "password.missing_special"),
        ):
            if wanted and not present:
                found.append(Violation.of(code, path=_PATH))
        return found

    def _names(
        self, password: str, *, username: object, nome: object, cognome: object
    ) -> list[Violation]:
        """PW-3: the username, nome and cognome, each ignoring case and accents."""
        folded = fold(password)
        tokens = _tokens(folded)
        found: list[Violation] = []
        for field, value, wanted in (
            ("username", username, self.forbid_username),
            ("nome", nome, self.forbid_nome),
            ("cognome", cognome, self.forbid_cognome),
        ):
            wrong = _not_text(value, field)
            if wrong is not None:
                found.append(wrong)
            elif (
                wanted
                and isinstance(value, str)
                and _name_in(folded, tokens, value, max(self.min_name_part, 1))
            ):
                found.append(Violation.of(f"password.contains_{field}", path=_PATH))
        return found


def _listed(items: list[str], last_joint: str) -> str:
    """``a, b and c`` (``a``; ``a and b``) with ``last_joint`` before the last item."""
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} {last_joint} {items[-1]}"


#: The policy of seed 000, used by the module-level :func:`check` and :func:`validate`.
DEFAULT_POLICY = PasswordPolicy()


def check(
    password: object,
    *,
    username: str | None = None,
    nome: str | None = None,
    cognome: str | None = None,
    history: PasswordHistory | None = None,
) -> list[Violation]:
    """Every violation of PW-1..PW-4 under the seed's default policy (:data:`DEFAULT_POLICY`).

    >>> [v.code for v in check("mario.rossi", username="mario.rossi")]
    ['password.missing_uppercase', 'password.missing_digit', 'password.contains_username']
    """
    return DEFAULT_POLICY.check(
        password, username=username, nome=nome, cognome=cognome, history=history
    )


def validate(
    password: object,
    *,
    username: str | None = None,
    nome: str | None = None,
    cognome: str | None = None,
    history: PasswordHistory | None = None,
) -> None:
    """Raise :class:`~sportello.ValidationError` when PW-1..PW-4 refuse ``password``.

    >>> validate("corta")
    Traceback (most recent call last):
    ...
    sportello._violations.ValidationError: password: La password deve contenere almeno 8 ...
    """
    DEFAULT_POLICY.validate(
        password, username=username, nome=nome, cognome=cognome, history=history
    )


def __dir__() -> list[str]:
    """Only the public names (``__all__``), not the imports."""
    return list(__all__)  # pragma: no mutate (not a rule: tests/test_public_api.py)

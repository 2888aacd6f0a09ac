"""The PW-4 history and its hashers: :class:`PasswordHistory`, :class:`PasswordHasher`, scrypt.

Re-exported by :mod:`sportello.rules.password`; import them from there. The history of PW-4
keeps salted, slow hashes, never plain text. A hasher turns a password into a self-describing
string in the PHC format (algorithm, cost, salt, hash) and checks a password against it.
:class:`ScryptHasher` is the default, from the standard library; a portal can plug any object
with the same two methods (argon2-cffi, Django's hashers, ...).

>>> hasher = ScryptHasher.low_cost()
>>> encoded = hasher.hash("Sportello#2026")
>>> encoded.startswith("$scrypt$ln=4,r=8,p=1$")
True
>>> hasher.verify("Sportello#2026", encoded), hasher.verify("sportello#2026", encoded)
(True, False)
>>> hasher.verify("Sportello#2026", "$scrypt$not-a-hash")
False
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets
import unicodedata
from collections.abc import Iterable
from typing import Protocol, runtime_checkable

import attrs

from sportello._violations import ValidationError, Violation

__all__ = ["PasswordHasher", "PasswordHistory", "ScryptHasher"]

#: Upper bounds accepted when *verifying* a stored string, so that a forged or corrupted entry
#: cannot make us allocate gigabytes or spin for minutes (verify then answers ``False``).
_MAX_LN = 22
_MAX_R = 32
_MAX_P = 16
_MAX_MEMORY = 1 << 30  # bytes scrypt may use: 128 * r * n * p
_MIN_KEY = 16
_MAX_KEY = 128


@runtime_checkable
class PasswordHasher(Protocol):
    """What the PW-4 history needs from a hasher: ``hash`` and ``verify`` on PHC strings.

    ``hash`` returns a new salted hash (a different string each call); ``verify`` answers whether
    a password matches a stored string, compares in constant time, and returns ``False`` (never
    raises) on a string it cannot read.
    """

    def hash(self, password: str) -> str:
        """A salted, slow hash of ``password`` as a self-describing (PHC) string."""
        ...

    def verify(self, password: str, encoded: str) -> bool:
        """Whether ``password`` matches ``encoded``; ``False`` for a malformed ``encoded``."""
        ...


def _encode_password(password: object) -> bytes:
    """The bytes that are hashed: the NFC form of ``password`` in UTF-8.

    NFC makes an "é" typed as one code point or as "e" plus an accent the same password.
    Lone surrogates (never valid text, but possible in a Python ``str``) are kept with
    ``surrogatepass`` so hashing never fails on them.

    Raises:
        ValidationError: ``password.not_text`` when ``password`` is not a ``str``.
    """
    if not isinstance(password, str):
        raise ValidationError(
            [Violation.of("password.not_text", path="password", type=type(password).__name__)]
        )
    return unicodedata.normalize("NFC", password).encode("utf-8", "surrogatepass")


def _b64encode(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii").rstrip("=")


def _b64decode(text: str) -> bytes:
    return base64.b64decode(text + "=" * (-len(text) % 4), validate=True)


def _memory(ln: int, r: int, p: int) -> int:
    return 128 * r * (1 << ln) * p


@attrs.frozen
class ScryptHasher:
    """The default PW-4 hasher: ``hashlib.scrypt`` with a random 16-byte salt.

    The output is a PHC string, ``$scrypt$ln=17,r=8,p=1$<salt>$<hash>`` (base64 without
    padding), the same layout passlib uses, so it carries its own cost: raising the cost later
    keeps old entries verifiable. The default cost is OWASP's current minimum for scrypt
    (Password Storage Cheat Sheet, https://cheatsheetseries.owasp.org/cheatsheets/
    Password_Storage_Cheat_Sheet.html: "a minimum CPU/memory cost parameter of (2^17), a
    minimum block size of 8 (1024 bytes), and a parallelization parameter of 1"): n = 2**17,
    r = 8, p = 1, which takes :attr:`memory` = 128 MiB and about a third of a second per hash.
    A server bounds how many run at once (the sandbox's ``Settings.hash_concurrency``).
    :meth:`low_cost` is for tests and doctests only.

    >>> ScryptHasher().memory // 2**20, ScryptHasher(ln=15).memory // 2**20
    (128, 32)

    Attributes:
        ln: log2 of the CPU/memory cost n (17 means n = 131072).
        r: block size.
        p: parallelism.
        salt_size: bytes of random salt (from :mod:`secrets`).
        key_size: bytes of derived key.
    """

    ln: int = attrs.field(default=17, kw_only=True, validator=attrs.validators.in_(range(1, 23)))
    r: int = attrs.field(default=8, kw_only=True, validator=attrs.validators.in_(range(1, 33)))
    p: int = attrs.field(default=1, kw_only=True, validator=attrs.validators.in_(range(1, 17)))
    salt_size: int = attrs.field(
        default=16, kw_only=True, validator=attrs.validators.in_(range(16, 65))
    )
    key_size: int = attrs.field(
        default=32, kw_only=True, validator=attrs.validators.in_(range(_MIN_KEY, _MAX_KEY + 1))
    )

    def __attrs_post_init__(self) -> None:
        if _memory(self.ln, self.r, self.p) > _MAX_MEMORY:
            raise ValueError("scrypt cost too high: 128 * r * 2**ln * p must be at most 1 GiB")

    @property
    def memory(self) -> int:
        """Bytes one hash or verification takes: 128 x r x n x p."""
        return _memory(self.ln, self.r, self.p)

    @classmethod
    def low_cost(cls) -> ScryptHasher:
        """A cheap hasher (n = 16) for tests and doctests; never for real accounts."""
        return cls(ln=4)

    def hash(self, password: str) -> str:
        """A new salted scrypt hash of ``password`` (PW-4), as a PHC string.

        Raises:
            ValidationError: ``password.not_text`` when ``password`` is not a ``str``.
        """
        salt = secrets.token_bytes(self.salt_size)
        key = _scrypt(
            _encode_password(password), salt, ln=self.ln, r=self.r, p=self.p, size=self.key_size
        )
        return f"$scrypt$ln={self.ln},r={self.r},p={self.p}${_b64encode(salt)}${_b64encode(key)}"

    def verify(self, password: str, encoded: str) -> bool:
        """Whether ``password`` matches ``encoded`` (PW-4), compared in constant time.

        The cost is read from ``encoded``. A malformed string, an unknown algorithm or an
        absurd cost gives ``False``; so does a ``password`` that is not text.
        """
        if not _is_text(password, encoded):
            return False
        parsed = _parse(encoded)
        if parsed is None:
            return False
        ln, r, p, salt, expected = parsed
        actual = _scrypt(_encode_password(password), salt, ln=ln, r=r, p=p, size=len(expected))
        return hmac.compare_digest(actual, expected)


def _scrypt(secret: bytes, salt: bytes, *, ln: int, r: int, p: int, size: int) -> bytes:
    return hashlib.scrypt(
        secret,
        salt=salt,
        n=1 << ln,
        r=r,
        p=p,
        dklen=size,
        maxmem=_memory(ln, r, p) + (1 << 20),
    )


def _is_text(*values: object) -> bool:
    return all(isinstance(v, str) for v in values)


def _parse_cost(text: str) -> tuple[int, int, int] | None:
    """``ln``, ``r`` and ``p`` from ``ln=15,r=8,p=1``, or ``None`` when malformed or absurd."""
    params: dict[str, int] = {}
    for item in text.split(","):
        name, sep, value = item.partition("=")
        if not sep or name in params or not value.isdigit() or len(value) > 3:
            return None
        params[name] = int(value)
    if set(params) != {"ln", "r", "p"}:
        return None
    ln, r, p = params["ln"], params["r"], params["p"]
    fits = 1 <= ln <= _MAX_LN and 1 <= r <= _MAX_R and 1 <= p <= _MAX_P
    return (ln, r, p) if fits and _memory(ln, r, p) <= _MAX_MEMORY else None


def _parse(encoded: str) -> tuple[int, int, int, bytes, bytes] | None:
    """The cost, salt and hash of a ``$scrypt$`` PHC string, or ``None`` when malformed."""
    parts = encoded.split("$")
    if len(parts) != 5 or parts[0] or parts[1] != "scrypt" or not encoded.isascii():
        return None
    cost = _parse_cost(parts[2])
    if cost is None:
        return None
    try:
        salt, digest = _b64decode(parts[3]), _b64decode(parts[4])
    except (binascii.Error, ValueError):
        return None
    if not salt or not _MIN_KEY <= len(digest) <= _MAX_KEY:
        return None
    return (*cost, salt, digest)


def _is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


class PasswordHistory:
    """The last passwords of one account, as salted slow hashes (PW-4); never plain text.

    Entries are PHC strings, oldest first; the current password is the newest one, so
    with ``depth=3`` the history holds the current password and the two before it. Call
    :meth:`add` after each successful change; store :meth:`to_list` and rebuild with
    :meth:`from_list`. Its repr shows only the depth and the count.

    >>> history = PasswordHistory(depth=3, hasher=ScryptHasher.low_cost())
    >>> for password in ("Primo#2024", "Secondo#2025", "Terzo#2026", "Quarto#2027"):
    ...     history.add(password)
    >>> history
    PasswordHistory(depth=3, entries=3)
    >>> history.contains("Primo#2024"), history.contains("Secondo#2025")
    (False, True)
    >>> restored = PasswordHistory.from_list(history.to_list(), hasher=ScryptHasher.low_cost())
    >>> restored.contains("Quarto#2027")
    True
    """

    __slots__ = ("_depth", "_entries", "_hasher")

    def __init__(self, *, depth: int = 3, hasher: PasswordHasher | None = None) -> None:
        if not _is_count(depth):
            raise ValueError("depth must be a non-negative integer")
        self._depth = depth
        self._hasher: PasswordHasher = ScryptHasher() if hasher is None else hasher
        self._entries: list[str] = []

    @classmethod
    def from_list(
        cls, items: Iterable[object], *, depth: int = 3, hasher: PasswordHasher | None = None
    ) -> PasswordHistory:
        """A history from stored PHC strings, oldest first; only the last ``depth`` are kept.

        A string the hasher cannot read is kept and simply never matches (``verify`` gives
        ``False``), so a corrupted entry does not lock the user out.

        Raises:
            ValidationError: ``password.history_invalid`` at ``history[i]`` for each item
                that is not a string, or at ``history`` when ``items`` is itself one string
                (PW-4).
        """
        if isinstance(items, str | bytes):
            raise ValidationError(
                [
                    Violation.of(
                        "password.history_invalid", path="history", type=type(items).__name__
                    )
                ]
            )
        entries = list(items)
        wrong = [
            Violation.of("password.history_invalid", path=f"history[{i}]", type=type(v).__name__)
            for i, v in enumerate(entries)
            if not isinstance(v, str)
        ]
        if wrong:
            raise ValidationError(wrong)
        history = cls(depth=depth, hasher=hasher)
        history._entries = [str(v) for v in entries][-depth:] if depth else []
        return history

    @property
    def depth(self) -> int:
        """How many past passwords are kept."""
        return self._depth

    @property
    def hasher(self) -> PasswordHasher:
        """The hasher that makes and checks the entries."""
        return self._hasher

    def add(self, password: str) -> None:
        """Record ``password`` after a successful change (PW-4), keeping the last ``depth``.

        Raises:
            ValidationError: ``password.not_text`` when ``password`` is not a ``str``.
        """
        _encode_password(password)  # refuses a non-str before any work
        if self._depth == 0:
            return
        self._entries.append(self._hasher.hash(password))
        del self._entries[: -self._depth]

    def contains(self, password: object, *, last: int | None = None) -> bool:
        """Whether ``password`` matches one of the last ``last`` entries (all by default) (PW-4).

        Every entry is checked, even after a match, and each comparison is constant-time. A
        non-str password, or an entry the hasher cannot read, never matches.
        """
        if not isinstance(password, str):
            return False
        entries = self._entries if last is None else self._entries[-last:] if last > 0 else []
        results = [self._hasher.verify(password, encoded) for encoded in entries]
        return any(results)

    def to_list(self) -> list[str]:
        """The entries as PHC strings, oldest first, for the embedding app to store."""
        return list(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self) -> str:
        return f"PasswordHistory(depth={self._depth}, entries={len(self._entries)})"

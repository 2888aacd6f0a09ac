"""PW-4: the password history, its scrypt hasher and the pluggable hasher protocol."""

import base64
import hashlib
import hmac
import secrets

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sportello import ValidationError
from sportello.rules.password import (
    PasswordHasher,
    PasswordHistory,
    PasswordPolicy,
    ScryptHasher,
    check,
)

FAST = ScryptHasher.low_cost()


def test_scrypt_default_cost_round_trip() -> None:
    """PW-4: the default hasher (OWASP's n = 2**17, r = 8) makes a PHC string that verifies."""
    hasher = ScryptHasher()
    encoded = hasher.hash("Bollette#2026")
    assert encoded.startswith("$scrypt$ln=17,r=8,p=1$")
    assert hasher.memory == 128 * 2**20
    _, _, _, salt, digest = encoded.split("$")
    assert len(base64.b64decode(salt + "==")) == 16
    assert len(base64.b64decode(digest + "=")) == 32
    assert hasher.verify("Bollette#2026", encoded)
    assert not hasher.verify("Bollette#2027", encoded)


def test_salts_differ_and_cost_travels_with_the_hash() -> None:
    """PW-4: two hashes of one password differ; a hash verifies under another cost setting."""
    first, second = FAST.hash("Bollette#2026"), FAST.hash("Bollette#2026")
    assert first != second
    assert ScryptHasher().verify("Bollette#2026", first)


def test_verify_treats_unicode_forms_alike() -> None:
    """PW-4: an accent typed composed or decomposed is the same password (NFC)."""
    encoded = FAST.hash("Perch\u00e9#2026")
    assert FAST.verify("Perche\u0301#2026", encoded)


@pytest.mark.parametrize(
    "encoded",
    [
        "",
        "$",
        "scrypt",
        "$scrypt$",
        "$scrypt$ln=4,r=8,p=1$",
        "$scrypt$ln=4,r=8,p=1$$",
        "$scrypt$ln=4,r=8,p=1$c2FsdA$",
        "$scrypt$ln=4,r=8,p=1$!!!!$c2FsdHNhbHRzYWx0c2FsdA",
        "$scrypt$ln=4,r=8,p=1$c2FsdA$short",
        "$scrypt$ln=4,r=8$c2FsdA$c2FsdHNhbHRzYWx0c2FsdA",
        "$scrypt$ln=4,r=8,p=1,x=1$c2FsdA$c2FsdHNhbHRzYWx0c2FsdA",
        "$scrypt$ln=4,ln=4,r=8$c2FsdA$c2FsdHNhbHRzYWx0c2FsdA",
        "$scrypt$ln=-4,r=8,p=1$c2FsdA$c2FsdHNhbHRzYWx0c2FsdA",
        "$scrypt$ln=0,r=8,p=1$c2FsdA$c2FsdHNhbHRzYWx0c2FsdA",
        "$scrypt$ln=40,r=8,p=1$c2FsdA$c2FsdHNhbHRzYWx0c2FsdA",
        "$scrypt$ln=20,r=32,p=16$c2FsdA$c2FsdHNhbHRzYWx0c2FsdA",
        "$scrypt$ln=\u0664,r=8,p=1$c2FsdA$c2FsdHNhbHRzYWx0c2FsdA",
        "$scrypt$ln=4,r=8,p=1$c2FsdA$c2FsdHNhbHRzYWx0c2FsdA$extra",
        "$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo",
        "pbkdf2_sha256$600000$salt$hash",
        "Bollette#2026",
    ],
)
def test_verify_malformed_returns_false(encoded: str) -> None:
    """PW-4: verify of a malformed, foreign or absurd-cost PHC string is False, never raises."""
    assert FAST.verify("Bollette#2026", encoded) is False


def test_verify_wrong_types_return_false() -> None:
    """PW-4: verify with a non-str password or encoded string is False, never raises."""
    encoded = FAST.hash("Bollette#2026")
    assert FAST.verify(None, encoded) is False  # type: ignore[arg-type]
    assert FAST.verify("Bollette#2026", b"$scrypt$") is False  # type: ignore[arg-type]


def test_hash_of_non_text_is_a_validation_error() -> None:
    """PW-4: hashing something that is not a str raises our ValidationError, not TypeError."""
    with pytest.raises(ValidationError) as caught:
        FAST.hash(12345678)  # type: ignore[arg-type]
    assert caught.value.codes == ("password.not_text",)


def test_hash_of_lone_surrogate_does_not_crash() -> None:
    """PW-4: a str that is not valid UTF-8 (a lone surrogate) still hashes and verifies."""
    encoded = FAST.hash("Abc\ud800def1!")
    assert FAST.verify("Abc\ud800def1!", encoded)


@pytest.mark.parametrize(
    ("option", "value"),
    [("ln", 0), ("ln", 23), ("r", 0), ("p", 17), ("salt_size", 8), ("key_size", 8)],
)
def test_scrypt_options_are_bounded(option: str, value: int) -> None:
    """PW-4: a hasher cannot be configured with a useless or absurd cost."""
    with pytest.raises(ValueError, match=f"'{option}'"):
        ScryptHasher(**{option: value})


def test_scrypt_refuses_more_than_a_gibibyte() -> None:
    """PW-4: a cost whose memory exceeds 1 GiB is refused at construction."""
    with pytest.raises(ValueError, match="cost too high"):
        ScryptHasher(ln=20, r=16)


def test_history_across_four_changes() -> None:
    """PW-4: after four changes the first password is allowed again, the last three are not."""
    history = PasswordHistory(depth=3, hasher=FAST)
    passwords = ["Primo#2023", "Secondo#2024", "Terzo#2025", "Quarto#2026"]
    for password in passwords:
        assert check(password, history=history) == []
        history.add(password)
    assert len(history) == 3
    assert check(passwords[0], history=history) == []
    for password in passwords[1:]:
        assert [v.code for v in check(password, history=history)] == ["password.reused"]


def test_policy_depth_limits_the_comparison() -> None:
    """PW-4: a policy with history_depth=1 compares only with the newest entry."""
    history = PasswordHistory(hasher=FAST)
    history.add("Primo#2023")
    history.add("Secondo#2024")
    policy = PasswordPolicy(history_depth=1)
    assert policy.check("Primo#2023", history=history) == []
    assert [v.params for v in policy.check("Secondo#2024", history=history)] == [{"depth": 1}]
    assert not history.contains("Primo#2023", last=0)


def test_serialization_round_trip() -> None:
    """PW-4: to_list gives PHC strings that from_list turns back into the same history."""
    history = PasswordHistory(hasher=FAST)
    for password in ["Primo#2023", "Secondo#2024"]:
        history.add(password)
    stored = history.to_list()
    assert all(item.startswith("$scrypt$") for item in stored)
    restored = PasswordHistory.from_list(stored, depth=3, hasher=FAST)
    assert restored.to_list() == stored
    assert restored.contains("Primo#2023")
    assert restored.contains("Secondo#2024")
    assert not restored.contains("Terzo#2025")
    assert restored.depth == 3
    assert restored.hasher is FAST


def test_from_list_keeps_only_the_last_depth() -> None:
    """PW-4: from_list keeps the newest `depth` entries (oldest first in the list)."""
    stored = [FAST.hash(p) for p in ["Uno#2021", "Due#2022", "Tre#2023", "Quattro#2024"]]
    restored = PasswordHistory.from_list(stored, depth=2, hasher=FAST)
    assert restored.to_list() == stored[2:]
    assert PasswordHistory.from_list(stored, depth=0, hasher=FAST).to_list() == []


def test_from_list_refuses_non_strings_all_at_once() -> None:
    """PW-4: every non-str item of a stored history is reported, with its index."""
    with pytest.raises(ValidationError) as caught:
        PasswordHistory.from_list(["$scrypt$x", None, 3], hasher=FAST)
    assert [(v.code, v.path, v.rule) for v in caught.value.violations] == [
        ("password.history_invalid", "history[1]", "PW-4"),
        ("password.history_invalid", "history[2]", "PW-4"),
    ]


def test_from_list_refuses_a_single_string() -> None:
    """PW-4: one PHC string passed instead of a list is refused, not split into characters."""
    with pytest.raises(ValidationError) as caught:
        PasswordHistory.from_list(FAST.hash("Uno#2021"), hasher=FAST)
    assert [(v.code, v.path) for v in caught.value.violations] == [
        ("password.history_invalid", "history")
    ]


def test_corrupted_entry_never_matches() -> None:
    """PW-4: a malformed stored entry is kept but never matches, and never raises."""
    restored = PasswordHistory.from_list(["$scrypt$broken", FAST.hash("Due#2022")], hasher=FAST)
    assert not restored.contains("Uno#2021")
    assert restored.contains("Due#2022")


def test_history_holds_no_plain_text_and_repr_has_no_secret() -> None:
    """PW-4: the stored entries, the repr and str show neither password nor hash."""
    history = PasswordHistory(hasher=FAST)
    history.add("Segretissima#2026")
    (entry,) = history.to_list()
    assert "Segretissima" not in entry
    for shown in (repr(history), str(history)):
        assert shown == "PasswordHistory(depth=3, entries=1)"
        assert entry not in shown
    assert "Segretissima" not in repr(FAST)


def test_add_refuses_non_text_and_depth_zero_keeps_nothing() -> None:
    """PW-4: add raises ValidationError for a non-str; depth 0 stores nothing."""
    history = PasswordHistory(depth=0, hasher=FAST)
    history.add("Primo#2023")
    assert history.to_list() == []
    with pytest.raises(ValidationError):
        history.add(None)  # type: ignore[arg-type]
    assert not history.contains(None)
    with pytest.raises(ValueError, match="depth"):
        PasswordHistory(depth=-1)


def test_default_history_uses_scrypt() -> None:
    """PW-4: without a hasher, the history uses the default-cost ScryptHasher."""
    assert PasswordHistory().hasher == ScryptHasher()


class Pbkdf2Hasher:
    """A real alternative hasher (PBKDF2-SHA256, Django's format) to show the protocol."""

    iterations = 1000

    def hash(self, password: str) -> str:
        """A salted PBKDF2 hash in Django's ``pbkdf2_sha256$iter$salt$hash`` layout."""
        salt = secrets.token_hex(8)
        digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt.encode(), self.iterations)
        return f"pbkdf2_sha256${self.iterations}${salt}${base64.b64encode(digest).decode()}"

    def verify(self, password: str, encoded: str) -> bool:
        """Whether ``password`` matches a ``pbkdf2_sha256`` string."""
        algorithm, iterations, salt, expected = encoded.split("$")
        digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt.encode(), int(iterations))
        return algorithm == "pbkdf2_sha256" and hmac.compare_digest(
            base64.b64encode(digest).decode(), expected
        )


def test_another_hasher_plugs_in() -> None:
    """PW-4: any object with hash and verify serves as the history's hasher."""
    hasher = Pbkdf2Hasher()
    assert isinstance(hasher, PasswordHasher)
    assert isinstance(FAST, PasswordHasher)
    history = PasswordHistory(hasher=hasher)
    history.add("Primo#2023")
    assert history.to_list()[0].startswith("pbkdf2_sha256$1000$")
    assert [v.code for v in check("Primo#2023", history=history)] == ["password.reused"]


@given(password=st.text(max_size=40), other=st.text(max_size=40))
def test_hash_verify_round_trip(password: str, other: str) -> None:
    """PW-4: any text verifies against its own hash, and another text only if NFC-equal."""
    import unicodedata

    encoded = FAST.hash(password)
    assert FAST.verify(password, encoded)
    same = unicodedata.normalize("NFC", password) == unicodedata.normalize("NFC", other)
    assert FAST.verify(other, encoded) is same


# --- PW-4: the PHC string and its parser, exact limits both sides -------------------------------

PW = "Bollette#2026"


def _phc(cost: tuple[int, int, int], salt: bytes, key: bytes) -> str:
    def b64(raw: bytes) -> str:
        return base64.b64encode(raw).decode("ascii").rstrip("=")

    ln, r, p = cost
    return f"$scrypt$ln={ln},r={r},p={p}${b64(salt)}${b64(key)}"


def _key(ln: int, r: int, p: int, salt: bytes, size: int = 32) -> bytes:
    return hashlib.scrypt(PW.encode(), salt=salt, n=1 << ln, r=r, p=p, dklen=size)


SALT = b"\x00\x00\x17" * 6  # 18 bytes: base64 "AAAX" six times, no padding, a final "X"


def test_pw4_hash_is_the_exact_phc_string_without_padding(monkeypatch: pytest.MonkeyPatch) -> None:
    """PW-4: ``$scrypt$ln=..,r=..,p=..$salt$hash``, base64 without its ``=`` padding only."""
    monkeypatch.setattr(secrets, "token_bytes", lambda n: SALT[:n])
    encoded = ScryptHasher(ln=4, salt_size=18).hash(PW)
    assert encoded == _phc((4, 8, 1), SALT, _key(4, 8, 1, SALT))
    assert encoded.split("$")[3] == "AAAX" * 6  # a trailing "X" is data, not padding
    assert "=" not in encoded.split("$", 3)[3]


@pytest.mark.parametrize(("ln", "r", "p"), [(1, 1, 1), (1, 32, 1), (1, 1, 16), (4, 8, 1)])
def test_pw4_costs_at_their_limits_verify(ln: int, r: int, p: int) -> None:
    """PW-4: the least and the greatest r and p, and ln = 1, are costs the parser accepts."""
    hasher = ScryptHasher(ln=ln, r=r, p=p)
    assert hasher.verify(PW, hasher.hash(PW))


@pytest.mark.parametrize("size", [16, 128])
def test_pw4_key_sizes_at_their_limits_verify(size: int) -> None:
    """PW-4: a derived key of exactly 16 or exactly 128 bytes is read back."""
    hasher = ScryptHasher(ln=1, key_size=size)
    assert hasher.verify(PW, hasher.hash(PW))


def test_pw4_cost_limits_of_the_parser() -> None:
    """PW-4: ln up to 22, r up to 32, p up to 16, and at most 1 GiB in all, no more."""
    from sportello.rules._hashers import _parse_cost

    assert _parse_cost("ln=22,r=1,p=1") == (22, 1, 1)
    assert _parse_cost("ln=20,r=8,p=1") == (20, 8, 1)  # exactly 1 GiB
    assert _parse_cost("ln=20,r=8,p=2") is None  # 2 GiB
    assert _parse_cost("ln=23,r=1,p=1") is None
    assert _parse_cost("ln=1,r=33,p=1") is None
    assert _parse_cost("ln=1,r=1,p=17") is None
    assert _parse_cost("ln=0,r=1,p=1") is None
    assert _parse_cost("ln=1,r=008,p=1") == (1, 8, 1)  # three digits
    assert _parse_cost("ln=1,r=0008,p=1") is None  # four


def test_pw4_the_constructor_allows_exactly_one_gib() -> None:
    """PW-4: 128 * r * 2**ln * p may be 1 GiB, not more (nothing is hashed here)."""
    assert ScryptHasher(ln=20, r=8, p=1).ln == 20
    with pytest.raises(
        ValueError, match=r"^scrypt cost too high: 128 \* r \* 2\*\*ln \* p must be at most 1 GiB$"
    ):
        ScryptHasher(ln=20, r=8, p=2)


@pytest.mark.parametrize(
    "forge",
    [
        lambda e: e.replace("$scrypt$", "$argon2$"),  # another algorithm, same layout
        lambda e: "x" + e,  # something before the first "$"
        lambda e: e.replace("ln=1,", "ln=1,ln=1,"),  # a cost given twice
        lambda e: e.replace("ln=1,", "ln=x,"),  # not a number
        lambda e: e[: e.index("$", 9) + 3] + "****" + e[e.index("$", 9) + 3 :],  # not base64
    ],
)
def test_pw4_a_forged_string_never_verifies(forge: object) -> None:
    """PW-4: a string that is not exactly a readable scrypt PHC string is False, never raises."""
    assert callable(forge)
    hasher = ScryptHasher(ln=1, r=1, p=1)
    encoded = hasher.hash(PW)
    assert hasher.verify(PW, encoded)
    assert hasher.verify(PW, forge(encoded)) is False


def test_pw4_not_text_is_named() -> None:
    """PW-4: hashing something that is not text is refused at ``password`` with its type."""
    with pytest.raises(ValidationError) as caught:
        FAST.hash(5)  # type: ignore[arg-type]
    assert [(v.code, v.path, v.params) for v in caught.value.violations] == [
        ("password.not_text", "password", {"type": "int"})
    ]


def test_pw4_history_from_list_keeps_the_depth_and_names_bad_items() -> None:
    """PW-4: from_list keeps the last ``depth`` (3 by default) and names each bad item."""
    entries = [FAST.hash(f"Vecchia#{i}") for i in range(5)]
    assert len(PasswordHistory.from_list(entries, hasher=FAST)) == 3
    two = PasswordHistory.from_list(entries, depth=2, hasher=FAST)
    assert (two.depth, two.to_list()) == (2, entries[-2:])
    with pytest.raises(ValidationError) as caught:
        PasswordHistory.from_list([entries[0], 7, None], hasher=FAST)
    assert [(v.code, v.path, v.params) for v in caught.value.violations] == [
        ("password.history_invalid", "history[1]", {"type": "int"}),
        ("password.history_invalid", "history[2]", {"type": "NoneType"}),
    ]
    with pytest.raises(ValidationError) as caught:
        PasswordHistory.from_list("$scrypt$...", hasher=FAST)
    assert [(v.code, v.path, v.params) for v in caught.value.violations] == [
        ("password.history_invalid", "history", {"type": "str"})
    ]
    with pytest.raises(ValueError, match=r"^depth must be a non-negative integer$"):
        PasswordHistory(depth=-1)

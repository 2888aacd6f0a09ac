"""The username policy (AU-4; issue 13): one canonical form, lookalikes folded or refused."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sportello import ValidationError
from sportello.rules import username
from sportello.rules.username import (
    ALPHABET,
    MAX_LENGTH,
    MIN_LENGTH,
    check,
    fold,
    is_valid,
    validate,
)

#: Spellings that fold to one account: (as typed, canonical).
FOLDED = [
    ("Mario.Rossi", "mario.rossi"),
    ("  mario.rossi\t", "mario.rossi"),
    ("ＭＡＲＩＯ．ＲＯＳＳＩ", "mario.rossi"),  # fullwidth letters and full stop
    ("mario\uff3frossi", "mario_rossi"),  # fullwidth low line
    ("\u212aelvin", "kelvin"),  # KELVIN SIGN
    ("ﬁlippo", "filippo"),  # the fi ligature
    ("strasse", "strasse"),
    ("STRAßE", "strasse"),
    ("ẞtrasse", "sstrasse"),  # capital sharp s
    ("mario\u2024rossi", "mario.rossi"),  # ONE DOT LEADER
    ("utente①", "utente1"),  # circled digit
]

#: Lookalikes that are refused, with the code point the violation names.
REFUSED = [
    ("m\u0430rio", "U+0430"),  # Cyrillic a
    ("\u0440aolo", "U+0440"),  # Cyrillic er, looks like p
    ("mari\u03bf", "U+03BF"),  # Greek omicron
    ("mario\u200brossi", "U+200B"),  # zero-width space
    ("mario\u200drossi", "U+200D"),  # zero-width joiner
    ("mario\ufeffrossi", "U+FEFF"),  # byte order mark
    ("mario\x00rossi", "U+0000"),  # NUL
    ("mario\u0007rossi", "U+0007"),  # BEL
    ("mario\u202erossi", "U+202E"),  # right-to-left override
    ("mario rossi", "U+0020"),
    ("mario@rossi", "U+0040"),
    ("niccolò", "U+00F2"),  # accents are not folded away: "niccolo" is another name
    ("mari\u0301", "U+00ED"),  # a combining accent: composed by NFKC, then refused
]


@pytest.mark.parametrize(("typed", "canonical"), FOLDED)
def test_au4_lookalikes_fold_to_one_username(typed: str, canonical: str) -> None:
    """AU-4: case, width, ligatures and compatibility forms fold to one canonical name."""
    assert validate(typed) == canonical
    assert fold(typed) == canonical


@pytest.mark.parametrize(("typed", "code_point"), REFUSED)
def test_au4_lookalikes_and_invisible_characters_are_refused(typed: str, code_point: str) -> None:
    """AU-4: other scripts, zero-width and control characters are refused, named by code point."""
    (violation,) = [v for v in check(typed) if v.code == "username.invalid_character"]
    assert (violation.rule, violation.path, violation.params) == (
        "AU-4",
        "username",
        {"carattere": code_point},
    )
    assert typed not in violation.message("it")
    assert not is_valid(typed)


def test_au4_length_limits_on_both_sides() -> None:
    """AU-4: 3 to 40 characters of the canonical form; 2 and 41 are refused."""
    assert (MIN_LENGTH, MAX_LENGTH) == (3, 40)
    assert is_valid("abc")
    assert is_valid("a" * 40)
    assert [v.code for v in check("ab")] == ["username.too_short"]
    assert [(v.code, v.params) for v in check("a" * 41)] == [
        ("username.too_long", {"length": 41, "max_length": 40})
    ]
    assert is_valid("Ａ" * 40)  # fullwidth: 40 characters once folded
    assert [v.code for v in check("x" * 10_000)] == ["username.too_long"]


def test_au4_separators_only_inside() -> None:
    """AU-4: ``.``, ``_`` and ``-`` may not start or end a username."""
    for name in (".mario", "mario.", "_mario", "mario-", "..."):
        assert [v.code for v in check(name)] == ["username.invalid_edge"], name
    assert is_valid("m.a_r-i.o")


def test_au4_every_violation_at_once() -> None:
    """AU-4: a name too short and with a bad character gets both violations."""
    assert [v.code for v in check(" a\u200b")] == [
        "username.too_short",
        "username.invalid_character",
    ]


@pytest.mark.parametrize("value", [None, 12, b"mario", ["mario"]])
def test_au4_non_text_is_a_violation_not_a_crash(value: object) -> None:
    """AU-4: a value that is not text is refused with username.not_text."""
    assert [v.code for v in check(value)] == ["username.not_text"]
    with pytest.raises(ValidationError):
        validate(value)


def test_messages_in_both_languages() -> None:
    """Every username message exists in Italian and English and names the limits."""
    (short,) = check("ab")
    assert short.message("it") == "Lo username deve avere almeno 3 caratteri (ne ha 2)."
    assert short.message("en") == "The username must be at least 3 characters long (it has 2)."


@given(st.text(max_size=60))
def test_fold_is_idempotent_and_validate_returns_a_valid_name(text: str) -> None:
    """fold(fold(x)) == fold(x); whatever validate returns is canonical and valid."""
    assert fold(fold(text)) == fold(text)
    if is_valid(text):
        name = validate(text)
        assert name == fold(name)
        assert set(name) <= ALPHABET
        assert MIN_LENGTH <= len(name) <= MAX_LENGTH


@given(st.from_regex(r"[a-z0-9]([a-z0-9._-]{1,38})[a-z0-9]", fullmatch=True))
def test_every_name_of_the_alphabet_is_valid_and_unchanged(name: str) -> None:
    """Any name built from the documented alphabet and edges validates to itself."""
    assert validate(name) == name


def test_module_is_public() -> None:
    """The policy is a public rules module with a sorted __all__."""
    assert username.__all__ == sorted(username.__all__, key=lambda n: (not n.isupper(), n))


def test_au4_the_scan_limit_on_both_sides() -> None:
    """AU-4: up to four times MAX_LENGTH the text is read; beyond, only its length is judged."""
    assert [(v.code, v.params) for v in check("@" * 160)] == [
        ("username.too_long", {"length": 160, "max_length": 40}),
        ("username.invalid_character", {"carattere": "U+0040"}),
    ]
    (v,) = check("@" * 161, path="utente")
    assert (v.code, v.rule, v.path, v.params) == (
        "username.too_long",
        "AU-4",
        "utente",
        {"length": 161, "max_length": 40},
    )


def test_au4_every_violation_names_its_path_and_limits() -> None:
    """AU-4: each violation is at the path given, with its length and limit."""
    (short,) = check("ab", path="u")
    assert (short.path, short.params) == ("u", {"length": 2, "min_length": 3})
    (long,) = check("a" * 41, path="u")
    assert long.path == "u"
    (edge,) = check(".mario", path="u")
    assert (edge.code, edge.path) == ("username.invalid_edge", "u")
    (char,) = check("ma@rio#", path="u")
    assert (char.path, char.params) == ("u", {"carattere": "U+0040"})  # the first one
    (text,) = check(12, path="u")
    assert (text.code, text.path, text.params) == ("username.not_text", "u", {"type": "int"})


def test_au4_empty_and_blank_names_are_too_short_only() -> None:
    """AU-4: an empty or blank name is too short; it has no edge to judge."""
    for name in ("", "   "):
        assert [(v.code, v.params) for v in check(name)] == [
            ("username.too_short", {"length": 0, "min_length": 3})
        ]
    assert [v.code for v in check("a.")] == ["username.too_short", "username.invalid_edge"]
    assert [v.code for v in check("ab.")] == ["username.invalid_edge"]
    assert [v.code for v in check("a.b")] == []


def test_au4_fold_normalizes_after_case_folding_and_validate_returns_it() -> None:
    """AU-4: fold applies NFKC again after case folding; validate returns the folded form."""
    assert "\u01f0".casefold() == "j\u030c"
    assert fold("\u01f0") == "\u01f0"  # case folding decomposes it, NFKC composes it back
    assert fold("J\u030c") == "\u01f0"
    assert validate(" Mario.Rossi ") == "mario.rossi"
    assert validate("ＭＡＲＩＯ") == "mario"
    assert not is_valid("ab")


def test_dir_shows_only_all() -> None:
    """dir() of the module is its __all__: the imports stay hidden."""
    assert sorted(dir(username)) == sorted(username.__all__)

"""The password policy of seed 000: PW-1, PW-2, PW-3 and PW-4 (the check side)."""

import doctest
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from sportello import ValidationError, Violation
from sportello.rules.password import (
    DEFAULT_POLICY,
    PASSWORD_MAX_LENGTH,
    PasswordHistory,
    PasswordPolicy,
    ScryptHasher,
    check,
    fold,
    validate,
)


def codes(found: list[Violation]) -> list[str]:
    """The codes of a check's result, in order."""
    return [v.code for v in found]


@pytest.fixture
def history() -> PasswordHistory:
    """A cheap history (low-cost scrypt) holding one past password."""
    h = PasswordHistory(hasher=ScryptHasher.low_cost())
    h.add("Vecchia#2025")
    return h


def test_public_names() -> None:
    """The module's __all__ is sorted and holds the names the sandbox and the client import."""
    from sportello.rules import password

    assert password.__all__ == sorted(password.__all__)
    assert {"PasswordHistory", "PasswordPolicy", "ScryptHasher", "check"} <= set(password.__all__)
    assert all(getattr(password, name) is not None for name in password.__all__)


def test_default_policy_is_the_seed() -> None:
    """The defaults are seed 000's: 8 characters, every class, every name, depth 3."""
    assert PasswordPolicy() == DEFAULT_POLICY
    assert DEFAULT_POLICY.min_length == 8
    assert DEFAULT_POLICY.max_length == PASSWORD_MAX_LENGTH == 1024
    assert DEFAULT_POLICY.history_depth == 3
    assert DEFAULT_POLICY.min_name_part == 3
    assert all(
        (
            DEFAULT_POLICY.require_uppercase,
            DEFAULT_POLICY.require_lowercase,
            DEFAULT_POLICY.require_digit,
            DEFAULT_POLICY.require_special,
            DEFAULT_POLICY.forbid_username,
            DEFAULT_POLICY.forbid_nome,
            DEFAULT_POLICY.forbid_cognome,
        )
    )


def test_good_password_passes() -> None:
    """A password that keeps every rule gives no violation."""
    assert check("Bollette-2026", username="mrossi", nome="Mario", cognome="Rossi") == []


@pytest.mark.parametrize(
    ("password", "length"),
    [("Ab1!", 4), ("Abcde1!", 7), ("", 0), ("Ab1!\u00e9\u00e8\u00f2", 7)],
)
def test_pw1_too_short(password: str, length: int) -> None:
    """PW-1: fewer than 8 characters is refused, with the limit and the length as params."""
    found = [v for v in check(password) if v.code == "password.too_short"]
    assert found == [
        Violation("password.too_short", "PW-1", "password", {"min_length": 8, "length": length})
    ]


def test_pw1_counts_characters_not_code_points_of_decomposed_accents() -> None:
    """PW-1: "e" + combining accent counts as one character (NFC), so 7 letters stay 7."""
    decomposed = "Abcd1!e\u0301"  # 8 code points, 7 characters
    assert codes(check(decomposed)) == ["password.too_short"]
    assert codes(check(decomposed + "x")) == []


def test_pw1_exactly_min_length_passes() -> None:
    """PW-1: exactly 8 characters is enough."""
    assert check("Abcdef1!") == []


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("abcdef1!", "password.missing_uppercase"),
        ("ABCDEF1!", "password.missing_lowercase"),
        ("Abcdefg!", "password.missing_digit"),
        ("Abcdefg1", "password.missing_special"),
        ("Abcdef 1", "password.missing_special"),
    ],
)
def test_pw2_each_class_alone(password: str, code: str) -> None:
    """PW-2: each missing class (uppercase, lowercase, digit, special) is reported on its own."""
    found = check(password)
    assert codes(found) == [code]
    assert found[0].rule == "PW-2"
    assert found[0].path == "password"


@pytest.mark.parametrize(
    ("password", "expected"),
    [
        ("ÉLISABETTA1!", ["password.missing_lowercase"]),  # É is an uppercase letter
        ("élisabetta1!", ["password.missing_uppercase"]),
        ("Abcdefg\u0663!", []),  # ARABIC-INDIC DIGIT THREE is a digit (Nd)
        ("Abcdefg²!", ["password.missing_digit"]),  # superscript two is not Nd: a special
        ("Abcdefg²1", []),
        ("Abcdef1\U0001f600", []),  # an emoji is a special character
        ("Abcdef1€", []),
        ("Abcdef1\u00a0", ["password.missing_special"]),  # no-break space is a space
        ("Abcdef1漢", ["password.missing_special"]),  # a CJK letter is a letter, not special
        ("Ab cd ef 1 !", []),  # spaces are allowed
    ],
)
def test_pw2_unicode_classes(password: str, expected: list[str]) -> None:
    """PW-2: classes follow Unicode categories (Lu/Lt, Ll, Nd; special = not letter/digit/space)."""
    assert codes(check(password)) == expected


@pytest.mark.parametrize(
    ("field", "value", "password"),
    [
        ("username", "mrossi", "Xmrossi#2026"),
        ("nome", "Mario", "Supermario#1"),
        ("cognome", "Rossi", "ROSSI-2026xy"),
    ],
)
def test_pw3_each_name_alone(field: str, value: str, password: str) -> None:
    """PW-3: the username, the nome and the cognome are each refused inside the password."""
    names = {field: value}
    found = check(
        password,
        username=names.get("username"),
        nome=names.get("nome"),
        cognome=names.get("cognome"),
    )
    assert codes(found) == [f"password.contains_{field}"]
    assert found[0].rule == "PW-3"
    assert found[0].path == "password"
    assert found[0].params == {}
    assert check(password) == []


@pytest.mark.parametrize(
    ("nome", "password"),
    [
        ("Niccolò", "niccolo2026!X"),
        ("Niccolo", "NICCOLÒ2026!x"),
        ("Niccolò", "Nicco\u0301lo\u0300#2026"),
        ("Zoë", "Xzoe#2026zz"),
        ("Strauß", "Strauss#2026"),
    ],
)
def test_pw3_ignores_case_and_accents(nome: str, password: str) -> None:
    """PW-3: containment is case- and accent-insensitive ("Niccolò" is in "niccolo2026!X")."""
    assert "password.contains_nome" in codes(check(password, nome=nome))


@pytest.mark.parametrize(
    ("nome", "password", "found"),
    [
        ("Al", "Al#2026xyzW", True),  # a whole word of the password
        ("Al", "Xy!2026-al", True),
        ("Al", "Alfa#2026xy", False),  # only part of a word: allowed
        ("Al", "Bal#2026xyZ", False),
        ("Bo", "Bo2026!xyzW", True),  # letters next to digits are still a whole word
        ("Bo", "Robot#2026x", False),
        ("J.", "Jolly#2026x", False),  # single letters are ignored
        ("Ugo", "Ugolino#2026", True),  # three letters: searched as a substring
    ],
)
def test_pw3_short_names_match_only_whole_words(nome: str, password: str, found: bool) -> None:
    """PW-3: names under 3 letters match only as a whole word; 1 letter is ignored."""
    assert ("password.contains_nome" in codes(check(password, nome=nome))) is found


def test_pw3_min_name_part_is_configurable() -> None:
    """PW-3: with min_name_part=2, a 2-letter name is searched as a substring too."""
    policy = PasswordPolicy(min_name_part=2)
    assert codes(policy.check("Alfa#2026xy", nome="Al")) == ["password.contains_nome"]


@pytest.mark.parametrize(
    ("cognome", "password", "found"),
    [
        ("De Luca", "Luca#2026xy", True),  # each part of 3+ letters
        ("De Luca", "DeLuca#2026", True),
        ("De Luca", "Deposito#2026", False),  # "De" alone is short: whole word only
        ("De Luca", "De#2026-Xyzw", True),
        ("D'Amico", "Damico#2026", True),  # apostrophe dropped
        ("D'Amico", "Amico#2026x", True),
        ("D’Amico", "d-amico#2026X", True),  # typographic apostrophe
        ("D'Amico", "Dormire#2026", False),  # "D" alone is ignored
        ("Rossi-Bianchi", "Bianchi#2026", True),
        ("Li Po", "Lipo#2026xyz", True),  # the parts joined, 4 letters
    ],
)
def test_pw3_multi_part_names_and_apostrophes(cognome: str, password: str, found: bool) -> None:
    """PW-3: each name part, and the parts joined, are searched; apostrophes split parts."""
    assert ("password.contains_cognome" in codes(check(password, cognome=cognome))) is found


def test_pw3_username_parts() -> None:
    """PW-3: a username with dots is split into parts like a name ("mario.rossi")."""
    assert codes(check("Rossi#2026x", username="mario.rossi")) == ["password.contains_username"]
    assert codes(check("MarioRossi#1", username="mario.rossi")) == ["password.contains_username"]
    assert check("Bollette#2026", username="mario.rossi") == []


def test_pw3_empty_names_are_ignored() -> None:
    """PW-3: an empty or blank name forbids nothing."""
    assert check("Bollette#2026", username="", nome=" ", cognome="'") == []


def test_pw4_reused_password(history: PasswordHistory) -> None:
    """PW-4: a password in the history is refused, with the depth as param."""
    found = check("Vecchia#2025", history=history)
    assert found == [Violation("password.reused", "PW-4", "password", {"depth": 3})]
    assert check("Nuova#2026", history=history) == []


def test_pw4_only_on_a_change(history: PasswordHistory) -> None:
    """PW-4: without a history (a first registration) the check does not apply."""
    assert check("Vecchia#2025") == []
    assert PasswordPolicy(history_depth=0).check("Vecchia#2025", history=history) == []


def test_every_rule_at_once(history: PasswordHistory) -> None:
    """PW-1, PW-2, PW-3, PW-4: a password breaking everything reports every violation."""
    history.add("rossi")
    found = check("rossi", username="rossi", nome="Rossi", cognome="Rossi", history=history)
    assert [(v.rule, v.code) for v in found] == [
        ("PW-1", "password.too_short"),
        ("PW-2", "password.missing_uppercase"),
        ("PW-2", "password.missing_digit"),
        ("PW-2", "password.missing_special"),
        ("PW-3", "password.contains_username"),
        ("PW-3", "password.contains_nome"),
        ("PW-3", "password.contains_cognome"),
        ("PW-4", "password.reused"),
    ]
    assert {v.path for v in found} == {"password"}


def test_empty_password() -> None:
    """PW-1, PW-2: the empty password gives the length and every class, and no crash."""
    assert codes(check("", username="mrossi", nome="Mario")) == [
        "password.too_short",
        "password.missing_uppercase",
        "password.missing_lowercase",
        "password.missing_digit",
        "password.missing_special",
    ]


def test_long_password_up_to_the_ceiling() -> None:
    """PW-1..PW-3: a 1,024-character password is checked whole, with sensible violations."""
    long_ok = "Aa1!" * 256
    assert len(long_ok) == PASSWORD_MAX_LENGTH == 1024
    assert check(long_ok, username="x" * 5000, nome="Bo", cognome="Zz" * 3000) == []
    assert codes(check("a" * 1024)) == [
        "password.missing_uppercase",
        "password.missing_digit",
        "password.missing_special",
    ]
    assert codes(check("Aa1!" * 254 + "Rossi", cognome="Rossi")) == ["password.contains_cognome"]


def test_pw1_too_long_just_over_the_ceiling() -> None:
    """PW-1: 1,025 characters give password.too_long alone, with the limit and the length."""
    found = check("Aa1!" * 256 + "x")
    assert found == [
        Violation("password.too_long", "PW-1", "password", {"max_length": 1024, "length": 1025})
    ]
    assert found[0].message() == "La password può contenere al massimo 1024 caratteri (ne ha 1025)."
    assert found[0].message("en") == (
        "The password must be at most 1024 characters long (it has 1025)."
    )


def test_pw1_ceiling_counts_code_points_as_received() -> None:
    """PW-1: the ceiling counts the text as sent: 1,025 decomposed code points are too long."""
    decomposed = "Aa1!" * 255 + "e\u0301" * 2 + "x"  # 1,025 code points, 1,023 after NFC
    assert len(decomposed) == 1025
    assert codes(check(decomposed)) == ["password.too_long"]


class CountingHasher:
    """A hasher that records every verification (PW-4 must not hash an oversized password)."""

    def __init__(self) -> None:
        self.inner = ScryptHasher.low_cost()
        self.verified = 0

    def hash(self, password: str) -> str:
        """Hash with the low-cost scrypt."""
        return self.inner.hash(password)

    def verify(self, password: str, encoded: str) -> bool:
        """Verify with the low-cost scrypt, counting the call."""
        self.verified += 1
        return self.inner.verify(password, encoded)


def test_pw1_megabyte_password_costs_nothing() -> None:
    """PW-1: a 1 MB password returns at once with one violation: not scanned, not hashed."""
    import time

    hasher = CountingHasher()
    history = PasswordHistory(hasher=hasher)
    history.add("Vecchia#2025")
    huge = ("e\u0301Aa1!" * 200_000)[:1_000_000]
    names = {"username": "mario.rossi", "nome": "Mario", "cognome": "Rossi"}
    started = time.process_time()
    for _ in range(20):
        found = check(huge, history=history, **names)
    spent = time.process_time() - started
    assert codes(found) == ["password.too_long"]
    assert found[0].params == {"max_length": 1024, "length": 1_000_000}
    assert hasher.verified == 0
    # A hang guard in CPU time, not a benchmark: 20 calls took ~18 s before the ceiling.
    assert spent < 2.0


def test_ceiling_is_configurable() -> None:
    """PW-1: max_length is an option, its limit inclusive on both sides."""
    policy = PasswordPolicy(max_length=12)
    assert policy.check("Bollette#202") == []
    assert codes(policy.check("Bollette#2026")) == ["password.too_long"]
    assert codes(PasswordPolicy(min_length=8, max_length=8).check("Abcdef1!")) == []


@pytest.mark.parametrize("min_length", [0, 1])
def test_the_lowest_ceiling_is_one_character(min_length: int) -> None:
    """PW-1: with min_length 0 or 1, max_length 1 is accepted (and checked), 0 refused."""
    policy = PasswordPolicy(
        min_length=min_length,
        max_length=1,
        require_uppercase=False,
        require_lowercase=False,
        require_digit=False,
        require_special=False,
    )
    assert policy.check("x") == []
    assert codes(policy.check("xy")) == ["password.too_long"]
    with pytest.raises(ValueError, match="max_length"):
        PasswordPolicy(min_length=min_length, max_length=0)


@pytest.mark.parametrize("value", [0, -1, True, "1024", 7])
def test_bad_ceilings_are_refused(value: object) -> None:
    """PW-1: max_length must be an integer of at least 1 and no lower than min_length (8)."""
    with pytest.raises(ValueError, match="max_length"):
        PasswordPolicy(max_length=value)  # type: ignore[arg-type]


@given(password=st.text(min_size=1025, max_size=1300))
def test_anything_over_the_ceiling_is_only_too_long(password: str) -> None:
    """PW-1: whatever text is over 1,024 characters, too_long is the one violation."""
    assert codes(check(password, username="a", nome="b", cognome="c")) == ["password.too_long"]


@given(password=st.text(max_size=1024))
def test_nothing_up_to_the_ceiling_is_too_long(password: str) -> None:
    """PW-1: text of at most 1,024 characters is never refused as too long."""
    assert "password.too_long" not in codes(check(password))


@pytest.mark.parametrize("value", [None, 12345678, b"Abcdef1!", ["Abcdef1!"], 3.5])
def test_non_text_password_is_a_violation(value: object) -> None:
    """A password that is not a str gives one password.not_text violation, not a TypeError."""
    found = check(value)
    assert codes(found) == ["password.not_text"]
    assert found[0].params == {"type": type(value).__name__}
    with pytest.raises(ValidationError):
        validate(value)


def test_non_text_names_are_violations() -> None:
    """PW-3: a name that is not a str is reported at its own path; the others still count."""
    found = check("Rossi#2026x", username=42, cognome="Rossi")  # type: ignore[arg-type]
    assert [(v.code, v.path) for v in found] == [
        ("password.not_text", "username"),
        ("password.contains_cognome", "password"),
    ]


def test_control_characters_are_refused() -> None:
    """A password with a control character (newline, NUL) is refused as a format problem."""
    found = check("Abcdef1!\n")
    assert codes(found) == ["password.invalid_character"]
    assert found[0].rule == ""
    assert codes(check("Abcdef1!\x00")) == ["password.invalid_character"]


def test_options_turn_rules_off_and_on() -> None:
    """PW-1, PW-2, PW-3: every part of the policy is a keyword-only option."""
    lax = PasswordPolicy(
        min_length=4,
        require_uppercase=False,
        require_lowercase=False,
        require_digit=False,
        require_special=False,
        forbid_username=False,
        forbid_nome=False,
        forbid_cognome=False,
    )
    assert lax.check("rossi", username="rossi", nome="rossi", cognome="rossi") == []
    assert codes(PasswordPolicy(min_length=12).check("Bollette#26")) == ["password.too_short"]
    with pytest.raises(TypeError):
        PasswordPolicy(12)  # type: ignore[call-arg]


@pytest.mark.parametrize("option", ["min_length", "min_name_part", "history_depth"])
@pytest.mark.parametrize("value", [-1, True, "8"])
def test_bad_options_are_refused(option: str, value: object) -> None:
    """Counts in the policy must be non-negative integers."""
    with pytest.raises(ValueError, match=option):
        PasswordPolicy(**{option: value})  # type: ignore[arg-type]


def test_validate_raises_once_with_every_violation() -> None:
    """validate raises one ValidationError carrying every violation, and no password text."""
    with pytest.raises(ValidationError) as caught:
        validate("segreto", nome="Segreto")
    assert caught.value.codes == (
        "password.too_short",
        "password.missing_uppercase",
        "password.missing_digit",
        "password.missing_special",
        "password.contains_nome",
    )
    assert "segreto" not in str(caught.value).lower()
    assert "segreto" not in repr(caught.value).lower()
    DEFAULT_POLICY.validate("Bollette#2026")  # accepted: no exception


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ({"username": "mario.rossi"}, "password.contains_username"),
        ({"nome": "Bollette"}, "password.contains_nome"),
        ({"cognome": "Bollette"}, "password.contains_cognome"),
        ({"history": "Bollette#2026"}, "password.reused"),
    ],
)
@pytest.mark.parametrize("how", ["module", "policy"])
def test_validate_passes_every_argument_through(
    arguments: dict[str, str], expected: str, how: str
) -> None:
    """PW-3, PW-4: validate() hands username, nome, cognome and history on to check()."""
    password = "Mario.rossi#2026" if "username" in arguments else "Bollette#2026"
    if "history" in arguments:
        history = PasswordHistory(hasher=ScryptHasher.low_cost())
        history.add(arguments["history"])
        given_arguments: dict[str, object] = {"history": history}
    else:
        given_arguments = dict(arguments)
    run = validate if how == "module" else DEFAULT_POLICY.validate
    with pytest.raises(ValidationError) as caught:
        run(password, **given_arguments)  # type: ignore[arg-type]
    assert caught.value.codes == (expected,)
    assert check(password) == []  # refused only because of the argument


def test_validate_uses_its_own_policy() -> None:
    """PW-1: a policy's validate applies that policy's options, not the default ones."""
    with pytest.raises(ValidationError) as caught:
        PasswordPolicy(max_length=10).validate("Bollette#2026")
    assert caught.value.codes == ("password.too_long",)
    PasswordPolicy(min_length=4, require_special=False).validate("Bo1x")


def test_messages_in_both_languages() -> None:
    """Every PW violation renders in Italian and English from the catalog."""
    found = check("rossi", cognome="Rossi")
    assert [v.message() for v in found][-1] == "La password non deve contenere il cognome."
    assert [v.message("en") for v in found][-1] == "The password must not contain the last name."


def test_fold() -> None:
    """PW-3: fold drops case and accents, and expands compatibility forms."""
    assert fold("Niccolò") == "niccolo"
    assert fold("ÀÉÌÒÙ àéìòù") == "aeiou aeiou"
    assert fold("Ⅻ") == "xii"


DOCS_PAGE = Path(__file__).parents[2] / "docs" / "rules" / "password.md"


def test_docs_page_examples_run() -> None:
    """PW-1..PW-4: every >>> example on docs/rules/password.md gives the output it shows."""
    text = DOCS_PAGE.read_text(encoding="utf-8")
    test = doctest.DocTestParser().get_doctest(text, {}, "password.md", str(DOCS_PAGE), 0)
    assert len(test.examples) >= 15
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    report: list[str] = []
    runner.run(test, out=report.append)
    assert runner.failures == 0, "".join(report)


UPPER = "ABCDEFGHIJKLMÀÉ"
LOWER = "abcdefghijklmàé"
DIGITS = "0123456789"
SPECIAL = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~€£§°"
NAME_LETTERS = "nopqrstuvwxyzòù"  # shares no letter with the passwords below


@st.composite
def good_passwords(draw: st.DrawFn) -> str:
    """A password with one of each class, at least 8 characters, and letters from A to M."""
    required = [draw(st.sampled_from(chars)) for chars in (UPPER, LOWER, DIGITS, SPECIAL)]
    rest = draw(st.lists(st.sampled_from(UPPER + LOWER + DIGITS + SPECIAL + " "), min_size=4))
    return "".join(draw(st.permutations(required + rest)))


names = st.text(alphabet=NAME_LETTERS + " '-", min_size=1, max_size=20)


@given(password=good_passwords(), username=names, nome=names, cognome=names)
def test_any_good_password_passes(password: str, username: str, nome: str, cognome: str) -> None:
    """PW-1, PW-2, PW-3: >= 8 chars with every class and none of the names always passes."""
    assert check(password, username=username, nome=nome, cognome=cognome) == []


@given(password=st.text(min_size=10), nome=st.text(max_size=12))
def test_result_never_echoes_the_password(password: str, nome: str) -> None:
    """No violation's params, messages or repr ever contain the password text.

    A password that is a piece of the violations' own wording ("lo usernam", "password.c") is
    left out: it is in the text whatever the password.
    """
    from sportello._messages.password import MESSAGES

    fixed = [repr(Violation.of(code, path="password")) for code in MESSAGES]
    fixed += [text for m in MESSAGES.values() for text in (m.it, m.en)]
    assume(not any(password in text for text in fixed))
    for v in check(password, username=password, nome=nome, cognome=password[:5]):
        shown = [repr(v), v.message(), v.message("en"), *map(str, v.params.values())]
        assert not any(password in text for text in shown)


def _refusal(call: object) -> list[Violation]:
    assert callable(call)
    with pytest.raises(ValidationError) as caught:
        call()
    return list(caught.value.violations)


@pytest.mark.parametrize("policy", [None, DEFAULT_POLICY, PasswordPolicy(min_length=10)])
def test_validate_raises_what_check_finds_with_each_argument(policy: PasswordPolicy | None) -> None:
    """PW-1..PW-4: validate() raises exactly what check() finds, each argument passed on."""
    history = PasswordHistory(hasher=ScryptHasher.low_cost())
    history.add("Mario.Rossi#2026")
    args = {"username": "mario.rossi", "nome": "Mario", "cognome": "Rossi", "history": history}
    checker = check if policy is None else policy.check
    validator = validate if policy is None else policy.validate
    found = _refusal(lambda: validator("Mario.Rossi#2026", **args))
    assert found == checker("Mario.Rossi#2026", **args)
    assert [v.code for v in found] == [
        "password.contains_username",
        "password.contains_nome",
        "password.contains_cognome",
        "password.reused",
    ]
    for name in ("username", "nome", "cognome", "history"):  # each argument on its own
        alone = {name: args[name]}
        assert _refusal(lambda: validator("Mario.Rossi#2026", **alone)) == checker(  # noqa: B023
            "Mario.Rossi#2026", **alone
        )
    validator("Tramonto#2026", **args)  # accepted: nothing raised


def test_not_text_violations_in_full() -> None:
    """PW-1, PW-3: a password or a name that is not text is named at its own path, with its type."""
    assert [(v.code, v.path, v.params) for v in check(5)] == [  # type: ignore[arg-type]
        ("password.not_text", "password", {"type": "int"})
    ]
    found = check("Tramonto#2026", username=5, cognome=b"x")  # type: ignore[arg-type]
    assert [(v.code, v.path, v.params) for v in found] == [
        ("password.not_text", "username", {"type": "int"}),
        ("password.not_text", "cognome", {"type": "bytes"}),
    ]
    assert [(v.code, v.path) for v in check("Tramonto#2026\x00")] == [
        ("password.invalid_character", "password")
    ]


@pytest.mark.parametrize(
    ("password", "found"),
    [
        ("Ciao#85xy!A", True),  # "85" is a run of digits: a whole word
        ("Ciao#185xy!A", False),  # "185" is another word
        ("Ciao#2026al", True),  # the last run of letters, at the very end
        ("Ciao#2026alt", False),
    ],
)
def test_pw3_short_name_parts_are_whole_words_of_letters_or_digits(
    password: str, found: bool
) -> None:
    """PW-3: a two-character part (``85`` of ``m.85``, ``Al``) counts only as a whole word."""
    codes = [v.code for v in check(password, username="m.85", nome="Al")]
    assert ("password.contains_username" in codes or "password.contains_nome" in codes) is found


def test_pw3_min_name_part_one_searches_single_letters() -> None:
    """PW-3: with ``min_name_part=1`` even a one-letter part is searched as a substring."""
    policy = PasswordPolicy(min_name_part=1)
    assert [v.code for v in policy.check("Tramonto#2026", nome="T")] == ["password.contains_nome"]
    assert DEFAULT_POLICY.check("Tramonto#2026", nome="T") == []

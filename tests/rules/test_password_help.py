"""PasswordPolicy.hints and help_text: the policy told to the user, from the policy itself."""

import pytest

from sportello.rules.password import DEFAULT_POLICY, PasswordPolicy


def test_default_help_text_is_the_seeds_policy_in_italian() -> None:
    """The default policy's help text says PW-1, PW-2, PW-3 and PW-4, in Italian."""
    assert DEFAULT_POLICY.hints() == [
        "La password deve contenere almeno 8 caratteri, una lettera maiuscola, una lettera "
        "minuscola, un numero e un carattere speciale (ad esempio ! ? # @ _ -).",
        "La password non deve contenere lo username, il nome o il cognome.",
        "La password deve essere diversa dalle ultime 3 password inserite.",
    ]
    assert DEFAULT_POLICY.help_text() == " ".join(DEFAULT_POLICY.hints())


def test_help_text_in_english() -> None:
    """lang="en" gives the same parts in English."""
    assert DEFAULT_POLICY.help_text("en") == (
        "The password must contain at least 8 characters, an uppercase letter, a lowercase "
        "letter, a digit and a special character (for example ! ? # @ _ -). "
        "The password must not contain the username, the first name or the last name. "
        "The password must differ from the last 3 passwords."
    )


def test_min_length_follows_the_option() -> None:
    """PW-1: the hint names the configured minimum; a minimum of 0 or 1 is not mentioned."""
    assert "almeno 12 caratteri" in PasswordPolicy(min_length=12).help_text()
    assert "almeno 2 caratteri" in PasswordPolicy(min_length=2).help_text()
    for lenient in (0, 1):
        assert "caratteri" not in PasswordPolicy(min_length=lenient).help_text()


@pytest.mark.parametrize(
    ("option", "phrase"),
    [
        ("require_uppercase", "una lettera maiuscola"),
        ("require_lowercase", "una lettera minuscola"),
        ("require_digit", "un numero"),
        ("require_special", "un carattere speciale"),
    ],
)
def test_each_class_is_told_only_when_required(option: str, phrase: str) -> None:
    """PW-2: each character class is in the hint exactly when the policy requires it."""
    assert phrase in DEFAULT_POLICY.help_text()
    assert phrase not in PasswordPolicy(**{option: False}).help_text()


@pytest.mark.parametrize(
    ("option", "phrase"),
    [
        ("forbid_username", "lo username"),
        ("forbid_nome", "il nome"),
        ("forbid_cognome", "il cognome"),
    ],
)
def test_each_name_is_told_only_when_forbidden(option: str, phrase: str) -> None:
    """PW-3: each name is in the hint exactly when the policy forbids it."""
    assert phrase in DEFAULT_POLICY.help_text()
    assert phrase not in PasswordPolicy(**{option: False}).help_text()


def test_lists_are_joined_with_the_languages_conjunction() -> None:
    """Two items are joined by e/and, one stands alone, more take commas before the last."""
    only_cognome = PasswordPolicy(forbid_username=False, forbid_nome=False)
    assert "non deve contenere il cognome." in only_cognome.help_text()
    two = PasswordPolicy(forbid_username=False)
    assert "not contain the first name or the last name." in two.help_text("en")
    digits_only = PasswordPolicy(
        min_length=0, require_uppercase=False, require_lowercase=False, require_special=False
    )
    assert digits_only.hints()[0] == "La password deve contenere un numero."
    assert digits_only.hints("en")[0] == "The password must contain a digit."
    upper_and_digit = PasswordPolicy(min_length=1, require_lowercase=False, require_special=False)
    assert upper_and_digit.hints("en")[0] == (
        "The password must contain an uppercase letter and a digit."
    )


def test_history_depth_follows_the_option() -> None:
    """PW-4: the hint names the configured depth (one: "the last password"); 0 leaves it out."""
    assert "ultime 5 password" in PasswordPolicy(history_depth=5).help_text()
    assert "ultime" not in PasswordPolicy(history_depth=0).help_text()
    assert PasswordPolicy(history_depth=1).hints("en")[-1] == (
        "The password must differ from the last password."
    )
    assert PasswordPolicy(history_depth=1).hints()[-1] == (
        "La password deve essere diversa dall'ultima password inserita."
    )
    assert PasswordPolicy(history_depth=2).hints("en")[-1] == (
        "The password must differ from the last 2 passwords."
    )


def test_a_policy_with_nothing_on_has_no_hint() -> None:
    """Every part turned off: no hint at all (nothing is promised that is not checked)."""
    policy = PasswordPolicy(
        min_length=0,
        require_uppercase=False,
        require_lowercase=False,
        require_digit=False,
        require_special=False,
        forbid_username=False,
        forbid_nome=False,
        forbid_cognome=False,
        history_depth=0,
    )
    assert policy.hints("it") == policy.hints("en") == []
    assert policy.help_text() == ""

"""AUTH_PASSWORD_VALIDATORS: the policy (PW-1..PW-3), the history (PW-4), admin, changepassword."""

import io
from typing import Any

import pytest
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import SetPasswordForm, UserCreationForm
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import translation

from sportello.contrib.django.models import PasswordHistoryEntry
from sportello.contrib.django.password import PasswordHistoryValidator, PasswordPolicyValidator
from sportello.rules.password import DEFAULT_POLICY

User = get_user_model()


def _codes(password: str, user: Any = None) -> list[str]:
    try:
        password_validation.validate_password(password, user)
    except ValidationError as err:
        return [e.code for e in err.error_list]
    return []


def test_policy_codes_come_from_sportello() -> None:
    """PW-1 and PW-2: every fault at once, each with sportello's code."""
    assert _codes("abc") == [
        "password.too_short",
        "password.missing_uppercase",
        "password.missing_digit",
        "password.missing_special",
    ]
    assert _codes("Bollette-2026") == []


def test_policy_reads_the_users_names() -> None:
    """PW-3: username, first_name and last_name of the user, ignoring case and accents."""
    user = User(username="mrossi85", first_name="Niccolò", last_name="De Luca")
    assert _codes("Mrossi85!x", user) == ["password.contains_username"]
    assert _codes("Niccolo#2026", user) == ["password.contains_nome"]
    assert _codes("DELUCA#2026x", user) == ["password.contains_cognome"]
    assert _codes("Bollette-2026", user) == []


def test_policy_options_and_attribute_names() -> None:
    """OPTIONS are the policy's (PW-1) and say where the names are read; a typo fails."""
    validator = PasswordPolicyValidator(min_length=12, nome_attribute="nome")

    class Persona:
        nome = "Mario"
        last_name = None

        def get_username(self) -> str:
            return ""

    with pytest.raises(ValidationError) as caught:
        validator.validate("Mario-2026", Persona())
    assert [e.code for e in caught.value.error_list] == [
        "password.too_short",
        "password.contains_nome",
    ]
    assert caught.value.error_list[0].params == {"min_length": 12, "length": 10}
    with pytest.raises(TypeError, match="history_depth"):
        PasswordPolicyValidator(history_depth=3)


def test_messages_follow_the_active_language() -> None:
    """The messages are Italian under "it" and English under "en" (PW-1)."""
    with pytest.raises(ValidationError) as caught:
        password_validation.validate_password("Ab1!")
    with translation.override("en"):
        assert caught.value.messages[0] == (
            "The password must be at least 8 characters long (it has 4)."
        )
    with translation.override("it"):
        assert (
            caught.value.messages[0] == "La password deve contenere almeno 8 caratteri (ne ha 4)."
        )


def test_help_texts_are_written_from_the_policy() -> None:
    """Django's help text is the policy's own (PW-1..PW-3), and the history's (PW-4)."""
    with translation.override("it"):
        texts = password_validation.password_validators_help_texts()
    assert texts == [
        DEFAULT_POLICY.hints("it")[0] + " " + DEFAULT_POLICY.hints("it")[1],
        "La password deve essere diversa dalle ultime 3 password inserite.",
    ]
    with translation.override("en"):
        html = str(password_validation.password_validators_help_text_html())
    assert "at least 8 characters" in html
    assert "last 3 passwords" in html
    assert "ultime 5" in PasswordHistoryValidator(depth=5).get_help_text()
    assert "almeno 12" in PasswordPolicyValidator(min_length=12).get_help_text()


@pytest.mark.django_db
def test_password_changed_keeps_the_last_three_as_phc_strings() -> None:
    """PW-4: each new password is stored as a scrypt PHC string; only the last 3 are kept."""
    user = User.objects.create_user("mrossi85")
    for password in ("Primo#2024", "Secondo#2025", "Terzo#2026", "Quarto#2027"):
        user.set_password(password)
        user.save()
    entries = list(PasswordHistoryEntry.objects.filter(user=user).values_list("encoded", flat=True))
    assert len(entries) == 3
    assert all(e.startswith("$scrypt$ln=4,r=8,p=1$") for e in entries)
    assert not any("Quarto" in e for e in entries)
    assert _codes("Primo#2024", user) == []  # the fourth from last is allowed again
    for recent in ("Secondo#2025", "Terzo#2026", "Quarto#2027"):
        assert _codes(recent, user) == ["password.reused"]


@pytest.mark.django_db
def test_reuse_error_carries_depth_and_message() -> None:
    """The PW-4 error has sportello's params and the catalog's message."""
    user = User.objects.create_user("mrossi85", password="Primo#2024")
    with translation.override("it"), pytest.raises(ValidationError) as caught:
        password_validation.validate_password("Primo#2024", user)
    (error,) = caught.value.error_list
    assert (error.code, error.params) == ("password.reused", {"depth": 3})
    assert caught.value.messages == [
        "La password deve essere diversa dalle ultime 3 password inserite."
    ]


@pytest.mark.django_db
def test_the_current_password_counts_without_a_history() -> None:
    """create_user records no history (Django calls no hook): the current hash counts (PW-4)."""
    user = User.objects.create_user("vecchio", password="Attuale#2020")
    assert PasswordHistoryEntry.objects.filter(user=user).count() == 0
    assert _codes("Attuale#2020", user) == ["password.reused"]
    assert _codes("Nuova#2026x", user) == []


@pytest.mark.django_db
def test_the_first_password_joins_the_history_on_the_first_change() -> None:
    """After create_user and one validated change, going back to the first is refused (PW-4)."""
    user = User.objects.create_user("mrossi85", password="Primo#2024")
    form = SetPasswordForm(user, {"new_password1": "Secondo#2025", "new_password2": "Secondo#2025"})
    assert form.is_valid(), form.errors
    form.save()
    entries = list(PasswordHistoryEntry.objects.filter(user=user).values_list("encoded", flat=True))
    assert entries[0].startswith("md5$")  # Django's hash of the first password, kept as it was
    assert entries[1].startswith("$scrypt$")
    assert _codes("Primo#2024", user) == ["password.reused"]
    assert _codes("Secondo#2025", user) == ["password.reused"]
    assert _codes("Terzo#2026", user) == []


@pytest.mark.django_db
def test_an_unreadable_entry_never_matches() -> None:
    """A corrupted history entry is ignored rather than locking the user out (PW-4)."""
    user = User.objects.create_user("mrossi85")
    user.set_password("Primo#2024")
    user.save()
    PasswordHistoryEntry.objects.filter(user=user).update(encoded="not-a-hash")
    user.set_unusable_password()
    assert _codes("Primo#2024", user) == []


@pytest.mark.django_db
def test_a_user_not_yet_saved_has_no_history() -> None:
    """Validation before the account exists checks only the policy (PW-1..PW-3)."""
    assert _codes("Bollette-2026", User(username="nuovo")) == []
    PasswordHistoryValidator().password_changed("Bollette-2026", User(username="nuovo"))
    assert PasswordHistoryEntry.objects.count() == 0


@pytest.mark.django_db
def test_depth_zero_turns_the_history_off() -> None:
    """PasswordHistoryValidator(depth=0) stores and refuses nothing."""
    user = User.objects.create_user("mrossi85", password="Primo#2024")
    off = PasswordHistoryValidator(depth=0)
    off.password_changed("Secondo#2025", user)
    off.validate("Primo#2024", user)
    assert PasswordHistoryEntry.objects.filter(user=user).count() == 0


@pytest.mark.django_db
def test_auth_forms_honour_the_validators() -> None:
    """UserCreationForm and SetPasswordForm refuse what the policy refuses (PW-3, PW-4)."""
    creation = UserCreationForm(
        {"username": "mrossi85", "password1": "Mrossi85!x", "password2": "Mrossi85!x"}
    )
    assert not creation.is_valid()
    assert [e.code for e in creation.errors.as_data()["password2"]] == [
        "password.contains_username"
    ]
    user = User.objects.create_user("mrossi85", password="Primo#2024")
    change = SetPasswordForm(user, {"new_password1": "Primo#2024", "new_password2": "Primo#2024"})
    assert not change.is_valid()
    assert change.errors.as_data()["new_password2"][0].code == "password.reused"


@pytest.mark.django_db
def test_admin_password_change_honours_the_validators(admin_client: Client) -> None:
    """The admin's change-password page shows the policy and refuses a reused password."""
    user = User.objects.create_user("mrossi85", first_name="Mario", password="Primo#2024")
    url = f"/admin/auth/user/{user.pk}/password/"
    page = admin_client.get(url, headers={"Accept-Language": "it"}).content.decode()
    assert "La password deve contenere almeno 8 caratteri" in page
    assert "diversa dalle ultime 3 password" in page
    for bad, message in (
        ("Primo#2024", "La password deve essere diversa dalle ultime 3 password inserite."),
        ("Mario#2026x", "La password non deve contenere il nome."),
    ):
        answer = admin_client.post(url, {"password1": bad, "password2": bad})
        assert answer.status_code == 200
        assert message in answer.content.decode()
    answer = admin_client.post(url, {"password1": "Secondo#2025", "password2": "Secondo#2025"})
    assert answer.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Secondo#2025")
    assert PasswordHistoryEntry.objects.filter(user=user).count() == 2  # the first one too


@pytest.mark.django_db
def test_changepassword_command_honours_the_validators(monkeypatch: pytest.MonkeyPatch) -> None:
    """manage.py changepassword refuses a reused password and stores a good one (PW-4)."""
    import getpass

    user = User.objects.create_user("mrossi85", password="Primo#2024")
    monkeypatch.setattr(getpass, "getpass", lambda **_: "Primo#2024")
    err = io.StringIO()
    with translation.override("it"), pytest.raises(CommandError, match="3 attempts"):
        call_command("changepassword", "mrossi85", stdout=io.StringIO(), stderr=err)
    assert "diversa dalle ultime 3 password" in err.getvalue()
    monkeypatch.setattr(getpass, "getpass", lambda **_: "Secondo#2025")
    call_command("changepassword", "mrossi85", stdout=io.StringIO(), stderr=io.StringIO())
    user.refresh_from_db()
    assert user.check_password("Secondo#2025")
    assert PasswordHistoryEntry.objects.filter(user=user).count() == 2  # the first one too


@pytest.mark.django_db
def test_no_password_in_the_history_table_or_its_str() -> None:
    """The table holds hashes only; an entry's str() shows a date, never the hash."""
    user = User.objects.create_user("mrossi85")
    user.set_password("Segreta#2026")
    user.save()
    entry = PasswordHistoryEntry.objects.get(user=user)
    assert "Segreta" not in entry.encoded
    assert entry.encoded not in str(entry)
    assert str(entry).startswith("password precedente dal ")

"""The password fields' hints are the policy's own help text (one source with Django's)."""

import attrs

from sportello import forms
from sportello.rules.password import DEFAULT_POLICY


def test_registration_hint_is_the_policy_without_history() -> None:
    """RegistrazioneSportello.password: PW-1..PW-3 as the policy tells them (no PW-4 yet)."""
    schema = forms.json_schema(forms.RegistrazioneSportello)["properties"]["password"]
    expected = attrs.evolve(DEFAULT_POLICY, history_depth=0).help_text()
    assert schema["description"] == f"{expected} (PW-1..PW-3)"
    assert "ultime" not in schema["description"]


def test_change_hint_is_the_whole_policy() -> None:
    """CambioPassword.nuova_password: PW-1..PW-4, the history sentence included."""
    schema = forms.json_schema(forms.CambioPassword)["properties"]["nuova_password"]
    assert schema["description"] == f"{DEFAULT_POLICY.help_text()} (PW-1..PW-4)"
    assert "ultime 3 password" in schema["description"]

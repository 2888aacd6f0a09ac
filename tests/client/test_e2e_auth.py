"""Accounts end to end: typed errors, access control, AU-3 and the two recoveries (AU-4)."""

import pytest

from sportello import ValidationError
from sportello.client import (
    Client,
    LegacyAccountError,
    NotFound,
    Unauthorized,
    UnprocessableError,
)
from sportello.testing._plugin import Sandbox
from sportello.testing.strategies import ESEMPIO_PASSWORD, esempio


def _login(sandbox: Sandbox, client: Client, username: str = "mario.rossi") -> None:
    """Register ``username`` with the example form, activate it and log ``client`` in."""
    client.auth.register(esempio("RegistrazioneSportello", username=username))
    client.auth.activate(sandbox.activation_code(username))
    client.auth.login(username, ESEMPIO_PASSWORD)


def test_register_login_me_logout(sportello_client: Client, sportello_sandbox: Sandbox) -> None:
    """Registration serves every service (AU-2); logout revokes and forgets the token (AU-4)."""
    # rule: AU-4
    assert sportello_client.auth.register(esempio("RegistrazioneSportello")) is None
    with pytest.raises(Unauthorized):  # AU-1: not before the e-mailed code activates it
        sportello_client.auth.login("mario.rossi", ESEMPIO_PASSWORD)
    assert sportello_client.auth.activate(sportello_sandbox.activation_code("mario.rossi")) is None
    token = sportello_client.auth.login("mario.rossi", ESEMPIO_PASSWORD)
    assert token.access_token not in repr(token)
    account = sportello_client.auth.me()
    assert account.username == "mario.rossi"
    assert set(account.servizi) == {"conciliazione", "smart_help", "informazioni"}
    revoked = sportello_client.token()
    sportello_client.auth.logout()
    assert not sportello_client.authenticated
    with pytest.raises(Unauthorized):
        sportello_client.auth.me()
    with pytest.raises(Unauthorized):
        sportello_client.with_options(token=revoked).auth.me()


def test_duplicate_registration_reveals_nothing_to_the_caller(
    sportello_client: Client, sportello_sandbox: Sandbox
) -> None:
    """AU-1: a taken username registers "fine" again; only the given address is told."""
    _login(sportello_sandbox, sportello_client)
    again = esempio("RegistrazioneSportello", email="altra@example.it")
    assert sportello_client.auth.register(again) is None
    told = [m for m in sportello_sandbox.outbox() if m["a"] == "altra@example.it"]
    assert [m["oggetto"] for m in told] == ["Registrazione non completata"]
    sportello_client.auth.login("mario.rossi", ESEMPIO_PASSWORD)  # the owner's password stands


def test_wrong_password_is_refused(sportello_client: Client) -> None:
    """A wrong password is refused with a typed error and no token is kept."""
    sportello_client.auth.register(esempio("RegistrazioneSportello"))
    with pytest.raises(Unauthorized) as caught:
        sportello_client.auth.login("mario.rossi", "Sbagliata#2026")
    assert caught.value.codes == ("auth.login_failed",)
    assert not sportello_client.authenticated


def test_no_token_is_unauthorized(sportello_client: Client) -> None:
    """Calling a protected endpoint without logging in raises Unauthorized."""
    with pytest.raises(Unauthorized) as caught:
        list(sportello_client.pratiche.list())
    assert caught.value.codes


def test_customer_area_token_does_not_open_the_desk(sportello_demo_sandbox: Sandbox) -> None:
    """Each realm accepts only its own token: a desk token cannot read the customer area."""
    with sportello_demo_sandbox.client() as client:
        client.auth.login("mario.rossi", "Sportello#2026")
        with pytest.raises(Unauthorized):
            client.area_clienti.punti_fornitura()
        wrong = client.with_options(token=client.token())
        with pytest.raises(Unauthorized):
            wrong.area_clienti.punti_fornitura()


def test_legacy_account_must_reset(sportello_demo_sandbox: Sandbox) -> None:
    """An account from before 06/10/2017 gets LegacyAccountError until it resets (AU-3)."""
    # rule: AU-3
    with sportello_demo_sandbox.client() as client:
        client.auth.login("vecchio.utente", "Vecchia#2016")
        assert set(client.auth.me().azioni_richieste) == {
            "reimposta_password",
            "completa_registrazione",
        }
        with pytest.raises(LegacyAccountError) as caught:
            client.pratiche.submit(esempio("DomandaConciliazione"))
        assert "AU-3" in caught.value.rules
        assert "recover_password" in str(caught.value)
        assert "06/10/2017" in " ".join(caught.value.messages("it"))


def test_username_and_password_recovery_are_separate(sportello_sandbox: Sandbox) -> None:
    """Username recovery mails the username; password recovery mails a reset token (AU-4)."""
    # rule: AU-4
    with sportello_sandbox.client() as client:
        _login(sportello_sandbox, client)
        client.auth.recover_username("mario.rossi@example.it")
        client.auth.recover_password("mario.rossi")
        client.auth.recover_password("nessuno")  # accepted: reveals nothing
        mails = [m for m in sportello_sandbox.outbox() if m["a"] == "mario.rossi@example.it"]
        username_mail, password_mail = mails[-2:]
        assert username_mail["dati"].get("username") == "mario.rossi"
        reset = password_mail["dati"]["token"]
        client.auth.reset_password(reset, "Girasole#2027")
        client.auth.login("mario.rossi", "Girasole#2027")
        assert client.auth.me().username == "mario.rossi"


def test_server_refusal_is_a_validation_error(utente: Client) -> None:
    """A 422 from the server can be caught as sportello.ValidationError with its violations."""
    with pytest.raises(ValidationError) as caught:
        utente.auth.reset_password("token-inesistente", "Girasole#2027")
    assert isinstance(caught.value, UnprocessableError)
    assert caught.value.violations


def test_another_user_cannot_see_a_case(sportello_sandbox: Sandbox, utente: Client) -> None:
    """Access control seen from the client: a stranger's case is NotFound, never Forbidden."""
    numero = utente.pratiche.submit(esempio("DomandaConciliazione")).numero
    with sportello_sandbox.client() as stranger:
        _login(sportello_sandbox, stranger, "giulia.bianchi")
        with pytest.raises(NotFound):
            stranger.pratiche.notifiche(numero)


def test_change_password_keeps_a_history(utente: Client) -> None:
    """A changed password works at once, and going back to the previous one is refused (PW-4)."""
    utente.auth.change_password(esempio("CambioPassword"))
    utente.auth.login("mario.rossi", "Girasole#2027")
    back = esempio(
        "CambioPassword",
        password_attuale="Girasole#2027",
        nuova_password=ESEMPIO_PASSWORD,
        conferma_password=ESEMPIO_PASSWORD,
    )
    with pytest.raises(UnprocessableError) as caught:
        utente.auth.change_password(back)
    assert "PW-4" in caught.value.rules


def test_legacy_account_resets_and_completes(sportello_demo_sandbox: Sandbox) -> None:
    """After the reset and the completed data, a pre-2017 account uses the services (AU-3)."""
    # rule: AU-3
    with sportello_demo_sandbox.client() as client:
        client.auth.recover_password("vecchio.utente")
        mail = sportello_demo_sandbox.mail_to("vecchio.utente@example.it")
        assert mail["oggetto"] == "Hai dimenticato la password?"
        reset = mail["dati"]["token"]
        client.auth.reset_password(reset, "Castagna#2026")
        client.auth.login("vecchio.utente", "Castagna#2026")
        dati = esempio(
            "RegistrazioneSportello",
            username="vecchio.utente",
            password="Castagna#2026",
            nome="Giuseppe",
            cognome="Verdi",
            codice_fiscale="VRDGPP50A01H501O",
            email="vecchio.utente@example.it",
        )
        account = client.auth.complete_registration(dati)
        assert account.azioni_richieste == ()
        assert list(client.pratiche.list()) == []

"""Messages of the ``auth`` family (accounts, login, recovery: AU-1..AU-4, UP-1, UP-3)."""

from sportello._messages import Message

MESSAGES: dict[str, Message] = {
    "auth.login_failed": Message(
        "AU-4",
        "Username o password non corretti.",
        "Wrong username or password.",
    ),
    "auth.too_many_attempts": Message(
        "",
        "Troppi tentativi di accesso non riusciti: riprovare fra {retry_after} secondi.",
        "Too many failed login attempts: retry in {retry_after} seconds.",
    ),
    "auth.too_many_requests": Message(
        "",
        "Troppe richieste per questo account: riprovare fra {retry_after} secondi.",
        "Too many requests for this account: retry in {retry_after} seconds.",
    ),
    "auth.activation_code_invalid": Message(
        "AU-1",
        "Il codice di attivazione non è valido o è scaduto: ripetere la registrazione.",
        "The activation code is invalid or expired: register again.",
    ),
    "auth.current_password_required": Message(
        "",
        "Per cambiare l'e-mail occorre la password attuale.",
        "The current password is needed to change the e-mail.",
    ),
    "auth.password_changed_meanwhile": Message(
        "PW-4",
        "La password è stata cambiata nel frattempo: ripetere l'operazione.",
        "The password was changed meanwhile: try again.",
    ),
    "auth.legacy_account_reset_required": Message(
        "AU-3",
        "L'account è stato registrato prima del 06/10/2017: prima di usare i servizi occorre"
        " reimpostare la password («Hai dimenticato la password?») e completare i dati di"
        " registrazione.",
        "The account was registered before 06/10/2017: before using the services, reset the"
        " password (“Forgot your password?”) and complete the registration data.",
    ),
    "auth.username_taken": Message(
        "AU-1",
        "Lo username «{username}» è già in uso: sceglierne un altro.",
        "The username “{username}” is already taken: choose another one.",
    ),
    "auth.username_mismatch": Message(
        "AU-3",
        "Lo username non si può cambiare: deve restare «{username}».",
        "The username cannot be changed: it must stay “{username}”.",
    ),
    "auth.wrong_current_password": Message(
        "",
        "La password attuale non è corretta.",
        "The current password is not correct.",
    ),
    "auth.reset_token_invalid": Message(
        "AU-4",
        "Il codice per reimpostare la password non è valido o è scaduto: ripetere la richiesta.",
        "The password-reset code is invalid or expired: ask for a new one.",
    ),
    "auth.already_registered": Message(
        "UP-1",
        "Il codice cliente {codice_cliente} è già registrato al portale: per le credenziali"
        " usare «Hai dimenticato la password?».",
        "The customer code {codice_cliente} is already registered: to get the credentials use"
        " “Forgot your password?”.",
    ),
}

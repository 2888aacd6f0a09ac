"""Messages of the ``password`` family (PW-1..PW-4).

No message and no parameter ever carries the password, the names or a hash.
"""

from sportello._messages import Message

MESSAGES: dict[str, Message] = {
    "password.too_short": Message(
        "PW-1",
        "La password deve contenere almeno {min_length} caratteri (ne ha {length}).",
        "The password must be at least {min_length} characters long (it has {length}).",
    ),
    "password.too_long": Message(
        "PW-1",
        "La password può contenere al massimo {max_length} caratteri (ne ha {length}).",
        "The password must be at most {max_length} characters long (it has {length}).",
    ),
    "password.missing_uppercase": Message(
        "PW-2",
        "La password deve contenere almeno una lettera maiuscola.",
        "The password must contain at least one uppercase letter.",
    ),
    "password.missing_lowercase": Message(
        "PW-2",
        "La password deve contenere almeno una lettera minuscola.",
        "The password must contain at least one lowercase letter.",
    ),
    "password.missing_digit": Message(
        "PW-2",
        "La password deve contenere almeno un numero.",
        "The password must contain at least one digit.",
    ),
    "password.missing_special": Message(
        "PW-2",
        "La password deve contenere almeno un carattere speciale (ad esempio ! ? # @ _ -).",
        "The password must contain at least one special character (for example ! ? # @ _ -).",
    ),
    "password.contains_username": Message(
        "PW-3",
        "La password non deve contenere lo username.",
        "The password must not contain the username.",
    ),
    "password.contains_nome": Message(
        "PW-3",
        "La password non deve contenere il nome.",
        "The password must not contain the first name.",
    ),
    "password.contains_cognome": Message(
        "PW-3",
        "La password non deve contenere il cognome.",
        "The password must not contain the last name.",
    ),
    "password.reused": Message(
        "PW-4",
        "La password deve essere diversa dalle ultime {depth} password inserite.",
        "The password must differ from the last {depth} passwords.",
    ),
    "password.history_invalid": Message(
        "PW-4",
        "La cronologia delle password non è valida (attesi testi in un elenco, ricevuto {type}).",
        "The password history is not valid (expected text items in a list, got {type}).",
    ),
    "password.not_text": Message(
        "",
        "Il valore deve essere un testo (ricevuto {type}).",
        "The value must be text (got {type}).",
    ),
    "password.invalid_character": Message(
        "",
        "La password contiene caratteri non ammessi (caratteri di controllo).",
        "The password contains characters that are not allowed (control characters).",
    ),
}

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
    # help texts (PasswordPolicy.hints): one sentence per part of the policy, never a value
    "password.hint_composition": Message(
        "PW-2",
        "La password deve contenere {requirements}.",
        "The password must contain {requirements}.",
    ),
    "password.hint_min_length": Message(
        "PW-1", "almeno {min_length} caratteri", "at least {min_length} characters"
    ),
    "password.hint_uppercase": Message("PW-2", "una lettera maiuscola", "an uppercase letter"),
    "password.hint_lowercase": Message("PW-2", "una lettera minuscola", "a lowercase letter"),
    "password.hint_digit": Message("PW-2", "un numero", "a digit"),
    "password.hint_special": Message(
        "PW-2",
        "un carattere speciale (ad esempio ! ? # @ _ -)",
        "a special character (for example ! ? # @ _ -)",
    ),
    "password.hint_names": Message(
        "PW-3",
        "La password non deve contenere {names}.",
        "The password must not contain {names}.",
    ),
    "password.hint_username": Message("PW-3", "lo username", "the username"),
    "password.hint_nome": Message("PW-3", "il nome", "the first name"),
    "password.hint_cognome": Message("PW-3", "il cognome", "the last name"),
    "password.hint_history": Message(
        "PW-4",
        "La password deve essere diversa dalle ultime {depth} password inserite.",
        "The password must differ from the last {depth} passwords.",
    ),
    "password.hint_history_one": Message(
        "PW-4",
        "La password deve essere diversa dall'ultima password inserita.",
        "The password must differ from the last password.",
    ),
    "password.hint_and": Message("", "e", "and"),
    "password.hint_or": Message("", "o", "or"),
}

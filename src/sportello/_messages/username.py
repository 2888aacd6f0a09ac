"""Messages of the ``username`` family (the username policy of AU-4).

No message and no parameter carries the username as typed: an offending character is named
by its code point.
"""

from sportello._messages import Message

MESSAGES: dict[str, Message] = {
    "username.not_text": Message(
        "AU-4",
        "Lo username deve essere un testo (ricevuto {type}).",
        "The username must be text (got {type}).",
    ),
    "username.too_short": Message(
        "AU-4",
        "Lo username deve avere almeno {min_length} caratteri (ne ha {length}).",
        "The username must be at least {min_length} characters long (it has {length}).",
    ),
    "username.too_long": Message(
        "AU-4",
        "Lo username può avere al massimo {max_length} caratteri (ne ha {length}).",
        "The username may be at most {max_length} characters long (it has {length}).",
    ),
    "username.invalid_character": Message(
        "AU-4",
        "Lo username può contenere solo lettere non accentate, cifre e i segni . _ -"
        " (carattere non ammesso: {carattere}).",
        "The username may contain only unaccented letters, digits and . _ -"
        " (character not allowed: {carattere}).",
    ),
    "username.invalid_edge": Message(
        "AU-4",
        "Lo username deve iniziare e finire con una lettera o una cifra.",
        "The username must start and end with a letter or a digit.",
    ),
}

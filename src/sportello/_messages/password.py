"""Messages of the ``password`` family (PW-1..PW-4)."""

from sportello._messages import Message

MESSAGES: dict[str, Message] = {
    "password.too_short": Message(
        "PW-1",
        "La password deve contenere almeno {min_length} caratteri (ne ha {length}).",
        "The password must be at least {min_length} characters long (it has {length}).",
    ),
}

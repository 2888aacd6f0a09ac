"""Messages of the ``identifiers`` family (codice fiscale, partita IVA, POD, PDR, ...)."""

from sportello._messages import Message

MESSAGES: dict[str, Message] = {
    "identifiers.empty": Message("", "Il valore è vuoto.", "The value is empty."),
}

"""Messages of the `readings` family."""

from sportello._messages import Message

MESSAGES: dict[str, Message] = {}

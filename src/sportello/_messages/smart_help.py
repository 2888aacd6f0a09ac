"""Messages of the `smart_help` family."""

from sportello._messages import Message

MESSAGES: dict[str, Message] = {}

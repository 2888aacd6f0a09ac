"""Messages of the `profile` family."""

from sportello._messages import Message

MESSAGES: dict[str, Message] = {}

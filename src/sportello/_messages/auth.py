"""Messages of the `auth` family."""

from sportello._messages import Message

MESSAGES: dict[str, Message] = {}

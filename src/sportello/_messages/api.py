"""Messages of the `api` family."""

from sportello._messages import Message

MESSAGES: dict[str, Message] = {}

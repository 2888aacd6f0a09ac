"""Messages of the `channels` family."""

from sportello._messages import Message

MESSAGES: dict[str, Message] = {}

"""Messages of the `billing` family."""

from sportello._messages import Message

MESSAGES: dict[str, Message] = {}

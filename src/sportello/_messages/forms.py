"""Messages of the `forms` family."""

from sportello._messages import Message

MESSAGES: dict[str, Message] = {}

"""Messages of the `notifications` family."""

from sportello._messages import Message

MESSAGES: dict[str, Message] = {}

"""Messages of the `attachments` family."""

from sportello._messages import Message

MESSAGES: dict[str, Message] = {}

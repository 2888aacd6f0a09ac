"""Messages of the `calendar` family."""

from sportello._messages import Message

MESSAGES: dict[str, Message] = {}

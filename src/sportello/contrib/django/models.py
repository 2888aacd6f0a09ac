"""The PW-4 password history: the last passwords of each user, as PHC strings (never plain).

Written by :class:`~sportello.contrib.django.password.PasswordHistoryValidator` in Django's
``password_changed`` hook; read when a new password is validated.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

__all__ = ["PasswordHistoryEntry"]


class PasswordHistoryEntry(models.Model):
    """One past password of a user (PW-4): a salted scrypt hash in the PHC format.

    Attributes:
        user: the account (entries go with it).
        encoded: ``$scrypt$ln=..,r=..,p=..$<salt>$<hash>``, as
            :class:`sportello.rules.password.ScryptHasher` writes it.
        created: when the password was set.
    """

    user: models.ForeignKey[Any, Any] = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="sportello_password_history",
    )
    encoded: models.CharField[str, str] = models.CharField(max_length=255)
    created: models.DateTimeField[Any, Any] = models.DateTimeField(auto_now_add=True)

    class Meta:
        """Oldest first."""

        ordering = ("created", "id")
        verbose_name = "password precedente"
        verbose_name_plural = "password precedenti"

    def __str__(self) -> str:
        return f"password precedente dal {self.created:%d/%m/%Y}"


def __dir__() -> list[str]:
    """Only the public names (``__all__``), not the imports."""
    return list(__all__)

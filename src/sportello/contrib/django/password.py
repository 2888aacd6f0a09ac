"""``AUTH_PASSWORD_VALIDATORS`` entries for the portal's password policy (seed 000).

:class:`PasswordPolicyValidator` checks PW-1 (length), PW-2 (character classes) and PW-3 (not
the username, first or last name of the user); :class:`PasswordHistoryValidator` checks PW-4
(none of the last three passwords) and records each new password in Django's
``password_changed`` hook. Both raise Django's ``ValidationError`` with sportello's codes,
params and messages, and write their help text from the policy itself
(:meth:`sportello.rules.password.PasswordPolicy.help_text`), so Django's admin, the auth forms
and ``manage.py changepassword`` show and enforce exactly the policy::

    AUTH_PASSWORD_VALIDATORS = [
        {"NAME": "sportello.contrib.django.password.PasswordPolicyValidator"},
        {"NAME": "sportello.contrib.django.password.PasswordHistoryValidator"},
    ]
"""

from __future__ import annotations

from typing import Any

from sportello._violations import Violation
from sportello.contrib.django import _errors
from sportello.rules.password import PasswordHistory, PasswordPolicy, ScryptHasher

__all__ = ["PasswordHistoryValidator", "PasswordPolicyValidator"]

_POLICY_OPTIONS = (
    "min_length",
    "require_uppercase",
    "require_lowercase",
    "require_digit",
    "require_special",
    "forbid_username",
    "forbid_nome",
    "forbid_cognome",
    "min_name_part",
)


def _text(user: Any, attribute: str | None) -> str | None:
    if user is None:
        return None
    if attribute is None:
        get = getattr(user, "get_username", None)
        value = get() if callable(get) else None
    else:
        value = getattr(user, attribute, None)
    return value if isinstance(value, str) and value else None


class PasswordPolicyValidator:
    """PW-1, PW-2, PW-3 as a Django password validator.

    ``OPTIONS`` are :class:`~sportello.rules.password.PasswordPolicy`'s (``min_length``,
    ``require_special``, ``forbid_nome``, ...) and, for PW-3, where the names are read from
    the user: ``username_attribute`` (default ``None``: ``user.get_username()``),
    ``nome_attribute`` (``"first_name"``) and ``cognome_attribute`` (``"last_name"``).

    Raises:
        TypeError: an option that is not one of these (a typo in settings).
    """

    def __init__(
        self,
        *,
        username_attribute: str | None = None,
        nome_attribute: str = "first_name",
        cognome_attribute: str = "last_name",
        **options: Any,
    ) -> None:
        unknown = set(options) - set(_POLICY_OPTIONS)
        if unknown:
            raise TypeError(f"PasswordPolicyValidator takes no option {sorted(unknown)}")
        self.policy = PasswordPolicy(history_depth=0, **options)
        self.username_attribute = username_attribute
        self.nome_attribute = nome_attribute
        self.cognome_attribute = cognome_attribute

    def validate(self, password: str, user: Any = None) -> None:
        """Raise Django's ``ValidationError`` with every violation of PW-1..PW-3."""
        found = self.policy.check(
            password,
            username=_text(user, self.username_attribute),
            nome=_text(user, self.nome_attribute),
            cognome=_text(user, self.cognome_attribute),
        )
        if found:
            raise _errors.to_django(found)

    def get_help_text(self) -> str:
        """The policy's help text (PW-1..PW-3) in the active language."""
        return self.policy.help_text(_errors.active_lang())


_PREVIOUS = "_sportello_previous_password"


class _Verifier:
    """Hash with scrypt (PHC strings); verify those, and Django's hash of a first password."""

    __slots__ = ("scrypt",)

    def __init__(self, scrypt: ScryptHasher) -> None:
        self.scrypt = scrypt

    def hash(self, password: str) -> str:
        return self.scrypt.hash(password)

    def verify(self, password: str, encoded: str) -> bool:
        if encoded.startswith("$scrypt$"):
            return self.scrypt.verify(password, encoded)
        from django.contrib.auth.hashers import check_password

        return bool(check_password(password, encoded))  # False for an unknown format


class PasswordHistoryValidator:
    """PW-4 as a Django password validator: not one of the last ``depth`` passwords.

    The history is kept in :class:`~sportello.contrib.django.models.PasswordHistoryEntry`
    (add ``"sportello.contrib.django"`` to ``INSTALLED_APPS`` and migrate): each new password
    is hashed with scrypt (:class:`~sportello.rules.password.ScryptHasher`, ``cost`` = log2 of
    its n) in Django's ``password_changed`` hook, and only the last ``depth`` are kept.

    Django's ``create_user`` and ``createsuperuser`` store a first password without calling the
    hook, so an account may have no history yet: its current password (Django's own hash) is
    then checked too, and on its first change through a validated form or ``changepassword``
    that hash becomes the history's first entry (the one entry that is not an scrypt PHC
    string). A user not yet saved has no history.

    Args:
        depth: how many past passwords, the current one included (PW-4: 3).
        cost: the scrypt cost, log2 of n (15: 32 MiB, about 0.1 s per hash).
    """

    def __init__(self, *, depth: int = 3, cost: int = 15) -> None:
        self.depth = depth
        self.hasher = ScryptHasher(ln=cost)
        self._verifier = _Verifier(self.hasher)
        self.hint_policy = PasswordPolicy(
            min_length=0,
            require_uppercase=False,
            require_lowercase=False,
            require_digit=False,
            require_special=False,
            forbid_username=False,
            forbid_nome=False,
            forbid_cognome=False,
            history_depth=depth,
        )

    def _history(self, user: Any) -> PasswordHistory:
        from sportello.contrib.django.models import PasswordHistoryEntry

        entries = PasswordHistoryEntry.objects.filter(user=user).values_list("encoded", flat=True)
        return PasswordHistory.from_list(list(entries), depth=self.depth, hasher=self._verifier)

    def validate(self, password: str, user: Any = None) -> None:
        """Raise Django's ``ValidationError`` (``password.reused``) for a recent password."""
        if user is None or getattr(user, "pk", None) is None or self.depth == 0:
            return
        history = self._history(user)
        reused = history.contains(password, last=self.depth)
        current = getattr(user, "password", None)
        if not len(history) and isinstance(current, str) and current:
            reused = reused or self._verifier.verify(password, current)  # nothing is saved
            setattr(user, _PREVIOUS, current)  # the history's first entry, if it changes
        if reused:
            raise _errors.to_django(
                [Violation.of("password.reused", path="password", depth=self.depth)]
            )

    def password_changed(self, password: str, user: Any = None) -> None:
        """Record the new password (Django calls this after saving a changed password)."""
        if user is None or getattr(user, "pk", None) is None or self.depth == 0:
            return
        from django.db import transaction

        from sportello.contrib.django.models import PasswordHistoryEntry

        encoded = self.hasher.hash(password)
        previous = user.__dict__.pop(_PREVIOUS, None)
        with transaction.atomic():
            if previous and not PasswordHistoryEntry.objects.filter(user=user).exists():
                PasswordHistoryEntry.objects.create(user=user, encoded=previous)
            PasswordHistoryEntry.objects.create(user=user, encoded=encoded)
            keep = PasswordHistoryEntry.objects.filter(user=user).order_by("-created", "-id")
            stale = list(keep.values_list("id", flat=True)[self.depth :])
            if stale:
                PasswordHistoryEntry.objects.filter(id__in=stale).delete()

    def get_help_text(self) -> str:
        """The PW-4 sentence of the policy's help text, in the active language."""
        return self.hint_policy.help_text(_errors.active_lang())


def __dir__() -> list[str]:
    """Only the public names (``__all__``), not the imports."""
    return list(__all__)

"""The Django app of :mod:`sportello.contrib.django` (label ``sportello``)."""

from __future__ import annotations

from django.apps import AppConfig

__all__ = ["SportelloConfig"]


class SportelloConfig(AppConfig):
    """``INSTALLED_APPS = [..., "sportello.contrib.django"]``: the PW-4 history model."""

    name = "sportello.contrib.django"
    label = "sportello"
    verbose_name = "Sportello"
    default_auto_field = "django.db.models.BigAutoField"

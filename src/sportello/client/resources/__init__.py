"""The resources hanging off a client: ``auth``, ``pratiche``, ``area_clienti``."""

from sportello.client.resources._area_clienti import AreaClienti, AsyncAreaClienti
from sportello.client.resources._auth import AsyncAuth, Auth
from sportello.client.resources._pratiche import AsyncPratiche, FileSource, Pratiche

__all__ = [
    "AreaClienti",
    "AsyncAreaClienti",
    "AsyncAuth",
    "AsyncPratiche",
    "Auth",
    "FileSource",
    "Pratiche",
]


def __dir__() -> list[str]:
    """Only the public names (``__all__``), not the imports."""
    return list(__all__)

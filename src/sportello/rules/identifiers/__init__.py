"""Italian identifiers, one module each, after python-stdnum.

Each module has ``compact``, ``validate`` (the compact value, or raises
:class:`sportello.ValidationError`), ``is_valid`` (never raises) and ``format``:
:mod:`~sportello.rules.identifiers.codice_fiscale` (also ``parse``, ``matches``, ``encode`` and
``omocodie``),
:mod:`~sportello.rules.identifiers.partita_iva`, :mod:`~sportello.rules.identifiers.pod`,
:mod:`~sportello.rules.identifiers.pdr`, :mod:`~sportello.rules.identifiers.codice_cliente`,
:mod:`~sportello.rules.identifiers.iban` and :mod:`~sportello.rules.identifiers.luoghi` (the
Belfiore codes of places of birth, with ``get``, ``history``, ``lookup`` and ``resolve``).

>>> from sportello.rules.identifiers import pdr
>>> pdr.is_valid("03340009749021")
True
"""

from sportello.rules.identifiers import (
    codice_cliente,
    codice_fiscale,
    iban,
    luoghi,
    partita_iva,
    pdr,
    pod,
)

__all__ = ["codice_cliente", "codice_fiscale", "iban", "luoghi", "partita_iva", "pdr", "pod"]


def __dir__() -> list[str]:
    """Only the public names (``__all__``), not the imports."""
    return list(__all__)  # pragma: no mutate (not a rule: tests/test_public_api.py)

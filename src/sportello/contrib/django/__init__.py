"""Django: identifier fields and validators, and the password policy as password validators.

Add ``"sportello.contrib.django"`` to ``INSTALLED_APPS`` (extra ``django``; Django 5.2 LTS and
later). The package is a Django app (label ``sportello``) whose one model keeps the PW-4
password history. Its public modules:

- :mod:`sportello.contrib.django.validators`: ``validate_codice_fiscale``, ... raising
  Django's ``ValidationError`` with sportello's code, params and message.
- :mod:`sportello.contrib.django.fields`: model fields (``CodiceFiscaleField``, ...).
- :mod:`sportello.contrib.django.forms`: form fields of the same names.
- :mod:`sportello.contrib.django.password`: the ``AUTH_PASSWORD_VALIDATORS`` entries
  (PW-1..PW-3 and PW-4).

Importing this package imports nothing from Django, so settings can name it before setup.
"""

__all__: list[str] = []


def __dir__() -> list[str]:
    """Only the public names (``__all__``): the adapters are submodules."""
    return list(__all__)

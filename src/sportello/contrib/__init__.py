"""Framework adapters, each behind an optional extra, none imported by the core.

- :mod:`sportello.contrib.django` (extra ``django``): model and form fields, validators and
  ``AUTH_PASSWORD_VALIDATORS`` entries (PW-1..PW-4) for a Django project.
- :mod:`sportello.contrib.pydantic` (extra ``pydantic``): annotated identifier types.
- :mod:`sportello.contrib.starlette` (extra ``starlette``; ``fastapi`` for its helpers):
  problem+json answers for :class:`sportello.ValidationError`, forms loaded from the body, the
  forms' schemas in the app's OpenAPI document.

Every adapter calls the rules and the forms; none re-implements one.
"""

__all__: list[str] = []


def __dir__() -> list[str]:
    """Only the public names (``__all__``): the adapters are submodules."""
    return list(__all__)

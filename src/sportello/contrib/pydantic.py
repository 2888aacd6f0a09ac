"""Pydantic types for the Italian identifiers (extra ``pydantic``).

:data:`CodiceFiscale`, :data:`PartitaIva`, :data:`POD`, :data:`PDR`, :data:`IBAN` and
:data:`CodiceCliente` are ``Annotated[str, ...]`` types. Each validates with the rules module
(:mod:`sportello.rules.identifiers`) and keeps its compact value (``" rss mra 85t10 a562s"``
becomes ``"RSSMRA85T10A562S"``). A refused value fails with a
:class:`pydantic_core.PydanticCustomError` whose ``type`` is sportello's code and whose context
carries the rule ID, the message and every violation; the message is Italian unless the
validation context asks for ``{"lang": "en"}``. The JSON Schema of each type has the pattern of
the compact value, an example and a description.

>>> import pydantic
>>> class Cliente(pydantic.BaseModel):
...     codice_fiscale: CodiceFiscale
...     pod: POD | None = None
>>> Cliente(codice_fiscale="rss mra 85t10 a562s").codice_fiscale
'RSSMRA85T10A562S'
>>> try:
...     Cliente.model_validate({"codice_fiscale": "RSSMRA85T10A562T"}, context={"lang": "en"})
... except pydantic.ValidationError as err:
...     error = err.errors()[0]
>>> error["type"], error["msg"], error["ctx"]["rule"]
('codice_fiscale.invalid_checksum', 'The check character of the codice fiscale is wrong.', '')

A utility whose customer codes have eight digits, or a form that wants an Italian IBAN, makes
its own type with :class:`Identifier`:

>>> from typing import Annotated
>>> CodiceCliente8 = Annotated[str, Identifier("codice_cliente", digits=8)]
>>> pydantic.TypeAdapter(CodiceCliente8).json_schema()["pattern"]
'^[0-9]{8}$'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from pydantic_core import PydanticCustomError, core_schema

from sportello._messages import DEFAULT_LANG, LANGS, Lang
from sportello._violations import ValidationError
from sportello.contrib._identifiers import IDENTIFIERS

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue

__all__ = [
    "IBAN",
    "PDR",
    "POD",
    "CodiceCliente",
    "CodiceFiscale",
    "Identifier",
    "PartitaIva",
    "custom_error",
    "lang_of",
]


def lang_of(context: object) -> Lang:
    """The language a validation context asks for (``{"lang": "en"}``), Italian by default.

    >>> lang_of({"lang": "en"}), lang_of(None), lang_of({"lang": "de"})
    ('en', 'it', 'it')
    """
    if isinstance(context, dict):
        wanted = context.get("lang")
        for lang in LANGS:
            if wanted == lang:
                return lang
    return DEFAULT_LANG


def custom_error(err: ValidationError, lang: Lang) -> PydanticCustomError:
    """``err`` as one pydantic error: the first violation's code, every message, every violation.

    The ``type`` is the first violation's code; ``msg`` joins every message in ``lang``; the
    context holds ``code``, ``rule``, ``message`` and ``violations`` (each as
    :meth:`~sportello.Violation.to_dict`).
    """
    first = err.violations[0]
    message = " ".join(v.message(lang) for v in err.violations)
    code: Any = first.code  # a catalog code (typed LiteralString by pydantic-core)
    return PydanticCustomError(
        code,
        "{message}",
        {
            "code": first.code,
            "rule": first.rule,
            "message": message,
            "violations": [v.to_dict(lang) for v in err.violations],
        },
    )


class Identifier:
    """The pydantic metadata of an identifier type: ``Annotated[str, Identifier("pod")]``.

    Args:
        name: the rules module, one of ``codice_fiscale``, ``partita_iva``, ``pod``, ``pdr``,
            ``iban``, ``codice_cliente``.
        **options: the module's ``validate`` options: ``digits`` (codice cliente, UP-2) and
            ``italian_only`` (IBAN, EB-1).

    Raises:
        ValueError: an unknown ``name`` or an option the module does not take.
    """

    __slots__ = ("_kind", "_options")

    def __init__(self, name: str, **options: Any) -> None:
        kind = IDENTIFIERS.get(name)
        if kind is None:
            raise ValueError(f"unknown identifier {name!r}; known: {sorted(IDENTIFIERS)}")
        unknown = set(options) - set(kind.options)
        if unknown:
            raise ValueError(f"{name} takes no option {sorted(unknown)}")
        self._kind = kind
        self._options = dict(options)

    def __repr__(self) -> str:
        options = "".join(f", {k}={v!r}" for k, v in sorted(self._options.items()))
        return f"Identifier({self._kind.name!r}{options})"

    def _validate(self, value: str, info: core_schema.ValidationInfo) -> str:
        try:
            return self._kind.validate(value, **self._options)
        except ValidationError as err:
            raise custom_error(err, lang_of(info.context)) from None

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        """A ``str`` schema followed by the rules module's ``validate``."""
        return core_schema.with_info_after_validator_function(self._validate, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        """The string schema with the compact value's pattern, an example and a description."""
        found = handler(schema)
        found.update(
            pattern=self._kind.pattern(**self._options),
            examples=[self._example()],
            description=self._kind.describe(**self._options),
        )
        return found

    def _example(self) -> str:
        digits = self._options.get("digits")
        if self._kind.name == "codice_cliente" and digits is not None:
            return self._kind.example.zfill(int(digits))[-int(digits) :]
        return self._kind.example


#: A codice fiscale (16 characters or 11 digits), compacted (UP-1, AU-1).
CodiceFiscale = Annotated[str, Identifier("codice_fiscale")]
#: A partita IVA (11 digits, no ``IT``), compacted (UP-1).
PartitaIva = Annotated[str, Identifier("partita_iva")]
#: An electricity supply point, compacted, upper case (UP-4).
POD = Annotated[str, Identifier("pod")]
#: A gas supply point, 14 digits (UP-4).
PDR = Annotated[str, Identifier("pdr")]
#: An IBAN of any country, compacted (the Italian CIN checked too).
IBAN = Annotated[str, Identifier("iban")]
#: The six-digit customer code, leading zeros kept (UP-2).
CodiceCliente = Annotated[str, Identifier("codice_cliente")]


def __dir__() -> list[str]:
    """Only the public names (``__all__``), not the imports."""
    return list(__all__)

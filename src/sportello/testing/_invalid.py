"""Invalid documents that know the violation they must produce: :func:`documenti_errati`.

Each draw is a valid document (:func:`~sportello.testing.strategies.documenti_validi`) with one
planted fault, and the :class:`Errore` that :func:`sportello.forms.load` must report for it:
a required field removed (``forms.required`` at its path) or a value of the wrong JSON type
(``forms.wrong_type`` at its path; ``forms.invalid_choice`` for a field with a set of
values). A test asserts the error is among the violations.
"""

from __future__ import annotations

from typing import Any

import attrs
from hypothesis import strategies as st

from sportello.testing._forms import _BUILDERS, _form_class

__all__ = ["Errore", "documenti_errati"]


@attrs.frozen(kw_only=True)
class Errore:
    """A planted fault: the document, and the violation (``code`` at ``path``) it must raise."""

    documento: dict[str, Any]
    code: str
    path: str


def _required(cls: type) -> frozenset[str]:
    from sportello.forms._load import resolved_fields

    return frozenset(f.name for f in resolved_fields(cls) if f.default is attrs.NOTHING)


def _choices(cls: type) -> frozenset[str]:
    """The fields whose value is one of a set (an enum): a wrong value is not a choice."""
    import enum

    from sportello.forms._converter import is_optional, optional_inner
    from sportello.forms._load import resolved_fields

    def is_enum(tp: Any) -> bool:
        inner = optional_inner(tp) if is_optional(tp) else tp
        return isinstance(inner, type) and issubclass(inner, enum.Enum)

    return frozenset(f.name for f in resolved_fields(cls) if is_enum(f.type))


@st.composite
def _errato(draw: st.DrawFn, cls: type) -> Errore:
    doc = dict(draw(_BUILDERS[cls.__name__]()))
    required = sorted(_required(cls) & set(doc))
    how = draw(st.sampled_from(["remove", "wrong_type"]) if required else st.just("wrong_type"))
    if how == "remove":
        key = draw(st.sampled_from(required))
        del doc[key]
        return Errore(documento=doc, code="forms.required", path=key)
    key = draw(st.sampled_from(sorted(doc)))
    doc[key] = 42 if isinstance(doc[key], list) else [1]
    code = "forms.invalid_choice" if key in _choices(cls) else "forms.wrong_type"
    return Errore(documento=doc, code=code, path=key)


def documenti_errati(form: type | str) -> st.SearchStrategy[Errore]:
    """Documents of ``form`` with one planted fault, each with the violation it must raise."""
    return _errato(_form_class(form))

"""CSV rows of the batch template: :func:`righe_csv`, over :func:`sportello.forms.columns`.

A row is a mapping of every dotted column of the form (:func:`sportello.forms.columns`, the
flattening a batch template of the same form uses) to its cell text, empty for an absent
field; :func:`sportello.forms.unflatten` makes it the document ``forms.load`` takes.
"""

from __future__ import annotations

from hypothesis import strategies as st

from sportello.testing._forms import _form_class, documenti_invalidi, documenti_validi

__all__ = ["righe_csv", "righe_csv_invalide"]


def _row(cls: type, doc: dict[str, object]) -> dict[str, str]:
    from sportello import forms

    cells = forms.flatten(doc)
    return {column: cells.get(column, "") for column in forms.columns(cls)}


def righe_csv(form: type | str) -> st.SearchStrategy[dict[str, str]]:
    """Rows of ``form``'s columns that load (every column present, empty when absent)."""
    cls = _form_class(form)
    return documenti_validi(cls).map(lambda doc: _row(cls, doc))


def righe_csv_invalide(form: type | str) -> st.SearchStrategy[dict[str, str]]:
    """Rows of ``form``'s columns that ``load`` refuses once unflattened."""
    from sportello import forms
    from sportello._violations import ValidationError

    cls = _form_class(form)

    def refused(row: dict[str, str]) -> bool:
        try:
            forms.load(cls, forms.unflatten(cls, row))
        except ValidationError:
            return True
        return False

    return documenti_invalidi(cls).map(lambda doc: _row(cls, doc)).filter(refused)

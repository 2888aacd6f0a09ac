"""Form names: the snake-case name (``domanda_conciliazione``) or the class name.

>>> form_class("DomandaConciliazione") is form_class("domanda_conciliazione")
True
>>> form_name(form_class("domanda-conciliazione"))
'domanda_conciliazione'
"""

from __future__ import annotations

from sportello._violations import ValidationError, Violation
from sportello.forms._registry import FORMS, record_info

__all__ = ["form_class", "form_name"]


def form_name(form_cls: type) -> str:
    """The snake-case name of a form class (``"domanda_conciliazione"``)."""
    return record_info(form_cls).name


def form_class(name: str) -> type:
    """The form class called ``name``: snake case, kebab case, or the class name.

    Raises:
        ValidationError: ``forms.cli_unknown_form``, naming the available forms.
    """
    key = name.strip().replace("-", "_")
    found = FORMS.get(key) or FORMS.get(key.lower())
    if found is None:
        found = next((cls for cls in FORMS.values() if cls.__name__ == key), None)
    if found is None:
        raise ValidationError(
            [Violation.of("forms.cli_unknown_form", path="", name=name, forms=sorted(FORMS))]
        )
    return found

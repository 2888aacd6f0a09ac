"""Cases in every state: :func:`casi` draws a :class:`Caso`, :meth:`Caso.apri` makes it real.

A strategy cannot touch a sandbox (Hypothesis draws before the test body, where the sandbox is
reset), so :func:`casi` draws a *plan*: the form's document and the operator steps that lead
to the state; :meth:`Caso.apri` submits the document with the test's client and plays the steps
through the sandbox's controls. The steps of each state are one table, :data:`PERCORSI`:
adding a state (the conciliation procedure's) is adding its row.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING, Any

import attrs
from hypothesis import strategies as st

from sportello.rules.smart_help import StatoPratica, next_states
from sportello.testing._forms import documenti_validi

if TYPE_CHECKING:
    from sportello.client import Client
    from sportello.client._models import Pratica
    from sportello.testing._sandbox import Sandbox

__all__ = ["FORMS_OF_CASES", "PERCORSI", "Caso", "Passo", "casi"]

#: The forms that open a case.
FORMS_OF_CASES = (
    "DomandaConciliazione",
    "RichiestaInformazioni",
    "RichiestaSmartHelp",
    "Segnalazione",
)


@attrs.frozen
class Passo:
    """One operator step: a sandbox control, by name, with its fields."""

    control: str
    fields: tuple[tuple[str, Any], ...] = ()

    def play(self, sandbox: Sandbox, numero: str) -> None:
        """Play it on the case ``numero``."""
        getattr(sandbox, self.control)(numero, **dict(self.fields))


def _move(stato: StatoPratica) -> Passo:
    evento = (
        "richiesta_integrazione"
        if stato is StatoPratica.IN_ATTESA_INTEGRAZIONE
        else "nuovo_documento"
    )
    return Passo("evento", (("evento", evento), ("stato", stato.value)))


def _shortest_paths() -> dict[str, tuple[Passo, ...]]:
    found: dict[str, tuple[Passo, ...]] = {StatoPratica.INVIATA.value: ()}
    queue = deque([StatoPratica.INVIATA])
    while queue:
        here = queue.popleft()
        for there in sorted(next_states(here), key=lambda s: s.value):
            if there.value not in found:
                found[there.value] = (*found[here.value], _move(there))
                queue.append(there)
    return found


#: For each state a case can be in, the operator steps that lead there from submission.
PERCORSI: dict[str, tuple[Passo, ...]] = _shortest_paths()


@attrs.frozen(kw_only=True)
class Caso:
    """A case to open: its form, document, target state and the steps to reach it."""

    form: str
    documento: dict[str, Any]
    stato: str
    passi: tuple[Passo, ...]

    def apri(self, sandbox: Sandbox, client: Client) -> Pratica:
        """Submit the document with ``client``, play the steps; the case as it ends up."""
        from sportello import forms

        record = forms.load(getattr(forms, self.form), self.documento)
        pratica = client.pratiche.submit(record)
        for passo in self.passi:
            passo.play(sandbox, pratica.numero)
        return client.pratiche.get(pratica.numero)


def casi(
    *, forms: tuple[str, ...] = ("RichiestaSmartHelp",), stati: tuple[str, ...] | None = None
) -> st.SearchStrategy[Caso]:
    """Plans of cases of ``forms`` in ``stati`` (default: every state of :data:`PERCORSI`)."""
    wanted = tuple(sorted(PERCORSI)) if stati is None else stati
    unknown = [s for s in wanted if s not in PERCORSI]
    if unknown:
        raise ValueError(f"no path to the states {unknown}; known: {sorted(PERCORSI)}")

    @st.composite
    def draw_case(draw: st.DrawFn) -> Caso:
        form = draw(st.sampled_from(forms))
        stato = draw(st.sampled_from(wanted))
        documento = draw(documenti_validi(form))
        return Caso(form=form, documento=documento, stato=stato, passi=PERCORSI[stato])

    return draw_case()

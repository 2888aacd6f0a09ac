"""The meetings rules the conciliation request asks, cached where the answer cannot change.

CO-5's verdict on a preset choice and CO-7's on a mode with an equipment are asked of
:mod:`sportello.rules.meetings` once each (a few dozen combinations), so a request made of
presets costs nothing more. Used by :mod:`sportello.forms._conciliazione`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from sportello._violations import Violation
from sportello.rules.meetings import ModalitaIncontro, SceltaPreimpostata

__all__ = ["meeting_rules", "modalita_verdict"]


@functools.cache
def meeting_rules() -> tuple[
    Callable[..., list[Violation]], Callable[..., list[Violation]], tuple[SceltaPreimpostata, ...]
]:
    """``check_availability``, ``check_modalita`` and the presets CO-5's rule accepts.

    The rule is asked once per preset choice: a preset names a weekday and a form slot, so its
    verdict never changes. A request made only of accepted presets has nothing for
    :func:`~sportello.rules.meetings.check_availability` to report; the rule runs on every
    request holding anything else.
    """
    from sportello.rules.meetings import check_availability, check_modalita

    accepted = tuple(s for s in SceltaPreimpostata if not check_availability([s]))
    return check_availability, check_modalita, accepted


@functools.cache
def modalita_verdict(
    modalita: ModalitaIncontro, dispositivo: bool, webcam: bool, audio: bool
) -> tuple[Violation, ...]:
    """CO-7's verdict on a meeting mode and the equipment (a mode and three yes/no answers).

    Asked of :func:`~sportello.rules.meetings.check_modalita` once per combination (there are
    24), like the presets in :func:`meeting_rules`.
    """
    check_modalita = meeting_rules()[1]
    return tuple(
        check_modalita(
            modalita, dispositivo=dispositivo, webcam=webcam, audio=audio, path="modalita_incontro"
        )
    )

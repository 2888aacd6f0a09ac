"""The prior written complaint and its 40 days: one rule, two procedures (SH-3, CP-1).

SMART Help (SH-3) and the conciliation (CP-1) share the same precondition: a written complaint
to the seller, then either the seller's written answer judged unsatisfactory, or 40 days
elapsed since the complaint was sent ("decorsi 40 giorni dall'invio"). :func:`precondizione` is
the one implementation; :func:`sportello.rules.smart_help.check_request` calls it with the
``smart_help`` codes (rule SH-3), :func:`sportello.rules.conciliazione.check_reclamo` with the
``conciliazione`` codes (rule CP-1). Re-exported by neither: import the two public callers.

Counting: the sending day is not counted and the seller may still answer on the 40th day, so
the first admissible day is the 41st after the complaint. The 40 days are calendar days and a
40th day that falls on a Sunday or a public holiday does NOT move: the 40 days are the
customer's wait, counted from the sending day the customer knows, not a deadline by which
someone must act at an office (the case art. 155 c.p.c. and art. 2963 c.c. extend), and the
request is filed online on any day (see ``docs/rules/procedura-conciliazione.md``).

>>> import datetime as dt
>>> dal, found = precondizione(famiglia="conciliazione", data_reclamo=dt.date(2026, 9, 1),
...     data_richiesta=dt.date(2026, 10, 11), oggi=dt.date(2026, 10, 11))
>>> dal, [v.code for v in found]
(datetime.date(2026, 10, 12), ['conciliazione.too_early'])
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sportello._violations import ValidationError, Violation

__all__ = ["ATTESA_RISPOSTA_GIORNI", "precondizione", "primo_giorno_utile"]

#: SH-3, CP-1: the days the seller has to answer the written complaint.
ATTESA_RISPOSTA_GIORNI = 40


def primo_giorno_utile(
    data_reclamo: dt.date,
    *,
    data_risposta: dt.date | None = None,
    risposta_insoddisfacente: bool = False,
    path: str = "data_reclamo",
) -> dt.date:
    """SH-3, CP-1: the first day a request may be sent after the complaint of ``data_reclamo``.

    The 41st day after the complaint (the 40 days have then elapsed), or the day of a written
    answer judged unsatisfactory, when that comes first.

    Raises:
        ValidationError: ``calendar.date_out_of_range`` at ``path`` when the 41st day is past
            the end of :mod:`datetime`'s calendar.

    >>> primo_giorno_utile(dt.date(2026, 1, 1))
    datetime.date(2026, 2, 11)
    >>> primo_giorno_utile(dt.date(2026, 1, 1), data_risposta=dt.date(2026, 1, 20),
    ...     risposta_insoddisfacente=True)
    datetime.date(2026, 1, 20)
    """
    try:
        dal = data_reclamo + dt.timedelta(days=ATTESA_RISPOSTA_GIORNI + 1)
    except OverflowError:
        raise ValidationError(
            [Violation.of("calendar.date_out_of_range", path=path, data=data_reclamo.isoformat())]
        ) from None
    if risposta_insoddisfacente and data_risposta is not None:
        dal = min(dal, data_risposta)
    return dal


def precondizione(
    *,
    famiglia: str,
    data_reclamo: dt.date | None,
    data_richiesta: dt.date,
    oggi: dt.date,
    data_risposta: dt.date | None = None,
    risposta_insoddisfacente: bool = False,
    reclamo_richiesto: bool = True,
    paths: tuple[str, str, str] = ("data_reclamo", "data_risposta", "data_richiesta"),
    params_reclamo: Mapping[str, Any] | None = None,
) -> tuple[dt.date | None, list[Violation]]:
    """SH-3, CP-1: the first admissible day and every violation of the prior-complaint rule.

    Args:
        famiglia: the message family of the codes (``smart_help`` or ``conciliazione``): the
            catalog gives each code its rule (SH-3 or CP-1) and its texts.
        data_reclamo: the day the written complaint was sent (``None``: no complaint).
        data_richiesta: the day of the request.
        oggi: today; dates after it are refused (``<famiglia>.future_date``).
        data_risposta: the day of the seller's written answer, if any.
        risposta_insoddisfacente: the customer judges that answer unsatisfactory.
        reclamo_richiesto: ``False`` where no complaint is needed (SMART Help's bonus
            matters): then only the dates are checked.
        paths: the paths of the complaint's date, the answer's date and the request's date.
        params_reclamo: more parameters of ``<famiglia>.complaint_required`` (SMART Help names
            the matter).

    Returns:
        ``(dal, violations)``: ``dal`` is the first day the request may be sent (``None``
        when no complaint is needed or none is given), ``violations`` every reason why the
        request of ``data_richiesta`` cannot go, in a fixed order: future dates, a missing
        complaint, an answer before the complaint, an unsatisfactory answer without its date,
        a request too early.
    """
    path_reclamo, path_risposta, path_richiesta = paths
    found: list[Violation] = []
    for path, value in (
        (path_reclamo, data_reclamo),
        (path_risposta, data_risposta),
        (path_richiesta, data_richiesta),
    ):
        if value is not None and value > oggi:
            found.append(Violation.of(f"{famiglia}.future_date", path=path, data=value, oggi=oggi))
    if not reclamo_richiesto:
        return None, found
    if data_reclamo is None:
        found.append(
            Violation.of(
                f"{famiglia}.complaint_required", path=path_reclamo, **(params_reclamo or {})
            )
        )
        return None, found
    if data_risposta is not None and data_risposta < data_reclamo:
        found.append(
            Violation.of(
                f"{famiglia}.answer_before_complaint",
                path=path_risposta,
                data_risposta=data_risposta,
                data_reclamo=data_reclamo,
            )
        )
        return None, found
    if risposta_insoddisfacente and data_risposta is None:
        found.append(Violation.of(f"{famiglia}.answer_date_required", path=path_risposta))
        return None, found
    dal = primo_giorno_utile(
        data_reclamo,
        data_risposta=data_risposta,
        risposta_insoddisfacente=risposta_insoddisfacente,
        path=path_reclamo,
    )
    if data_richiesta < dal:
        found.append(
            Violation.of(
                f"{famiglia}.too_early",
                path=path_richiesta,
                dal=dal,
                giorni=ATTESA_RISPOSTA_GIORNI,
                data_reclamo=data_reclamo,
            )
        )
    return dal, found

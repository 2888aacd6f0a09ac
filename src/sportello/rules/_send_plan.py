"""Splitting a set of documents over several sends (AT-5) and the order of the sends (AT-6).

Re-exported by :mod:`sportello.rules.attachments`; import from there.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

import attrs

from sportello._violations import ValidationError, Violation
from sportello.rules._attachment_records import Attachment, AttachmentPolicy, Service, policy_for

__all__ = [
    "EXACT_UP_TO",
    "SPCEN_WORKING_DAYS",
    "SendSequence",
    "compact_spcen",
    "is_valid_spcen",
    "plan_sends",
    "spcen_due",
]

#: Sets of at most this many documents are split optimally (exact search); larger ones by FFD.
EXACT_UP_TO = 10

#: AT-6: the Sportello e-mail with the SPCEN code comes within 3 working days of the first send.
SPCEN_WORKING_DAYS = 3

_Bin = tuple[int, int]  # (bytes used, documents used)


def _ceil_div(a: int, b: int) -> int:
    return -(-a // b)


def _first_fit_decreasing(
    order: list[int], sizes: Sequence[int], max_count: int, max_total: int
) -> list[list[int]]:
    bins: list[list[int]] = []
    loads: list[int] = []
    for i in order:
        for b, members in enumerate(bins):
            if len(members) < max_count and loads[b] + sizes[i] <= max_total:
                members.append(i)
                loads[b] += sizes[i]
                break
        else:
            bins.append([i])
            loads.append(sizes[i])
    return bins


def _exact(
    order: list[int], sizes: Sequence[int], max_count: int, max_total: int, k: int
) -> list[list[int]] | None:
    """A packing of ``order`` into at most ``k`` sends, or ``None`` (depth-first search)."""
    bins: list[list[int]] = []
    loads: list[int] = []
    suffix = [0] * (len(order) + 1)
    for pos in range(len(order) - 1, -1, -1):
        suffix[pos] = suffix[pos + 1] + sizes[order[pos]]

    def place(pos: int) -> bool:
        if pos == len(order):
            return True
        free_bytes = sum(max_total - load for load in loads) + (k - len(bins)) * max_total
        free_slots = sum(max_count - len(m) for m in bins) + (k - len(bins)) * max_count
        if suffix[pos] > free_bytes or len(order) - pos > free_slots:
            return False
        i = order[pos]
        tried: set[_Bin] = set()
        for b, members in enumerate(bins):
            state = (loads[b], len(members))
            if state in tried or len(members) >= max_count or loads[b] + sizes[i] > max_total:
                continue
            tried.add(state)
            members.append(i)
            loads[b] += sizes[i]
            if place(pos + 1):
                return True
            members.pop()
            loads[b] -= sizes[i]
        if len(bins) < k:
            bins.append([i])
            loads.append(sizes[i])
            if place(pos + 1):
                return True
            bins.pop()
            loads.pop()
        return False

    return bins if place(0) else None


def plan_sends(
    service: Service | AttachmentPolicy, attachments: Sequence[Attachment]
) -> list[list[Attachment]]:
    """AT-5: split ``attachments`` into the fewest sends that each pass the service's limits.

    Every document is checked alone first (name, extension, size, content, as
    :func:`~sportello.rules.attachments.check` does); any problem is raised at once, with the
    path of the document in the input. A document that no send can hold (over 15 MB) is such a
    problem, so the planner never loops. Then the documents are packed by count and total
    size: optimally for up to :data:`EXACT_UP_TO` documents (exact search), by first-fit
    decreasing (by size, ties by name then input order) beyond (bin packing is NP-hard; under
    the size limit alone FFD uses at most 11/9 of the optimum plus 6/9 sends). The result is
    deterministic: each send keeps the input order, and the sends are ordered by their first
    document. A service without count or total limit (conciliation, AT-3) takes everything in
    one send; no documents, no sends.

    >>> from sportello.rules.attachments import MB
    >>> files = [
    ...     Attachment(nome=f"f{i}.pdf", dimensione=s * MB, head=b"%PDF-")
    ...     for i, s in enumerate([8, 7, 6, 5, 4])
    ... ]
    >>> [[a.nome for a in send] for send in plan_sends(Service.SMART_HELP, files)]
    [['f0.pdf', 'f1.pdf'], ['f2.pdf', 'f3.pdf', 'f4.pdf']]

    Raises:
        ValidationError: some document cannot be sent at all (AT-1..AT-4 and the name and
            content checks), with every such violation.
    """
    from sportello.rules.attachments import check

    policy = policy_for(service)
    problems = [
        attrs.evolve(v, path=f"allegati[{i}]{v.path[len('allegati[0]') :]}")
        for i, a in enumerate(attachments)
        for v in check(policy, [a])
        if v.path.startswith("allegati[0]")
    ]
    if problems:
        raise ValidationError(problems)
    if not attachments:
        return []
    n = len(attachments)
    max_count = policy.max_count if policy.max_count is not None else n
    sizes = [a.dimensione for a in attachments]
    max_total = policy.max_total_bytes if policy.max_total_bytes is not None else sum(sizes)
    order = sorted(range(n), key=lambda i: (-sizes[i], attachments[i].nome, i))
    bins = _first_fit_decreasing(order, sizes, max_count, max_total)
    lower = max(_ceil_div(n, max_count), _ceil_div(sum(sizes), max_total))
    if len(bins) > lower and n <= EXACT_UP_TO:
        for k in range(lower, len(bins)):
            found = _exact(order, sizes, max_count, max_total, k)
            if found is not None:
                bins = found
                break
    sends = sorted(sorted(members) for members in bins)
    return [[attachments[i] for i in members] for members in sends]


_SPCEN_SEPARATORS = re.compile(r"[\s\-_./]+")
_SPCEN = re.compile(r"SPCEN[0-9]{1,12}")


def compact_spcen(code: str) -> str:
    """The SPCEN code without spaces or separators, upper case (provisional format).

    >>> compact_spcen(" spcen-000 123 ")
    'SPCEN000123'

    Raises:
        ValidationError: ``attachments.not_text`` at ``codice_spcen`` when ``code`` is not a
            ``str``.
    """
    raw: object = code  # callers without type checks may pass anything
    if not isinstance(raw, str):
        raise ValidationError(
            [Violation.of("attachments.not_text", path="codice_spcen", type=type(code).__name__)]
        )
    return _SPCEN_SEPARATORS.sub("", code).upper()


def is_valid_spcen(code: str) -> bool:
    """Whether ``code`` is ``SPCEN`` and 1 to 12 digits once compacted (provisional format).

    >>> is_valid_spcen("SPCEN 1234567"), is_valid_spcen("SPCEN"), is_valid_spcen("SPC123")
    (True, False, False)

    Never raises: anything that is not a ``str`` is ``False``, as for the identifiers.

    >>> is_valid_spcen(None)
    False
    """
    raw: object = code  # callers without type checks may pass anything
    if not isinstance(raw, str):
        return False
    return _SPCEN.fullmatch(compact_spcen(code)) is not None


def spcen_due(first_send: dt.date) -> dt.date:
    """AT-6: the day by which the SPCEN e-mail is due: the first send plus 3 working days.

    >>> spcen_due(dt.date(2026, 12, 23))  # Christmas, St Stephen and a Sunday in between
    datetime.date(2026, 12, 29)
    """
    from sportello.rules.calendar import add_working_days

    return add_working_days(first_send, SPCEN_WORKING_DAYS)


def _spcen(value: str | None) -> str | None:
    if value is None:
        return None
    if not is_valid_spcen(value):
        raise ValidationError([Violation.of("attachments.spcen_invalid", path="codice_spcen")])
    return compact_spcen(value)


@attrs.frozen
class SendSequence:
    """AT-6: the sends of one set of documents, as a value with pure transitions.

    When the sends open a new case (``apre_pratica``), after the first send the further sends
    wait for the Sportello e-mail with the SPCEN code, due within 3 working days.

    >>> seq = SendSequence().record_send(dt.date(2026, 12, 23))
    >>> seq.can_send, seq.spcen_due
    (False, datetime.date(2026, 12, 29))
    >>> [v.code for v in seq.check_next_send()]
    ['attachments.spcen_pending']
    >>> seq = seq.receive_spcen("spcen 0012345")
    >>> seq.codice_spcen, seq.can_send, seq.record_send(dt.date(2026, 12, 30)).invii
    ('SPCEN0012345', True, 2)

    Attributes:
        apre_pratica: the sends open a new case (AT-6 applies); ``False`` for sends to an
            existing case, which need no wait.
        primo_invio: the date of the first send, ``None`` before it.
        codice_spcen: the case's SPCEN code once received (compacted, validated).
        invii: how many sends were made.
    """

    apre_pratica: bool = attrs.field(default=True, kw_only=True)
    primo_invio: dt.date | None = attrs.field(default=None, kw_only=True)
    codice_spcen: str | None = attrs.field(default=None, kw_only=True, converter=_spcen)
    invii: int = attrs.field(default=0, kw_only=True)

    @property
    def spcen_due(self) -> dt.date | None:
        """The day the SPCEN e-mail is due (first send + 3 working days), ``None`` before."""
        return None if self.primo_invio is None else spcen_due(self.primo_invio)

    def check_next_send(self) -> list[Violation]:
        """AT-6: why the next send must wait (``attachments.spcen_pending``), or nothing."""
        if self.apre_pratica and self.invii > 0 and self.codice_spcen is None:
            return [
                Violation.of(
                    "attachments.spcen_pending",
                    path="codice_spcen",
                    scadenza=self.spcen_due,
                    primo_invio=self.primo_invio,
                )
            ]
        return []

    @property
    def can_send(self) -> bool:
        """Whether the next send may be made now (AT-6)."""
        return not self.check_next_send()

    def is_overdue(self, today: dt.date) -> bool:
        """Whether the SPCEN code is still missing after its due day (call the Sportello)."""
        due = self.spcen_due
        return self.apre_pratica and self.codice_spcen is None and due is not None and today > due

    def record_send(self, on: dt.date) -> SendSequence:
        """The sequence after one more send on ``on``.

        Raises:
            ValidationError: ``attachments.spcen_pending`` when the send must wait (AT-6).
        """
        problems = self.check_next_send()
        if problems:
            raise ValidationError(problems)
        first = on if self.primo_invio is None else self.primo_invio
        return attrs.evolve(self, primo_invio=first, invii=self.invii + 1)

    def receive_spcen(self, code: str) -> SendSequence:
        """The sequence once the SPCEN code arrived (compacted and validated).

        Raises:
            ValidationError: ``attachments.spcen_invalid`` for a malformed code.
        """
        return attrs.evolve(self, codice_spcen=code)

"""Places of birth: Italian comuni and foreign states by Belfiore code, with their history.

The Belfiore (cadastral) code is the place in a codice fiscale: a letter and three digits,
``H501`` for Roma, ``Z112`` for Germany. This module knows every code a codice fiscale can
carry (about 7,900 comuni in force, 2,000 suppressed ones and 230 foreign states, current
and dissolved) with the periods of its history: names, provinces, first and last day. The
data is ANPR's (see the "Places" section of the identifiers docs page for source, date and
licence); it is loaded on first use, never at import.

As an identifier module it has the four verbs (``compact``, ``validate``, ``is_valid``,
``format``) for a Belfiore code, and it answers three questions: :func:`get` (the place of a
code, at a date), :func:`history` (all its periods) and :func:`lookup` (the places of a
name, folded: accents, case, apostrophes and spaces do not count). :func:`resolve` wants
exactly one place and says when a name is ambiguous (homonyms in two provinces).

A place fits a date when one of its periods covers the date; for a date before 1977 a place
instituted later (or re-instituted after a gap) is tolerated too, because codes for people
born before the codice fiscale existed were issued years later from the comune as it was
then (see :data:`RETROACTIVE_BEFORE`).

>>> get("H501").nome, get("Z112").nome, get("Z112").estero
('Roma', 'Germania', True)
>>> [str(p) for p in lookup("paterno")]
['Paterno (PZ)', 'Paternò (CT)']
>>> str(resolve("Paternò")), str(resolve("Paterno", "CT")), resolve("Bozen").belfiore
('Paternò (CT)', 'Paternò (CT)', 'A952')
>>> validate("g 371"), is_valid("G371", data=dt.date(1985, 1, 1)), is_valid("X999")
('G371', True, False)
"""

from __future__ import annotations

import datetime as dt
import re

import attrs

from sportello._violations import ValidationError as _ValidationError
from sportello._violations import Violation as _Violation
from sportello.rules.identifiers import _luoghi_index as _index
from sportello.rules.identifiers._common import ensure_str as _ensure_str
from sportello.rules.identifiers._common import strip_separators as _strip

__all__ = [
    "RETROACTIVE_BEFORE",
    "Luogo",
    "candidates",
    "compact",
    "format",
    "get",
    "history",
    "is_valid",
    "lookup",
    "resolve",
    "snapshot_header",
    "validate",
]

#: Dates before this day may carry a place instituted later (codes issued retroactively).
RETROACTIVE_BEFORE = dt.date(1977, 1, 1)

_CODE = re.compile(r"[A-Z][0-9]{3}").fullmatch


@attrs.frozen
class Luogo:
    """One period in the history of a place: a comune (with its province) or a foreign state.

    Attributes:
        belfiore: the cadastral code (``H501``; ``Z...`` for a foreign state).
        nome: the name in this period (``Paternò``, ``Abano`` before 1924).
        provincia: the province's abbreviation in this period (``CT``); ``None`` abroad.
        dal: the first day of the period (for most states ANPR gives 1 January 1900).
        al: the last day, ``None`` while the period is in force.
        altri_nomi: other official names (``Bozen``; a state's ISTAT and English names).
    """

    belfiore: str
    nome: str
    provincia: str | None
    dal: dt.date
    al: dt.date | None = None
    altri_nomi: tuple[str, ...] = ()

    @property
    def estero(self) -> bool:
        """Whether the place is a foreign state (no province)."""
        return self.provincia is None

    def __str__(self) -> str:
        """``Paternò (CT)`` for a comune, the bare name for a state."""
        return self.nome if self.provincia is None else f"{self.nome} ({self.provincia})"


def _day(d: dt.date) -> int:
    return d.year * 10000 + d.month * 100 + d.day


def _date(day: str) -> dt.date:
    return dt.date(int(day[:4]), int(day[4:6]), int(day[6:8]))


def _record(code: str, row: str) -> Luogo:
    start, end, provincia, nome, altri, _ = row.split("\t")
    return Luogo(
        belfiore=code,
        nome=nome,
        provincia=None if provincia == "EE" else provincia,
        dal=_date(start),
        al=_date(end) if end else None,
        altri_nomi=tuple(altri.split("|")) if altri else (),
    )


def _rows(code: str) -> list[str]:
    found = _index.codes().lines.get(code)  # its lines, each still led by the code
    return [line[5:] for line in found.split("\n")] if found else []


def _at(code: str, day: int | None) -> Luogo:
    """The period of a known code in force on ``day``, else the nearest (latest if none)."""
    rows = _rows(code)
    if day is not None:
        for row in rows:
            if day <= (int(row[9:17]) if row[9] != "\t" else _index.END):
                return _record(code, row)  # in force, or the first one after the day
    return _record(code, rows[-1])


def _fit(code: str, day: int, *, cf: bool) -> list[_Violation]:
    """The violation of a known code whose place does not fit a birth on ``day``, if any."""
    spans = _index.spans(code)
    grade = _index.grade(spans, day)
    if grade >= _index.TOLERATED:
        return []
    prefix = "codice_fiscale.luogo_" if cf else "luoghi."
    place = _at(code, day)
    if grade == _index.SUPPRESSED:
        last = spans[-1]
        first = max(s for s in spans[::2] if s <= last)
        return [
            _Violation.of(
                f"{prefix}suppressed",
                luogo=str(place),
                dal=_date(str(first)),
                al=_date(str(last)),
            )
        ]
    return [_Violation.of(f"{prefix}not_yet", luogo=str(place), dal=place.dal)]


def compact(value: object) -> str:
    """Strip spaces and separators, upper case; raise on a non-``str`` value."""
    return _strip(_ensure_str(value))


def validate(value: object, *, data: dt.date | None = None) -> str:
    """The compact Belfiore code of a known place, or raise :class:`~sportello.ValidationError`.

    With ``data``, the place must also fit that date (see the module's docstring). Codes:
    ``identifiers.not_a_string``, ``identifiers.empty``, ``luoghi.invalid_format``,
    ``luoghi.unknown_code``, ``luoghi.suppressed``, ``luoghi.not_yet``.
    """
    code = compact(value)
    if not code:
        raise _ValidationError([_Violation.of("identifiers.empty")])
    if _CODE(code) is None:
        raise _ValidationError([_Violation.of("luoghi.invalid_format")])
    if code not in _index.codes().lines:
        raise _ValidationError([_Violation.of("luoghi.unknown_code")])
    found = [] if data is None else _fit(code, _day(data), cf=False)
    if found:
        raise _ValidationError(found)
    return code


def is_valid(value: object, *, data: dt.date | None = None) -> bool:
    """Whether ``value`` is the Belfiore code of a known place (fitting ``data``); never raises."""
    try:
        validate(value, data=data)
    except _ValidationError:
        return False
    return True


def format(value: object) -> str:
    """The printed form: the four characters, upper case."""
    return compact(value)


def get(belfiore: object, *, data: dt.date | None = None) -> Luogo | None:
    """The place of a Belfiore code in force on ``data`` (default: its latest period).

    When ``data`` falls outside every period, the nearest one: the next if there is one,
    else the last. ``None`` for a code that is not a known place (or not a ``str``).

    >>> get("A001").nome, get("A001", data=dt.date(1900, 1, 1)).nome
    ('Abano Terme', 'Abano')
    """
    if not isinstance(belfiore, str):
        return None
    code = _strip(belfiore)
    if code not in _index.codes().lines:
        return None
    return _at(code, None if data is None else _day(data))


def history(belfiore: object) -> tuple[Luogo, ...]:
    """Every period of a Belfiore code, oldest first (empty for an unknown code).

    >>> [(p.nome, p.provincia, p.al) for p in history("B860")][-1]
    ('Casagiove', 'CE', None)
    """
    if not isinstance(belfiore, str):
        return ()
    code = _strip(belfiore)
    return tuple(_record(code, row) for row in _rows(code))


def _split_provincia(text: str) -> tuple[str, str | None]:
    """``("Paternò", "CT")`` from ``"Paternò (CT)"`` or ``"Paternò, CT"``; else no province."""
    s = text.rstrip()
    inner = s[-3:-1]
    if len(s) > 4 and s.endswith(")") and s[-4] == "(" and inner.isascii() and inner.isalpha():
        return s[:-4].rstrip().rstrip(","), s[-3:-1].upper()
    head, comma, tail = s.rpartition(",")
    tail = tail.strip()
    if comma and head.strip() and len(tail) == 2 and tail.isascii() and tail.isalpha():
        return head, tail.upper()
    return text, None


def _names_of(code: str) -> list[tuple[str, Luogo]]:
    return [
        (name, place)
        for place in (_record(code, row) for row in _rows(code))
        for name in (place.nome, *place.altri_nomi)
    ]


def _by_accent(codes: tuple[str, ...], text: str, key: str) -> tuple[str, ...]:
    """The codes whose name has the accents (or apostrophes) ``text`` has, when it has some."""
    wanted = _index.accent_key(text)
    if wanted == key:  # no accent, no apostrophe: the folded name decides alone
        return codes
    kept = tuple(c for c in codes if any(_index.accent_key(n) == wanted for n, _ in _names_of(c)))
    return kept or codes


def _by_provincia(codes: tuple[str, ...], provincia: str) -> tuple[str, ...]:
    wanted = provincia.strip().upper()
    kept = tuple(c for c in codes if any(r.split("\t", 3)[2] == wanted for r in _rows(c)))
    if not kept:
        province = sorted({p.provincia or "EE" for c in codes for _, p in _names_of(c)})
        raise _ValidationError([_Violation.of("luoghi.provincia_mismatch", province=province)])
    return kept


def _by_date(codes: tuple[str, ...], day: int) -> tuple[str, ...]:
    grades = {c: _index.grade(_index.spans(c), day) for c in codes}
    for wanted in (_index.EXISTED, _index.TOLERATED):
        kept = tuple(c for c in codes if grades[c] == wanted)
        if kept:
            return kept
    raise _ValidationError([v for c in codes for v in _fit(c, day, cf=False)])


def _named(code: str, key: str) -> Luogo:
    """The latest period of ``code`` that bore the folded name ``key`` (else its latest)."""
    found = [p for n, p in _names_of(code) if _index.fold(n) == key]
    return found[-1] if found else _at(code, None)


def _bears(place: Luogo, key: str) -> bool:
    return any(_index.fold(n) == key for n in (place.nome, *place.altri_nomi))


def candidates(nome: str, provincia: str | None = None) -> tuple[str, ...]:
    """The Belfiore codes of every place that ever bore the name (in the province), or raise.

    The first steps of :func:`lookup`, without its preferences: for comparing a declared
    birthplace with a code, where any name the code's place ever bore fits.
    """
    text = _ensure_str(nome)
    if provincia is None:
        text, provincia = _split_provincia(text)
    key = _index.fold(text)
    if not key:
        raise _ValidationError([_Violation.of("identifiers.empty")])
    found = _index.names().get(key)
    if found is None:
        raise _ValidationError([_Violation.of("luoghi.not_found")])
    codes = _by_accent((found,) if isinstance(found, str) else found, text, key)
    return codes if provincia is None else _by_provincia(codes, provincia)


def lookup(
    nome: str, provincia: str | None = None, *, data: dt.date | None = None
) -> tuple[Luogo, ...]:
    """The places called ``nome`` (one per Belfiore code), or raise with a violation.

    The name is folded (``paterno`` finds Paternò); a name written with its accent or with
    ANPR's apostrophe (``Paternò``, ``PATERNO'``) prefers the places so spelled. The
    province (``"CT"``, ``"EE"`` for a foreign state) may be given apart or after the name,
    ``"Paternò (CT)"``; it matches any period of the place (provinces change).

    With ``data``, only the places that fit that date (see the module's docstring), each in
    its period of that date; without, each in the latest period that bore the name. A name
    can be a place's old name and another's current one (Ampezzo was the name of Cortina
    d'Ampezzo, and is a comune in Udine): the places that bear it at ``data`` (without
    ``data``, today) come first, and the others are given only when none does, in the period
    that bore the name (``Abano`` finds Abano Terme as Abano, its name until 1924; Ampezzo
    with the province ``BL`` finds Cortina as Ampezzo).

    Raises:
        ValidationError: ``identifiers.empty``, ``luoghi.not_found``,
            ``luoghi.provincia_mismatch`` (with the provinces that have the name), or
            ``luoghi.suppressed`` / ``luoghi.not_yet`` (no place of that
            name fits ``data``).

    >>> [(p.belfiore, p.provincia) for p in lookup("Castro")]
    [('C337', 'BG'), ('M261', 'LE')]
    >>> [str(p) for p in lookup("Ampezzo")], [str(p) for p in lookup("Ampezzo", "BL")]
    (['Ampezzo (UD)'], ['Ampezzo (BL)'])
    >>> lookup("Fiumicino", data=dt.date(1980, 5, 1))
    Traceback (most recent call last):
        ...
    sportello._violations.ValidationError: Fiumicino (RM) non era ancora stato istituito \
a quella data (lo è stato il 04/04/1992).
    """
    text = _ensure_str(nome)
    if provincia is None:
        text, provincia = _split_provincia(text)
    codes = candidates(text, provincia)
    key = _index.fold(text)
    day = None if data is None else _day(data)
    if day is not None:
        codes = _by_date(codes, day)
    places = [_at(c, day) for c in codes]
    bearing = [p for p in places if _bears(p, key)]
    if bearing:
        places = bearing
    elif day is None:
        places = [_named(p.belfiore, key) for p in places]
    return tuple(sorted(places, key=lambda p: (p.nome, p.provincia or "", p.belfiore)))


def resolve(
    nome: str | Luogo, provincia: str | None = None, *, data: dt.date | None = None
) -> Luogo:
    """Exactly one place: a :class:`Luogo`, a Belfiore code, or a name as :func:`lookup` takes.

    A name that several places share raises ``luoghi.ambiguous`` with the candidates
    (``Paterno (PZ), Paternò (CT)``): give the province, or the date when only one of them
    existed then. A code or a :class:`Luogo` is checked against ``data`` like a name.
    """
    if isinstance(nome, Luogo):
        nome = nome.belfiore
    text = _ensure_str(nome)
    code = _strip(text)
    if _CODE(code) is not None:
        validate(code, data=data)
        return _at(code, None if data is None else _day(data))
    found = lookup(text, provincia, data=data)  # never empty: it raises instead
    if len(found) == 1:
        return found[0]
    raise _ValidationError([_Violation.of("luoghi.ambiguous", candidati=[str(p) for p in found])])


def snapshot_header() -> tuple[str, ...]:
    """The snapshot's header lines: source, version, newest date, licences."""
    return _index.codes().header


def __dir__() -> list[str]:
    """Only the public names (``__all__``), not the imports."""
    return list(__all__)  # pragma: no mutate (not a rule: tests/test_public_api.py)

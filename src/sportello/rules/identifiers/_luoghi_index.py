"""The compact index of places behind :mod:`sportello.rules.identifiers.luoghi`.

The snapshot ``_luoghi.tsv`` (written by ``tools/luoghi_snapshot.py``) has one line per period
of a place: Belfiore code, first and last day (``YYYYMMDD``, the last empty while in force),
province (``EE`` for a foreign state), name, other names, search keys. Nothing is read at
import. The first question about a code loads :func:`codes`: each code's lines kept as one
string, parsed only when asked for (its periods merged into spans of integers by
:func:`spans`, its records by the ``luoghi`` module). The first question about a name builds
:func:`names` (folded name -> codes). Dates are ``YYYYMMDD`` integers throughout, so that
the deep check compares integers.

Private helpers of :mod:`sportello.rules.identifiers.luoghi` and ``codice_fiscale``.
"""

from __future__ import annotations

import functools
import unicodedata
from importlib import resources
from typing import NamedTuple

__all__ = [
    "END",
    "EXISTED",
    "NOT_YET",
    "RETROACTIVE_BEFORE",
    "SUPPRESSED",
    "TOLERATED",
    "Index",
    "accent_key",
    "codes",
    "fold",
    "grade",
    "names",
    "spans",
]

#: The last day of a period still in force.
END = 99991231
#: Births before this day (the first general issue of codici fiscali, DM 23 December 1976)
#: got their code years later, from the comune or state as it was then: a place instituted
#: after the birth (or re-instituted after a gap) is tolerated for them.
RETROACTIVE_BEFORE = 19770101

#: :func:`grade` answers: the place existed on the day; a retroactive code (tolerated); the
#: place was already suppressed; the place was instituted later (after 1976).
EXISTED, TOLERATED, SUPPRESSED, NOT_YET = 2, 1, 0, -1


class Index(NamedTuple):
    """The loaded snapshot: each code's lines (one string per code), and the header lines."""

    lines: dict[str, str]
    header: tuple[str, ...]


def _next_day(day: int) -> int:
    """The ``YYYYMMDD`` after ``day`` (month ends handled; only used to join periods)."""
    year, rest = divmod(day, 10000)
    month, dom = divmod(rest, 100)
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    last = (31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
    if dom < last[month - 1]:
        return day + 1
    if month < 12:
        return year * 10000 + (month + 1) * 100 + 1
    return (year + 1) * 10000 + 101


@functools.cache
def codes() -> Index:
    """Load the snapshot (once): about 19,600 periods of about 10,100 codes.

    The text is walked by offsets, without a string per line: each code keeps one slice of
    it (its lines, which are contiguous), so that loading leaves little garbage behind. The
    spans are made from a code's lines when first asked for (:func:`spans`).
    """
    text = resources.files("sportello.rules.identifiers").joinpath("_luoghi.tsv").read_bytes()
    pos = text.index(b"\n", text.rindex(b"\n# ", 0, 4096) + 1) + 1  # after the header
    header = tuple(line[2:] for line in text[:pos].decode("utf-8").splitlines())
    lines: dict[str, str] = {}
    find, size = text.find, len(text)
    key, first = text[pos : pos + 4], pos  # the code being read, where its lines start
    while pos < size:
        eol = find(b"\n", pos)
        pos = eol + 1 if eol >= 0 else size
        if text[pos : pos + 4] != key:  # the next line is another code's (or the end)
            end = pos - 1 if text[pos - 1] == 10 else pos  # its lines without the last newline
            lines[key.decode("ascii")] = text[first:end].decode("utf-8")
            key, first = text[pos : pos + 4], pos
    return Index(lines, header)


_SPANS: dict[str, tuple[int, ...]] = {}


def spans(code: str) -> tuple[int, ...]:
    """The periods of a code merged into spans, ``(first, last, first, last, ...)``.

    Empty for an unknown code.

    Made from the code's lines on first use and kept: the deep check then compares integers.
    """
    found = _SPANS.get(code)
    if found is None:
        block = codes().lines.get(code)
        if block is None:
            return ()
        merged: list[int] = []
        for line in block.split("\n"):
            start = int(line[5:13])
            end = END if line[14] == "\t" else int(line[14:22])
            if merged and (start == merged[-1] + 1 or start <= _next_day(merged[-1])):
                merged[-1] = max(merged[-1], end)
            else:
                merged += (start, end)
        found = _SPANS[code] = tuple(merged)
    return found


_KEEP = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
_DROP = str.maketrans("", "", "".join(c for c in map(chr, range(128)) if c not in _KEEP))
_APOSTROPHES = str.maketrans("’‘`´ʼ", "'''''")


def fold(text: str) -> str:
    """A name's search key: upper case, accents dropped, only letters and digits kept.

    >>> fold("Paternò"), fold("Sant'Angelo a Fasanella"), fold("Reggio nell'Emilia")
    ('PATERNO', 'SANTANGELOAFASANELLA', 'REGGIONELLEMILIA')
    """
    upper = text.upper()
    if not upper.isascii():
        decomposed = unicodedata.normalize("NFKD", upper).encode("ascii", "ignore")
        upper = decomposed.decode("ascii").upper()
    key = upper.replace(" ", "").replace("'", "").replace("-", "")  # the usual separators
    return key if key.isalnum() else key.translate(_DROP)


def accent_key(text: str) -> str:
    """A name's key with its accents and apostrophes kept, both written ``'``.

    ANPR writes an accent in its transliterated names as an apostrophe (``PATERNO'``); so does
    this key, so that ``Paternò`` and ``Paterno'`` meet and ``Paterno`` stays apart.

    >>> accent_key("Paternò"), accent_key("PATERNO'"), accent_key("Paterno")
    ("PATERNO'", "PATERNO'", 'PATERNO')
    """
    decomposed = unicodedata.normalize("NFD", text.upper().translate(_APOSTROPHES))
    out = []
    for char in decomposed:
        if char in _KEEP:
            out.append(char)
        elif (char == "'" or unicodedata.combining(char)) and out and out[-1] != "'":
            out.append("'")
    return "".join(out)


@functools.cache
def names() -> dict[str, str | tuple[str, ...]]:
    """Folded name -> the code (or the codes, for homonyms) of every place that bore it."""
    found: dict[str, str | tuple[str, ...]] = {}
    for code, block in codes().lines.items():
        keys: set[str] = set()
        for nome, altri, chiavi in {tuple(row.split("\t")[4:7]) for row in block.split("\n")}:
            keys.add(fold(nome))
            if altri:
                keys.update(fold(n) for n in altri.split("|"))
                keys.add(fold(nome + altri))  # "Bolzano/Bozen", as bilingual places are written
            if chiavi:
                keys.update(chiavi.split())
        for key in keys:
            known = found.setdefault(key, code)
            if known != code:
                found[key] = tuple(sorted({*((known,) if isinstance(known, str) else known), code}))
    found.pop("", None)
    return found


def grade(spans: tuple[int, ...], day: int) -> int:
    """Whether a place with these (non-empty) spans fits a birth on ``day`` (see above)."""
    for i in range(0, len(spans), 2):
        if spans[i] <= day <= spans[i + 1]:
            return EXISTED
    if day > spans[-1]:
        return SUPPRESSED
    return TOLERATED if day < RETROACTIVE_BEFORE else NOT_YET

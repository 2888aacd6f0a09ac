"""Write the places snapshot of :mod:`sportello.rules.identifiers.luoghi` from ANPR's tables.

The data comes from the installed ``python-codicefiscale`` package (a ``dev`` dependency of
sportello): its ``codicefiscale/data/*.json`` files are ANPR's "archivio storico dei comuni"
and "tabella stati esteri" (Ministero dell'Interno), converted by that project every week and
released under the MIT licence. This script reads them, drops what a codice fiscale cannot
carry (the comuni without a cadastral code, ``ND``), tidies the names for display and writes
one tab-separated line per period of a place, sorted by code and start date, under a header
that names the source, its version, the newest date in the data and the licences.

Run ``make luoghi`` (or ``python tools/luoghi_snapshot.py [OUTPUT]``); the output is a pure
function of the installed package, so running it twice gives the same bytes, and a test
compares the shipped snapshot with a fresh run when the same version is installed.
"""

from __future__ import annotations

import json
import re
import sys
from importlib import metadata, resources
from pathlib import Path
from typing import Any

__all__ = ["SOURCE", "build", "main", "tidy"]

#: The package whose data the snapshot is made from.
SOURCE = "python-codicefiscale"
DEFAULT_OUTPUT = (
    Path(__file__).resolve().parents[1] / "src" / "sportello" / "rules" / "identifiers"
) / "_luoghi.tsv"

#: Italian articles and prepositions that ANPR's upper-case names carry and that title case
#: capitalises ("San Giorgio Di Nogaro"); ISTAT writes them in lower case inside a name.
_PARTICLES = frozenset(
    {"di", "del", "dello", "della", "dei", "degli", "delle", "de", "e", "ed", "in", "nel"}
    | {"nello", "nella", "nei", "negli", "nelle", "sul", "sullo", "sulla", "sui", "sugli"}
    | {"sulle", "al", "allo", "alla", "ai", "agli", "alle", "da", "dal", "dallo", "dalla"}
    | {"dai", "dagli", "dalle", "con", "su", "sopra"}
)
_ELIDED = ("D'", "Dell'", "Nell'", "Sull'", "All'", "Dall'", "De'")
_WORD = re.compile(r"[^\s\-/]+")


def tidy(name: str) -> str:
    """The display form of a title-cased ANPR name: inner particles in lower case.

    >>> tidy("San Giorgio Di Nogaro"), tidy("Reggio Nell'Emilia"), tidy("Di Fronte")
    ('San Giorgio di Nogaro', "Reggio nell'Emilia", 'Di Fronte')
    >>> tidy("Stati Uniti D'America"), tidy("Sant'Agata De' Goti")
    ("Stati Uniti d'America", "Sant'Agata de' Goti")
    """

    def lower(match: re.Match[str]) -> str:
        word = match.group(0)
        if match.start() == 0:
            return word
        if word.lower() in _PARTICLES:
            return word.lower()
        for head in _ELIDED:
            if word.startswith(head):
                return head.lower() + word[len(head) :]
        return word

    return _WORD.sub(lower, name.strip())


def _day(text: str) -> str:
    """``YYYYMMDD`` of an ISO date-time, ``""`` for none (or ANPR's 9999-12-31)."""
    day = text[:10].replace("-", "")
    return "" if not day or day.startswith("9999") else day


def _fold(text: str) -> str:
    """Letters and digits only, upper case, accents off (to tell a synonym from a name)."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.upper())
    return "".join(c for c in decomposed if c.isascii() and c.isalnum())


def _rows(records: list[dict[str, Any]], *, foreign: bool) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for item in records:
        code = str(item["code"]).upper()
        if not re.fullmatch(r"[A-Z]\d{3}", code):  # "ND": no cadastral code, never in a code
            continue
        name = tidy(str(item["name"]))
        names = [name]
        for key in ("name_alt", "name_alt_en") if foreign else ("name_alt",):
            alt = tidy(str(item.get(key) or ""))
            if alt and _fold(alt) not in {_fold(n) for n in names}:
                names.append(alt)
        # the source's search slugs of a state: synonyms (urss, germania-est, iugoslavia)
        keys = sorted(
            {_fold(slug) for slug in item.get("name_slugs", [])} - {_fold(n) for n in names}
            if foreign
            else set()
        )
        provincia = "EE" if foreign else str(item["province"]).upper()
        start, end = _day(item["date_created"]), _day(item["date_deleted"])
        rows.append((code, start, end, provincia, name, "|".join(names[1:]), " ".join(keys)))
    return rows


def _load(name: str) -> list[dict[str, Any]]:
    path = resources.files("codicefiscale").joinpath("data", name)
    return list(json.loads(path.read_text(encoding="utf-8")))


def build() -> str:
    """The snapshot's text, from the installed ``python-codicefiscale``."""
    version = metadata.version(SOURCE)
    comuni = _rows(_load("municipalities.json"), foreign=False)
    stati = _rows(_load("deleted-countries.json") + _load("countries.json"), foreign=True)
    rows = sorted(set(comuni + stati), key=lambda r: (r[0], r[1], r[2] or "99999999", r[4]))
    newest = max(day for row in rows for day in row[1:3] if day)
    header = [
        "# sportello places snapshot: Italian comuni and foreign states, with their history",
        "# source: ANPR (Ministero dell'Interno), 'archivio storico dei comuni' and"
        " 'tabella 2 stati esteri'; open data (CAD art. 52), attributed as CC BY 4.0",
        f"# via: {SOURCE} {version} (MIT licence, (c) Fabio Caccamo), codicefiscale/data/*.json",
        f"# newest date in the data: {newest[:4]}-{newest[4:6]}-{newest[6:]}",
        "# written by tools/luoghi_snapshot.py; do not edit by hand",
        "# columns: belfiore, dal (YYYYMMDD), al (YYYYMMDD, empty: in force),"
        " provincia (EE: foreign state), nome, altri nomi (|), chiavi di ricerca",
    ]
    return "\n".join([*header, *("\t".join(row) for row in rows)]) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write the snapshot to ``argv[0]`` (default: the one shipped in the package)."""
    args = sys.argv[1:] if argv is None else argv
    output = Path(args[0]) if args else DEFAULT_OUTPUT
    output.write_text(build(), encoding="utf-8", newline="\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

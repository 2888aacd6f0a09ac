"""Benchmark: identifiers checked per second, sportello vs its peers, in one run.

Claims (issue 18), each printed as a ratio against the named peer on the same corpus:

- shallow ``codice_fiscale.is_valid`` >= 0.9x python-stdnum's ``is_valid`` (and the partita
  IVA's), on 4,000 codici fiscali (persons, omocodia variants, numeric; half broken by one
  character) and 4,000 partite IVA (half broken);
- the deep check ``is_valid(code, luoghi=True)`` >= 50,000 codes/s and >= 40x
  python-codicefiscale's ``is_valid`` (which decodes the code, place and date included), on
  4,000 codes of generated people born in real places at dates those places existed (20%
  omocodia variants; half broken by one character);
- ``encode`` >= 20x python-codicefiscale's ``encode`` on 500 generated people (place given by
  name, with the province);
- the place index (``luoghi``: codes, then names) <= 5 MB and <= 100 ms to load, measured in
  a fresh interpreter (memory: Python allocations, tracemalloc, and the process's resident
  set, both before and after).

Every corpus is generated deterministically (seed 2026). The fast sides keep the best of five
rounds, python-codicefiscale the best of two (it is about a hundred times slower). Run:
``.venv/bin/python bench/identifiers.py`` (or ``make bench``).
"""

from __future__ import annotations

import datetime as dt
import json
import random
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

from codicefiscale import codicefiscale as peer_cf
from stdnum import luhn
from stdnum.it import codicefiscale as stdnum_cf
from stdnum.it import iva as stdnum_iva

from _results import Results
from sportello.rules.identifiers import codice_fiscale, luoghi, partita_iva
from sportello.rules.identifiers._luoghi_index import codes

SEED = 2026
SIZE = 4_000
PEOPLE = 500
ROUNDS = 5
SLOW_ROUNDS = 2
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
OMOCODE = str.maketrans("0123456789", "LMNPQRSTUV")
TODAY = dt.date(2026, 1, 1)
NOMI = ["Mario", "Giulia", "Francesco", "Sofia", "Ahmed", "Olga", "Niccolò", "Zoë", "Yuki"]
COGNOMI = ["Rossi", "Bianchi", "De Luca", "D'Amico", "Esposito", "Müller", "Öz", "Ait Hadda"]


def _partita_iva(rng: random.Random) -> str:
    body = f"{rng.randrange(1, 10**7):07d}{rng.randrange(1, 101):03d}"
    return body + luhn.calc_check_digit(body)


def _codice_fiscale(rng: random.Random) -> str:
    if rng.random() < 0.1:
        return _partita_iva(rng)
    day = rng.randrange(1, 29) + rng.choice((0, 40))
    body = (
        "".join(rng.choice(LETTERS) for _ in range(6))
        + f"{rng.randrange(100):02d}{rng.choice('ABCDEHLMPRST')}{day:02d}"
        + rng.choice("ABCDEFGHILMZ")
        + f"{rng.randrange(1000):03d}"
    )
    if rng.random() < 0.2:
        chars = list(body)
        chars[14] = chars[14].translate(OMOCODE)
        body = "".join(chars)
    return body + stdnum_cf.calc_check_digit(body)


def _break(rng: random.Random, code: str) -> str:
    at = rng.randrange(len(code))
    return code[:at] + rng.choice("0123456789" + LETTERS) + code[at + 1 :]


def corpus(make: Callable[[random.Random], str], size: int = SIZE) -> list[str]:
    """``size`` values of ``make``, every other one broken by one character."""
    rng = random.Random(SEED)
    values = [make(rng) for _ in range(size)]
    return [_break(rng, v) if i % 2 else v for i, v in enumerate(values)]


def people(size: int) -> list[dict[str, Any]]:
    """Generated people born in places that existed at their birth date (1927-2025)."""
    rng = random.Random(SEED)
    known = sorted(codes().lines)
    found: list[dict[str, Any]] = []
    while len(found) < size:
        born = dt.date(1927, 1, 1) + dt.timedelta(days=rng.randrange(365 * 99))
        place = luoghi.get(rng.choice(known), data=born)
        if place is None or place.dal > born or (place.al is not None and place.al < born):
            continue
        try:
            unique = luoghi.resolve(str(place), data=born)
        except ValueError:  # a name two places share in one province: not for this corpus
            continue
        found.append(
            {
                "nome": rng.choice(NOMI),
                "cognome": rng.choice(COGNOMI),
                "sesso": rng.choice("MF"),
                "data_nascita": born,
                "luogo": str(unique),
            }
        )
    return found


def deep_corpus() -> list[str]:
    """Codes of :func:`people`, 20% omocodia variants, every other one broken."""
    rng = random.Random(SEED + 1)
    values = []
    for person in people(SIZE):
        code = codice_fiscale.encode(**person)
        if rng.random() < 0.2:
            code = rng.choice(codice_fiscale.omocodie(code)[1:8])
        values.append(code)
    return [_break(rng, v) if i % 2 else v for i, v in enumerate(values)]


def rate(check: Callable[[Any], object], values: list[Any], rounds: int = ROUNDS) -> float:
    """Calls per second of ``check`` over ``values``, the best of ``rounds``."""
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for value in values:
            check(value)
        best = min(best, time.perf_counter() - start)
    return len(values) / best


def _line(name: str, values: int, ours: float, theirs: float, peer: str) -> str:
    return (
        f"{name:28} {values} values: sportello {ours:,.0f}/s, {peer} {theirs:,.0f}/s, "
        f"ratio {ours / theirs:.2f}x"
    )


#: The figures for docs/img/bench-identifiers.svg (bench/results/identifiers.json).
RESULTS = Results("identifiers", "Identifiers: sportello and its peers, same corpus, same run")


def shallow() -> None:
    """Shallow is_valid against python-stdnum."""
    for name, make, ours, theirs in (
        ("codice fiscale (shallow)", _codice_fiscale, codice_fiscale.is_valid, stdnum_cf.is_valid),
        ("partita IVA", _partita_iva, partita_iva.is_valid, stdnum_iva.is_valid),
    ):
        values = corpus(make)
        valid = sum(map(ours, values))
        assert valid == sum(map(theirs, values)), "sportello and stdnum disagree"
        mine, peer = rate(ours, values), rate(theirs, values)
        RESULTS.group(name, "codes/s", {"sportello": mine, "python-stdnum": peer})
        print(_line(name, len(values), mine, peer, "stdnum"))


def _peer_is_valid(code: str) -> bool:
    return bool(peer_cf.is_valid(code))


def deep() -> None:
    """The deep check against python-codicefiscale's decode-based is_valid."""
    values = deep_corpus()

    def ours(code: str) -> bool:
        return codice_fiscale.is_valid(code, luoghi=True, today=TODAY)

    agree = sum(ours(v) == _peer_is_valid(v) for v in values)
    valid = sum(map(ours, values))
    mine = rate(ours, values)
    peer = rate(_peer_is_valid, values, SLOW_ROUNDS)
    RESULTS.group(
        "codice fiscale (deep)", "codes/s", {"sportello": mine, "python-codicefiscale": peer}
    )
    print(
        _line("codice fiscale (deep)", len(values), mine, peer, "python-codicefiscale")
        + f" ({valid} valid; the two agree on {agree / len(values):.1%})"
    )


def encode() -> None:
    """encode against python-codicefiscale's encode, the same people."""
    found = people(PEOPLE)

    def ours(p: dict[str, Any]) -> str:
        return codice_fiscale.encode(**p)

    def theirs(p: dict[str, Any]) -> str:
        return str(
            peer_cf.encode(
                p["cognome"], p["nome"], p["sesso"], p["data_nascita"].isoformat(), p["luogo"]
            )
        )

    same = sum(ours(p) == theirs(p) for p in found)
    mine, peer = rate(ours, found), rate(theirs, found, SLOW_ROUNDS)
    RESULTS.group("encode", "people/s", {"sportello": mine, "python-codicefiscale": peer})
    print(
        _line("encode", len(found), mine, peer, "python-codicefiscale")
        + f" (same code for {same / len(found):.1%})"
    )


_LOAD = """
import gc, json, sys, time, tracemalloc
from importlib import resources
from codicefiscale import codicefiscale as peer
from sportello.rules.identifiers import _luoghi_index as ix
resources.files("sportello.rules.identifiers").joinpath("_luoghi.tsv")  # its imports, not ours
def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096
traced, ours = sys.argv[1] == "traced", sys.argv[2] == "sportello"
gc.collect(); before = rss()
if traced:
    tracemalloc.start()
start = time.perf_counter()
if ours:
    ix.codes(); mid = time.perf_counter(); ix.names()
else:
    peer._get_data(); mid = time.perf_counter()
end = time.perf_counter(); gc.collect()
print(json.dumps({"ms": (end - start) * 1e3, "codes_ms": (mid - start) * 1e3,
                  "traced": tracemalloc.get_traced_memory()[0] if traced else 0,
                  "rss": rss() - before}))
"""


def _load_run(mode: str, side: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", _LOAD, mode, side], capture_output=True, text=True, check=True
    )
    return dict(json.loads(out.stdout))


def load() -> None:
    """The place index's load time and memory, in fresh interpreters (time: best of three).

    python-codicefiscale's index (``_get_data``, built on its first decode) for comparison.
    """
    best = min((_load_run("plain", "sportello") for _ in range(3)), key=lambda r: r["ms"])
    traced = _load_run("traced", "sportello")
    peer = min((_load_run("plain", "peer") for _ in range(2)), key=lambda r: r["ms"])
    peer_traced = _load_run("traced", "peer")
    RESULTS.group(
        "place index load (target <= 100 ms)",
        "ms",
        {"sportello": best["ms"], "python-codicefiscale": peer["ms"]},
    )
    print(
        f"{'place index (luoghi)':28} load {best['ms']:.0f} ms (codes {best['codes_ms']:.0f} ms, "
        f"then names; target <= 100 ms), {best['rss'] / 2**20:.1f} MB resident, "
        f"{traced['traced'] / 2**20:.1f} MB allocated (target <= 5 MB); "
        f"python-codicefiscale {peer['ms']:.0f} ms, {peer['rss'] / 2**20:.1f} MB resident, "
        f"{peer_traced['traced'] / 2**20:.1f} MB allocated"
    )


def main() -> None:
    """Every claim, one line each."""
    shallow()
    deep()
    encode()
    load()
    RESULTS.save()


if __name__ == "__main__":
    main()

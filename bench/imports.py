"""Import cost: ``import sportello`` (and its floors) against ``import httpx`` alone.

Each statement runs in a fresh interpreter with ``-X importtime``; the figure is the median over
several runs of the cumulative microseconds the interpreter reports for the top-level imports,
less the same figure for an empty statement (the interpreter's own start-up imports).
Target (issue 8): ``import sportello`` within 1.2x of ``import httpx``.
"""

from __future__ import annotations

import statistics
import subprocess
import sys

from _results import Results

RUNS = 7
STATEMENTS = {
    "httpx": "import httpx",
    "sportello": "import sportello",
    "sportello.rules.password": "import sportello.rules.password",
    "sportello.forms": "import sportello.forms",
    "sportello.client": "import sportello.client",
}


def cumulative_us(statement: str) -> int:
    """Total import time (us) of ``statement`` in a fresh interpreter, from -X importtime."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", statement],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode:
        return -1
    total = 0
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _self, cumulative, name = line[12:].split("|")
        if not name[1:].startswith(" "):  # a top-level import (nested ones are indented)
            total += int(cumulative)
    return total


def main() -> None:
    """Print the median import time of each statement and the ratio to httpx."""
    startup = statistics.median(cumulative_us("pass") for _ in range(RUNS))
    medians = {
        name: statistics.median(cumulative_us(stmt) for _ in range(RUNS)) - startup
        for name, stmt in STATEMENTS.items()
    }
    base = medians["httpx"]
    for name, us in medians.items():
        if us < 0:
            print(f"{name:28s}      n/a   (does not import)")
            continue
        print(f"{name:28s} {us / 1000:8.1f} ms   {us / base:5.2f}x httpx")
    results = Results("imports", "Import time, milliseconds (median of the runs)")
    results.group(
        "import time",
        "ms",
        {name: us / 1000 for name, us in medians.items() if us >= 0},
        note="target: import sportello <= 1.2x import httpx",
    )
    ratio = medians["sportello"] / base
    verdict = "ok" if ratio <= 1.2 else "OVER TARGET"
    print(f"import sportello / import httpx = {ratio:.2f} (target <= 1.2): {verdict}")
    results.save()


if __name__ == "__main__":
    main()

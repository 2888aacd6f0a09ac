"""The benchmarks' figures as JSON, for the docs' charts: ``bench/results/<bench>.json``.

A benchmark script builds one :class:`Results` and adds a group of bars per measurement
(sportello and its peer side by side); ``save`` writes the file at the end of a full run.
``python -m tools.pictures`` (``make pictures``, ``make docs``) draws each file as a small SVG
bar chart, ``docs/img/bench-<bench>.svg``: ``make bench`` refreshes the figures, the pictures
follow. The files are committed, so the docs build without running a benchmark.
"""

from __future__ import annotations

import json
import platform
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"


class Results:
    """One benchmark's figures: groups of labelled bars, each group in its own unit."""

    def __init__(self, bench: str, title: str) -> None:
        self.bench = bench
        self.title = title
        self.groups: list[dict[str, Any]] = []

    def group(self, label: str, unit: str, bars: dict[str, float], note: str = "") -> None:
        """Add one measurement: ``{"sportello": 1.2e6, "python-stdnum": 1.1e6}`` in ``unit``."""
        self.groups.append(
            {
                "label": label,
                "unit": unit,
                "bars": [{"label": k, "value": round(v, 3)} for k, v in bars.items()],
                "note": note,
            }
        )

    def save(self) -> Path:
        """Write ``bench/results/<bench>.json`` (sorted keys, one run's figures)."""
        RESULTS.mkdir(exist_ok=True)
        path = RESULTS / f"{self.bench}.json"
        data = {
            "bench": self.bench,
            "title": self.title,
            "python": platform.python_version(),
            "groups": self.groups,
        }
        path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {path.relative_to(RESULTS.parents[1])}")
        return path

"""The benchmarks' figures as small bar charts, one per file of ``bench/results/``.

Each ``bench/results/<bench>.json`` (written by ``make bench``, see ``bench/_results.py``) is
drawn as ``docs/img/bench-<bench>.svg``: a group of horizontal bars per measurement, each
group scaled to its own largest value and labelled in its own unit, since the measurements
differ by orders of magnitude (codes per second, milliseconds).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tools.pictures import _svg

__all__ = ["RESULTS", "charts", "svg"]

RESULTS = Path(__file__).resolve().parents[2] / "bench" / "results"
WIDTH, LABEL_W, BAR_H, ROW, MARGIN = 640, 170, 16, 22, 20
BAR_W = WIDTH - MARGIN * 2 - LABEL_W - 110
_STYLE = """
text { font-family: sans-serif; font-size: 12px; fill: #222; }
.title { font-size: 14px; font-weight: bold; }
.group { font-size: 12px; font-weight: bold; fill: #333; }
.small { font-size: 11px; fill: #555; }
.ours { fill: #3a6ea5; }
.peer { fill: #b8b8b8; }
"""


def _figure(value: float) -> str:
    """A value as the chart prints it: thousands separated, no more digits than it needs."""
    if value >= 100:
        return f"{value:,.0f}"
    return f"{value:,.1f}" if value >= 10 else f"{value:,.2f}"


def svg(data: dict[str, Any]) -> str:
    """The SVG text of one benchmark's chart, from its results file's data."""
    groups = data["groups"]
    rows = sum(len(g["bars"]) for g in groups)
    height = MARGIN * 2 + 30 + len(groups) * 26 + rows * ROW + 18
    root = _svg.root(WIDTH, height, _STYLE, data["title"])
    _svg.text(root, MARGIN, MARGIN + 10, data["title"], **{"class": "title"})
    y = MARGIN + 36
    for group in groups:
        label = group["label"] + (f" ({group['note']})" if group["note"] else "")
        _svg.text(root, MARGIN, y + 8, label, **{"class": "group"})
        y += 16
        top = max(bar["value"] for bar in group["bars"]) or 1
        for bar in group["bars"]:
            ours = bar["label"].startswith("sportello")
            width = max(1.0, BAR_W * bar["value"] / top)
            _svg.text(root, MARGIN + LABEL_W - 8, y + 12, bar["label"], **{"text-anchor": "end"})
            _svg.box(root, MARGIN + LABEL_W, y, width, BAR_H, cls="ours" if ours else "peer")
            value = f"{_figure(bar['value'])} {group['unit']}"
            _svg.text(root, MARGIN + LABEL_W + width + 6, y + 12, value, **{"class": "small"})
            y += ROW
        y += 10
    _svg.text(
        root,
        MARGIN,
        height - MARGIN + 6,
        f"bench/{data['bench']}.py (make bench), one run on Python {data['python']}",
        **{"class": "small"},
    )
    return _svg.tostring(root)


def charts() -> dict[str, Callable[[], str]]:
    """``bench-<bench>.svg`` -> its drawing, for every results file there is."""
    found: dict[str, Callable[[], str]] = {}
    for path in sorted(RESULTS.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        found[f"bench-{path.stem}.svg"] = lambda data=data: svg(data)
    return found

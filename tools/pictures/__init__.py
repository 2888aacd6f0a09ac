"""The docs' pictures, drawn from the code's own tables (``make pictures`` writes them).

Each picture is a function returning SVG text, listed in :data:`PICTURES` by its file name
under ``docs/img/``; ``python -m tools.pictures`` writes them all, ``--check`` only compares.
Plain SVG built as XML: no dependency, the same bytes on every machine.
"""

from __future__ import annotations

from collections.abc import Callable

from tools.pictures import bench, floors, procedura

__all__ = ["PICTURES"]

#: file name under docs/img/ -> the function that draws it: the house's floors, the
#: conciliation's timeline, and a chart per benchmark's results (bench/results/*.json).
PICTURES: dict[str, Callable[[], str]] = {
    "floors.svg": floors.svg,
    "procedura-conciliazione.svg": procedura.svg,
    **bench.charts(),
}

"""The docs' pictures, drawn from the code's own tables (``make pictures`` writes them).

Each picture is a function returning SVG text, listed in :data:`PICTURES` by its file name
under ``docs/img/``; ``python -m tools.pictures`` writes them all, ``--check`` only compares.
Plain SVG built as XML: no dependency, the same bytes on every machine.
"""

from __future__ import annotations

from collections.abc import Callable

from tools.pictures import procedura

__all__ = ["PICTURES"]

#: file name under docs/img/ -> the function that draws it.
PICTURES: dict[str, Callable[[], str]] = {
    "procedura-conciliazione.svg": procedura.svg,
}

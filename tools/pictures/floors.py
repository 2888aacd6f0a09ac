"""The house's three floors: which package uses which (docs/index.md, "Three floors").

:data:`FLOORS` is the picture's table, top floor first: each package with what it is. The
test beside it (tests/test_pictures.py) checks every package named is a real one and that the
floors below never import the ones above (the layer rule of the house).
"""

from __future__ import annotations

from tools.pictures import _svg

__all__ = ["CONTRACT", "FLOORS", "svg"]

#: Top floor first: (package, what it does) for each room of the floor.
FLOORS: tuple[tuple[tuple[str, str], ...], ...] = (
    (
        ("sportello.client", "typed HTTP client (sync and async)"),
        ("sportello.sandbox", "local server over SQLite"),
    ),
    (("sportello.forms", "the portals' forms: load, dump, json_schema"),),
    (("sportello.rules", "pure rules and identifiers, no I/O; every problem a Violation"),),
)
#: What joins the top floor's two rooms.
CONTRACT = "the API contract (openapi.json)"

WIDTH, FLOOR_H, GAP, MARGIN = 640, 64, 34, 20
_STYLE = """
text { font-family: sans-serif; font-size: 12px; fill: #222; }
.title { font-size: 15px; font-weight: bold; }
.name { font-family: monospace; font-size: 13px; font-weight: bold; fill: #1f3f66; }
.room { fill: #eef5ff; stroke: #3a6ea5; stroke-width: 1.5; }
.roof { fill: #f4f4f4; stroke: #555; stroke-width: 1.5; }
.down { stroke: #555; stroke-width: 1.5; marker-end: url(#arrow); }
.contract { stroke: #b0413e; stroke-width: 1.5; stroke-dasharray: 5 3; }
.small { font-size: 11px; fill: #444; }
"""


def svg() -> str:
    """The SVG text of docs/img/floors.svg."""
    height = MARGIN * 2 + 70 + len(FLOORS) * (FLOOR_H + GAP) - GAP + 24
    root = _svg.root(WIDTH, height, _STYLE, "sportello's three floors")
    defs = _svg.ET.SubElement(root, "defs")
    marker = _svg.ET.SubElement(
        defs,
        "marker",
        {
            "id": "arrow",
            "viewBox": "0 0 10 10",
            "refX": "9",
            "refY": "5",
            "markerWidth": "7",
            "markerHeight": "7",
            "orient": "auto",
        },
    )
    _svg.ET.SubElement(marker, "path", {"d": "M 0 0 L 10 5 L 0 10 z", "fill": "#555"})
    left, right = MARGIN, WIDTH - MARGIN
    _svg.ET.SubElement(
        root,
        "polygon",
        {
            "points": f"{left},{MARGIN + 56} {WIDTH / 2},{MARGIN} {right},{MARGIN + 56}",
            "class": "roof",
        },
    )
    _svg.text(
        root, WIDTH / 2, MARGIN + 44, "sportello", **{"class": "title", "text-anchor": "middle"}
    )
    y = MARGIN + 70
    previous: list[float] = []
    for rooms in FLOORS:
        width = (right - left - 16 * (len(rooms) - 1)) / len(rooms)
        centers = []
        for i, (name, what) in enumerate(rooms):
            x = left + i * (width + 16)
            _svg.box(root, x, y, width, FLOOR_H, cls="room")
            _svg.text(
                root, x + width / 2, y + 26, name, **{"class": "name", "text-anchor": "middle"}
            )
            _svg.text(
                root, x + width / 2, y + 46, what, **{"class": "small", "text-anchor": "middle"}
            )
            centers.append(x + width / 2)
        if len(rooms) == 2:
            mid = y + FLOOR_H / 2
            _svg.line(root, left + width, mid, left + width + 16, mid, cls="contract")
        for cx in previous:
            target = centers[0] if len(centers) == 1 else cx
            _svg.line(root, cx, y - GAP + 2, target, y - 3, cls="down")
        previous = centers
        y += FLOOR_H + GAP
    _svg.text(
        root,
        WIDTH / 2,
        height - MARGIN + 4,
        f"client and sandbox: the two sides of {CONTRACT}; arrows point down only",
        **{"class": "small", "text-anchor": "middle"},
    )
    return _svg.tostring(root)

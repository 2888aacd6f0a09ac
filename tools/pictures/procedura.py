"""The conciliation's timeline: its states and moves, then its terms in days.

Drawn from the code's own tables: the states and their labels
(:class:`~sportello.rules.conciliazione.StatoConciliazione`), the moves and their rules
(:data:`~sportello.rules.conciliazione.AZIONI`), the terms with their days and rules
(:class:`~sportello.rules.conciliazione.Termine`). Only the boxes' places are this module's.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

from sportello.rules.conciliazione import (
    AZIONI,
    Attore,
    Azione,
    StatoConciliazione,
    Termine,
)

__all__ = ["svg"]

S = StatoConciliazione
WIDTH, HEIGHT = 1000, 730
BOX_W, BOX_H = 190, 54

#: The top-left corner of each state's box (the layout is the picture's; the states the code's).
PLACES: dict[StatoConciliazione, tuple[int, int]] = {
    S.INVIATA: (40, 110),
    S.IN_ATTESA_INTEGRAZIONE: (40, 260),
    S.AMMESSA: (300, 110),
    S.CONVOCATA: (560, 110),
    S.RINVIATA: (560, 260),
    S.ACCORDO: (790, 40),
    S.MANCATO_ACCORDO: (790, 210),
    S.ARCHIVIATA: (300, 350),
}

#: The timeline's axis: days 0 to the longest term, from AXIS_X0 to AXIS_X1.
AXIS_X0, AXIS_X1 = 300, 960
TIMELINE_Y = 500
ROW = 30


def _center(stato: StatoConciliazione) -> tuple[float, float]:
    x, y = PLACES[stato]
    return x + BOX_W / 2, y + BOX_H / 2


def _border(stato: StatoConciliazione, dx: float, dy: float) -> tuple[float, float]:
    """Where the ray from the box's center along (dx, dy) leaves the box."""
    cx, cy = _center(stato)
    scale = min(
        (BOX_W / 2) / abs(dx) if dx else math.inf,
        (BOX_H / 2) / abs(dy) if dy else math.inf,
    )
    return cx + dx * scale, cy + dy * scale


def _edges() -> tuple[
    dict[tuple[StatoConciliazione, StatoConciliazione], list[Azione]],
    dict[StatoConciliazione, list[Azione]],
]:
    """The moves between states and the moves that stay, each with its actions, from AZIONI."""
    moves: dict[tuple[StatoConciliazione, StatoConciliazione], list[Azione]] = {}
    stays: dict[StatoConciliazione, list[Azione]] = {}
    for azione in AZIONI:
        for da in sorted(azione.da, key=list(S).index):
            for a in sorted(azione.targets(da), key=list(S).index):
                if a is da:
                    stays.setdefault(da, []).append(azione)
                else:
                    moves.setdefault((da, a), []).append(azione)
    return moves, stays


def _rules(azioni: list[Azione]) -> str:
    """The rule IDs of some actions, a ``*`` on those the clock performs."""
    found: dict[str, bool] = {}
    for azione in azioni:
        clock = azione.attore is Attore.OROLOGIO
        found[azione.regola] = found.get(azione.regola, False) or clock
    ordered = sorted(found, key=lambda r: int(r.split("-")[1]))
    return " ".join(f"{r}*" if found[r] else r for r in ordered)


def _text(parent: ET.Element, x: float, y: float, text: str, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, "text", {"x": f"{x:.1f}", "y": f"{y:.1f}", **attrs})
    el.text = text
    return el


def _label(parent: ET.Element, x: float, y: float, text: str) -> None:
    """A small label with a white background, centred on (x, y)."""
    width = 6.4 * len(text) + 8
    ET.SubElement(
        parent,
        "rect",
        {
            "x": f"{x - width / 2:.1f}",
            "y": f"{y - 8:.1f}",
            "width": f"{width:.1f}",
            "height": "15",
            "rx": "3",
            "class": "tag",
        },
    )
    _text(parent, x, y + 3.5, text, **{"class": "small", "text-anchor": "middle"})


def _states(root: ET.Element) -> None:
    moves, stays = _edges()
    edges = ET.SubElement(root, "g", {"id": "transizioni"})
    for (da, a), azioni in moves.items():
        (x1, y1), (x2, y2) = _center(da), _center(a)
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy)
        shift = 7 if (a, da) in moves else 0  # two opposite moves: side by side
        ox, oy = -dy / length * shift, dx / length * shift
        sx, sy = _border(da, dx, dy)
        ex, ey = _border(a, -dx, -dy)
        clock = all(z.attore is Attore.OROLOGIO for z in azioni)
        ET.SubElement(
            edges,
            "line",
            {
                "x1": f"{sx + ox:.1f}",
                "y1": f"{sy + oy:.1f}",
                "x2": f"{ex + ox:.1f}",
                "y2": f"{ey + oy:.1f}",
                "class": "clock" if clock else "move",
                "marker-end": "url(#arrow)",
            },
        )
        _label(edges, (sx + ex) / 2 + ox * 2.2, (sy + ey) / 2 + oy * 2.2, _rules(azioni))
    boxes = ET.SubElement(root, "g", {"id": "stati"})
    for stato, (x, y) in PLACES.items():
        kind = "final" if stato.is_final else "open"
        ET.SubElement(
            boxes,
            "rect",
            {
                "x": str(x),
                "y": str(y),
                "width": str(BOX_W),
                "height": str(BOX_H),
                "rx": "8",
                "class": kind,
            },
        )
        _text(boxes, x + BOX_W / 2, y + 19, stato.label, **{"text-anchor": "middle"})
        _text(
            boxes, x + BOX_W / 2, y + 33, stato.value, **{"class": "code", "text-anchor": "middle"}
        )
        if stato in stays:
            _text(
                boxes,
                x + BOX_W / 2,
                y + 47,
                f"↻ {_rules(stays[stato])}",
                **{"class": "small", "text-anchor": "middle"},
            )


def _x(day: float, longest: int) -> float:
    return AXIS_X0 + (AXIS_X1 - AXIS_X0) * day / longest


def _span(termine: Termine) -> tuple[int, int, str]:
    """Where a term's bar lies on the axis (days), and what happens after it."""
    if termine is Termine.PROROGA:
        start = Termine.DURATA.giorni
        return (
            start,
            start + termine.giorni,
            f"fine al più tardi il giorno {start + termine.giorni}",
        )
    if termine is Termine.RITIRO:  # shown before a first meeting on its last day
        end = Termine.PRIMO_INCONTRO.giorni
        return (
            end - termine.giorni,
            end,
            f"es. incontro il giorno {end}: ritiro fino al {end - termine.giorni}",
        )
    after = {
        Termine.ATTESA_RECLAMO: f"domanda dal giorno {termine.giorni + 1}",
        Termine.INTEGRAZIONE: f"non integrata: archiviata il giorno {termine.giorni + 1}",
        Termine.PRIMO_INCONTRO: f"nessun incontro: chiusa il giorno {termine.giorni + 1}",
        Termine.DURATA: f"nessun esito: chiusa il giorno {termine.giorni + 1}",
    }
    return 0, termine.giorni, after[termine]


def _timeline(root: ET.Element) -> None:
    spans = {t: _span(t) for t in Termine}
    longest = max(end for _, end, _ in spans.values())
    g = ET.SubElement(root, "g", {"id": "termini"})
    _text(
        g,
        20,
        TIMELINE_Y - 24,
        "Termini in giorni di calendario: il giorno iniziale non si conta, l'ultimo sì",
        **{"class": "title"},
    )
    bottom = TIMELINE_Y + ROW * len(Termine)
    ticks = sorted({d for t, (start, end, _) in spans.items() if not t.prima for d in (start, end)})
    for day in ticks:
        x = _x(day, longest)
        ET.SubElement(
            g,
            "line",
            {
                "x1": f"{x:.1f}",
                "y1": str(TIMELINE_Y - 10),
                "x2": f"{x:.1f}",
                "y2": str(bottom),
                "class": "tick",
            },
        )
        _text(g, x, bottom + 14, str(day), **{"class": "small", "text-anchor": "middle"})
    for i, (termine, (start, end, after)) in enumerate(spans.items()):
        y = TIMELINE_Y + ROW * i
        _text(g, 20, y + 4, f"{termine.label} ({termine.regola})")
        _text(g, 20, y + 16, f"{termine.giorni} giorni {termine.decorrenza}", **{"class": "small"})
        x1, x2 = _x(start, longest), _x(end, longest)
        ET.SubElement(
            g,
            "rect",
            {
                "x": f"{x1:.1f}",
                "y": str(y - 6),
                "width": f"{x2 - x1:.1f}",
                "height": "14",
                "rx": "3",
                "class": "back" if termine.prima else "bar",
            },
        )
        width = 5.9 * len(after)
        if AXIS_X1 - x2 >= width + 12:  # after the bar
            place = (x2 + 6, "start", "small")
        elif x2 - x1 >= width + 12:  # inside the bar
            place = (x2 - 6, "end", "inside")
        else:  # before the bar
            place = (x1 - 6, "end", "small")
        _text(g, place[0], y + 5, after, **{"class": place[2], "text-anchor": place[1]})
    _text(g, AXIS_X0 - 14, bottom + 14, "giorni", **{"class": "small", "text-anchor": "end"})
    _text(
        g,
        20,
        bottom + 34,
        "Ogni termine conta dal proprio giorno 0: l'invio del reclamo (CP-1), la richiesta di"
        " integrazione (CP-3), la domanda completa (CP-5, CP-9), l'incontro (CP-8).",
        **{"class": "small"},
    )


_STYLE = """
text { font-family: sans-serif; font-size: 12px; fill: #222; }
.title { font-size: 15px; font-weight: bold; }
.small { font-size: 10.5px; fill: #333; }
.inside { font-size: 10.5px; fill: #fff; }
.code { font-size: 10px; fill: #666; font-family: monospace; }
.open { fill: #eef5ff; stroke: #3a6ea5; stroke-width: 1.5; }
.final { fill: #f1f1f1; stroke: #555; stroke-width: 1.5; }
.move { stroke: #3a6ea5; stroke-width: 1.3; }
.clock { stroke: #b0413e; stroke-width: 1.3; stroke-dasharray: 5 3; }
.tag { fill: #fff; stroke: #ccc; stroke-width: 0.6; }
.tick { stroke: #bbb; stroke-width: 0.8; stroke-dasharray: 2 3; }
.bar { fill: #3a6ea5; }
.back { fill: #b0413e; }
"""


def svg() -> str:
    """The picture, as SVG text (the same text on every run)."""
    root = ET.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "width": str(WIDTH),
            "height": str(HEIGHT),
            "viewBox": f"0 0 {WIDTH} {HEIGHT}",
            "role": "img",
        },
    )
    ET.SubElement(root, "title").text = "La procedura di conciliazione: stati, passaggi e termini"
    style = ET.SubElement(root, "style")
    style.text = _STYLE
    defs = ET.SubElement(root, "defs")
    marker = ET.SubElement(
        defs,
        "marker",
        {
            "id": "arrow",
            "viewBox": "0 0 10 10",
            "refX": "9",
            "refY": "5",
            "markerWidth": "7",
            "markerHeight": "7",
            "orient": "auto-start-reverse",
        },
    )
    ET.SubElement(marker, "path", {"d": "M 0 0 L 10 5 L 0 10 z", "fill": "#555"})
    ET.SubElement(root, "rect", {"width": str(WIDTH), "height": str(HEIGHT), "fill": "#fff"})
    _text(
        root,
        20,
        26,
        "La procedura di conciliazione: stati e passaggi, con la regola di ciascuno",
        **{"class": "title"},
    )
    _, stays = _edges()
    restano = sorted({(z.regola, z.label) for azioni in stays.values() for z in azioni})
    _text(
        root,
        20,
        438,
        "* passaggio per decorso del termine (tratteggio: solo il tempo). ↻ resta nello stato: "
        + ", ".join(f"{label} ({regola})" for regola, label in restano)
        + ".",
        **{"class": "small"},
    )
    _states(root)
    _timeline(root)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode") + "\n"

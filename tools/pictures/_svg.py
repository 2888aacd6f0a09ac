"""The small SVG writer the pictures share: a root with its style, text, boxes, lines."""

from __future__ import annotations

import xml.etree.ElementTree as ET

__all__ = ["box", "line", "root", "text", "tostring"]


def root(width: int, height: int, style: str, title: str) -> ET.Element:
    """An SVG document of that size, its style sheet, a white page and an accessible title."""
    svg = ET.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "width": str(width),
            "height": str(height),
            "viewBox": f"0 0 {width} {height}",
            "role": "img",
        },
    )
    ET.SubElement(svg, "title").text = title
    ET.SubElement(svg, "style").text = style
    ET.SubElement(svg, "rect", {"width": str(width), "height": str(height), "fill": "#fff"})
    return svg


def text(parent: ET.Element, x: float, y: float, content: str, **attrs: str) -> ET.Element:
    """A text element at (x, y)."""
    el = ET.SubElement(parent, "text", {"x": f"{x:.1f}", "y": f"{y:.1f}", **attrs})
    el.text = content
    return el


def box(parent: ET.Element, x: float, y: float, w: float, h: float, *, cls: str) -> None:
    """A rounded rectangle."""
    attrs = {"x": f"{x:.1f}", "y": f"{y:.1f}", "width": f"{w:.1f}", "height": f"{h:.1f}"}
    ET.SubElement(parent, "rect", {**attrs, "rx": "6", "class": cls})


def line(parent: ET.Element, x1: float, y1: float, x2: float, y2: float, *, cls: str) -> None:
    """A straight line."""
    ends = {"x1": f"{x1:.1f}", "y1": f"{y1:.1f}", "x2": f"{x2:.1f}", "y2": f"{y2:.1f}"}
    ET.SubElement(parent, "line", {**ends, "class": cls})


def tostring(svg: ET.Element) -> str:
    """The document's text, indented, with a final newline (the same bytes every run)."""
    ET.indent(svg)
    return ET.tostring(svg, encoding="unicode") + "\n"

"""Small, valid one-page PDF documents for what the sandbox's operator produces.

The Servizio sends real files (a request to complete the case, a convocation, a verbale);
the sandbox writes a one-page PDF 1.4 with a title and a few lines of text, so clients can
download, store and open them. Text is Latin-1 (the standard Helvetica font's WinAnsi
encoding covers Italian accents); other characters become ``?``.

>>> data = pdf("Verbale di accordo", ["Pratica 123", "Esito: accordo raggiunto"])
>>> data[:8], data.rstrip().endswith(b"%%EOF")
(b'%PDF-1.4', True)
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["pdf"]


def _escape(text: str) -> bytes:
    raw = text.encode("latin-1", errors="replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def pdf(titolo: str, righe: Sequence[str] = ()) -> bytes:
    """A one-page A4 PDF showing ``titolo`` in bold and ``righe`` below it."""
    text = [b"BT /F2 16 Tf 56 780 Td (" + _escape(titolo) + b") Tj ET"]
    for i, riga in enumerate(righe):
        y = 750 - 18 * i
        text.append(b"BT /F1 11 Tf 56 %d Td (" % y + _escape(riga) + b") Tj ET")
    stream = b"\n".join(text)
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R"
        b"/Resources<</Font<</F1 5 0 R/F2 6 0 R>>>>>>",
        b"<</Length %d>>stream\n" % len(stream) + stream + b"\nendstream",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica/Encoding/WinAnsiEncoding>>",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica-Bold/Encoding/WinAnsiEncoding>>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)

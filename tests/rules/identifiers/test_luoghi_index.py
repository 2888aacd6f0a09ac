"""The places index: loading the snapshot, merging periods into spans, names, grades.

Real places of ANPR's snapshot: Abano Terme (A001, renamed 1924), Casagiove (B860, a gap
1928-1946), Bassano Romano (A704, renamed on 01/03/1964), Sermide (I632, Sermide e Felonica
from 01/03/2017), Gallico (D877, suppressed 1927), Corigliano-Rossano (M403, 2018).
The tests of codes(), names() and spans() empty their cache first: they check the building,
not a result an earlier test left behind.
"""

from importlib import resources

import pytest

from sportello.rules.identifiers import _luoghi_index as ix


def _snapshot() -> tuple[tuple[str, ...], dict[str, str]]:
    """The header lines and each code's lines of _luoghi.tsv, read plainly."""
    text = resources.files("sportello.rules.identifiers").joinpath("_luoghi.tsv").read_text("utf-8")
    lines = text.split("\n")
    header = tuple(line[2:] for line in lines if line.startswith("# "))
    body: dict[str, list[str]] = {}
    for line in lines[len(header) :]:
        if line:
            body.setdefault(line[:4], []).append(line)
    return header, {code: "\n".join(rows) for code, rows in body.items()}


def test_loading_keeps_every_line_of_the_snapshot() -> None:
    """codes() holds the six header lines and every code's lines, as the file has them."""
    ix.codes.cache_clear()
    index = ix.codes()
    header, lines = _snapshot()
    assert len(header) == 6
    assert index.header == header
    assert index.header[0].startswith("sportello places snapshot")
    assert index.lines == lines
    assert index.lines["A001"] == (
        "A001\t18661119\t19241113\tPD\tAbano\t\t\nA001\t19241114\t\tPD\tAbano Terme\t\t"
    )
    last = max(lines)
    assert index.lines[last] == lines[last]  # the last code: no newline lost or kept
    assert ix.codes() is index  # loaded once


@pytest.mark.parametrize(
    ("day", "after"),
    [
        (19241113, 19241114),
        (19330131, 19330201),  # each month's last day: 31, 30, or February's
        (19300331, 19300401),
        (19470430, 19470501),
        (19380531, 19380601),
        (20040630, 20040701),
        (20070731, 20070801),
        (19450831, 19450901),
        (19470930, 19471001),
        (19251031, 19251101),
        (19281130, 19281201),
        (20051231, 20060101),  # the year's end
        (19300130, 19300131),  # the day before a month's end
        (20170228, 20170301),
        (19640228, 19640229),  # a leap year
        (19640229, 19640301),
        (19000228, 19000301),  # 1900 was not a leap year
        (20000228, 20000229),  # 2000 was
        (21000228, 21000301),
    ],
)
def test_next_day(day: int, after: int) -> None:
    """_next_day is the next calendar day, month, year and leap-year ends included."""
    assert ix._next_day(day) == after


@pytest.mark.parametrize(
    ("code", "spans"),
    [
        ("A001", (18661119, 99991231)),  # Abano, then Abano Terme from the next day
        ("A069", (18610317, 99991231)),  # a period ending 31/12/2005, the next 01/01/2006
        ("A106", (18610317, 99991231)),  # 31/08/1945, then 01/09/1945
        ("A704", (18710115, 99991231)),  # 29/02/1964, then 01/03/1964
        ("I632", (18661119, 99991231)),  # 28/02/2017, then 01/03/2017
        ("B860", (18720303, 19280627, 19461112, 99991231)),  # suppressed, re-instituted
        ("A791", (18610317, 19121030, 19121101, 19280220, 19480321, 99991231)),  # 31/10 missing
        ("D877", (18610317, 19270802)),  # suppressed in 1927, never again
        ("D588", (18610317, 99991231)),  # two periods at once: Filago and Marne, 1861-1928
        ("X999", ()),
    ],
)
def test_periods_merge_into_spans(
    monkeypatch: pytest.MonkeyPatch, code: str, spans: tuple[int, ...]
) -> None:
    """Periods that touch (the next day) or overlap merge; a gap of a day keeps two spans."""
    monkeypatch.setattr(ix, "_SPANS", {})
    assert ix.spans(code) == spans
    assert ({code: spans} if spans else {}) == ix._SPANS
    assert ix.spans(code) == spans


def test_names_index_every_name_of_every_period() -> None:
    """names() maps folded names, old, other-language and search keys, to codes (or homonyms)."""
    ix.names.cache_clear()
    found = ix.names()
    assert found["ROMA"] == "H501"
    assert found["ABANO"] == found["ABANOTERME"] == "A001"  # the old name too
    assert found["BOLZANO"] == found["BOZEN"] == found["BOLZANOBOZEN"] == "A952"
    assert found["URSS"] == found["USSR"] == "Z135"  # search keys
    assert found["UNIONOFSOVIETSOCIALISTREPUBLICS"] == "Z135"  # another name
    assert found["PATERNO"] == ("G371", "M269")  # homonyms, sorted
    assert found["CASTRO"] == ("C337", "M261")
    assert "" not in found
    assert ix.names() is found


@pytest.mark.parametrize(
    ("code", "day", "grade"),
    [
        ("B860", 18720303, ix.EXISTED),  # its first day
        ("B860", 18720302, ix.TOLERATED),  # before it, before 1977
        ("B860", 19280627, ix.EXISTED),  # the last day of the first span
        ("B860", 19280628, ix.TOLERATED),  # in the gap, before 1977
        ("B860", 19461112, ix.EXISTED),
        ("B860", 20260101, ix.EXISTED),
        ("D877", 19270802, ix.EXISTED),
        ("D877", 19270803, ix.SUPPRESSED),
        ("M403", 20180331, ix.EXISTED),
        ("M403", 20180330, ix.NOT_YET),
        ("M403", 19770101, ix.NOT_YET),
        ("M403", 19761231, ix.TOLERATED),
    ],
)
def test_grade_edges(code: str, day: int, grade: int) -> None:
    """grade: existed on a span's first and last day, suppressed after, tolerated before 1977."""
    assert ix.grade(ix.spans(code), day) == grade


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Paternò", "PATERNO"),
        ("Sant'Angelo a Fasanella", "SANTANGELOAFASANELLA"),
        ("Reggio nell'Emilia", "REGGIONELLEMILIA"),
        ("Corigliano-Rossano", "CORIGLIANOROSSANO"),
        ("Bolzano/Bozen", "BOLZANOBOZEN"),
        ("Sant’Angelo", "SANTANGELO"),  # a typographic apostrophe is dropped too
        ("città", "CITTA"),
        ("Ærø", "R"),  # Æ and ø have no decomposition: dropped
        ("a.b,c", "ABC"),
        ("XX XX", "XXXX"),  # each separator alone, whatever is around it
        ("XX'XX", "XXXX"),
        ("XX-XX", "XXXX"),
        ("", ""),
    ],
)
def test_fold(text: str, key: str) -> None:
    """fold keeps only upper-case ASCII letters and digits, accents dropped."""
    assert ix.fold(text) == key


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Paternò", "PATERNO'"),
        ("PATERNO'", "PATERNO'"),
        ("Paterno", "PATERNO"),
        ("Paterno’", "PATERNO'"),  # a typographic apostrophe is ANPR's
        ("Sant'Angelo", "SANT'ANGELO"),
        ("Sant''Angelo", "SANT'ANGELO"),  # never two in a row
        ("'Aosta", "AOSTA"),  # nor one first
        ("Forlì-Cesena", "FORLI'CESENA"),
    ],
)
def test_accent_key(text: str, key: str) -> None:
    """accent_key keeps an accent or apostrophe as one ', where the name has it."""
    assert ix.accent_key(text) == key


def _period(code: str, first: str, last: str) -> str:
    return f"{code}\t{first}\t{last}\tRM\tProva\t\t"


@pytest.mark.parametrize(
    ("periods", "spans"),
    [
        # after a gap, two periods that touch (the next day) make one span
        (
            [("19000101", "19101231"), ("19200101", "19301231"), ("19310101", "")],
            (19000101, 19101231, 19200101, ix.END),
        ),
        # after a gap, a period within the last span leaves it as it is
        (
            [("19000101", "19101231"), ("19200101", "19501231"), ("19300101", "19401231")],
            (19000101, 19101231, 19200101, 19501231),
        ),
        # after a gap, periods that touch across a month's end
        (
            [("19000101", "19101231"), ("19200101", "19300131"), ("19300201", "")],
            (19000101, 19101231, 19200101, ix.END),
        ),
        # one day missing between two periods: two spans
        ([("19000101", "19100110"), ("19100112", "")], (19000101, 19100110, 19100112, ix.END)),
    ],
)
def test_spans_of_made_up_periods(
    monkeypatch: pytest.MonkeyPatch, periods: list[tuple[str, str]], spans: tuple[int, ...]
) -> None:
    """Merging after a gap: touching periods join the last span, a gap of a day does not."""
    lines = {"X001": "\n".join(_period("X001", first, last) for first, last in periods)}
    monkeypatch.setattr(ix, "codes", lambda: ix.Index(lines, ()))
    monkeypatch.setattr(ix, "_SPANS", {})
    assert ix.spans("X001") == spans

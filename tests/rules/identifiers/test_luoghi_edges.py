"""Places at their edges: the province written after a name, periods, other names, dates.

Real places of ANPR's snapshot: Albaredo Arnaboldi (A134, suppressed twice: 1928, 2023),
Villaperuccio (M278, instituted 1979 in CA, CI from 2006, SU from 2016), Nuxis (F991), Palau
(the comune G258 and the state Z734), Vo' (M103), Russia (Z154, two other names).
"""

import datetime as dt

import pytest

from sportello import ValidationError
from sportello.rules.identifiers import _luoghi_index as ix
from sportello.rules.identifiers import luoghi
from sportello.rules.identifiers.luoghi import _split_provincia


@pytest.mark.parametrize(
    ("text", "split"),
    [
        ("Paternò (CT)", ("Paternò", "CT")),
        ("Paternò, CT", ("Paternò", "CT")),
        ("Roma (rm)", ("Roma", "RM")),
        ("roma, rm", ("roma", "RM")),
        ("Roma(RM)", ("Roma", "RM")),
        ("Roma (RM) ", ("Roma", "RM")),
        ("Roma, (RM)", ("Roma", "RM")),  # both ways at once: the comma goes
        (" Roma (RM)", (" Roma", "RM")),
        ("A(RM)", ("A", "RM")),  # the shortest name with a province
        ("AIX (EE)", ("AIX", "EE")),
        ("A, B, CT", ("A, B", "CT")),  # the last comma
        ("(RM)", ("(RM)", None)),  # a province and no name: no split
        ("Roma (R1)", ("Roma (R1)", None)),
        ("Roma (RMA)", ("Roma (RMA)", None)),
        ("Roma RM", ("Roma RM", None)),
        (", RM", (", RM", None)),
        ("Vo", ("Vo", None)),  # two letters without a comma are a name
        ("Roma, Lazio", ("Roma, Lazio", None)),
    ],
)
def test_split_provincia(text: str, split: tuple[str, str | None]) -> None:
    """A province is two ASCII letters in brackets or after the last comma, after a name."""
    assert _split_provincia(text) == split


@pytest.mark.parametrize(
    ("text", "code"),
    [("Roma (RM) ", "H501"), ("Roma(RM)", "H501"), ("Vo", "M103"), ("Vo'", "M103")],
)
def test_resolve_a_name_with_its_province_written_after_it(text: str, code: str) -> None:
    """resolve takes the province after the name, with or without a space, spaces after."""
    assert luoghi.resolve(text).belfiore == code


@pytest.mark.parametrize("text", ["(RM)", "Roma, Lazio", "Roma (R1)"])
def test_what_is_no_province_stays_in_the_name(text: str) -> None:
    """Brackets or a comma around what is no province: looked up as a name, not found."""
    with pytest.raises(ValidationError) as info:
        luoghi.lookup(text)
    assert info.value.codes == ("luoghi.not_found",)


def test_a_state_in_a_province_lists_ee() -> None:
    """Germania in MI: the violation lists EE, the foreign states' province."""
    with pytest.raises(ValidationError) as info:
        luoghi.lookup("Germania", "MI")
    assert [(v.code, dict(v.params)) for v in info.value.violations] == [
        ("luoghi.provincia_mismatch", {"province": ["EE"]})
    ]


def test_other_names_of_a_record() -> None:
    """A record's other names are split on |, none is an empty tuple."""
    russia = luoghi.get("Z154")
    assert russia is not None
    assert russia.altri_nomi == ("Russa, Federazione", "Russian Federation")
    assert luoghi.get("Z135").altri_nomi == ("Union of Soviet Socialist Republics",)  # type: ignore[union-attr]
    assert luoghi.get("H501").altri_nomi == ()  # type: ignore[union-attr]
    assert [p.belfiore for p in luoghi.history("A001")] == ["A001", "A001"]


def test_a_place_suppressed_twice_names_its_last_span() -> None:
    """Albaredo Arnaboldi after 2023: suppressed, its last span 20/01/1948-17/11/2023."""
    with pytest.raises(ValidationError) as info:
        luoghi.validate("A134", data=dt.date(2024, 1, 1))
    assert [(v.code, dict(v.params)) for v in info.value.violations] == [
        (
            "luoghi.suppressed",
            {
                "luogo": "Albaredo Arnaboldi (PV)",
                "dal": dt.date(1948, 1, 20),
                "al": dt.date(2023, 11, 17),
            },
        )
    ]


def test_a_place_not_yet_instituted_is_named_as_it_was_at_first() -> None:
    """Villaperuccio in 1978: not yet, named with its first province (CA), from 26/05/1979."""
    with pytest.raises(ValidationError) as info:
        luoghi.validate("M278", data=dt.date(1978, 1, 1))
    assert [(v.code, dict(v.params)) for v in info.value.violations] == [
        ("luoghi.not_yet", {"luogo": "Villaperuccio (CA)", "dal": dt.date(1979, 5, 26)})
    ]


def test_a_date_gives_each_place_in_its_period() -> None:
    """Nuxis in 2010 is in CI, Abano Terme in 1900 is Abano: by name or by code."""
    assert [str(p) for p in luoghi.lookup("Nuxis", data=dt.date(2010, 1, 1))] == ["Nuxis (CI)"]
    assert str(luoghi.resolve("F991", data=dt.date(2010, 1, 1))) == "Nuxis (CI)"
    assert str(luoghi.resolve("F991")) == "Nuxis (SU)"
    assert [p.nome for p in luoghi.lookup("Abano Terme", data=dt.date(1900, 1, 1))] == ["Abano"]
    assert luoghi.resolve("A001", data=dt.date(1900, 1, 1)).nome == "Abano"


def test_a_state_sorts_before_a_comune_of_its_name() -> None:
    """Palau is a state (no province) and a comune (SS): the state comes first."""
    assert [(p.belfiore, p.provincia) for p in luoghi.lookup("Palau")] == [
        ("Z734", None),
        ("G258", "SS"),
    ]


def test_a_last_span_of_one_day(monkeypatch: pytest.MonkeyPatch) -> None:
    """A made-up place that existed one day at the end: suppressed after it, dal == al."""
    rows = ["X001\t19000101\t19101231\tRM\tProva\t\t", "X001\t19200101\t19200101\tRM\tProva\t\t"]
    monkeypatch.setattr(ix, "codes", lambda: ix.Index({"X001": "\n".join(rows)}, ()))
    monkeypatch.setattr(ix, "_SPANS", {})
    with pytest.raises(ValidationError) as info:
        luoghi.validate("X001", data=dt.date(1930, 1, 1))
    assert [(v.code, dict(v.params)) for v in info.value.violations] == [
        (
            "luoghi.suppressed",
            {"luogo": "Prova (RM)", "dal": dt.date(1920, 1, 1), "al": dt.date(1920, 1, 1)},
        )
    ]

"""Places (Belfiore codes): history, lookups by name, homonyms, accents, foreign states."""

import datetime as dt
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sportello import ValidationError
from sportello.rules.identifiers import luoghi
from sportello.rules.identifiers._luoghi_index import codes, fold, names

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize(
    ("code", "nome", "provincia"),
    [
        ("H501", "Roma", "RM"),
        ("F205", "Milano", "MI"),
        ("G371", "Paternò", "CT"),  # the accented one
        ("M269", "Paterno", "PZ"),  # its homonym, instituted in 1973
        ("A952", "Bolzano", "BZ"),
        ("F991", "Nuxis", "SU"),  # CA, then CI (2006-2016), now Sud Sardegna
        ("Z112", "Germania", None),
        ("Z330", "Marocco", None),
    ],
)
def test_get_gives_the_current_period(code: str, nome: str, provincia: str | None) -> None:
    """get(code) is the latest period: its name and province (none abroad)."""
    place = luoghi.get(code)
    assert place is not None
    assert (place.belfiore, place.nome, place.provincia, place.al) == (code, nome, provincia, None)
    assert place.estero is (provincia is None)


def test_history_of_a_renamed_comune() -> None:
    """Abano (1866-1924) became Abano Terme, same code: get at a date picks the period."""
    assert [(p.nome, p.dal, p.al) for p in luoghi.history("A001")] == [
        ("Abano", dt.date(1866, 11, 19), dt.date(1924, 11, 13)),
        ("Abano Terme", dt.date(1924, 11, 14), None),
    ]
    assert luoghi.get("A001", data=dt.date(1924, 11, 13)).nome == "Abano"  # type: ignore[union-attr]
    assert luoghi.get("A001", data=dt.date(1924, 11, 14)).nome == "Abano Terme"  # type: ignore[union-attr]


def test_history_of_a_comune_suppressed_and_reinstituted() -> None:
    """Casagiove: CE, NA (1927-1928), merged into Caserta, re-instituted in 1946."""
    periods = luoghi.history("B860")
    assert [(p.provincia, p.dal.year, p.al and p.al.year) for p in periods] == [
        ("CE", 1872, 1927),
        ("NA", 1927, 1928),
        ("CE", 1946, None),
    ]
    in_the_gap = luoghi.get("B860", data=dt.date(1940, 1, 1))
    assert in_the_gap is not None
    assert in_the_gap.dal == dt.date(1946, 11, 12)  # the next period


def test_unknown_codes_and_wrong_types_have_no_place() -> None:
    """An unknown code or a non-str has no place and no history."""
    assert luoghi.get("X999") is None
    assert luoghi.get(None) is None
    assert luoghi.history("X999") == ()
    assert luoghi.history(12) == ()


@pytest.mark.parametrize(
    ("value", "codes"),
    [
        ("", ("identifiers.empty",)),
        ("H50", ("luoghi.invalid_format",)),
        ("1501", ("luoghi.invalid_format",)),
        ("X999", ("luoghi.unknown_code",)),
    ],
)
def test_validate_refuses_bad_codes(value: str, codes: tuple[str, ...]) -> None:
    """A Belfiore code must be a letter and three digits, and a known place."""
    with pytest.raises(ValidationError) as info:
        luoghi.validate(value)
    assert info.value.codes == codes
    assert not luoghi.is_valid(value)


def test_validate_at_a_date_names_the_place_and_its_dates() -> None:
    """A code checked at a date it did not exist: the violation names the place and dates."""
    with pytest.raises(ValidationError) as info:
        luoghi.validate("M403", data=dt.date(2018, 3, 30))  # Corigliano-Rossano, 31/03/2018
    (found,) = info.value.violations
    assert (found.code, dict(found.params)) == (
        "luoghi.not_yet",
        {"luogo": "Corigliano-Rossano (CS)", "dal": dt.date(2018, 3, 31)},
    )
    assert luoghi.validate("M403", data=dt.date(2018, 3, 31)) == "M403"
    with pytest.raises(ValidationError) as info:
        luoghi.validate("H579", data=dt.date(2018, 3, 31))  # Rossano, merged the day before
    (found,) = info.value.violations
    assert (found.code, dict(found.params)) == (
        "luoghi.suppressed",
        {"luogo": "Rossano (CS)", "dal": dt.date(1861, 3, 17), "al": dt.date(2018, 3, 30)},
    )
    assert "Rossano (CS) a quella data era già stato soppresso" in found.message()


def test_before_1977_a_later_place_is_tolerated() -> None:
    """Born before 1977, a code could get a comune instituted later: tolerated, not after."""
    assert luoghi.is_valid("F059", data=dt.date(1953, 10, 26))  # Mattinata, 1955
    assert luoghi.is_valid("F059", data=dt.date(1976, 12, 31))  # rule: retroactive codes
    assert not luoghi.is_valid("M403", data=dt.date(2018, 3, 30))
    assert dt.date(1977, 1, 1) == luoghi.RETROACTIVE_BEFORE
    assert luoghi.is_valid("M309", data=dt.date(1976, 12, 31))  # Fonte Nuova, 2001
    assert not luoghi.is_valid("M309", data=dt.date(1977, 1, 1))
    assert not luoghi.is_valid("D877", data=dt.date(1950, 1, 1))  # Gallico, suppressed 1927


def test_lookup_folds_accents_case_and_apostrophes() -> None:
    """Names are compared folded: case, accents, apostrophes and spaces do not count."""
    for text in ("Reggio nell'Emilia", "REGGIO NELL EMILIA", "reggio nell’emilia"):
        assert [p.belfiore for p in luoghi.lookup(text)] == ["H223"]
    assert [p.belfiore for p in luoghi.lookup("sant'angelo a fasanella")] == ["I278"]
    assert [str(p) for p in luoghi.lookup("Cantu")] == ["Cantù (CO)"]


def test_homonyms_are_explicit() -> None:
    """Paternò (CT) and Paterno (PZ): a plain name finds both; resolve asks for the province."""
    assert [(p.belfiore, p.provincia) for p in luoghi.lookup("Paterno")] == [
        ("M269", "PZ"),
        ("G371", "CT"),
    ]
    with pytest.raises(ValidationError) as info:
        luoghi.resolve("Paterno")
    (found,) = info.value.violations
    assert found.code == "luoghi.ambiguous"
    assert found.params["candidati"] == ["Paterno (PZ)", "Paternò (CT)"]
    assert "indicare la provincia" in found.message()
    assert luoghi.resolve("Paterno", "PZ").belfiore == "M269"
    assert luoghi.resolve("Paterno (CT)").belfiore == "G371"
    assert luoghi.resolve("paterno, ct").belfiore == "G371"


def test_an_accent_or_anpr_apostrophe_chooses_among_homonyms() -> None:
    """Paternò and ANPR's PATERNO' mean the Catania one; an unaccented name stays ambiguous."""
    assert luoghi.resolve("Paternò").belfiore == "G371"
    assert luoghi.resolve("PATERNO'").belfiore == "G371"
    assert luoghi.resolve("Paternó").belfiore == "G371"  # the wrong accent is still an accent


def test_a_date_chooses_among_homonyms() -> None:
    """Before 1973 only Paternò (CT) existed: resolve at that date needs no province."""
    assert luoghi.resolve("Paterno", data=dt.date(1960, 1, 1)).belfiore == "G371"
    assert len(luoghi.lookup("Paterno", data=dt.date(1990, 1, 1))) == 2


def test_every_current_homonym_pair_is_ambiguous() -> None:
    """The names two comuni in force bear today (Castro, Livo, ...) all need a province."""
    today = dt.date(2026, 1, 1)
    shared = []
    for key in sorted(k for k, found in names().items() if isinstance(found, tuple)):
        try:
            found = luoghi.lookup(key, data=today)
        except ValidationError:
            continue
        if len([p for p in found if not p.estero and fold(p.nome) == key]) > 1:
            shared.append(key)
    assert shared == [
        "CASTRO",
        "LIVO",
        "PATERNO",
        "PEGLIO",
        "SAMONE",
        "SANTEODORO",
        "TREVILLE",  # Treville (AL) and Tre Ville (TN): spaces do not count
    ]
    for key in shared:
        with pytest.raises(ValidationError) as info:
            luoghi.resolve(key, data=today)
        assert info.value.codes == ("luoghi.ambiguous",)


def test_an_old_name_gives_way_to_a_current_one() -> None:
    """Ampezzo (UD) today, Cortina d'Ampezzo's old name: the current bearer comes first."""
    assert [p.belfiore for p in luoghi.lookup("Ampezzo")] == ["A267"]
    assert [str(p) for p in luoghi.lookup("Ampezzo", "BL")] == ["Ampezzo (BL)"]  # its old name
    assert luoghi.get("A266").nome == "Cortina d'Ampezzo"  # type: ignore[union-attr]
    assert sorted(luoghi.candidates("Ampezzo")) == ["A266", "A267"]
    abano = luoghi.lookup("Abano")  # nobody bears it today: the place that bore it
    assert [(p.belfiore, p.nome) for p in abano] == [("A001", "Abano")]
    assert luoghi.resolve("Abano", data=dt.date(1990, 1, 1)).nome == "Abano Terme"


def test_a_wrong_province_lists_the_right_ones() -> None:
    """A name that exists, in another province: the violation lists where it is."""
    with pytest.raises(ValidationError) as info:
        luoghi.lookup("Paterno", "MI")
    (found,) = info.value.violations
    assert (found.code, dict(found.params)) == (
        "luoghi.provincia_mismatch",
        {"province": ["CT", "PZ"]},
    )
    assert "(si trova in: CT, PZ)" in found.message()


def test_provinces_of_any_period_match() -> None:
    """Nuxis was in CA, CI, now SU: each finds it; a state answers to EE."""
    for provincia in ("CA", "CI", "SU", "su"):
        assert luoghi.resolve("Nuxis", provincia).belfiore == "F991"
    assert luoghi.resolve("Germania", "EE").belfiore == "Z112"


def test_bilingual_and_foreign_names() -> None:
    """Bozen and Bolzano/Bozen find Bolzano; states by Italian, English and old names."""
    for text in ("Bozen", "Bolzano/Bozen", "Bolzano - Bozen"):
        assert luoghi.resolve(text).belfiore == "A952"
    assert luoghi.resolve("Germany").belfiore == "Z112"
    assert luoghi.resolve("URSS").belfiore == "Z135"
    assert luoghi.resolve("Stati Uniti d'America").belfiore == "Z404"
    assert luoghi.resolve("United States").belfiore == "Z404"


def test_dissolved_states_have_their_dates() -> None:
    """The USSR ended on 31/03/1992 (ANPR): a birth there later is refused."""
    ussr = luoghi.get("Z135")
    assert ussr is not None
    assert (ussr.nome, ussr.al) == (
        "Unione Repubbliche Socialiste Sovietiche",
        dt.date(1992, 3, 31),
    )
    assert luoghi.is_valid("Z135", data=dt.date(1980, 6, 1))
    with pytest.raises(ValidationError) as info:
        luoghi.resolve("URSS", data=dt.date(1995, 1, 1))
    assert info.value.codes == ("luoghi.suppressed",)
    assert luoghi.resolve("Jugoslavia", data=dt.date(1990, 1, 1)).belfiore == "Z118"


def test_merged_comuni_are_distinct_places() -> None:
    """Rio (2018) is not Rio Marina: each exists in its own time (a real 2018 merger)."""
    assert luoghi.resolve("Rio Marina", data=dt.date(1990, 5, 1)).belfiore == "H305"
    assert luoghi.resolve("Rio", data=dt.date(2019, 5, 1)).belfiore == "M391"
    with pytest.raises(ValidationError) as info:
        luoghi.resolve("Rio", data=dt.date(2010, 5, 1))
    assert info.value.codes == ("luoghi.not_yet",)
    with pytest.raises(ValidationError) as info:
        luoghi.resolve("Rio Marina", data=dt.date(2019, 5, 1))
    assert info.value.codes == ("luoghi.suppressed",)


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("", ("identifiers.empty",)),
        ("  ' - ", ("identifiers.empty",)),
        ("Atlantide", ("luoghi.not_found",)),
        ("Roma (XX)", ("luoghi.provincia_mismatch",)),
    ],
)
def test_lookup_failures_are_violations(text: str, codes: tuple[str, ...]) -> None:
    """A name that finds nothing raises a violation, never returns an empty tuple."""
    with pytest.raises(ValidationError) as info:
        luoghi.lookup(text)
    assert info.value.codes == codes


def test_resolve_takes_a_code_or_a_place() -> None:
    """resolve takes a Belfiore code, a Luogo, or a name; a code is checked at the date too."""
    rome = luoghi.resolve("h 501")
    assert luoghi.resolve(rome) == rome
    assert str(rome) == "Roma (RM)"
    with pytest.raises(ValidationError) as info:
        luoghi.resolve("M391", data=dt.date(2000, 1, 1))
    assert info.value.codes == ("luoghi.not_yet",)


def test_names_are_tidied_for_display() -> None:
    """Title case from ANPR keeps particles in lower case inside a name (ISTAT's spelling)."""
    assert luoghi.get("H223").nome == "Reggio nell'Emilia"  # type: ignore[union-attr]
    assert luoghi.get("Z404").nome == "Stati Uniti d'America"  # type: ignore[union-attr]


def test_the_registry_is_complete_enough() -> None:
    """About 10,000 codes, 7,800+ comuni in force, every in-force name found by lookup."""
    index = codes()
    today = dt.date(2026, 1, 1)
    assert 10_000 <= len(index.lines) <= 10_200
    current = [c for c in index.lines if luoghi.is_valid(c, data=today) and c[0] != "Z"]
    assert 7_850 <= len(current) <= 7_950
    for code in current[::97]:
        place = luoghi.get(code)
        assert place is not None
        assert code in {p.belfiore for p in luoghi.lookup(place.nome, place.provincia)}


def test_snapshot_header_names_source_version_and_licence() -> None:
    """The snapshot names ANPR, the package and version it came through, and the licences."""
    header = "\n".join(luoghi.snapshot_header())
    assert "ANPR" in header
    assert "python-codicefiscale 0.12.1" in header
    assert "MIT" in header
    assert "CC BY 4.0" in header
    assert "newest date in the data: 2026-02-21" in header


@pytest.mark.skipif(
    importlib.util.find_spec("codicefiscale") is None or not (ROOT / "tools").is_dir(),
    reason="needs python-codicefiscale (dev) and the source tree",
)
def test_snapshot_is_what_the_tool_writes(tmp_path: Path) -> None:
    """tools/luoghi_snapshot.py, run on the installed package, writes the shipped bytes."""
    from importlib import metadata

    shipped = (ROOT / "src/sportello/rules/identifiers/_luoghi.tsv").read_text(encoding="utf-8")
    if f"python-codicefiscale {metadata.version('python-codicefiscale')} " not in shipped:
        pytest.skip("another python-codicefiscale version is installed: run make luoghi")
    out = tmp_path / "luoghi.tsv"
    tool = ROOT / "tools" / "luoghi_snapshot.py"
    subprocess.run([sys.executable, str(tool), str(out)], check=True)
    assert out.read_text(encoding="utf-8") == shipped


def test_folded_index_agrees_with_fold() -> None:
    """Every period's name is found under fold(name): the index and the query fold alike."""
    found = names()
    for code, block in list(codes().lines.items())[::23]:
        for line in block.split("\n"):
            nome = line.split("\t")[4]
            keys = found[fold(nome)]
            assert code == keys or code in keys


@given(st.text(max_size=30), st.one_of(st.none(), st.text(max_size=3)), st.dates())
def test_lookup_gives_places_or_a_violation(text: str, provincia: str | None, day: dt.date) -> None:
    """Any text, province and date: a non-empty tuple of places, or ValidationError."""
    found: tuple[luoghi.Luogo, ...] = ()
    refused: tuple[object, ...] = ()
    try:
        found = luoghi.lookup(text, provincia, data=day)
    except ValidationError as err:
        refused = err.violations
    assert bool(found) != bool(refused)
    assert all(isinstance(p, luoghi.Luogo) for p in found)


def test_the_index_is_not_loaded_at_import() -> None:
    """Importing the identifiers reads no snapshot: the index loads on first use."""
    code = (
        "import sportello.rules.identifiers as m\n"
        "from sportello.rules.identifiers import _luoghi_index as ix\n"
        "print(ix.codes.cache_info().currsize, ix.names.cache_info().currsize)\n"
        "m.codice_fiscale.is_valid('RSSMRA85T10A562S')\n"
        "print(ix.codes.cache_info().currsize)\n"
        "m.codice_fiscale.is_valid('RSSMRA85T10A562S', luoghi=True)\n"
        "print(ix.codes.cache_info().currsize, ix.names.cache_info().currsize)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0", "0", "0", "1", "0"]

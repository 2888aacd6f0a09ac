"""Supply points and the current choice among them (UP-4)."""

import pytest

from sportello import ValidationError
from sportello.rules.supply import (
    Fornitura,
    PuntoFornitura,
    SceltaPunto,
    check_punto,
    label,
    normalize_punto,
    select,
)

# The seed's gas point and an electricity point with a well-formed POD.
GAS = PuntoFornitura(
    "PR002874", Fornitura.GAS, "03340009749021", "VIA DEI POGGI 5 - 57014 COLLESALVETTI (LI)"
)
LUCE = PuntoFornitura(
    "PR002875", Fornitura.ELETTRICITA, "IT001E12345678", "VIA PROVA 5 - 48124 RAVENNA (RA)"
)


def test_label_is_the_seed_drop_down_line() -> None:
    """The drop-down shows code, PDR or POD, and address as the seed prints them (rule: UP-4)."""
    assert label(GAS) == (
        "PR002874 (Pdr: 03340009749021); VIA DEI POGGI 5 - 57014 COLLESALVETTI (LI)"
    )
    assert label(LUCE) == "PR002875 (Pod: IT001E12345678); VIA PROVA 5 - 48124 RAVENNA (RA)"


def test_pod_and_pdr_follow_the_commodity() -> None:
    """A gas point has a PDR and no POD, an electricity point the reverse (rule: UP-4)."""
    assert (GAS.pdr, GAS.pod) == ("03340009749021", None)
    assert (LUCE.pod, LUCE.pdr) == ("IT001E12345678", None)


def test_valid_points_have_no_violations() -> None:
    """The seed's PDR and a real-shaped POD pass the identifier checks (rule: UP-4)."""
    assert check_punto(GAS) == []
    assert check_punto(LUCE) == []


def test_identifier_is_checked_with_the_commodity_module() -> None:
    """A POD given for a gas point is refused by the PDR check, at identificativo (rule: UP-4)."""
    wrong = PuntoFornitura("PR1", Fornitura.GAS, "IT001E12345678", "VIA X")
    found = check_punto(wrong)
    assert found
    assert {v.path for v in found} == {"identificativo"}
    assert all(v.code.startswith("pdr.") for v in found)
    swapped = PuntoFornitura("PR1", Fornitura.ELETTRICITA, "03340009749021", "VIA X")
    assert all(v.code.startswith("pod.") for v in check_punto(swapped))


def test_empty_code_and_address_are_refused() -> None:
    """Blank code and blank address are each reported with their path (rule: UP-4)."""
    found = check_punto(PuntoFornitura(" ", Fornitura.GAS, "03340009749021", ""))
    assert [(v.code, v.path) for v in found] == [
        ("profile.supply_point_code_empty", "codice"),
        ("profile.supply_point_address_empty", "indirizzo"),
    ]


def test_normalize_compacts_the_identifier() -> None:
    """normalize_punto strips blanks and compacts the PDR (rule: UP-4)."""
    raw = PuntoFornitura(" PR002874 ", Fornitura.GAS, "0334 0009 7490 21", " VIA DEI POGGI 5 ")
    assert normalize_punto(raw) == PuntoFornitura(
        "PR002874", Fornitura.GAS, "03340009749021", "VIA DEI POGGI 5"
    )
    with pytest.raises(ValidationError):
        normalize_punto(PuntoFornitura("PR1", Fornitura.GAS, "123", "VIA X"))


def test_first_point_is_selected_by_default_and_select_changes_it() -> None:
    """With several points the customer picks one; the first is the default (rule: UP-4)."""
    scelta = SceltaPunto((GAS, LUCE))
    assert scelta.corrente is GAS
    changed = select(scelta, "PR002875")
    assert changed.corrente is LUCE
    assert scelta.corrente is GAS  # the old choice is untouched: pure function
    assert changed.labels == [label(GAS), label(LUCE)]


def test_selecting_an_unknown_point_is_refused() -> None:
    """Only the customer's own points can be chosen (rule: UP-4)."""
    with pytest.raises(ValidationError) as err:
        select(SceltaPunto([GAS]), "PR999999")
    assert err.value.codes == ("profile.supply_point_unknown",)
    assert err.value.violations[0].rule == "UP-4"


def test_empty_or_duplicate_points_are_refused() -> None:
    """A choice needs at least one point and unique codes (rule: UP-4)."""
    with pytest.raises(ValidationError) as empty:
        SceltaPunto(())
    assert empty.value.codes == ("profile.no_supply_points",)
    with pytest.raises(ValidationError) as dup:
        SceltaPunto((GAS, GAS))
    assert [(v.code, v.path) for v in dup.value.violations] == [
        ("profile.supply_point_duplicate", "punti[1]")
    ]


def _isort_key(name: str) -> tuple[int, str]:
    """Ruff's RUF022 order: CONSTANTS, then Classes, then the rest."""
    if name.upper() == name:
        return (0, name)
    return (1 if name[:1].isupper() else 2, name)


@pytest.mark.parametrize(
    "name",
    [
        "sportello.rules.readings",
        "sportello.rules.supply",
        "sportello.rules.profile",
        "sportello.rules.area_clienti",
        "sportello.rules.billing",
    ],
)
def test_all_names_exactly_the_public_api(name: str) -> None:
    """Each customer-area module's __all__ is sorted and lists every name it defines (UP-4)."""
    import importlib

    module = importlib.import_module(name)
    exported = set(module.__all__)
    assert len(exported) == len(module.__all__)
    assert list(module.__all__) == sorted(module.__all__, key=_isort_key)
    assert all(hasattr(module, attr) for attr in exported)
    public = {
        a
        for a, v in vars(module).items()
        if not a.startswith("_")
        and (
            getattr(v, "__module__", "") == name
            or str(getattr(v, "__module__", "")).startswith("sportello.rules._")
        )
    }
    assert public <= exported, public - exported


# --- UP-4: every violation in full --------------------------------------------------------------


def _full(found: list[object]) -> list[tuple[str, str, dict[str, object]]]:
    return [(v.code, v.path, v.params) for v in found]  # type: ignore[attr-defined]


def test_up4_a_choice_without_points_is_refused_at_punti() -> None:
    """UP-4: no supply point at all: ``profile.no_supply_points`` at ``punti``, nothing else."""
    with pytest.raises(ValidationError) as caught:
        SceltaPunto(())
    assert _full(list(caught.value.violations)) == [("profile.no_supply_points", "punti", {})]


def test_up4_duplicate_and_unknown_codes_are_named() -> None:
    """UP-4: a repeated code at ``punti[i]`` and an unknown choice at ``selezionato``."""
    with pytest.raises(ValidationError) as caught:
        SceltaPunto((GAS, LUCE, GAS), selezionato="PR999999")
    assert _full(list(caught.value.violations)) == [
        ("profile.supply_point_duplicate", "punti[2]", {"codice": "PR002874"}),
        ("profile.supply_point_unknown", "selezionato", {"codice": "PR999999"}),
    ]


def test_up4_check_punto_keeps_every_problem() -> None:
    """UP-4: an empty code, a broken identifier and an empty address are all reported."""
    broken = PuntoFornitura(" ", Fornitura.ELETTRICITA, "IT001X12345678", " ")
    assert [(v.code, v.path) for v in check_punto(broken)] == [
        ("profile.supply_point_code_empty", "codice"),
        ("pod.invalid_format", "identificativo"),
        ("profile.supply_point_address_empty", "indirizzo"),
    ]


def test_up4_normalize_punto_refuses_an_empty_address_with_a_valid_identifier() -> None:
    """UP-4: a valid POD does not excuse an empty address: normalize_punto raises."""
    with pytest.raises(ValidationError) as caught:
        normalize_punto(PuntoFornitura("PR1", Fornitura.ELETTRICITA, "IT001E12345678", " "))
    assert caught.value.codes == ("profile.supply_point_address_empty",)


def test_up4_normalize_punto_compacts_a_pod_for_electricity() -> None:
    """UP-4: an electricity point's identifier is compacted as a POD (not read as a PDR)."""
    punto = PuntoFornitura(" PR1 ", Fornitura.ELETTRICITA, "it 001 e 1234 5678", " VIA X 1 ")
    assert normalize_punto(punto) == PuntoFornitura(
        "PR1", Fornitura.ELETTRICITA, "IT001E12345678", "VIA X 1"
    )

"""The public API of sportello.forms: a sorted, complete __all__; no I/O at import."""

import sportello.forms


def isort_key(name: str) -> tuple[int, str]:
    """Ruff's RUF022 order: CONSTANTS, then Classes, then the rest, each alphabetical."""
    if name.isupper() or (name.upper() == name and "_" in name):
        return (0, name)
    if name[:1].isupper():
        return (1, name)
    return (2, name)


def test_all_is_sorted_and_complete() -> None:
    """__all__ is sorted as ruff's RUF022 sorts it and names every public attribute defined."""
    exported = list(sportello.forms.__all__)
    assert exported == sorted(exported, key=isort_key)
    for name in exported:
        assert hasattr(sportello.forms, name), name
    public = {
        a
        for a, v in vars(sportello.forms).items()
        if not a.startswith("_") and str(getattr(v, "__module__", "")).startswith("sportello.forms")
    }
    assert public <= set(exported), public - set(exported)


def test_names_of_the_issue_are_importable() -> None:
    """The names the client and the sandbox import exist."""
    from sportello.forms import (  # noqa: F401
        FORMS,
        AggiornamentoAnagrafica,
        Autolettura,
        CambioPassword,
        DomandaConciliazione,
        Login,
        ModalitaInvioBolletta,
        RecuperoPassword,
        RegistrazioneAreaClienti,
        RegistrazioneSportello,
        RichiestaInformazioni,
        RichiestaSmartHelp,
        Segnalazione,
        SegnalazioneAnomalia,
        dump,
        json_schema,
        load,
    )

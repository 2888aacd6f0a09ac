"""Attachment policies and the checks of one send (AT-1..AT-4, AT-7)."""

import io
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sportello import ValidationError, Violation
from sportello._messages import LANGS
from sportello.rules import attachments as mod
from sportello.rules.attachments import (
    HEAD_SIZE,
    MAX_NAME_BYTES,
    MB,
    Attachment,
    AttachmentPolicy,
    Service,
    check,
    check_file,
    check_name,
    human_size,
    policy_for,
)

SMART_SERVICES = [Service.SMART_HELP, Service.SMART_INFO, Service.INFORMAZIONI_SEGNALAZIONI]

AT2 = [
    ".doc",
    ".docx",
    ".xls",
    ".xlsx",
    ".odt",
    ".ods",
    ".pdf",
    ".jpg",
    ".png",
    ".bmp",
    ".mp3",
    ".wav",
    ".mwa",
]
AT4 = [
    ".docx",
    ".xlsx",
    ".odt",
    ".ods",
    ".pdf",
    ".jpg",
    ".jpeg",
    ".png",
    ".bmp",
    ".mp3",
    ".tiff",
    ".txt",
    ".eml",
    ".fods",
    ".odp",
    ".fodp",
    ".pptx",
    ".odg",
    ".fodg",
    ".p7m",
    ".html",
    ".xml",
]


def pdf(nome: str = "bolletta.pdf", size: int = 100) -> Attachment:
    """A PDF-looking attachment of ``size`` bytes."""
    return Attachment(nome=nome, dimensione=size, head=b"%PDF-1.7\n")


def codes(violations: list[Violation]) -> list[str]:
    """The codes of the violations, in order."""
    return [v.code for v in violations]


def test_public_names_match_all() -> None:
    """The module's ``__all__`` names exist, without repeats, and cover its public names."""
    assert len(set(mod.__all__)) == len(mod.__all__)
    for name in mod.__all__:
        assert hasattr(mod, name), name
    public = {
        a
        for a, v in vars(mod).items()
        if not a.startswith("_") and str(getattr(v, "__module__", "")).startswith("sportello.rules")
    }
    assert public <= set(mod.__all__), public - set(mod.__all__)


@pytest.mark.parametrize("service", SMART_SERVICES)
def test_at1_at2_smart_policy_is_the_seeds(service: Service) -> None:
    """AT-1/AT-2: SMART Help, SMART Info and information requests share the seed's policy."""
    policy = service.policy
    assert policy == policy_for(service)
    assert (policy.max_count, policy.max_total_bytes, policy.max_file_bytes) == (5, 15 * MB, None)
    assert list(policy.extensions) == AT2
    assert (policy.limit_rule, policy.extension_rule) == ("AT-1", "AT-2")


def test_at3_at4_conciliation_policy_is_the_seeds() -> None:
    """AT-3/AT-4/AT-7: a per-document limit only, the seed's list and .fodt at its end."""
    policy = Service.CONCILIAZIONE.policy
    assert (policy.max_count, policy.max_total_bytes, policy.max_file_bytes) == (
        None,
        None,
        15_000_000,
    )
    assert list(policy.extensions) == [*AT4, ".fodt"]
    assert (policy.limit_rule, policy.extension_rule) == ("AT-3", "AT-4")


def test_at7_fodt_accepted_for_conciliation_only() -> None:
    """AT-7: a flat ODF text (.fodt, XML) passes for conciliation; SMART Help refuses it (AT-2)."""
    fodt = Attachment.from_bytes("memoria.FODT", b"<?xml version='1.0'?><office:document/>")
    assert check(Service.CONCILIAZIONE, [fodt]) == []
    (v,) = check(Service.SMART_HELP, [fodt])
    assert (v.code, v.rule, v.path) == (
        "attachments.extension_not_allowed",
        "AT-2",
        "allegati[0].nome",
    )
    fake = Attachment.from_bytes("memoria.fodt", b"%PDF-1.7" + bytes(10))
    assert [x.code for x in check(Service.CONCILIAZIONE, [fake])] == [
        "attachments.content_mismatch"
    ]


def test_policy_is_frozen() -> None:
    """A policy cannot be changed after creation."""
    with pytest.raises(AttributeError):
        Service.SMART_HELP.policy.max_count = 10  # type: ignore[misc]


@pytest.mark.parametrize(
    ("service", "allowed"),
    [(s, AT2) for s in SMART_SERVICES] + [(Service.CONCILIAZIONE, AT4)],
)
def test_at2_at4_every_listed_extension_accepted_any_case(
    service: Service, allowed: list[str]
) -> None:
    """AT-2/AT-4: each listed extension passes, in lower, upper and mixed case."""
    for ext in allowed:
        for spelled in (ext, ext.upper(), ext[:2].upper() + ext[2:]):
            a = Attachment(nome="documento" + spelled, dimensione=10)
            found = [v for v in check(service, [a]) if v.path.endswith(".nome")]
            assert found == [], (service, spelled)


@pytest.mark.parametrize(
    ("service", "ext", "rule"),
    [
        (Service.SMART_HELP, ".jpeg", "AT-2"),
        (Service.SMART_INFO, ".txt", "AT-2"),
        (Service.INFORMAZIONI_SEGNALAZIONI, ".tiff", "AT-2"),
        (Service.SMART_HELP, ".exe", "AT-2"),
        (Service.CONCILIAZIONE, ".doc", "AT-4"),
        (Service.CONCILIAZIONE, ".xls", "AT-4"),
        (Service.CONCILIAZIONE, ".wav", "AT-4"),
        (Service.CONCILIAZIONE, ".mwa", "AT-4"),
        (Service.CONCILIAZIONE, ".ZIP", "AT-4"),
    ],
)
def test_at2_at4_unlisted_extension_refused(service: Service, ext: str, rule: str) -> None:
    """AT-2/AT-4: an extension the service does not list is refused, with the list."""
    found = check(service, [Attachment(nome="x" + ext, dimensione=10)])
    assert codes(found) == ["attachments.extension_not_allowed"]
    v = found[0]
    assert (v.rule, v.path, v.params["estensione"]) == (rule, "allegati[0].nome", ext.lower())
    assert list(v.params["consentite"]) == list(service.policy.extensions)


def test_at2_missing_extension_refused() -> None:
    """AT-2: a name without extension is refused."""
    found = check(Service.SMART_HELP, [Attachment(nome="LEGGIMI", dimensione=3)])
    assert [(v.code, v.rule) for v in found] == [("attachments.missing_extension", "AT-2")]


@pytest.mark.parametrize("service", SMART_SERVICES)
def test_at1_count_boundary(service: Service) -> None:
    """AT-1: 5 documents pass, 6 are refused at ``allegati``."""
    assert check(service, [pdf(f"f{i}.pdf") for i in range(5)]) == []
    found = check(service, [pdf(f"f{i}.pdf") for i in range(6)])
    assert [(v.code, v.rule, v.path) for v in found] == [
        ("attachments.too_many", "AT-1", "allegati")
    ]
    assert (found[0].params["max_count"], found[0].params["count"]) == (5, 6)


@pytest.mark.parametrize("service", SMART_SERVICES)
def test_at1_total_boundary(service: Service) -> None:
    """AT-1: exactly 15,000,000 bytes together pass, one byte more is refused."""
    at_limit = [pdf("a.pdf", 10 * MB), pdf("b.pdf", 5 * MB)]
    assert check(service, at_limit) == []
    over = [pdf("a.pdf", 10 * MB), pdf("b.pdf", 5 * MB + 1)]
    found = check(service, over)
    assert codes(found) == ["attachments.total_too_large"]
    assert found[0].params["max_total_bytes"] == 15_000_000
    assert found[0].params["total_bytes"] == 15_000_001
    assert (found[0].params["max_total"], found[0].params["total"]) == ("15 MB", "15.01 MB")


@pytest.mark.parametrize("service", SMART_SERVICES)
def test_at1_single_file_over_total_is_also_a_file_violation(service: Service) -> None:
    """AT-1: one file over 15 MB is a total violation and points at the file too."""
    assert check(service, [pdf(size=15 * MB)]) == []
    found = check(service, [pdf(size=15 * MB + 1)])
    assert [(v.code, v.rule, v.path) for v in found] == [
        ("attachments.file_too_large", "AT-1", "allegati[0]"),
        ("attachments.total_too_large", "AT-1", "allegati"),
    ]


def test_at3_conciliation_per_file_boundary_and_no_count_limit() -> None:
    """AT-3: 15,000,000 bytes per document pass, one more is refused; 40 documents pass."""
    service = Service.CONCILIAZIONE
    assert check(service, [pdf(f"f{i}.pdf", 15 * MB) for i in range(40)]) == []
    found = check(service, [pdf("ok.pdf", 15 * MB), pdf("big.pdf", 15 * MB + 1)])
    assert [(v.code, v.rule, v.path) for v in found] == [
        ("attachments.file_too_large", "AT-3", "allegati[1]")
    ]
    assert found[0].params["max_file_bytes"] == 15_000_000
    assert found[0].params["max_file"] == "15 MB"


def test_at1_at2_every_violation_at_once() -> None:
    """AT-1/AT-2: one check reports per-file and per-send problems together, in order."""
    files = [
        Attachment(nome="virus.exe", dimensione=10, head=b"MZ\x90\x00"),
        Attachment(nome="vuoto.pdf", dimensione=0),
        Attachment(nome="../../etc/passwd.pdf", dimensione=10, head=b"%PDF-"),
        Attachment(nome="finto.pdf", dimensione=15 * MB, head=b"\x7fELF\x02\x01"),
        pdf("a.pdf"),
        pdf("b.pdf"),
    ]
    found = check(Service.SMART_HELP, files)
    assert [(v.code, v.path) for v in found] == [
        ("attachments.extension_not_allowed", "allegati[0].nome"),
        ("attachments.executable", "allegati[0]"),
        ("attachments.empty", "allegati[1]"),
        ("attachments.name_separator", "allegati[2].nome"),
        ("attachments.executable", "allegati[3]"),
        ("attachments.too_many", "allegati"),
        ("attachments.total_too_large", "allegati"),
    ]


def test_custom_policy_limits_apply() -> None:
    """A policy built with other limits is honoured wherever a service is taken."""
    policy = AttachmentPolicy(max_count=1, max_total_bytes=MB, extensions=["pdf"])
    assert check(policy, [pdf(size=MB)]) == []
    assert codes(check(policy, [pdf(size=MB), pdf(size=1)])) == [
        "attachments.too_many",
        "attachments.total_too_large",
    ]


@pytest.mark.parametrize(
    ("nome", "code"),
    [
        ("", "attachments.name_empty"),
        ("   ", "attachments.name_empty"),
        ("cartella/file.pdf", "attachments.name_separator"),
        ("..\\file.pdf", "attachments.name_separator"),
        ("..", "attachments.name_traversal"),
        ("a\x00.pdf", "attachments.name_control"),
        ("a\nb.pdf", "attachments.name_control"),
        ("a\x7f.pdf", "attachments.name_control"),
        ("a\ud800.pdf", "attachments.name_not_utf8"),
        ("a" * (MAX_NAME_BYTES - 3) + ".pdf", "attachments.name_too_long"),
        ("à" * 126 + ".pdf", "attachments.name_too_long"),
    ],
)
def test_bad_names_refused(nome: str, code: str) -> None:
    """Names with separators, traversal, control characters or over 255 bytes are refused."""
    assert codes(check_name(nome, path="allegati[0].nome")) == [code]


@pytest.mark.parametrize(
    "nome",
    [
        "a" * (MAX_NAME_BYTES - 4) + ".pdf",
        "Bolletta n. 12 (marzo).pdf",
        "Façade été.pdf",
        "a..b.pdf",
    ],
)
def test_good_names_accepted(nome: str) -> None:
    """Ordinary names, accents and exactly 255 bytes pass."""
    assert check_name(nome) == []


def test_name_control_reports_the_character() -> None:
    """The control character is named in the params as U+XXXX."""
    assert check_name("a\x00b.pdf")[0].params["carattere"] == "U+0000"


def test_messages_render_in_both_languages() -> None:
    """Every attachment violation renders without leftover placeholders in it and en."""
    found = check(
        Service.SMART_HELP,
        [pdf(f"f{i}.pdf", 4 * MB) for i in range(6)] + [Attachment(nome="x.exe", dimensione=1)],
    )
    for v in found:
        for lang in LANGS:
            text = v.message(lang)
            assert "{" not in text, text
            assert text != v.code


def test_human_size_rounds_up() -> None:
    """Sizes just over a limit never print as the limit."""
    assert human_size(15 * MB) == "15 MB"
    assert human_size(15 * MB + 1) == "15.01 MB"
    assert human_size(999) == "999 byte"
    assert human_size(1000) == "1 kB"


def test_from_bytes_keeps_only_the_head() -> None:
    """An attachment keeps its size and at most HEAD_SIZE leading bytes."""
    a = Attachment.from_bytes("a.pdf", b"%PDF-" + bytes(3 * HEAD_SIZE))
    assert a.dimensione == 5 + 3 * HEAD_SIZE
    assert len(a.head) == HEAD_SIZE
    assert "head" not in repr(a)


def test_from_path_and_from_file(tmp_path: Path) -> None:
    """A file on disk gives its name, size and head; an open file keeps its position."""
    p = tmp_path / "Scansione.PDF"
    p.write_bytes(b"%PDF-1.4\n" + bytes(20_000))
    a = Attachment.from_path(p)
    assert (a.nome, a.dimensione, len(a.head)) == ("Scansione.PDF", 20_009, HEAD_SIZE)
    assert Attachment.from_path(p, nome="altro.pdf").nome == "altro.pdf"
    with p.open("rb") as f:
        f.seek(123)
        b = Attachment.from_file(f, nome="x.pdf")
        assert f.tell() == 123
    assert (b.dimensione, b.head) == (a.dimensione, a.head)


class _Pipe(io.RawIOBase):
    """A readable stream that cannot seek, like a socket."""

    def readable(self) -> bool:
        """It can be read."""
        return True


def test_from_file_refuses_unseekable() -> None:
    """A stream that cannot seek raises a ValidationError, not a bare error."""
    with pytest.raises(ValidationError) as info:
        Attachment.from_file(_Pipe(), nome="x.pdf")  # type: ignore[arg-type]
    assert info.value.codes == ("attachments.not_seekable",)


def test_15_mb_check_uses_little_memory(tmp_path: Path) -> None:
    """AT-1/AT-3: checking a real 15 MB file raises peak memory by well under 1 MB."""
    p = tmp_path / "grande.pdf"
    chunk = b"%PDF-1.7\n" + b"x" * (MB - 9)
    with p.open("wb") as f:
        for _ in range(15):
            f.write(chunk)
    tracemalloc.start()
    try:
        a = Attachment.from_path(p)
        with p.open("rb") as f:
            b = Attachment.from_file(f, nome="grande.pdf")
        found = check(Service.SMART_HELP, [a]) + check(Service.CONCILIAZIONE, [b])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert a.dimensione == 15 * MB
    assert found == []
    assert peak < MB


@pytest.mark.parametrize("wrong", [None, [], 42, b"a.pdf"], ids=repr)
def test_name_and_spcen_refuse_what_is_not_text(wrong: object) -> None:
    """check_name, compact_spcen: attachments.not_text; is_valid_spcen: False (rule: AT-6)."""
    from sportello.rules.attachments import compact_spcen, is_valid_spcen

    assert [v.code for v in check_name(wrong, path="allegati[0].nome")] == [  # type: ignore[arg-type]
        "attachments.not_text"
    ]
    with pytest.raises(ValidationError) as caught:
        compact_spcen(wrong)  # type: ignore[arg-type]
    assert [v.code for v in caught.value.violations] == ["attachments.not_text"]
    assert is_valid_spcen(wrong) is False  # type: ignore[arg-type]


@given(st.text(max_size=12))
def test_name_control_is_the_first_c0_del_or_c1_character(nome: str) -> None:
    """AT-4: the control character reported is the first of C0, DEL or C1 in the name."""
    controls = [c for c in nome if ord(c) < 32 or 0x7F <= ord(c) < 0xA0]
    found = [
        v.params["carattere"] for v in check_name(nome) if v.code == "attachments.name_control"
    ]
    assert found == ([f"U+{ord(controls[0]):04X}"] if controls and nome.strip() else [])


# --- the records: policies, extensions, sizes, constructors, in full -------------------------


def test_at2_policy_extensions_are_lower_case_with_one_dot() -> None:
    """AT-2: extensions given with or without a dot, in any case, become ``.ext``."""
    policy = AttachmentPolicy(extensions=[".PDF", "Docx", "odt"])
    assert policy.extensions == (".pdf", ".docx", ".odt")
    assert policy.accepts_extension("Bolletta.PDF")
    assert policy.accepts_extension("a.DOCX")
    assert not policy.accepts_extension("a.pdf.exe")
    assert not policy.accepts_extension("pdf")


@pytest.mark.parametrize(
    ("nome", "ext"),
    [("a.", ""), (".pdf", ""), ("LEGGIMI", ""), ("a.b.PDF", ".pdf"), ("a.pdf", ".pdf")],
)
def test_extension_needs_a_stem_a_dot_and_an_extension(nome: str, ext: str) -> None:
    """AT-2/AT-4: a trailing dot or a leading dot alone is no extension."""
    from sportello.rules.attachments import extension_of

    assert extension_of(nome) == ext


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (2 * MB - 1, "2 MB"),  # rounded up to a whole number: no ".00"
        (2 * MB, "2 MB"),
        (2 * MB + 1, "2.01 MB"),
        (1000, "1 kB"),
        (999, "999 byte"),
    ],
)
def test_human_size_rounds_up_and_drops_zero_decimals(n: int, text: str) -> None:
    """AT-1, AT-3: sizes in messages round up and never show ``.00``."""
    assert human_size(n) == text


def test_from_bytes_and_from_file_keep_the_name() -> None:
    """AT-1: the constructors keep the given name; a file that cannot seek is named."""
    assert Attachment.from_bytes("a.pdf", b"%PDF-1.7").nome == "a.pdf"

    class Pipe(io.RawIOBase):
        def seekable(self) -> bool:
            return False

    with pytest.raises(ValidationError) as caught:
        Attachment.from_file(Pipe(), nome="a.pdf")  # type: ignore[arg-type]
    assert [(v.code, v.params) for v in caught.value.violations] == [
        ("attachments.not_seekable", {"nome": "a.pdf"})
    ]


# --- every violation in full: code, rule, path, params -------------------------------------


def _full(v: Violation) -> tuple[str, str, str, dict[str, object]]:
    return (v.code, v.rule, v.path, dict(v.params))


@pytest.mark.parametrize(
    ("nome", "expected"),
    [
        ("", [("attachments.name_empty", "", "p", {})]),
        ("a/b.pdf", [("attachments.name_separator", "", "p", {"nome": "a/b.pdf"})]),
        (".", [("attachments.name_traversal", "", "p", {"nome": "."})]),
        (" . ", [("attachments.name_traversal", "", "p", {"nome": " . "})]),
        ("..", [("attachments.name_traversal", "", "p", {"nome": ".."})]),
        ("a\x1fb.pdf", [("attachments.name_control", "", "p", {"carattere": "U+001F"})]),
        ("a\x85b.pdf", [("attachments.name_control", "", "p", {"carattere": "U+0085"})]),
        ("a\udfffb.pdf", [("attachments.name_not_utf8", "", "p", {})]),
        (
            "a" * 252 + ".pdf",
            [("attachments.name_too_long", "", "p", {"max_bytes": 255, "bytes": 256})],
        ),
        (
            "./a\x00" + "é" * 130,
            [
                ("attachments.name_separator", "", "p", {"nome": "./a\x00" + "é" * 130}),
                ("attachments.name_control", "", "p", {"carattere": "U+0000"}),
                ("attachments.name_too_long", "", "p", {"max_bytes": 255, "bytes": 264}),
            ],
        ),
    ],
    ids=[
        "empty",
        "separator",
        "dot",
        "spaced-dot",
        "dotdot",
        "c0",
        "c1",
        "surrogate",
        "long",
        "all",
    ],
)
def test_at4_name_violations_in_full(
    nome: str, expected: list[tuple[str, str, str, dict[str, object]]]
) -> None:
    """AT-4: each name violation with its path and exactly its params; several at once."""
    assert [_full(v) for v in check_name(nome, path="p")] == expected


def test_at4_name_limit_is_255_bytes_of_utf8() -> None:
    """MAX_NAME_BYTES: 255 bytes of UTF-8 pass, 256 do not, however many characters."""
    assert MAX_NAME_BYTES == 255
    assert check_name("é" * 125 + "a.pdf") == []  # 250 + 5 bytes, 130 characters
    (v,) = check_name("é" * 126 + ".pdf")  # 252 + 4 bytes
    assert (v.code, v.params["bytes"]) == ("attachments.name_too_long", 256)


@pytest.mark.parametrize("wrong", [None, 42, b"a.pdf"], ids=repr)
def test_not_text_names_its_type_and_path(wrong: object) -> None:
    """A name that is not a str: attachments.not_text at the path, with the type's name."""
    (v,) = check_name(wrong, path="allegati[0].nome")  # type: ignore[arg-type]
    assert _full(v) == (
        "attachments.not_text",
        "",
        "allegati[0].nome",
        {"type": type(wrong).__name__},
    )


def test_check_name_path_defaults_to_empty() -> None:
    """Without path=, check_name's violations sit at the empty path."""
    assert [v.path for v in check_name("")] == [""]
    assert [v.path for v in check_name(".")] == [""]


@pytest.mark.parametrize(
    ("service", "rule"),
    [(Service.SMART_HELP, "AT-2"), (Service.CONCILIAZIONE, "AT-4")],
)
def test_at2_at4_missing_extension_in_full(service: Service, rule: str) -> None:
    """AT-2/AT-4: a name without extension, with the service's rule and list, at .nome."""
    (v,) = check(service, [Attachment(nome="LEGGIMI", dimensione=3)])
    assert _full(v) == (
        "attachments.missing_extension",
        rule,
        "allegati[0].nome",
        {"consentite": service.policy.extensions},
    )


def test_at3_file_too_large_in_full() -> None:
    """AT-3: a document over 15 MB, with the limit and its size in bytes and in words."""
    (v,) = check(Service.CONCILIAZIONE, [pdf(size=15 * MB + 1)])
    assert _full(v) == (
        "attachments.file_too_large",
        "AT-3",
        "allegati[0]",
        {
            "max_file_bytes": 15_000_000,
            "size_bytes": 15_000_001,
            "max_file": "15 MB",
            "size": "15.01 MB",
        },
    )


def test_at1_send_violations_carry_the_policys_rule() -> None:
    """too_many and total_too_large report the policy's limit rule, not the catalog's."""
    policy = AttachmentPolicy(max_count=1, max_total_bytes=MB, extensions=["pdf"], limit_rule="X-9")
    found = check(policy, [pdf("a.pdf", MB), pdf("b.pdf", 1)])
    assert [_full(v) for v in found] == [
        ("attachments.too_many", "X-9", "allegati", {"max_count": 1, "count": 2}),
        (
            "attachments.total_too_large",
            "X-9",
            "allegati",
            {
                "max_total_bytes": MB,
                "total_bytes": MB + 1,
                "max_total": "1 MB",
                "total": "1.01 MB",
            },
        ),
    ]


def test_a_negative_size_is_empty() -> None:
    """A document of no bytes or fewer (a broken caller) is attachments.empty at its path."""
    for size in (0, -1):
        found = check(Service.CONCILIAZIONE, [Attachment(nome="a.pdf", dimensione=size)])
        assert [_full(v) for v in found] == [("attachments.empty", "", "allegati[0]", {})]


# --- check_file: the whole file, body then archive -----------------------------------------

PE = b"MZ" + bytes(58) + (0x80).to_bytes(4, "little") + bytes(0x80 - 64) + b"PE\x00\x00"


def _docx(parts: dict[str, bytes], *, stored: bool = False) -> bytes:
    import zipfile

    buf = io.BytesIO()
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(buf, "w", method) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buf.getvalue()


def test_check_file_reports_a_polyglot_at_its_path() -> None:
    """check_file: a program after a PDF is attachments.polyglot at the given path."""
    (v,) = check_file(io.BytesIO(b"%PDF-1.7\n" + PE), nome="a.pdf", path="allegati[1]")
    assert _full(v) == (
        "attachments.polyglot",
        "",
        "allegati[1]",
        {"estensione": ".pdf", "rilevato": "PE", "posizione": 9},
    )


def test_check_file_checks_an_office_document_as_an_archive() -> None:
    """check_file: a .docx is then read as a zip, from its start, at the given path."""
    ok = io.BytesIO(_docx({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"}))
    assert check_file(ok, nome="a.docx", path="allegati[0]") == []
    broken = io.BytesIO(b"PK\x03\x04 rotto")
    (v,) = check_file(broken, nome="a.docx", path="allegati[0]")
    assert _full(v) == (
        "attachments.archive_invalid",
        "",
        "allegati[0]",
        {"nome": "a.docx", "estensione": ".docx"},
    )
    bomb = io.BytesIO(_docx({"word/a.bin": bytes(2 * MB)}))
    assert [v.code for v in check_file(bomb, nome="a.docx")] == ["attachments.archive_bomb"]


def test_check_file_stops_at_the_body_finding() -> None:
    """check_file: a finding in the body is the answer; the archive is not read after it."""
    data = _docx({"word/media/a.bin": PE + bytes(100)}, stored=True)
    body = io.BytesIO(data[: data.index(b"PK\x01\x02")])  # no directory: not a readable zip
    found = check_file(body, nome="a.docx")
    assert [(v.code, v.params["rilevato"]) for v in found] == [("attachments.polyglot", "PE")]
    assert "parte" not in found[0].params  # from the raw bytes, not from the archive


def test_check_file_path_defaults_to_empty() -> None:
    """Without path=, check_file's violations sit at the empty path."""
    assert [v.path for v in check_file(io.BytesIO(b"%PDF-1.7\n" + PE), nome="a.pdf")] == [""]
    assert [v.path for v in check_file(io.BytesIO(b"PK\x03\x04"), nome="a.odt")] == [""]


def test_check_file_leaves_other_files_to_the_body_check() -> None:
    """check_file: a clean PDF or text gives nothing; a .zip name is not read as an archive."""
    assert check_file(io.BytesIO(b"%PDF-1.7\n" + bytes(100)), nome="a.pdf") == []
    assert check_file(io.BytesIO(b"Gentile Sportello\n"), nome="a.txt") == []
    assert check_file(io.BytesIO(b"PK\x03\x04 rotto"), nome="a.zip") == []

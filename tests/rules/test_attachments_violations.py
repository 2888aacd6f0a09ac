"""Each attachment refusal in full: its code, rule, path and parameters, both sides of a limit."""

import pytest

from sportello import Violation
from sportello.rules.attachments import (
    MAX_NAME_BYTES,
    MB,
    Attachment,
    AttachmentPolicy,
    Service,
    check,
    check_name,
    human_size,
)

PDF = b"%PDF-1.7\n"


@pytest.mark.parametrize("path", ["", "allegati[2].nome"])
@pytest.mark.parametrize(
    ("nome", "expected"),
    [
        (3, [("attachments.not_text", {"type": "int"})]),
        (None, [("attachments.not_text", {"type": "NoneType"})]),
        ("   ", [("attachments.name_empty", {})]),
        ("", [("attachments.name_empty", {})]),
        ("a/b.pdf", [("attachments.name_separator", {"nome": "a/b.pdf"})]),
        ("a\\b.pdf", [("attachments.name_separator", {"nome": "a\\b.pdf"})]),
        (".", [("attachments.name_traversal", {"nome": "."})]),
        (" .. ", [("attachments.name_traversal", {"nome": " .. "})]),
        ("a\x01.pdf", [("attachments.name_control", {"carattere": "U+0001"})]),
        ("a\x9f.pdf", [("attachments.name_control", {"carattere": "U+009F"})]),
        ("a\ud800.pdf", [("attachments.name_not_utf8", {})]),
        (
            "x" * (MAX_NAME_BYTES - 3) + ".pdf",
            [("attachments.name_too_long", {"max_bytes": 255, "bytes": 256})],
        ),
        (
            "è" * 126 + ".pdf",
            [("attachments.name_too_long", {"max_bytes": 255, "bytes": 256})],
        ),
        (
            "../a\x00",
            [
                ("attachments.name_separator", {"nome": "../a\x00"}),
                ("attachments.name_control", {"carattere": "U+0000"}),
            ],
        ),
    ],
)
def test_check_name_refusals_in_full(
    nome: object, expected: list[tuple[str, dict[str, object]]], path: str
) -> None:
    """A refused name: each violation at the given path (default ""), with its parameters."""
    found = check_name(nome, path=path) if path else check_name(nome)  # type: ignore[arg-type]
    assert found == [Violation.of(code, path=path, **params) for code, params in expected]


@pytest.mark.parametrize(
    "nome", ["x" * (MAX_NAME_BYTES - 4) + ".pdf", "è" * 125 + "x.pdf", "..a.pdf", "a.b.pdf"]
)
def test_names_at_the_limit_pass(nome: str) -> None:
    """255 bytes of UTF-8 is still a name; dots inside a name are no traversal."""
    assert check_name(nome) == []


def _only(found: list[Violation], code: str) -> list[Violation]:
    return [v for v in found if v.code == code]


def test_extension_violations_name_the_policys_rule_and_list() -> None:
    """AT-4 for the conciliation's list (AT-2 elsewhere), at the name's path, the list given."""
    allowed = Service.CONCILIAZIONE.policy.extensions
    found = check(Service.CONCILIAZIONE, [Attachment(nome="bolletta", dimensione=10, head=PDF)])
    assert _only(found, "attachments.missing_extension") == [
        Violation.of(
            "attachments.missing_extension",
            path="allegati[0].nome",
            rule="AT-4",
            consentite=allowed,
        )
    ]
    found = check(
        Service.CONCILIAZIONE,
        [
            Attachment(nome="a.pdf", dimensione=10, head=PDF),
            Attachment(nome="b.wav", dimensione=10, head=b"RIFF"),
        ],
    )
    assert _only(found, "attachments.extension_not_allowed") == [
        Violation.of(
            "attachments.extension_not_allowed",
            path="allegati[1].nome",
            rule="AT-4",
            estensione=".wav",
            consentite=allowed,
        )
    ]


def test_a_file_over_the_cap_is_refused_in_full_and_the_cap_itself_passes() -> None:
    """AT-3: 15,000,000 bytes pass, one more is refused with both sizes, raw and for people."""
    cap = 15_000_000
    ok = Attachment(nome="a.pdf", dimensione=cap, head=PDF)
    assert check(Service.CONCILIAZIONE, [ok]) == []
    big = Attachment(nome="a.pdf", dimensione=cap + 1, head=PDF)
    assert check(Service.CONCILIAZIONE, [ok, big]) == [
        Violation.of(
            "attachments.file_too_large",
            path="allegati[1]",
            rule="AT-3",
            max_file_bytes=cap,
            size_bytes=cap + 1,
            max_file=human_size(cap),
            size=human_size(cap + 1),
        )
    ]


def test_an_empty_file_is_refused_at_its_path() -> None:
    """A document of 0 bytes is attachments.empty at allegati[i]."""
    found = check(Service.SMART_HELP, [Attachment(nome="a.pdf", dimensione=0, head=b"")])
    assert _only(found, "attachments.empty") == [
        Violation.of("attachments.empty", path="allegati[0]")
    ]


def test_send_limits_carry_the_policys_rule() -> None:
    """Count and total refusals name the policy's limit rule (here AT-3), not the catalog's."""
    policy = AttachmentPolicy(
        max_count=1, max_total_bytes=2 * MB, extensions=["pdf"], limit_rule="AT-3"
    )
    one = Attachment(nome="a.pdf", dimensione=MB + 1, head=PDF)
    found = check(policy, [one, one])
    assert found == [
        Violation.of("attachments.too_many", path="allegati", rule="AT-3", max_count=1, count=2),
        Violation.of(
            "attachments.total_too_large",
            path="allegati",
            rule="AT-3",
            max_total_bytes=2 * MB,
            total_bytes=2 * MB + 2,
            max_total=human_size(2 * MB),
            total=human_size(2 * MB + 2),
        ),
    ]

"""Splitting a set over several sends (AT-5) and waiting for the SPCEN code (AT-6)."""

import datetime as dt
from collections.abc import Iterator, Sequence

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sportello import ValidationError
from sportello.rules.attachments import (
    EXACT_UP_TO,
    MB,
    Attachment,
    AttachmentPolicy,
    SendSequence,
    Service,
    check,
    compact_spcen,
    is_valid_spcen,
    plan_sends,
    spcen_due,
)

SMART_SERVICES = [Service.SMART_HELP, Service.SMART_INFO, Service.INFORMAZIONI_SEGNALAZIONI]


def pdf(nome: str, size: int) -> Attachment:
    """A PDF-looking attachment of ``size`` bytes."""
    return Attachment(nome=nome, dimensione=size, head=b"%PDF-1.7\n")


def names(sends: list[list[Attachment]]) -> list[list[str]]:
    """The names in each send."""
    return [[a.nome for a in send] for send in sends]


def partitions(items: list[int]) -> Iterator[list[list[int]]]:
    """Every partition of ``items`` into non-empty blocks (for brute force)."""
    if not items:
        yield []
        return
    first, rest = items[0], items[1:]
    for part in partitions(rest):
        yield [[first], *part]
        for i in range(len(part)):
            yield [*part[:i], [first, *part[i]], *part[i + 1 :]]


def fewest_sends(sizes: Sequence[int], max_count: int, max_total: int) -> int:
    """The optimum number of sends, by trying every partition."""
    return min(
        len(p)
        for p in partitions(list(range(len(sizes))))
        if all(len(b) <= max_count and sum(sizes[i] for i in b) <= max_total for b in p)
    )


def test_at5_seven_small_files_take_two_sends() -> None:
    """AT-5: 7 small documents for SMART Help go 5 + 2, in input order."""
    files = [pdf(f"f{i}.pdf", 1000) for i in range(7)]
    assert names(plan_sends(Service.SMART_HELP, files)) == [
        [f"f{i}.pdf" for i in range(5)],
        ["f5.pdf", "f6.pdf"],
    ]


def test_at5_exact_beats_first_fit_decreasing() -> None:
    """AT-5: where FFD needs 3 sends the exact search finds the optimum 2 (10 = 5+3+2 = 4+3+3)."""
    policy = AttachmentPolicy(max_total_bytes=10, extensions=["pdf"])
    files = [pdf(f"{c}.pdf", s) for c, s in zip("abcdef", [5, 4, 3, 3, 3, 2], strict=True)]
    sends = plan_sends(policy, files)
    assert len(sends) == 2
    assert all(check(policy, send) == [] for send in sends)


def test_at5_conciliation_takes_everything_in_one_send() -> None:
    """AT-3/AT-5: conciliation has no count or total limit, so one send holds all."""
    files = [pdf(f"f{i}.pdf", 15 * MB) for i in range(30)]
    assert plan_sends(Service.CONCILIAZIONE, files) == [files]


def test_at5_no_files_no_sends() -> None:
    """AT-5: an empty set needs no send."""
    assert plan_sends(Service.SMART_HELP, []) == []


@pytest.mark.parametrize("service", [*SMART_SERVICES, Service.CONCILIAZIONE])
def test_at5_file_that_never_fits_raises(service: Service) -> None:
    """AT-5: a document over 15 MB can fit no send: a ValidationError, not an endless loop."""
    files = [pdf("ok.pdf", MB), pdf("enorme.pdf", 15 * MB + 1)]
    with pytest.raises(ValidationError) as info:
        plan_sends(service, files)
    assert [(v.code, v.path) for v in info.value.violations] == [
        ("attachments.file_too_large", "allegati[1]")
    ]


def test_at5_every_unsendable_file_reported_with_its_path() -> None:
    """AT-2/AT-5: bad names, extensions and content are all raised, at their input index."""
    files = [
        pdf("ok.pdf", 10),
        Attachment(nome="a/b.exe", dimensione=10, head=b"MZ"),
        Attachment(nome="vuoto.pdf", dimensione=0),
    ]
    with pytest.raises(ValidationError) as info:
        plan_sends(Service.SMART_HELP, files)
    assert [(v.code, v.path) for v in info.value.violations] == [
        ("attachments.name_separator", "allegati[1].nome"),
        ("attachments.extension_not_allowed", "allegati[1].nome"),
        ("attachments.executable", "allegati[1]"),
        ("attachments.empty", "allegati[2]"),
    ]


def attachment_sets(max_size: int, max_files: int) -> st.SearchStrategy[list[Attachment]]:
    """Lists of valid PDFs with sizes up to ``max_size`` (names may repeat)."""
    return st.lists(
        st.builds(
            pdf,
            st.sampled_from(["a.pdf", "b.pdf", "c.PDF", "d.pdf"]),
            st.integers(min_value=1, max_value=max_size),
        ),
        max_size=max_files,
    )


@given(attachment_sets(15 * MB, EXACT_UP_TO + 6))
def test_at5_plan_passes_check_keeps_each_file_once_and_is_deterministic(
    files: list[Attachment],
) -> None:
    """AT-1/AT-5: every planned send passes check, each file appears once, same input same plan."""
    sends = plan_sends(Service.SMART_HELP, files)
    for send in sends:
        assert send
        assert check(Service.SMART_HELP, send) == []
    assert sorted(id(a) for send in sends for a in send) == sorted(id(a) for a in files)
    assert plan_sends(Service.SMART_HELP, files) == sends
    lower = max(-(-len(files) // 5), -(-sum(a.dimensione for a in files) // (15 * MB)))
    assert len(sends) >= lower


@given(attachment_sets(10, 7), st.integers(min_value=1, max_value=4))
def test_at5_plan_is_optimal_for_small_sets(files: list[Attachment], max_count: int) -> None:
    """AT-5: up to EXACT_UP_TO documents the plan uses the fewest sends (against brute force)."""
    policy = AttachmentPolicy(max_count=max_count, max_total_bytes=10, extensions=["pdf"])
    sends = plan_sends(policy, files)
    assert all(check(policy, send) == [] for send in sends)
    if files:
        assert len(sends) == fewest_sends([a.dimensione for a in files], max_count, 10)


# rule: AT-6
def test_at6_spcen_due_skips_christmas_and_st_stephen() -> None:
    """AT-6: a first send on 2026-12-23 has the SPCEN e-mail due on 2026-12-29."""
    assert spcen_due(dt.date(2026, 12, 23)) == dt.date(2026, 12, 29)
    seq = SendSequence().record_send(dt.date(2026, 12, 23))
    assert seq.spcen_due == dt.date(2026, 12, 29)


def test_at6_spcen_due_over_a_weekend() -> None:
    """AT-6: a first send on Friday 2026-11-27 is due on Wednesday 2026-12-02."""
    assert spcen_due(dt.date(2026, 11, 27)) == dt.date(2026, 12, 2)


def test_at6_further_send_waits_for_spcen() -> None:
    """AT-6: after the first send of a new case the next send is refused until the SPCEN code."""
    seq = SendSequence()
    assert seq.can_send
    assert seq.spcen_due is None
    seq = seq.record_send(dt.date(2026, 12, 23))
    assert (seq.invii, seq.primo_invio, seq.can_send) == (1, dt.date(2026, 12, 23), False)
    found = seq.check_next_send()
    assert [(v.code, v.rule, v.path) for v in found] == [
        ("attachments.spcen_pending", "AT-6", "codice_spcen")
    ]
    assert found[0].params["scadenza"] == dt.date(2026, 12, 29)
    assert "29/12/2026" in found[0].message()
    assert "2026-12-29" in found[0].message("en")
    with pytest.raises(ValidationError) as info:
        seq.record_send(dt.date(2026, 12, 24))
    assert info.value.codes == ("attachments.spcen_pending",)
    seq = seq.receive_spcen("spcen-000123")
    assert seq.codice_spcen == "SPCEN000123"
    seq = seq.record_send(dt.date(2026, 12, 30)).record_send(dt.date(2026, 12, 30))
    assert (seq.invii, seq.primo_invio) == (3, dt.date(2026, 12, 23))


def test_at6_sends_to_an_existing_case_need_no_wait() -> None:
    """AT-6: when the sends do not open a new case, no SPCEN wait applies."""
    seq = SendSequence(apre_pratica=False).record_send(dt.date(2026, 12, 23))
    assert seq.can_send
    assert seq.record_send(dt.date(2026, 12, 23)).invii == 2


def test_at6_overdue_after_the_due_day() -> None:
    """AT-6: the code is overdue only after the due day and while still missing."""
    seq = SendSequence().record_send(dt.date(2026, 12, 23))
    assert not seq.is_overdue(dt.date(2026, 12, 29))
    assert seq.is_overdue(dt.date(2026, 12, 30))
    assert not seq.receive_spcen("SPCEN1").is_overdue(dt.date(2027, 1, 30))


@pytest.mark.parametrize(
    ("code", "valid"),
    [
        ("SPCEN123456", True),
        ("spcen 123456", True),
        ("SPCEN-0001/23", True),
        ("SPCEN1", True),
        ("SPCEN123456789012", True),
        ("SPCEN1234567890123", False),
        ("SPCEN", False),
        ("SPC123456", False),
        ("123456", False),
        ("SPCENABC", False),
    ],
)
def test_at6_spcen_format(code: str, valid: bool) -> None:
    """AT-6: SPCEN codes are 'SPCEN' plus 1..12 digits, any case, separators dropped."""
    assert is_valid_spcen(code) is valid


def test_at6_invalid_spcen_refused() -> None:
    """AT-6: a malformed SPCEN code raises a ValidationError and is not stored."""
    with pytest.raises(ValidationError) as info:
        SendSequence().receive_spcen("PRATICA-12")
    assert info.value.codes == ("attachments.spcen_invalid",)
    assert compact_spcen(" Spcen 12 ") == "SPCEN12"


# --- AT-5: the plan is optimal up to EXACT_UP_TO, first-fit decreasing beyond -----------------

#: Ten bytes a send, no count limit: small numbers make the optimum easy to compute by hand.
TEN = AttachmentPolicy(max_count=None, max_total_bytes=10, extensions=["pdf"])


def _docs(sizes: Sequence[int]) -> list[Attachment]:
    return [pdf(f"f{i:02d}.pdf", s) for i, s in enumerate(sizes)]


def _fewest(sizes: Sequence[int], max_count: int, max_total: int) -> int:
    """The fewest sends, by trying every partition (only for a handful of documents)."""

    def partitions(items: list[int]) -> Iterator[list[list[int]]]:
        if not items:
            yield []
            return
        first, rest = items[0], items[1:]
        for part in partitions(rest):
            for i in range(len(part)):
                yield [*part[:i], [first, *part[i]], *part[i + 1 :]]
            yield [[first], *part]

    return min(
        len(p)
        for p in partitions(list(range(len(sizes))))
        if all(len(b) <= max_count and sum(sizes[i] for i in b) <= max_total for b in p)
    )


@given(
    sizes=st.lists(st.integers(1, 10), min_size=1, max_size=7),
    max_count=st.integers(1, 4),
)
def test_at5_plan_is_optimal_complete_and_within_the_limits(
    sizes: list[int], max_count: int
) -> None:
    """AT-5: the fewest sends, each document once, in input order, each send within limits."""
    policy = AttachmentPolicy(max_count=max_count, max_total_bytes=10, extensions=["pdf"])
    docs = _docs(sizes)
    sends = plan_sends(policy, docs)
    assert len(sends) == _fewest(sizes, max_count, 10)
    assert sorted(a.nome for s in sends for a in s) == [a.nome for a in docs]
    for send in sends:
        assert len(send) <= max_count
        assert sum(a.dimensione for a in send) <= 10
        assert [docs.index(a) for a in send] == sorted(docs.index(a) for a in send)
    assert [docs.index(s[0]) for s in sends] == sorted(docs.index(s[0]) for s in sends)


def test_at5_exactly_exact_up_to_documents_are_packed_optimally() -> None:
    """AT-5: with EXACT_UP_TO (10) documents first-fit decreasing's 5 sends become the best 4."""
    sizes = [7, 6, 5, 4, 4, 4, 3, 3, 2, 2]
    assert len(sizes) == EXACT_UP_TO
    docs = _docs(sizes)
    sends = plan_sends(TEN, docs)
    assert len(sends) == 4  # 40 bytes in sends of 10 bytes: the least possible
    assert all(sum(a.dimensione for a in s) <= 10 for s in sends)
    assert sorted(a.nome for s in sends for a in s) == [a.nome for a in docs]


def test_at5_a_plan_that_fills_every_slot_is_found() -> None:
    """AT-5: 9 documents, 3 a send: the best plan uses all 9 slots (first-fit needs 4 sends)."""
    policy = AttachmentPolicy(max_count=3, max_total_bytes=10, extensions=["pdf"])
    docs = _docs([1, 2, 3, 7, 1, 4, 1, 1, 4])
    sends = plan_sends(policy, docs)
    assert [len(s) for s in sends] == [3, 3, 3]
    assert all(sum(a.dimensione for a in s) <= 10 for s in sends)
    assert sorted(a.nome for s in sends for a in s) == [a.nome for a in docs]


def test_at5_beyond_exact_up_to_first_fit_decreasing_is_kept() -> None:
    """AT-5: past EXACT_UP_TO documents the plan is first-fit decreasing's, as documented."""
    sizes = [6, 4, 4, 4, 4, 4, 3, 3, 3, 3, 2]  # the best is 4 sends; FFD takes 5
    sends = plan_sends(TEN, _docs(sizes))
    assert [[a.nome for a in s] for s in sends] == [
        ["f00.pdf", "f01.pdf"],
        ["f02.pdf", "f03.pdf", "f10.pdf"],
        ["f04.pdf", "f05.pdf"],
        ["f06.pdf", "f07.pdf", "f08.pdf"],
        ["f09.pdf"],
    ]


def test_at5_first_fit_takes_the_biggest_first_then_name_then_input_order() -> None:
    """AT-5: decreasing size, ties by name then input order, decide where each document goes."""
    docs = [pdf("b.pdf", 3)] + [pdf(f"z{i:02d}.pdf", 4) for i in range(9)] + [pdf("a.pdf", 3)]
    sends = plan_sends(TEN, docs)
    # 4 + 4 fill five sends to 8 bytes; the last 4 takes a.pdf (the same size, an earlier name)
    # then b.pdf; each send lists its documents in input order, sends by their first document
    assert [[a.nome for a in s] for s in sends] == [
        ["b.pdf", "z08.pdf", "a.pdf"],
        ["z00.pdf", "z01.pdf"],
        ["z02.pdf", "z03.pdf"],
        ["z04.pdf", "z05.pdf"],
        ["z06.pdf", "z07.pdf"],
    ]


# --- AT-6: every violation in full ----------------------------------------------------------


def test_at6_pending_code_names_the_due_day_and_the_first_send() -> None:
    """AT-6: the wait is at ``codice_spcen``, with the due day and the first send's day."""
    seq = SendSequence().record_send(dt.date(2026, 12, 23))
    assert [(v.code, v.path, v.params) for v in seq.check_next_send()] == [
        (
            "attachments.spcen_pending",
            "codice_spcen",
            {"scadenza": dt.date(2026, 12, 29), "primo_invio": dt.date(2026, 12, 23)},
        )
    ]


def test_at6_spcen_refusals_in_full() -> None:
    """AT-6: a malformed code, or one that is not text, is refused at ``codice_spcen``."""
    with pytest.raises(ValidationError) as caught:
        SendSequence().receive_spcen("SPC123")
    assert [(v.code, v.path, v.params) for v in caught.value.violations] == [
        ("attachments.spcen_invalid", "codice_spcen", {})
    ]
    with pytest.raises(ValidationError) as caught:
        compact_spcen(123)  # type: ignore[arg-type]
    assert [(v.code, v.path, v.params) for v in caught.value.violations] == [
        ("attachments.not_text", "codice_spcen", {"type": "int"})
    ]

"""Decoding bytes into text, normalising newlines, and removing terminal controls,
with every offset pointing into the decoded text."""

from __future__ import annotations

import codecs

import pytest

from briefer.ingest import BinaryFile, parse
from briefer.ingest.decode import decode

ARTICLE = (
    "Talks resume in Cairo\n"
    "\n"
    "“We are closer than we have been in weeks,” said one Egyptian official.\n"
    "\n"
    "The café near the embassy was full — négociateurs, reporters and aides.\n"
)


def paragraphs(data: bytes, fmt: str = "text") -> list[str]:
    document, _ = parse("a.txt", fmt, data)
    return [p.text for p in document.paragraphs]


def test_utf8_with_and_without_bom_read_alike(assert_maps_to_source) -> None:
    plain = ARTICLE.encode("utf-8")
    assert paragraphs(plain) == paragraphs(codecs.BOM_UTF8 + plain)
    document, notices = parse("a.txt", "text", codecs.BOM_UTF8 + plain)
    assert notices == []
    assert document.paragraphs[1].text.startswith("“We are closer")
    assert_maps_to_source(document, ARTICLE)  # offsets count from after the BOM


def test_windows_1252_falls_back_with_curly_quotes_and_a_warning() -> None:
    data = ARTICLE.encode("cp1252", errors="replace")
    document, notices = parse("old.txt", "text", data)
    assert document.paragraphs[1].text.startswith("“We are closer than we have been in weeks,”")
    assert "café" in document.paragraphs[2].text
    assert len(notices) == 1 and not notices[0].skipped
    assert "Windows-1252" in str(notices[0]) and "old.txt" in str(notices[0])


def test_stray_windows_1252_bytes_in_utf8_keep_the_utf8_characters() -> None:
    data = ARTICLE.encode("utf-8") + b"He called it \x93a disgrace\x94.\n"
    document, notices = parse("pasted.txt", "text", data)
    assert document.paragraphs[1].text.startswith("“We are closer")  # not â€œ
    assert document.paragraphs[-1].text == "He called it “a disgrace”."
    assert "Windows-1252" in notices[0].message


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_a_bom_is_read(encoding: str, assert_maps_to_source) -> None:
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(encoding, b"")
    document, notices = parse("u16.txt", "text", bom + ARTICLE.encode(encoding))
    assert notices == []
    assert [p.text for p in document.paragraphs] == paragraphs(ARTICLE.encode())
    assert_maps_to_source(document, ARTICLE)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_read_with_a_warning(encoding: str) -> None:
    document, notices = parse("u16.txt", "text", ARTICLE.encode(encoding))
    assert [p.text for p in document.paragraphs] == paragraphs(ARTICLE.encode())
    assert "byte-order mark" in notices[0].message


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_newlines_are_normalised_and_offsets_count_them_as_one(
    newline: str, assert_maps_to_source
) -> None:
    data = ARTICLE.replace("\n", newline).encode("utf-8")
    document, _ = parse("dos.txt", "text", data)
    assert decode(data).text == ARTICLE
    assert [p.text for p in document.paragraphs] == paragraphs(ARTICLE.encode())
    assert [(p.start, p.end) for p in document.paragraphs] == [
        (p.start, p.end) for p in parse("unix.txt", "text", ARTICLE.encode())[0].paragraphs
    ]
    assert_maps_to_source(document, ARTICLE)


def test_wrapped_crlf_markdown_maps_to_normalised_offsets(assert_maps_to_source) -> None:
    source = "# Cairo\n\nTalks resumed on\nSunday, officials said.\n\n- one\n- two\n"
    document, _ = parse("n.md", "markdown", source.replace("\n", "\r\n").encode())
    assert [p.text for p in document.paragraphs] == [
        "Talks resumed on Sunday, officials said.",
        "one",
        "two",
    ]
    assert_maps_to_source(document, source)


def test_controls_and_escapes_are_removed_with_offsets_into_the_decoded_text(
    assert_maps_to_source,
) -> None:
    source = (
        "Talks resume in Cairo\n"
        "The \x1b[1mtalks\x1b[0m resumed\x07 on Sunday,\x1b]0;owned\x07 officials\x00 said.\n"
        "Egypt\u202e and Qatar\u200b mediate.\x9b2J\n"
    )
    document, _ = parse("esc.txt", "text", source.encode("utf-8"))
    assert [p.text for p in document.paragraphs][1:] == [
        "The talks resumed on Sunday, officials said.",
        "Egypt and Qatar mediate.",
    ]
    assert_maps_to_source(document, source)
    talks = document.paragraphs[1]
    start, end = talks.source_span(4, 9)
    assert source[start:end] == "talks"


def test_random_bytes_are_binary_not_text() -> None:
    data = bytes(range(256)) * 64
    with pytest.raises(BinaryFile):
        parse("blob.txt", "text", data)

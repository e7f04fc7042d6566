"""Markdown: headings make sections; paragraphs, items and quotes make paragraphs;
markup is stripped and every offset still points into the file."""

from __future__ import annotations

import pytest

from briefer.ingest import read_markdown

NOTE = """\
# Hezbollah and Hamas: a briefing note

Leaders from **Hamas** and _Hezbollah_ have met several times since October,
according to [officials](https://example.org/officials "source") in Beirut.

## Who is talking to whom

- Iranian President Ebrahim Raisi called the leaders of Hamas and
  Palestinian Islamic Jihad after the attack.
- Hezbollah chief Hassan Nasrallah met `Saleh al-Arouri` in Beirut.
  1. The meeting was reported by Al-Manar.

> “Hamas, Hezbollah, and Iran… it’s a marriage of convenience,” Doug London,
> a former CIA chief of station, told The Daily Beast.

Tension
-------

Hamas wants more support for its fight, and says so in public.\\
Hezbollah has been careful.

Advertisement

### Open questions

1) Will Iran press Hezbollah to escalate?
2) How long can the Houthis keep up attacks in the Red Sea?
"""


def texts(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def test_headings_make_sections_and_the_first_h1_is_the_title() -> None:
    document = read_markdown("note.md", NOTE)
    assert document.title == "Hezbollah and Hamas: a briefing note"
    assert [s.title for s in document.sections] == [
        None,
        "Who is talking to whom",
        "Tension",
        "Open questions",
    ]
    assert [len(s.paragraphs) for s in document.sections] == [1, 4, 1, 2]


def test_paragraphs_list_items_and_block_quotes_become_paragraphs() -> None:
    assert texts(read_markdown("note.md", NOTE)) == [
        "Leaders from Hamas and Hezbollah have met several times since October, "
        "according to officials in Beirut.",
        "Iranian President Ebrahim Raisi called the leaders of Hamas and "
        "Palestinian Islamic Jihad after the attack.",
        "Hezbollah chief Hassan Nasrallah met Saleh al-Arouri in Beirut.",
        "The meeting was reported by Al-Manar.",
        "“Hamas, Hezbollah, and Iran… it’s a marriage of convenience,” Doug London, "
        "a former CIA chief of station, told The Daily Beast.",
        "Hamas wants more support for its fight, and says so in public. "
        "Hezbollah has been careful.",
        "Will Iran press Hezbollah to escalate?",
        "How long can the Houthis keep up attacks in the Red Sea?",
    ]


def test_offsets_point_into_the_markdown_source(assert_maps_to_source) -> None:
    document = read_markdown("note.md", NOTE)
    assert_maps_to_source(document, NOTE)
    quote = document.paragraphs[4]
    at = quote.text.index("Doug London")
    start, end = quote.source_span(at, at + len("Doug London"))
    assert NOTE[start:end] == "Doug London"


def test_entities_and_escapes_are_rendered_and_anchored_at_their_markup() -> None:
    source = "Profits &amp; losses rose 5\\*, said the AT&amp;T filing.\n"
    paragraph = read_markdown("e.md", source).paragraphs[0]
    assert paragraph.text == "Profits & losses rose 5*, said the AT&T filing."
    assert source[paragraph.source_offset(paragraph.text.index("&"))] == "&"
    at = paragraph.text.index("filing")
    assert source[paragraph.source_offset(at) :].startswith("filing")


def test_text_after_a_link_maps_past_its_address() -> None:
    source = "See [the report](http://example.org/a.b.c). Then more.\n"
    paragraph = read_markdown("l.md", source).paragraphs[0]
    assert paragraph.text == "See the report. Then more."
    stop = paragraph.text.index(". Then")
    assert paragraph.source_offset(stop) == source.index(". Then")


def test_code_and_html_blocks_keep_their_words() -> None:
    source = (
        "# Notes\n\n"
        "    An indented paragraph someone wrote as plain text.\n\n"
        "```\nfenced words\n```\n\n"
        "<div class='x'>Words inside <b>HTML</b></div>\n\n"
        "<!-- a comment nobody sees -->\n"
    )
    assert texts(read_markdown("c.md", source)) == [
        "An indented paragraph someone wrote as plain text.",
        "fenced words",
        "Words inside HTML",
    ]


def test_front_matter_gives_the_title_and_is_not_text(assert_maps_to_source) -> None:
    source = '---\ntitle: "Cairo talks, day two"\ntags: [gaza]\n---\n\nTalks resumed on Sunday.\n'
    document = read_markdown("f.md", source)
    assert document.title == "Cairo talks, day two"
    assert texts(document) == ["Talks resumed on Sunday."]
    assert_maps_to_source(document, source)


def test_without_an_h1_the_title_is_the_first_sentence() -> None:
    source = "## Lead\n\nTalks resumed on Sunday in Cairo. They ended late.\n"
    document = read_markdown("t.md", source)
    assert document.title == "Talks resumed on Sunday in Cairo."
    assert [s.title for s in document.sections] == ["Lead"]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Run `git\ncommit --amend` with care.\n", ["Run git commit --amend with care."]),
        ("- item\n\n\t\tcode under the item\n", ["item", "code under the item"]),
        ("Line one\u2028line two\n\n\u2028\n", ["Line one line two"]),
        ("> quoted **bold\n> across** lines\n", ["quoted bold across lines"]),
        ("Text <span>inline\nhtml</span> here.\n", ["Text inline html here."]),
        ("1. first\n2. second\n   continued\n", ["first", "second continued"]),
    ],
)
def test_tricky_markdown_keeps_exact_offsets(
    source: str, expected: list[str], assert_maps_to_source
) -> None:
    document = read_markdown("t.md", source)
    assert texts(document) == expected
    assert_maps_to_source(document, source)
